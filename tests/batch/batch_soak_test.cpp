// The soak's exactly-once check, with the refunds sent as batches: each vendor's refunds through
// two batches at once on one client while the sandbox faults about a third of that vendor's
// requests (5xx and drops before and after processing, resets, 429, timeouts, garbage). No
// refund may be doubled, lost, invented or made unasked, and every outcome must reach its sink
// once, in order.
#include <gtest/gtest.h>

#include <iostream>
#include <string>

#include "soak.hpp"
#include "soak_vendors.hpp"

namespace refundkit::soak {
namespace {

class BatchSoak : public ::testing::TestWithParam<std::string> {};

TEST_P(BatchSoak, ThroughFaultsNoRefundIsDoubledLostOrInvented) {
  SoakOptions options;
  options.provider = GetParam();
  options.refunds = 300;
  options.threads = 2;
  options.batch = true;
  options.batch_concurrency = 8;
  const SoakReport report = run_soak(options);
  std::cout << format_report(report);

  EXPECT_EQ(report.doubles, 0);
  EXPECT_EQ(report.losses, 0);
  EXPECT_EQ(report.phantoms, 0);
  EXPECT_EQ(report.unasked, 0);
  EXPECT_EQ(report.misdelivered, 0);
  EXPECT_GE(report.fault_fraction(), 0.25) << "the soak must actually be faulted";
  EXPECT_EQ(report.created + report.settled_by_read_back + report.reference_exists +
                report.definite_failures + report.unknown_left,
            report.refunds);
  // Every refund is valid and nothing cancels: a definite failure is a wrong classification.
  EXPECT_EQ(report.definite_failures, 0);
  for (const auto& [kind, count] : report.failure_kinds) ADD_FAILURE() << count << " x " << kind;
  if (GetParam() == "komfortkasse") {
    EXPECT_GT(report.settled_by_read_back, 0) << "lost answers must be settled by read-back";
  }
  if (GetParam() != "skippay") {
    EXPECT_GT(report.retries, 0) << "faults must have made the pipeline resend";
  }
}

INSTANTIATE_TEST_SUITE_P(EveryVendor, BatchSoak, ::testing::ValuesIn(soak_providers()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace refundkit::soak
