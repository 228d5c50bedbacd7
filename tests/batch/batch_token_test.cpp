// The token vendors' batches share the client's token as create_refund does: one token fetch
// serves the whole batch, and a token the vendor stops accepting mid-batch is renewed once for
// all the refunds that meet the 401, not once per refund.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "batch_test_support.hpp"

namespace refundkit::batch_test {
namespace {

using test_support::Succeeds;

struct TokenVendor {
  std::string provider;
  std::string token_path;   ///< POSTs here buy a token
  std::string refund_path;  ///< POSTs here are refunds
  std::string order;
  std::string currency;
};

void PrintTo(const TokenVendor& vendor, std::ostream* out) { *out << vendor.provider; }

class BatchTokenTest : public BatchSandboxTest, public ::testing::WithParamInterface<TokenVendor> {
 protected:
  std::vector<RefundRequest> refunds(const std::string& prefix, int count) const {
    return refunds_on(GetParam().order, "1.00", GetParam().currency, prefix, count);
  }
};

TEST_P(BatchTokenTest, OneTokenFetchServesABatchOfFifty) {
  const std::size_t token_requests = counter("POST", GetParam().token_path);
  const std::vector<Result<Refund>> outcomes =
      client_for(GetParam().provider)->create_refunds(refunds("tok-one", 50));
  ASSERT_EQ(outcomes.size(), 50u);
  for (const Result<Refund>& outcome : outcomes) EXPECT_THAT(outcome, Succeeds());
  EXPECT_EQ(seen(token_requests), 1u);
  EXPECT_EQ(refunds_of(GetParam().provider), 50u);
}

TEST_P(BatchTokenTest, TheTokenOfAnEarlierCallServesTheBatch) {
  auto client = client_for(GetParam().provider);
  const std::size_t token_requests = counter("POST", GetParam().token_path);
  ASSERT_THAT(
      client->create_refund(request(GetParam().order, "1.00", GetParam().currency, "tok-earlier")),
      Succeeds());
  const std::vector<Result<Refund>> outcomes = client->create_refunds(refunds("tok-shared", 20));
  for (const Result<Refund>& outcome : outcomes) EXPECT_THAT(outcome, Succeeds());
  EXPECT_EQ(seen(token_requests), 1u);
}

// The sandbox's clock jumps past the token's lifetime when the batch takes its 26th request: the
// client still holds the token as good (its own clock did not move), so the refunds sent from
// then on meet a 401.
TEST_P(BatchTokenTest, ATokenExpiredMidBatchIsRenewedOnceForAll) {
  constexpr std::size_t kRefunds = 50;
  constexpr std::size_t kJumpAt = 25;
  constexpr std::size_t kConcurrency = 8;
  const std::size_t token_requests = counter("POST", GetParam().token_path);
  const std::size_t refund_requests = counter("POST", GetParam().refund_path);
  const std::vector<RefundRequest> requests = refunds("tok-expired", kRefunds);
  std::size_t pulled = 0;
  const RefundSource next = [&]() -> std::optional<RefundRequest> {
    if (pulled == requests.size()) return std::nullopt;
    if (pulled == kJumpAt) advance_sandbox_clock(kTokenLifetime + std::chrono::seconds(1));
    return requests[pulled++];
  };
  std::vector<Result<Refund>> outcomes;
  const RefundSink keep = [&](std::size_t, Result<Refund> outcome) {
    outcomes.push_back(std::move(outcome));
  };
  BatchOptions options;
  options.concurrency = kConcurrency;
  client_for(GetParam().provider)->stream_refunds(next, keep, options);
  ASSERT_EQ(outcomes.size(), kRefunds);
  for (const Result<Refund>& outcome : outcomes) EXPECT_THAT(outcome, Succeeds());
  EXPECT_EQ(seen(token_requests), 2u) << "the first token, and one renewal for the batch";
  // Each refund refused with 401 is sent once more. Once the token is renewed only those
  // already sent with the old one can meet a 401: at most a batch's worth in flight.
  EXPECT_GT(seen(refund_requests), kRefunds) << "the refunds after the jump must meet the 401";
  EXPECT_LE(seen(refund_requests), kRefunds + kConcurrency);
  EXPECT_EQ(refunds_of(GetParam().provider), kRefunds);
}

INSTANTIATE_TEST_SUITE_P(TokenVendors, BatchTokenTest,
                         ::testing::Values(TokenVendor{"optty", "/optty/auth/",
                                                       "/optty/api/orders/", "OP-2001", "AUD"},
                                           TokenVendor{"skippay", "/skippay/authentication/",
                                                       "/skippay/financing/", "SP-4001", "CZK"}),
                         [](const auto& info) { return info.param.provider; });

}  // namespace
}  // namespace refundkit::batch_test
