#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "refundkit/komfortkasse.hpp"
#include "refundkit/test_support/fake_transport.hpp"
#include "refundkit/test_support/outcome_matchers.hpp"

namespace refundkit::komfortkasse_test {

inline constexpr std::string_view kApiKey = "kk-test-key-7f3a9c2e";
inline constexpr std::string_view kBaseUrl = "https://kk.example/api/v2";
inline constexpr std::string_view kRefundUrl = "https://kk.example/api/v2/order/1001/refund";

inline Money money(std::string_view amount, std::string_view currency = "EUR") {
  return Money::parse(amount, currency).value();
}

/// A client over a FakeTransport, with "today" fixed at 2026-03-14.
class KomfortkasseTest : public ::testing::Test {
 protected:
  KomfortkasseOptions options() const {
    KomfortkasseOptions options;
    options.api_key = std::string(kApiKey);
    options.base_url = std::string(kBaseUrl);
    const Date fixed_today = today;
    options.today = [fixed_today] { return fixed_today; };
    // One attempt and no waiting: these tests are about one exchange's mapping. Retries and
    // read-backs have their own tests (komfortkasse_pipeline_test.cpp, tests/pipeline).
    options.retry = RetryPolicy::none();
    return options;
  }

  std::unique_ptr<RefundClient> client() const {
    return make_komfortkasse_client(options(), transport);
  }

  /// order 1001, reference RMA-1, 12.30 EUR, plannedDate 20-03-2026.
  static RefundRequest request() {
    RefundRequest request;
    request.order_id = "1001";
    request.reference = "RMA-1";
    request.amount = money("12.30");
    request.planned_date = Date{2026, 3, 20};
    return request;
  }

  Result<Refund> create(const RefundRequest& request) { return client()->create_refund(request); }

  /// Sends request() and answers with status and body.
  Result<Refund> answer(int status, std::string body) {
    transport->respond_json(status, std::move(body));
    return create(request());
  }

  /// Answers the read-back that follows a refusal or a doubtful answer: order 1001 has no refunds,
  /// so the refusal stands as mapped.
  void SetUp() override {
    transport->set_handler([](const HttpRequest& request) -> Result<HttpResponse> {
      if (request.method != HttpMethod::get) {
        ADD_FAILURE() << "unexpected " << request.url;
        return test_support::make_transport_error(ErrorKind::protocol, "no reply scripted");
      }
      return test_support::make_json_response(200, R"({"number":"1001","refunds":[]})");
    });
  }

  /// The requests that were not read-backs.
  std::vector<HttpRequest> posts() const {
    std::vector<HttpRequest> posts;
    for (HttpRequest& request : transport->requests()) {
      if (request.method == HttpMethod::post) posts.push_back(std::move(request));
    }
    return posts;
  }

  Date today{2026, 3, 14};
  std::shared_ptr<test_support::FakeTransport> transport =
      std::make_shared<test_support::FakeTransport>();
};

}  // namespace refundkit::komfortkasse_test
