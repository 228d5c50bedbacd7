// One client shared by many threads: one partner login for all of them, and each call its own
// answer. Run under ThreadSanitizer (label concurrent).
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "refundkit/test_support/gate.hpp"
#include "skippay_fixture.hpp"

namespace refundkit::skippay_test {
namespace {

constexpr int kThreads = 16;

// Every thread's create_refund reads the token clock exactly once (with the cache's lock held),
// so when it has been read kThreads times every thread has started the login or joined it. The
// login is answered only then: nobody can arrive after it landed.
TEST_F(SkipPayTest, SixteenThreadsOnAColdClientMakeExactlyOneLogin) {
  test_support::Latch entered{kThreads};
  std::atomic<int> logins_answered{0};
  transport->set_handler([&](const HttpRequest& http) -> Result<HttpResponse> {
    if (http.url == kLoginUrl) {
      ++logins_answered;
      EXPECT_TRUE(entered.wait()) << "not every thread asked for a token";
      return test_support::make_json_response(200, R"({"accessToken":"shared","expiresIn":7200})");
    }
    const auto body = nlohmann::json::parse(http.body);
    return test_support::make_json_response(
        201, nlohmann::json{{"id", "RF-" + body.at("variableSymbol").get<std::string>()}}.dump());
  });
  const auto shared_client = vendors::skippay::make_client(options(), transport, [&entered] {
    entered.count_down();
    return std::chrono::system_clock::time_point(std::chrono::seconds(1'780'272'000));
  });

  std::vector<std::string> ids(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      RefundRequest refund_request = request();
      refund_request.variable_symbol = std::to_string(t + 1);
      Result<Refund> refund = shared_client->create_refund(refund_request);
      ids[static_cast<std::size_t>(t)] = refund ? refund->id : "error: " + refund.error().message;
    });
  }
  for (std::thread& thread : threads) thread.join();

  EXPECT_EQ(logins_answered.load(), 1);
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(ids[static_cast<std::size_t>(t)], "RF-" + std::to_string(t + 1));
  }
  const std::vector<HttpRequest> posts = refund_posts();
  EXPECT_EQ(posts.size(), static_cast<std::size_t>(kThreads));
  for (const HttpRequest& post : posts) {
    EXPECT_EQ(find_header(post.headers, "Authorization"), "Bearer shared");
  }
}

// A 401 seen by many threads at once renews the token once for all of them, and every refund
// is sent at most twice (once per token).
TEST_F(SkipPayTest, ConcurrentCallsAfterARevokedTokenEachSucceed) {
  std::atomic<int> login_count{0};
  transport->set_handler([&](const HttpRequest& http) -> Result<HttpResponse> {
    if (http.url == kLoginUrl) {
      return test_support::make_json_response(
          200,
          R"({"accessToken":"tok-)" + std::to_string(++login_count) + R"(","expiresIn":7200})");
    }
    if (find_header(http.headers, "Authorization") == "Bearer tok-1") {
      return test_support::make_json_response(401, R"({"error":"invalid_token"})");
    }
    return test_support::make_json_response(201, R"({"id":"RF"})");
  });
  const auto shared_client = client();
  constexpr int kCalls = 8;
  std::atomic<int> succeeded{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kCalls; ++i) {
        if (shared_client->create_refund(request()).ok()) ++succeeded;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(succeeded.load(), kThreads * kCalls);
  EXPECT_LE(refund_posts().size(), static_cast<std::size_t>(2 * kThreads * kCalls));
  // One renewal for all: a late 401 for tok-1 never evicts tok-2, and waiters share the flight.
  EXPECT_EQ(login_count.load(), 2);
}

}  // namespace
}  // namespace refundkit::skippay_test
