// The retry layer on its own: attempts, the deadline, backoff against Retry-After.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "pipeline/retry_budget.hpp"
#include "pipeline_test_support.hpp"

namespace refundkit::pipeline_test {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(RetryBudget, AllowsRetriesUntilMaxAttempts) {
  FakeClock clock;
  const RetryPolicy policy = clock.policy(3);
  internal::RetryBudget budget(policy);
  budget.count_attempt();
  // 400 random bits: 400 % 501 and 400 % 1001 ms.
  EXPECT_EQ(budget.delay_before_retry(std::nullopt), milliseconds(400));
  budget.count_attempt();
  EXPECT_EQ(budget.delay_before_retry(std::nullopt), milliseconds(400));
  budget.count_attempt();
  EXPECT_EQ(budget.delay_before_retry(std::nullopt), std::nullopt);
  EXPECT_EQ(budget.attempts(), 3);
  EXPECT_TRUE(clock.sleeps().empty()) << "the budget computes waits, its caller waits them";
}

TEST(RetryBudget, ALongerRetryAfterWinsOverTheBackoff) {
  FakeClock clock;
  const RetryPolicy policy = clock.policy(3);
  internal::RetryBudget budget(policy);
  budget.count_attempt();
  EXPECT_EQ(budget.delay_before_retry(seconds(2)), seconds(2));
  budget.count_attempt();
  EXPECT_EQ(budget.delay_before_retry(seconds(0)), milliseconds(400));
}

TEST(RetryBudget, NoWaitEndsAfterTheDeadline) {
  FakeClock clock;
  RetryPolicy policy = clock.policy(10);
  policy.total_deadline = seconds(5);
  internal::RetryBudget budget(policy);
  budget.count_attempt();
  EXPECT_EQ(budget.delay_before_retry(seconds(6)), std::nullopt);
  clock.advance(milliseconds(4800));
  EXPECT_EQ(budget.delay_before_retry(std::nullopt), std::nullopt);  // 400 ms: ends at 5.2 s
}

TEST(RetryBudget, AReadBackBudgetSharesTheDeadlineButCountsItsOwnAttempts) {
  FakeClock clock;
  const RetryPolicy policy = clock.policy(2);
  internal::RetryBudget creates(policy);
  creates.count_attempt();
  creates.count_attempt();
  internal::RetryBudget reads(policy, creates.deadline());
  EXPECT_EQ(reads.attempts(), 0);
  EXPECT_EQ(reads.deadline(), creates.deadline());
  reads.count_attempt();
  EXPECT_NE(reads.delay_before_retry(std::nullopt), std::nullopt);
}

TEST(RetryBudget, ExtremePoliciesDoNotOverflowTheClock) {
  FakeClock clock;
  RetryPolicy policy = clock.policy(3);
  policy.total_deadline = milliseconds::max();  // "no deadline"
  policy.initial_backoff = milliseconds::max();
  policy.max_backoff = milliseconds::max();
  clock.set_random_bits(7);
  internal::RetryBudget budget(policy);
  EXPECT_EQ(budget.deadline(), std::chrono::system_clock::time_point::max());
  budget.count_attempt();
  EXPECT_EQ(budget.delay_before_retry(std::nullopt), milliseconds(7));
}

TEST(RetryAfterOf, ReadsSecondsAndDatesAndIgnoresJunk) {
  FakeClock clock;
  const RetryPolicy policy = clock.policy();
  HttpResponse response;
  EXPECT_EQ(internal::retry_after_of(policy, response), std::nullopt);
  response.headers = {{"Retry-After", "30"}};
  EXPECT_EQ(internal::retry_after_of(policy, response), seconds(30));
  response.headers = {{"retry-after", "Mon, 01 Jun 2026 00:01:00 GMT"}};
  EXPECT_EQ(internal::retry_after_of(policy, response), seconds(60));
  response.headers = {{"Retry-After", "-5"}};
  EXPECT_EQ(internal::retry_after_of(policy, response), std::nullopt);
}

}  // namespace
}  // namespace refundkit::pipeline_test
