// The bearer token cache: one fetch per flight however many threads ask, refresh before expiry on
// an injected clock, compare-before-evict, failures handed to the whole flight and never kept.
#include "pipeline/token_cache.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "refundkit/test_support/gate.hpp"
#include "refundkit/test_support/outcome_matchers.hpp"

namespace refundkit::internal {
namespace {

using std::chrono::seconds;
using std::chrono::system_clock;
using test_support::any_field_contains;
using test_support::FailsWith;
using test_support::Latch;

constexpr const char* kClientSecret = "client-s3cret-value";

// A clock that moves only when told; safe to read from any thread.
class FakeClock {
 public:
  system_clock::time_point now() const { return system_clock::time_point(seconds(now_.load())); }
  void advance(seconds by) { now_ += by.count(); }
  TokenCache::Clock function() {
    return [this] { return now(); };
  }

 private:
  std::atomic<long long> now_{1'700'000'000};
};

// Hands out "token-1", "token-2", ... each living `lifetime`.
class NumberedTokens {
 public:
  explicit NumberedTokens(seconds lifetime = seconds(3600)) : lifetime_(lifetime) {}
  TokenCache::Fetch function() {
    return [this]() -> Result<FetchedToken> {
      return FetchedToken{"token-" + std::to_string(++calls_), lifetime_};
    };
  }
  int calls() const { return calls_.load(); }

