// A bounded soak per vendor: refunds through the library while the sandbox faults a third of that
// vendor's requests. No refund may be executed twice, lost, or reported made when it was not.
#include <gtest/gtest.h>

#include <iostream>
#include <string>

#include "soak.hpp"
#include "soak_vendors.hpp"

namespace refundkit::soak {
namespace {

class Soak : public ::testing::TestWithParam<std::string> {};

TEST_P(Soak, ThroughFaultsNoRefundIsDoubledLostOrInvented) {
  SoakOptions options;
  options.provider = GetParam();
  options.refunds = 300;
  const SoakReport report = run_soak(options);
  std::cout << format_report(report);

  EXPECT_EQ(report.doubles, 0);
  EXPECT_EQ(report.losses, 0);
  EXPECT_EQ(report.phantoms, 0);
  EXPECT_EQ(report.unasked, 0);
  EXPECT_GE(report.fault_fraction(), 0.25) << "the soak must actually be faulted";
  EXPECT_EQ(report.created + report.settled_by_read_back + report.reference_exists +
                report.definite_failures + report.unknown_left,
            report.refunds);
  // Every refund in the soak is valid: a definite failure would be a wrong classification.
  EXPECT_EQ(report.definite_failures, 0);
  if (GetParam() == "komfortkasse") {
    EXPECT_GT(report.settled_by_read_back, 0) << "lost answers must be settled by read-back";
  }
  if (GetParam() == "afterpay") {
    // The idempotency key settles every lost answer: a resend is replayed, never doubled.
    EXPECT_GT(report.retries, 0);
  }
}

INSTANTIATE_TEST_SUITE_P(EveryVendor, Soak, ::testing::ValuesIn(soak_providers()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace refundkit::soak
