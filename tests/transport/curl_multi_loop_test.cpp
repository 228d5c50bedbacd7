// The curl transport's ExchangeLoop (what a batch sends through): the same answers and the same
// classified failures as send(), completions only from poll(), at most max_in_flight
// connections, and the logging and bearer-token layers applied to every exchange.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/bearer_token_transport.hpp"
#include "refundkit/curl_transport.hpp"
#include "refundkit/sandbox/loopback_server.hpp"
#include "refundkit/test_support/connection_tracker.hpp"
#include "refundkit/test_support/gate.hpp"
#include "refundkit/test_support/loopback.hpp"
#include "transport/exchange_loop.hpp"

namespace refundkit {
namespace {

using internal::ExchangeLoop;
using internal::open_exchange_loop;
using sandbox::LoopbackServer;
using test_support::loopback_options;
using ::testing::HasSubstr;

/// Runs `loop` until `count` completions have landed in `results` (or a safety limit passes).
void poll_until(ExchangeLoop& loop, const std::vector<std::optional<Result<HttpResponse>>>& results,
                std::size_t count) {
  const auto limit = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  const auto landed = [&] {
    std::size_t n = 0;
    for (const auto& result : results) n += result.has_value() ? 1 : 0;
    return n;
  };
  while (landed() < count && std::chrono::steady_clock::now() < limit) {
    loop.poll(std::chrono::milliseconds(20));
  }
}

class CurlMultiLoopTest : public ::testing::Test {
 protected:
  CurlMultiLoopTest() {
    server_.Post("/echo", [this](const httplib::Request& req, httplib::Response& res) {
      connections_.saw(req.remote_addr, req.remote_port);
      const int now = ++in_flight_;
      int seen = peak_.load();
      while (now > seen && !peak_.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      --in_flight_;
      res.status = req.body == "fail" ? 503 : 200;
      res.set_header("X-Request-Id", "rq-" + req.body);
      res.set_content("echo:" + req.body, "text/plain");
    });
    server_.Post("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(4096, 'x'), "text/plain");
    });
    server_.Post("/slow", [this](const httplib::Request&, httplib::Response& res) {
      gate_.wait();
      res.set_content("late", "text/plain");
    });
    server_.Post("/token-gated", [this](const httplib::Request& req, httplib::Response& res) {
      ++gated_requests_;
      res.status = req.get_header_value("Authorization") == "Bearer fresh" ? 200 : 401;
      res.set_content(res.status == 200 ? "ok" : "expired", "text/plain");
    });
    loopback_ = std::make_unique<LoopbackServer>(server_);
    test_support::raise_listen_backlog(loopback_->port());
  }

  std::string url(const char* path) const { return loopback_->base_url() + path; }