 private:
  seconds lifetime_;
  std::atomic<int> calls_{0};
};

Error refused_credentials() {
  Error error;
  error.kind = ErrorKind::authentication;
  error.message = "the token endpoint refused the client credentials";
  error.http_status = 401;
  error.vendor_code = "invalid_client";
  error.vendor_message = "Client authentication failed";
  error.raw_body = R"({"error":"invalid_client"})";
  return error;
}

TEST(TokenCacheTest, FetchesOnceAndServesTheTokenFromTheCache) {
  NumberedTokens tokens;
  FakeClock clock;
  TokenCache cache(tokens.function(), seconds(60), clock.function());
  for (int i = 0; i < 5; ++i) {
    const Result<std::string> token = cache.token();
    ASSERT_TRUE(token.ok()) << token.error().message;
    EXPECT_EQ(*token, "token-1");
    clock.advance(seconds(100));
  }
  EXPECT_EQ(tokens.calls(), 1);
}

TEST(TokenCacheTest, RefreshesTheMarginBeforeExpiry) {
  NumberedTokens tokens(seconds(3600));
  FakeClock clock;
  TokenCache cache(tokens.function(), seconds(60), clock.function());
  EXPECT_EQ(cache.token().value(), "token-1");
  clock.advance(seconds(3539));
  EXPECT_EQ(cache.token().value(), "token-1");  // 61 s left
  clock.advance(seconds(1));
  EXPECT_EQ(cache.token().value(), "token-2");  // 60 s left: refreshed
  EXPECT_EQ(cache.token().value(), "token-2");
  EXPECT_EQ(tokens.calls(), 2);
}

TEST(TokenCacheTest, TheLifetimeCountsFromWhenTheFetchStarted) {
  FakeClock clock;
  int calls = 0;
  // A slow token endpoint: 100 s pass while it answers. The token was issued somewhere in
  // between, so the cache must not assume it lives 3600 s from the answer.
  TokenCache cache(
      [&]() -> Result<FetchedToken> {
        clock.advance(seconds(100));
        return FetchedToken{"token-" + std::to_string(++calls), seconds(3600)};
      },
      seconds(60), clock.function());
  EXPECT_EQ(cache.token().value(), "token-1");  // fetched at t0, answered at t0 + 100
  clock.advance(seconds(3439));                 // t0 + 3539
  EXPECT_EQ(cache.token().value(), "token-1");
  clock.advance(seconds(1));  // t0 + 3540: 60 s before the expiry counted from t0
  EXPECT_EQ(cache.token().value(), "token-2");
}

TEST(TokenCacheTest, ATokenShorterThanTheMarginIsUsedOnceThenRefreshed) {
  for (const seconds lifetime : {seconds(30), seconds(60), seconds(0), seconds(-5)}) {
    NumberedTokens tokens(lifetime);
    FakeClock clock;
    TokenCache cache(tokens.function(), seconds(60), clock.function());
    // One fetch per call, never a loop of fetches within one call.
    EXPECT_EQ(cache.token().value(), "token-1") << lifetime.count();
    EXPECT_EQ(tokens.calls(), 1) << lifetime.count();
    EXPECT_EQ(cache.token().value(), "token-2") << lifetime.count();
    EXPECT_EQ(tokens.calls(), 2) << lifetime.count();
  }
}

TEST(TokenCacheTest, ANegativeMarginCountsAsNone) {
  NumberedTokens tokens(seconds(100));
  FakeClock clock;
  TokenCache cache(tokens.function(), seconds(-1000), clock.function());
  EXPECT_EQ(cache.token().value(), "token-1");
  clock.advance(seconds(99));
  EXPECT_EQ(cache.token().value(), "token-1");
  clock.advance(seconds(1));
  EXPECT_EQ(cache.token().value(), "token-2");
}

TEST(TokenCacheTest, ExtremeLifetimesAndMarginsDoNotOverflow) {
  {
    NumberedTokens tokens(seconds::max());
    TokenCache cache(tokens.function(), seconds(60),
                     [] { return system_clock::time_point::max() - seconds(1); });
    EXPECT_EQ(cache.token().value(), "token-1");
    EXPECT_EQ(cache.token().value(), "token-1");
  }
  {
    NumberedTokens tokens(seconds::max());
    TokenCache cache(tokens.function(), seconds::max(), [] { return system_clock::time_point(); });
    EXPECT_EQ(cache.token().value(), "token-1");
    EXPECT_EQ(cache.token().value(), "token-2");  // the margin covers any lifetime
  }
  {
    NumberedTokens tokens(seconds(1LL << 40));
    TokenCache cache(tokens.function(), seconds(60),
                     [] { return system_clock::time_point::min(); });
    EXPECT_EQ(cache.token().value(), "token-1");
    EXPECT_EQ(cache.token().value(), "token-1");
  }
}

TEST(TokenCacheTest, TheRealClockIsTheDefault) {
  NumberedTokens tokens;
  TokenCache cache(tokens.function());
  EXPECT_EQ(cache.token().value(), "token-1");
  EXPECT_EQ(cache.token().value(), "token-1");
  EXPECT_EQ(tokens.calls(), 1);
}

TEST(TokenCacheTest, InvalidateForgetsTheRejectedToken) {
  NumberedTokens tokens;
  TokenCache cache(tokens.function());
  EXPECT_EQ(cache.token().value(), "token-1");
  cache.invalidate("token-1");
  EXPECT_EQ(cache.token().value(), "token-2");
  EXPECT_EQ(tokens.calls(), 2);
}

TEST(TokenCacheTest, AStaleInvalidateDoesNotEvictAFreshToken) {
  NumberedTokens tokens;
  TokenCache cache(tokens.function());
  EXPECT_EQ(cache.token().value(), "token-1");
  cache.invalidate("token-1");
  EXPECT_EQ(cache.token().value(), "token-2");
  // A late 401 for the old token, from a request that was sent before the refresh.
  cache.invalidate("token-1");
  cache.invalidate("");
  cache.invalidate("token-");
  cache.invalidate("token-22");
  EXPECT_EQ(cache.token().value(), "token-2");
  EXPECT_EQ(tokens.calls(), 2);
}

TEST(TokenCacheTest, InvalidateOnAColdCacheDoesNothing) {
  NumberedTokens tokens;
  TokenCache cache(tokens.function());
  cache.invalidate("token-1");
  EXPECT_EQ(tokens.calls(), 0);
  EXPECT_EQ(cache.token().value(), "token-1");
}

TEST(TokenCacheTest, AFailedFetchIsHandedOnUnchangedAndNotCached) {
  int calls = 0;
  TokenCache cache([&]() -> Result<FetchedToken> {
    if (++calls == 1) return refused_credentials();
    return FetchedToken{"token-after-failure", seconds(3600)};
  });
  const Result<std::string> failed = cache.token();
  ASSERT_THAT(failed, FailsWith(ErrorKind::authentication));
  const Error expected = refused_credentials();
  EXPECT_EQ(failed.error().message, expected.message);  // nothing added, nothing lost
  EXPECT_EQ(failed.error().http_status, expected.http_status);
  EXPECT_EQ(failed.error().vendor_code, expected.vendor_code);
  EXPECT_EQ(failed.error().vendor_message, expected.vendor_message);
  EXPECT_EQ(failed.error().raw_body, expected.raw_body);
  EXPECT_FALSE(any_field_contains(failed.error(), kClientSecret));

  EXPECT_EQ(cache.token().value(), "token-after-failure");
  EXPECT_EQ(calls, 2);
}

TEST(TokenCacheTest, AThrowingFetchBecomesAnErrorWithoutItsText) {
  int calls = 0;
  TokenCache cache([&]() -> Result<FetchedToken> {
    ++calls;
    throw std::runtime_error(std::string("could not log in with ") + kClientSecret);
  });
  const Result<std::string> failed = cache.token();
  ASSERT_THAT(failed, FailsWith(ErrorKind::authentication));
  EXPECT_FALSE(any_field_contains(failed.error(), kClientSecret));
  EXPECT_FALSE(any_field_contains(failed.error(), "could not log in"));
  EXPECT_THAT(cache.token(), FailsWith(ErrorKind::authentication));  // not cached: tried again
  EXPECT_EQ(calls, 2);
}

TEST(TokenCacheTest, AnEmptyTokenOrNoFetchIsAnAuthenticationError) {
  TokenCache empty([]() -> Result<FetchedToken> { return FetchedToken{"", seconds(3600)}; });
  EXPECT_THAT(empty.token(), FailsWith(ErrorKind::authentication));
  TokenCache none{TokenCache::Fetch{}};
  EXPECT_THAT(none.token(), FailsWith(ErrorKind::authentication));
}

// N threads call token() on a cold cache; the fetch holds its flight open until every one of
// them is inside token(). The clock is read once per call with the cache's lock held, so once
// it has been read N times every caller has either started the flight or joined it: the fetch
// is released only then, and nobody can arrive after it landed.
struct Stampede {
  static constexpr int kThreads = 16;
  Latch entered{kThreads};
  std::atomic<int> fetches{0};
  std::vector<std::optional<Result<std::string>>> results =
      std::vector<std::optional<Result<std::string>>>(kThreads);

