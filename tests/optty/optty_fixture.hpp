#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "refundkit/optty.hpp"
#include "refundkit/test_support/fake_transport.hpp"
#include "refundkit/test_support/outcome_matchers.hpp"
#include "vendors/optty/optty_client.hpp"

namespace refundkit::optty_test {

inline constexpr std::string_view kClientId = "optty-client-42";
// Characters that form encoding must escape, so that the exact-bytes test proves it does.
inline constexpr std::string_view kClientSecret = "s3cr3t+Optty&key=9f2c";
inline constexpr std::string_view kBaseUrl = "https://api.optty.example";
inline constexpr std::string_view kTokenUrl = "https://auth.optty.example/token";
inline constexpr std::string_view kRefundUrl = "https://api.optty.example/orders/ORD-1001/refund";

/// The page's own 200 sample, in this fixture's request: the reference echoed with "-00", the
/// amount a number, the provider a string, the description an object, an RFC 1123 date.
inline constexpr std::string_view kSampleAnswer =
    R"({"refundReference":"RMA-1-00","bnplProvider":"KLARNA_AU","refundedAmount":12.30,)"
    R"("refundStatus":"SUCCESSFUL","description":{},"refundDate":"Fri, 08 Oct 2021 06:22:20 GMT",)"
    R"("bnplRefundId":"8ba78198-bc4c-48ae-9040-57c687bed51d"})";

inline Money money(std::string_view amount, std::string_view currency = "EUR") {
  return Money::parse(amount, currency).value();
}

/// Token requests to one fake, everything else to another: each keeps its own script and log.
class RoutingTransport final : public Transport {
 public:
  RoutingTransport(std::shared_ptr<test_support::FakeTransport> token_endpoint,
                   std::shared_ptr<test_support::FakeTransport> api)
      : token_endpoint_(std::move(token_endpoint)), api_(std::move(api)) {}

  Result<HttpResponse> send(const HttpRequest& request) override {
    if (request.url == kTokenUrl) return token_endpoint_->send(request);
    return api_->send(request);
  }

 private:
  const std::shared_ptr<test_support::FakeTransport> token_endpoint_;
  const std::shared_ptr<test_support::FakeTransport> api_;
};

/// A client over fakes: the token endpoint issues "token-1", "token-2", ... (expires_in
/// `expires_in_json`) unless a test scripts it otherwise; the token cache runs on a clock that
/// moves only by advance().
class OpttyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    token_endpoint->set_handler([this](const HttpRequest&) -> Result<HttpResponse> {
      const int number = ++tokens_issued_;
      return test_support::make_json_response(
          200, R"({"access_token":"token-)" + std::to_string(number) + R"(","expires_in":)" +
                   expires_in_json + R"(,"token_type":"Bearer","scope":"api-user"})");
    });
  }

  OpttyOptions options() const {
    OpttyOptions options;
    options.client_id = std::string(kClientId);
    options.client_secret = std::string(kClientSecret);
    options.base_url = std::string(kBaseUrl);
    options.token_url = std::string(kTokenUrl);
    // One attempt and no waiting: most tests are about one exchange's mapping.
    options.retry = RetryPolicy::none();
    return options;
  }

  /// A retry policy that never sleeps and never waits out a deadline.
  static RetryPolicy instant_retries(int max_attempts = 3) {
    RetryPolicy policy;
    policy.max_attempts = max_attempts;
    policy.now = [] { return std::chrono::system_clock::time_point(std::chrono::hours(490000)); };
    policy.sleep = [](std::chrono::milliseconds) {};
    policy.random = [] { return std::uint64_t{0}; };
    return policy;
  }

  std::unique_ptr<RefundClient> make(OpttyOptions with) {
    return vendors::optty::make_client(std::move(with), router, [this] { return now(); });
  }

  /// One client per test (unless a test makes its own), so that its token cache is shared.
  RefundClient& client() {
    if (!client_) client_ = make(options());
    return *client_;
  }

  /// order ORD-1001, reference RMA-1, 12.30 EUR, reason "Damaged on arrival".
  static RefundRequest request() {
    RefundRequest request;
    request.order_id = "ORD-1001";
    request.reference = "RMA-1";
    request.amount = money("12.30");
    request.reason = "Damaged on arrival";
    return request;
  }

  Result<Refund> create(const RefundRequest& refund_request) {
    return client().create_refund(refund_request);
  }

  /// Sends request() and answers the refund POST with status and body.
  Result<Refund> answer(int status, std::string body) {
    api->respond_json(status, std::move(body));
    return create(request());
  }

  std::chrono::system_clock::time_point now() const {
    return std::chrono::system_clock::time_point(std::chrono::seconds(start_seconds_ + offset_));
  }
  void advance(std::chrono::seconds by) { offset_ += by.count(); }

  std::size_t token_fetches() const { return token_endpoint->request_count(); }

  std::string expires_in_json = "86400";
  std::shared_ptr<test_support::FakeTransport> token_endpoint =
      std::make_shared<test_support::FakeTransport>();
  std::shared_ptr<test_support::FakeTransport> api =
      std::make_shared<test_support::FakeTransport>();
  std::shared_ptr<Transport> router = std::make_shared<RoutingTransport>(token_endpoint, api);

 private:
  static constexpr long long start_seconds_ = 1780272000;  // 2026-06-01T00:00:00Z
  std::atomic<long long> offset_{0};
  std::atomic<int> tokens_issued_{0};
  std::unique_ptr<RefundClient> client_;
};

}  // namespace refundkit::optty_test
