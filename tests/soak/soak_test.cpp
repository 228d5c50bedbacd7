// A bounded soak per vendor: refunds through the library while the sandbox faults a third of that
// vendor's requests (5xx and drops before and after processing, resets, 429, timeouts, garbage),
// once through create_refund on threads and once as batches (two at once on one client, through
// curl multi). No refund may be executed twice, lost, reported made when it was not, or made
// unasked, and in a batch every outcome must reach its sink once, in order.
#include <gtest/gtest.h>

#include <iostream>
#include <string>
#include <tuple>

#include "soak.hpp"
#include "soak_vendors.hpp"

namespace refundkit::soak {
namespace {

class Soak : public ::testing::TestWithParam<std::tuple<std::string, bool>> {};

TEST_P(Soak, ThroughFaultsNoRefundIsDoubledLostOrInvented) {
  const auto& [provider, batch] = GetParam();
  SoakOptions options;
  options.provider = provider;
  options.refunds = 300;
  if (batch) {
    options.threads = 2;
    options.batch = true;
    options.batch_concurrency = 8;
  }
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
  // Every refund in the soak is valid: a definite failure would be a wrong classification, except
  // rate_limited, when 429s (3 % of requests) used up a refund's attempts: nothing was made, and
  // the merchant sends it again later.
  int rate_limited = 0;
  for (const auto& [kind, count] : report.failure_kinds) {
    if (kind.rfind("rate_limited", 0) == 0) {
      rate_limited += count;
    } else {
      ADD_FAILURE() << count << " x " << kind;
    }
  }
  EXPECT_EQ(report.definite_failures, rate_limited);
  if (provider == "komfortkasse") {
    EXPECT_GT(report.settled_by_read_back, 0) << "lost answers must be settled by read-back";
  }
  if (provider != "skippay") {
    EXPECT_GT(report.retries, 0) << "faults must have made the pipeline resend";
  }
}

INSTANTIATE_TEST_SUITE_P(
    EveryVendor, Soak, ::testing::Combine(::testing::ValuesIn(soak_providers()), ::testing::Bool()),
    [](const auto& info) {
      return std::get<0>(info.param) + (std::get<1>(info.param) ? "_batch" : "_calls");
    });

}  // namespace
}  // namespace refundkit::soak
