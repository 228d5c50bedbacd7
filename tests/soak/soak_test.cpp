// A bounded soak: refunds through the library while the sandbox faults a third of all requests.
// No refund may be executed twice, lost, or reported made when it was not.
#include <gtest/gtest.h>

#include <iostream>

#include "soak.hpp"

namespace refundkit::soak {
namespace {

TEST(Soak, ThroughFaultsNoRefundIsDoubledLostOrInvented) {
  SoakOptions options;
  options.refunds = 300;
  const SoakReport report = run_soak(options);
  std::cout << format_report(report);

  EXPECT_EQ(report.doubles, 0);
  EXPECT_EQ(report.losses, 0);
  EXPECT_EQ(report.phantoms, 0);
  EXPECT_GE(report.fault_fraction(), 0.25) << "the soak must actually be faulted";
  EXPECT_GT(report.settled_by_read_back, 0) << "lost answers must be settled by read-back";
  EXPECT_EQ(
      report.created + report.settled_by_read_back + report.definite_failures + report.unknown_left,
      report.refunds);
  // Every refund in the soak is valid: a definite failure would be a wrong classification.
  EXPECT_EQ(report.definite_failures, 0);
}

}  // namespace
}  // namespace refundkit::soak
