// One client shared by 16 threads: one token fetch for all of them, one renewal when the vendor
// revokes the token, and every call its own answer.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "optty_fixture.hpp"
#include "refundkit/test_support/gate.hpp"

namespace refundkit::optty_test {
namespace {

constexpr int kThreads = 16;
constexpr int kCallsPerThread = 10;

/// Answers every refund POST with its own reference echoed, "-00" appended.
Result<HttpResponse> echo_refund(const HttpRequest& http) {
  const auto sent = nlohmann::json::parse(http.body);
  return test_support::make_json_response(
      201,
      nlohmann::json{{"refundReference", sent.at("refundReference").get<std::string>() + "-00"},
                     {"refundedAmount", "12.30"},
                     {"refundStatus", "SUCCESSFUL"}}
          .dump());
}

class ConcurrencyTest : public OpttyTest {
 protected:
  /// Runs kCallsPerThread refunds on each of kThreads threads, released together; returns the
  /// reference each call got back (or its error).
  std::vector<std::vector<std::string>> run_all() {
    RefundClient& shared = client();
    std::vector<std::vector<std::string>> seen(kThreads);
    test_support::Latch ready(kThreads);
    test_support::Gate start;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        ready.count_down();
        start.wait();
        for (int i = 0; i < kCallsPerThread; ++i) {
          RefundRequest refund_request = request();
          refund_request.reference = "RMA-" + std::to_string(t) + "-" + std::to_string(i);
          const Result<Refund> refund = shared.create_refund(refund_request);
          seen[t].push_back(refund ? refund->reference + "|" + refund->vendor_reference
                                   : "error: " + refund.error().message);
        }
      });
    }
    EXPECT_TRUE(ready.wait());
    start.open();
    for (std::thread& thread : threads) thread.join();
    return seen;
  }

  static void expect_every_call_got_its_own_answer(
      const std::vector<std::vector<std::string>>& seen) {
    for (int t = 0; t < kThreads; ++t) {
      for (int i = 0; i < kCallsPerThread; ++i) {
        const std::string reference = "RMA-" + std::to_string(t) + "-" + std::to_string(i);
        EXPECT_EQ(seen[t][i], reference + "|" + reference + "-00");
      }
    }
  }
};

TEST_F(ConcurrencyTest, SixteenThreadsShareOneTokenFetch) {
  api->set_handler([](const HttpRequest& http) -> Result<HttpResponse> {
    if (find_header(http.headers, "Authorization") != "Bearer token-1") {
      return test_support::make_json_response(401,
                                              R"({"statusCode":401,"message":"Unauthorized"})");
    }
    return echo_refund(http);
  });
  expect_every_call_got_its_own_answer(run_all());
  EXPECT_EQ(token_fetches(), 1u);
  EXPECT_EQ(api->request_count(), static_cast<std::size_t>(kThreads * kCallsPerThread));
}

TEST_F(ConcurrencyTest, ARevokedTokenIsRenewedOnceForAllThreads) {
  // token-1 is refused from the start: every thread's first send gets a 401, and all of them
  // must end up on the one renewed token.
  std::atomic<int> refused{0};
  api->set_handler([&refused](const HttpRequest& http) -> Result<HttpResponse> {
    if (find_header(http.headers, "Authorization") == "Bearer token-1") {
      ++refused;
      return test_support::make_json_response(401,
                                              R"({"statusCode":401,"message":"Unauthorized"})");
    }
    if (find_header(http.headers, "Authorization") != "Bearer token-2") {
      return test_support::make_json_response(400, R"({"message":"unexpected token"})");
    }
    return echo_refund(http);
  });
  expect_every_call_got_its_own_answer(run_all());
  EXPECT_EQ(token_fetches(), 2u);
  EXPECT_GE(refused.load(), 1);
  EXPECT_LE(refused.load(), kThreads);
}

TEST_F(ConcurrencyTest, ThreadsCrossingTheTokensExpiryRenewItOnce) {
  api->set_handler(echo_refund);
  expires_in_json = "120";  // refreshed 60 s after it was fetched
  ASSERT_TRUE(create(request()).ok());
  advance(std::chrono::seconds(60));
  expect_every_call_got_its_own_answer(run_all());
  EXPECT_EQ(token_fetches(), 2u);
}

}  // namespace
}  // namespace refundkit::optty_test