  TokenCache::Clock clock() {
    return [this] {
      entered.count_down();
      return system_clock::time_point(seconds(1'700'000'000));
    };
  }

  void run(TokenCache& cache) {
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back(
          [this, &cache, i] { results[static_cast<std::size_t>(i)] = cache.token(); });
    }
    for (std::thread& thread : threads) thread.join();
  }
};

TEST(TokenCacheConcurrencyTest, SixteenThreadsOnAColdCacheMakeExactlyOneFetch) {
  Stampede stampede;
  TokenCache cache(
      [&]() -> Result<FetchedToken> {
        ++stampede.fetches;
        EXPECT_TRUE(stampede.entered.wait()) << "not every thread reached token()";
        return FetchedToken{"the-one-token", seconds(3600)};
      },
      seconds(60), stampede.clock());
  stampede.run(cache);
  EXPECT_EQ(stampede.fetches.load(), 1);
  for (const auto& result : stampede.results) {
    ASSERT_TRUE(result.has_value());
    ASSERT_TRUE(result->ok()) << result->error().message;
    EXPECT_EQ(**result, "the-one-token");
  }
}

TEST(TokenCacheConcurrencyTest, AFailedFlightReachesEveryWaiter) {
  Stampede stampede;
  TokenCache cache(
      [&]() -> Result<FetchedToken> {
        if (++stampede.fetches > 1) return FetchedToken{"second-flight", seconds(3600)};
        EXPECT_TRUE(stampede.entered.wait()) << "not every thread reached token()";
        return refused_credentials();
      },
      seconds(60), stampede.clock());
  stampede.run(cache);
  EXPECT_EQ(stampede.fetches.load(), 1);  // the waiters got the failure, none fetched again
  for (const auto& result : stampede.results) {
    ASSERT_TRUE(result.has_value());
    ASSERT_THAT(*result, FailsWith(ErrorKind::authentication));
    EXPECT_EQ(result->error().vendor_code, "invalid_client");
  }
  EXPECT_EQ(cache.token().value(), "second-flight");  // the failure was not cached
  EXPECT_EQ(stampede.fetches.load(), 2);
}

TEST(TokenCacheConcurrencyTest, ConcurrentInvalidateAndTokenAreRaceFree) {
  constexpr int kThreads = 8;
  constexpr int kRounds = 300;
  std::atomic<int> fetches{0};
  TokenCache cache([&]() -> Result<FetchedToken> {
    return FetchedToken{"token-" + std::to_string(++fetches), seconds(3600)};
  });
  std::atomic<int> invalidations{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        const Result<std::string> token = cache.token();
        if (!token.ok() || token->rfind("token-", 0) != 0) {
          ++failures;
          continue;
        }
        // Half the threads reject what they got, like a 401 would; some of those rejections
        // arrive after another thread already replaced that token.
        if (t % 2 == 0) {
          cache.invalidate(*token);
          ++invalidations;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GE(fetches.load(), 1);
  // Each fetch beyond the first replaced a token some invalidate removed.
  EXPECT_LE(fetches.load(), invalidations.load() + 1);
}

TEST(TokenCacheConcurrencyTest, WaitersShareTheFlightWhileTheTokenIsRefreshed) {
  FakeClock clock;
  std::atomic<int> fetches{0};
  // The clock is read once per token() call: the refresh flight lands only once all four
  // callers are inside token(), so each of them really waited for it.
  Latch entered{5};  // the first call, then the four
  TokenCache cache(
      [&]() -> Result<FetchedToken> {
        const int number = ++fetches;
        if (number == 2) {
          EXPECT_TRUE(entered.wait()) << "not every thread reached token()";
        }
        return FetchedToken{"token-" + std::to_string(number), seconds(3600)};
      },
      seconds(60),
      [&] {
        entered.count_down();
        return clock.now();
      });
  EXPECT_EQ(cache.token().value(), "token-1");
  clock.advance(seconds(3600));  // expired: the next callers refresh together
  std::vector<std::thread> threads;
  std::vector<std::string> seen(4);
  for (std::size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&, i] {
      const Result<std::string> token = cache.token();
      seen[i] = token.ok() ? *token : "error";
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& token : seen) EXPECT_EQ(token, "token-2");
  EXPECT_EQ(fetches.load(), 2);
}

}  // namespace
}  // namespace refundkit::internal