  httplib::Server server_;
  test_support::ConnectionTracker connections_;
  std::atomic<int> in_flight_{0};
  std::atomic<int> peak_{0};
  std::atomic<int> gated_requests_{0};
  test_support::Gate gate_;
  std::unique_ptr<LoopbackServer> loopback_;
  test_support::GateOpener opener_{gate_};
};

TEST_F(CurlMultiLoopTest, GivesTheAnswersSendGives) {
  const auto transport = make_curl_transport(loopback_options());
  const std::unique_ptr<ExchangeLoop> loop = open_exchange_loop(*transport, 4);
  ASSERT_NE(loop, nullptr) << "the built-in transport (behind its logging layer) has a loop";
  const std::vector<HttpRequest> requests = {{HttpMethod::post, url("/echo"), {}, "a"},
                                             {HttpMethod::post, url("/echo"), {}, "fail"},
                                             {HttpMethod::post, url("/echo"), {}, "c"}};
  std::vector<std::optional<Result<HttpResponse>>> results(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    loop->start(requests[i],
                [&results, i](Result<HttpResponse> result) { results[i] = std::move(result); });
  }
  poll_until(*loop, results, requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    ASSERT_TRUE(results[i].has_value()) << i;
    const Result<HttpResponse> single = transport->send(requests[i]);
    ASSERT_TRUE(results[i]->ok()) << results[i]->error().message;
    ASSERT_TRUE(single.ok());
    EXPECT_EQ((*results[i])->status, single->status);
    EXPECT_EQ((*results[i])->body, single->body);
    EXPECT_EQ((*results[i])->header("X-Request-Id"), single->header("X-Request-Id"));
  }
  EXPECT_EQ((*results[1])->status, 503);
}

TEST_F(CurlMultiLoopTest, CompletionsComeFromPollNeverFromStart) {
  const auto transport = make_curl_transport(loopback_options());
  const std::unique_ptr<ExchangeLoop> loop = open_exchange_loop(*transport, 2);
  const std::string closed =
      "http://127.0.0.1:" + std::to_string(test_support::closed_loopback_port()) + "/refunds";
  const HttpRequest unsendable{HttpMethod::post, "http://example.com/refunds", {}, "{}"};
  const HttpRequest unreachable{HttpMethod::post, closed, {}, "{}"};
  std::vector<std::optional<Result<HttpResponse>>> results(2);
  loop->start(unsendable, [&](Result<HttpResponse> result) { results[0] = std::move(result); });
  loop->start(unreachable, [&](Result<HttpResponse> result) { results[1] = std::move(result); });
  EXPECT_FALSE(results[0].has_value());
  EXPECT_FALSE(results[1].has_value());
  poll_until(*loop, results, 2);
  ASSERT_TRUE(results[0].has_value() && results[1].has_value());
  ASSERT_FALSE(results[0]->ok());
  EXPECT_FALSE(results[0]->error().may_have_been_executed()) << results[0]->error().message;
  ASSERT_FALSE(results[1]->ok());
  EXPECT_EQ(results[1]->error().kind, ErrorKind::network);
  EXPECT_THAT(results[1]->error().message, HasSubstr("the request was not sent"));
}

TEST_F(CurlMultiLoopTest, ATimeoutAfterSendingAndAnOversizedAnswerAreOutcomeUnknown) {
  CurlTransportOptions options = loopback_options();
  options.request_timeout = std::chrono::milliseconds(300);
  options.max_response_bytes = 1000;
  const auto transport = make_curl_transport(options);
  const std::unique_ptr<ExchangeLoop> loop = open_exchange_loop(*transport, 2);
  const HttpRequest slow{HttpMethod::post, url("/slow"), {}, "{}"};
  const HttpRequest big{HttpMethod::post, url("/big"), {}, "{}"};
  std::vector<std::optional<Result<HttpResponse>>> results(2);
  loop->start(slow, [&](Result<HttpResponse> result) { results[0] = std::move(result); });
  loop->start(big, [&](Result<HttpResponse> result) { results[1] = std::move(result); });
  poll_until(*loop, results, 2);
  gate_.open();
  for (const auto& result : results) {
    ASSERT_TRUE(result.has_value());
    ASSERT_FALSE(result->ok());
    EXPECT_EQ(result->error().kind, ErrorKind::outcome_unknown) << result->error().message;
  }
}

TEST_F(CurlMultiLoopTest, KeepsAtMostMaxInFlightConnectionsAndReusesThem) {
  const auto transport = make_curl_transport(loopback_options());
  constexpr std::size_t kInFlight = 4;
  constexpr std::size_t kExchanges = 40;
  const std::unique_ptr<ExchangeLoop> loop = open_exchange_loop(*transport, kInFlight);
  const HttpRequest request{HttpMethod::post, url("/echo"), {}, "x"};
  std::vector<std::optional<Result<HttpResponse>>> results(kExchanges);
  std::size_t started = 0;
  std::function<void(std::size_t)> start_next = [&](std::size_t) {
    if (started == kExchanges) return;
    const std::size_t index = started++;
    loop->start(request, [&, index](Result<HttpResponse> result) {
      results[index] = std::move(result);
      start_next(index);  // from within a completion, as a batch does
    });
  };
  for (std::size_t i = 0; i < kInFlight; ++i) start_next(i);
  poll_until(*loop, results, kExchanges);
  for (const auto& result : results) ASSERT_TRUE(result.has_value() && result->ok());
  EXPECT_LE(connections_.distinct(), kInFlight);
  EXPECT_GT(peak_.load(), 1) << "exchanges ran one at a time";
  EXPECT_LE(peak_.load(), static_cast<int>(kInFlight));
}

TEST_F(CurlMultiLoopTest, TheLoggingLayerReportsEveryExchangeRedacted) {
  std::vector<HttpExchangeLog> logs;
  CurlTransportOptions options = loopback_options();
  options.log_hook = [&logs](const HttpExchangeLog& log) { logs.push_back(log); };
  const auto transport = make_curl_transport(options);
  const std::unique_ptr<ExchangeLoop> loop = open_exchange_loop(*transport, 2);
  const HttpRequest request{
      HttpMethod::post, url("/echo"), {{"Authorization", "Bearer loop-secret-77"}}, "b"};
  std::vector<std::optional<Result<HttpResponse>>> results(2);
  for (std::size_t i = 0; i < 2; ++i) {
    loop->start(request,
                [&results, i](Result<HttpResponse> result) { results[i] = std::move(result); });
  }
  poll_until(*loop, results, 2);
  ASSERT_EQ(logs.size(), 2u);
  for (const HttpExchangeLog& log : logs) {
    EXPECT_EQ(log.status, 200);
    EXPECT_EQ(log.response_body, "echo:b");
    ASSERT_EQ(log.request_headers.size(), 1u);
    EXPECT_EQ(log.request_headers[0].value, "[REDACTED]");
  }
}

TEST_F(CurlMultiLoopTest, A401ToExchangesInFlightRenewsTheTokenOnceForAll) {
  int fetches = 0;
  const auto raw = make_curl_transport(loopback_options());
  const auto authorized = internal::with_bearer_tokens(
      raw,
      [&fetches]() -> Result<internal::FetchedToken> {
        ++fetches;
        return internal::FetchedToken{fetches == 1 ? "stale" : "fresh", std::chrono::hours(1)};
      },
      std::chrono::seconds(0));
  constexpr std::size_t kInFlight = 5;
  const std::unique_ptr<ExchangeLoop> loop = open_exchange_loop(*authorized, kInFlight);
  ASSERT_NE(loop, nullptr);
  const HttpRequest request{HttpMethod::post, url("/token-gated"), {}, "{}"};
  std::vector<std::optional<Result<HttpResponse>>> results(kInFlight);
  for (std::size_t i = 0; i < kInFlight; ++i) {
    loop->start(request,
                [&results, i](Result<HttpResponse> result) { results[i] = std::move(result); });
  }
  poll_until(*loop, results, kInFlight);
  for (const auto& result : results) {
    ASSERT_TRUE(result.has_value() && result->ok());
    EXPECT_EQ((*result)->status, 200);
  }
  EXPECT_EQ(fetches, 2) << "one fetch for the batch, one renewal for every 401";
  EXPECT_EQ(gated_requests_.load(), static_cast<int>(2 * kInFlight));
}

}  // namespace
}  // namespace refundkit
