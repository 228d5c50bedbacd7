#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "refundkit/skippay.hpp"
#include "refundkit/test_support/fake_transport.hpp"
#include "refundkit/test_support/outcome_matchers.hpp"
#include "vendors/skippay/skippay_client.hpp"

namespace refundkit::skippay_test {

inline constexpr std::string_view kUsername = "eshop-partner";
inline constexpr std::string_view kPassword = "S3cret-partner-pass";
inline constexpr std::string_view kBaseUrl = "https://skippay.example";
inline constexpr std::string_view kLoginUrl = "https://skippay.example/authentication/v1/partner";
inline constexpr std::string_view kRefundUrl =
    "https://skippay.example/financing/v1/applications/APP-1001/refunds";
inline constexpr std::string_view kApplicationUrl =
    "https://skippay.example/financing/v1/applications/APP-1001";
inline constexpr std::string_view kApplication =
    R"({"id":"APP-1001","state":"READY","stateReason":"READY_PAID",)"
    R"("order":{"number":"ORD-7","totalPrice":{"amount":250000,"currency":"CZK"}}})";

inline Money money(std::string_view amount, std::string_view currency = "CZK") {
  return Money::parse(amount, currency).value();
}

/// The vendor's error body with one error.
inline std::string error_body(std::string_view code, std::string_view message,
                              std::string_view attribute = "", std::string_view ticket = "T-1") {
  std::string body = R"({"errors":[{"code":")" + std::string(code) + R"(","message":")" +
                     std::string(message) + R"(","severity":"ERROR")";
  if (!attribute.empty()) body += R"(,"attribute":")" + std::string(attribute) + "\"";
  if (!ticket.empty()) body += R"(,"ticketId":")" + std::string(ticket) + "\"";
  return body + "}]}";
}

/// A clock that moves only when told; safe to read from any thread.
class TokenClock {
 public:
  std::chrono::system_clock::time_point now() const {
    return std::chrono::system_clock::time_point(std::chrono::seconds(seconds_.load()));
  }
  void advance(std::chrono::seconds by) { seconds_ += by.count(); }

 private:
  std::atomic<long long> seconds_{1'780'272'000};
};

/// A client over a FakeTransport that routes by endpoint: the partner login answers from
/// `logins` (default: "token-1", "token-2", ... living 7200 s), the refund POST from `refunds`
/// (nothing by default: an unscripted refund fails the test), the application read from `reads`
/// (default: kApplication, 200).
class SkipPayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    transport->set_handler([this](const HttpRequest& http) { return route(http); });
  }

  SkipPayOptions options() const {
    SkipPayOptions options;
    options.username = std::string(kUsername);
    options.password = std::string(kPassword);
    options.base_url = std::string(kBaseUrl);
    // One attempt and no waiting: these tests are about one exchange's mapping.
    options.retry = RetryPolicy::none();
    return options;
  }

  std::unique_ptr<RefundClient> client_with(SkipPayOptions options) {
    return vendors::skippay::make_client(std::move(options), transport,
                                         [this] { return clock.now(); });
  }
  std::unique_ptr<RefundClient> client() { return client_with(options()); }

  /// Application APP-1001, reference RMA-1, 125.90 CZK, nothing optional.
  static RefundRequest request() {
    RefundRequest request;
    request.order_id = "APP-1001";
    request.reference = "RMA-1";
    request.amount = money("125.90");
    return request;
  }

  Result<Refund> create(const RefundRequest& request) { return client()->create_refund(request); }

  /// Sends request() and answers the refund POST with status and body.
  Result<Refund> answer(int status, std::string body) {
    script_refund(test_support::make_json_response(status, std::move(body)));
    return create(request());
  }

  void script_login(Result<HttpResponse> reply) { push(logins_, std::move(reply)); }
  void script_refund(Result<HttpResponse> reply) { push(refunds_, std::move(reply)); }
  void script_read(Result<HttpResponse> reply) { push(reads_, std::move(reply)); }

  std::vector<HttpRequest> sent_to(std::string_view url, HttpMethod method) const {
    std::vector<HttpRequest> matching;
    for (HttpRequest& http : transport->requests()) {
      if (http.url == url && http.method == method) matching.push_back(std::move(http));
    }
    return matching;
  }
  std::vector<HttpRequest> logins() const { return sent_to(kLoginUrl, HttpMethod::post); }
  std::vector<HttpRequest> refund_posts() const { return sent_to(kRefundUrl, HttpMethod::post); }
  std::vector<HttpRequest> reads() const { return sent_to(kApplicationUrl, HttpMethod::get); }

  TokenClock clock;
  std::shared_ptr<test_support::FakeTransport> transport =
      std::make_shared<test_support::FakeTransport>();

 private:
  using Queue = std::deque<Result<HttpResponse>>;

  void push(Queue& queue, Result<HttpResponse> reply) {
    std::lock_guard<std::mutex> lock(mutex_);
    queue.push_back(std::move(reply));
  }

  Result<HttpResponse> route(const HttpRequest& http) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto next = [](Queue& queue) {
      Result<HttpResponse> reply = std::move(queue.front());
      queue.pop_front();
      return reply;
    };
    constexpr std::string_view kLoginPath = "/authentication/v1/partner";
    const bool is_login =
        http.url.size() >= kLoginPath.size() &&
        http.url.compare(http.url.size() - kLoginPath.size(), kLoginPath.size(), kLoginPath) == 0;
    if (is_login && http.method == HttpMethod::post) {
      if (!logins_.empty()) return next(logins_);
      return test_support::make_json_response(200, R"({"accessToken":"token-)" +
                                                       std::to_string(++tokens_issued_) +
                                                       R"(","expiresIn":7200})");
    }
    if (http.method == HttpMethod::post) {
      if (!refunds_.empty()) return next(refunds_);
      ADD_FAILURE() << "unscripted refund POST " << http.url;
      return test_support::make_transport_error(ErrorKind::protocol, "no reply scripted");
    }
    if (!reads_.empty()) return next(reads_);
    return test_support::make_json_response(200, std::string(kApplication));
  }

  std::mutex mutex_;
  Queue logins_;
  Queue refunds_;
  Queue reads_;
  int tokens_issued_ = 0;
};

}  // namespace refundkit::skippay_test
