// Full-jitter exponential backoff, and the defaults behind a RetryPolicy's empty functions.
#include "pipeline/backoff.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <random>
#include <set>
#include <thread>
#include <vector>

namespace refundkit::internal {
namespace {

using std::chrono::milliseconds;

RetryPolicy policy(milliseconds initial, milliseconds max) {
  RetryPolicy result;
  result.initial_backoff = initial;
  result.max_backoff = max;
  return result;
}

// The draw for retry `n` is over exactly [0, expected_ceiling]: bits equal to the ceiling give the
// ceiling, one more wraps around to 0.
void expect_range(const RetryPolicy& p, int n, milliseconds::rep expected_ceiling) {
  const auto c = static_cast<std::uint64_t>(expected_ceiling);
  EXPECT_EQ(backoff_delay(p, n, 0), milliseconds(0)) << "retry " << n;
  EXPECT_EQ(backoff_delay(p, n, c), milliseconds(expected_ceiling)) << "retry " << n;
  EXPECT_EQ(backoff_delay(p, n, c + 1), milliseconds(0)) << "retry " << n;
  EXPECT_EQ(backoff_delay(p, n, c / 2), milliseconds(expected_ceiling / 2)) << "retry " << n;
}

TEST(BackoffTest, DoublesFromTheInitialBackoffUpToTheMaximum) {
  const RetryPolicy p = policy(milliseconds(500), milliseconds(5000));
  expect_range(p, 1, 500);
  expect_range(p, 2, 1000);
  expect_range(p, 3, 2000);
  expect_range(p, 4, 4000);
  expect_range(p, 5, 5000);
  expect_range(p, 6, 5000);
}

TEST(BackoffTest, TheDefaultPolicyStartsAtHalfASecondAndStopsAtFive) {
  const RetryPolicy p;
  expect_range(p, 1, 500);
  expect_range(p, 4, 4000);
  expect_range(p, 5, 5000);
}

TEST(BackoffTest, HugeRetryNumbersSaturateWithoutOverflow) {
  const RetryPolicy p = policy(milliseconds(500), milliseconds(5000));
  expect_range(p, 1000, 5000);
  expect_range(p, INT_MAX, 5000);

  // No maximum to stop at: the doubling itself must not overflow.
  const RetryPolicy unbounded = policy(milliseconds(1), milliseconds::max());
  expect_range(unbounded, 63, milliseconds::rep{1} << 62);
  expect_range(unbounded, 64, milliseconds::max().count());
  expect_range(unbounded, INT_MAX, milliseconds::max().count());
  EXPECT_LE(backoff_delay(unbounded, INT_MAX, UINT64_MAX), milliseconds::max());
  const RetryPolicy large = policy(milliseconds::max() / 3, milliseconds::max());
  expect_range(large, 2, (milliseconds::max() / 3).count() * 2);
  expect_range(large, 3, milliseconds::max().count());
}

TEST(BackoffTest, RetryNumbersBelowOneCountAsOne) {
  const RetryPolicy p = policy(milliseconds(500), milliseconds(5000));
  expect_range(p, 0, 500);
  expect_range(p, -1, 500);
  expect_range(p, INT_MIN, 500);
}

TEST(BackoffTest, AnInitialBackoffAboveTheMaximumIsCapped) {
  expect_range(policy(milliseconds(9000), milliseconds(5000)), 1, 5000);
  expect_range(policy(milliseconds(9000), milliseconds(5000)), 3, 5000);
}

TEST(BackoffTest, ZeroOrNegativeBackoffsNeverWait) {
  for (const RetryPolicy& p :
       {policy(milliseconds(0), milliseconds(5000)), policy(milliseconds(-10), milliseconds(5000)),
        policy(milliseconds(500), milliseconds(0)), policy(milliseconds(500), milliseconds(-1)),
        policy(milliseconds::min(), milliseconds::min())}) {
    for (int n : {1, 2, 10, INT_MAX}) {
      EXPECT_EQ(backoff_delay(p, n, UINT64_MAX), milliseconds(0));
      EXPECT_EQ(backoff_delay(p, n, 12345), milliseconds(0));
    }
  }
}

TEST(BackoffTest, RandomBitsSpreadOverTheWholeRange) {
  const RetryPolicy p = policy(milliseconds(500), milliseconds(5000));
  std::mt19937_64 random(7);
  std::set<milliseconds::rep> seen;
  for (int i = 0; i < 20000; ++i) {
    const milliseconds delay = backoff_delay(p, 2, random());
    ASSERT_GE(delay.count(), 0);
    ASSERT_LE(delay.count(), 1000);
    seen.insert(delay.count());
  }
  // Full jitter, not "half plus jitter": every tenth of the range is reached, both ends included.
  EXPECT_EQ(*seen.begin(), 0);
  EXPECT_EQ(*seen.rbegin(), 1000);
  for (milliseconds::rep decile = 0; decile < 1000; decile += 100) {
    EXPECT_NE(seen.lower_bound(decile), seen.lower_bound(decile + 100)) << decile;
  }
}

TEST(PolicyFunctionsTest, UseTheInjectedFunctions) {
  RetryPolicy p;
  const auto fixed = std::chrono::system_clock::time_point(std::chrono::seconds(1234));
  std::vector<milliseconds> slept;
  p.now = [fixed] { return fixed; };
  p.sleep = [&slept](milliseconds delay) { slept.push_back(delay); };
  p.random = [] { return std::uint64_t{42}; };
  EXPECT_EQ(policy_now(p), fixed);
  policy_sleep(p, milliseconds(1500));
  policy_sleep(p, milliseconds(0));
  EXPECT_EQ(slept, (std::vector<milliseconds>{milliseconds(1500), milliseconds(0)}));
  EXPECT_EQ(policy_random(p), 42u);
}

TEST(PolicyFunctionsTest, TheDefaultClockIsTheSystemClock) {
  const RetryPolicy p;
  const auto before = std::chrono::system_clock::now();
  const auto now = policy_now(p);
  const auto after = std::chrono::system_clock::now();
  EXPECT_LE(before, now);
  EXPECT_LE(now, after);
}

TEST(PolicyFunctionsTest, TheDefaultSleepDoesNothingForNoDelay) {
  const RetryPolicy p;
  policy_sleep(p, milliseconds(0));
  policy_sleep(p, milliseconds(-5));
  policy_sleep(p, milliseconds::min());
  SUCCEED();  // returning at all is the point: no real sleep for a non-positive delay
}

TEST(PolicyFunctionsTest, TheDefaultRandomDiffersBetweenThreads) {
  const RetryPolicy p;
  const auto draw = [&p] {
    std::vector<std::uint64_t> values;
    for (int i = 0; i < 4; ++i) values.push_back(policy_random(p));
    return values;
  };
  const std::vector<std::uint64_t> here = draw();
  std::vector<std::uint64_t> there;
  std::thread other([&] { there = draw(); });
  other.join();
  // Seeded per thread from std::random_device: equal sequences would mean a shared or fixed
  // seed (2^-256 by chance).
  EXPECT_NE(here, there);
  EXPECT_EQ(std::set<std::uint64_t>(here.begin(), here.end()).size(), here.size());
}

}  // namespace
}  // namespace refundkit::internal
