#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "refundkit/afterpay.hpp"
#include "refundkit/test_support/fake_transport.hpp"
#include "refundkit/test_support/outcome_matchers.hpp"

namespace refundkit::afterpay_test {

inline constexpr std::string_view kApiKey = "rv-test-key-4d8b1e6f0a93";
inline constexpr std::string_view kBaseUrl = "https://rv.example";
inline constexpr std::string_view kRefundUrl = "https://rv.example/api/v3/orders/ORD-1001/refunds";
inline constexpr std::string_view kOrderUrl = "https://rv.example/api/v3/orders/ORD-1001";

/// The vendor page's example answer.
inline constexpr std::string_view kRefunded =
    R"({"totalCapturedAmount":300.00,"totalAuthorizedAmount":300.00,)"
    R"("refundNumbers":["000000002"]})";
/// The order read that follows a refusal: order ORD-1001 has no refunds yet.
inline constexpr std::string_view kOrderWithoutRefunds =
    R"({"orderDetails":{"orderNumber":"ORD-1001","currency":"EUR"},"captures":[],)"
    R"("cancellations":[],"refunds":[]})";

inline Money money(std::string_view amount, std::string_view currency = "EUR") {
  return Money::parse(amount, currency).value();
}

inline LineItem item(std::string product_id, std::string_view gross, std::string_view net,
                     std::string_view vat, Decimal quantity = Decimal::whole(1),
                     Decimal vat_percent = Decimal(2000, 2), std::string_view currency = "EUR") {
  LineItem line;
  line.product_id = product_id;
  line.description = "Item " + product_id;
  line.quantity = quantity;
  line.gross_unit_price = money(gross, currency);
  line.net_unit_price = money(net, currency);
  line.vat_percent = vat_percent;
  line.vat_amount = money(vat, currency);
  return line;
}

/// A client over a FakeTransport, one attempt per call (retries have their own tests).
class AfterPayTest : public ::testing::Test {
 protected:
  AfterPayOptions options() const {
    AfterPayOptions options;
    options.api_key = std::string(kApiKey);
    options.base_url = std::string(kBaseUrl);
    options.retry = RetryPolicy::none();
    return options;
  }

  std::unique_ptr<RefundClient> client() const {
    return make_afterpay_client(options(), transport);
  }

  /// Order ORD-1001, reference RMA-1, 12.50 EUR from capture 000000001, no items.
  static RefundRequest request() {
    RefundRequest request;
    request.order_id = "ORD-1001";
    request.reference = "RMA-1";
    request.amount = money("12.50");
    request.capture_number = "000000001";
    return request;
  }

  Result<Refund> create(const RefundRequest& request) { return client()->create_refund(request); }

  /// Sends request() and answers the POST with status and body.
  Result<Refund> answer(int status, std::string body) {
    transport->respond_json(status, std::move(body));
    return create(request());
  }

  void SetUp() override {
    transport->set_handler([](const HttpRequest& request) -> Result<HttpResponse> {
      if (request.method != HttpMethod::get) {
        ADD_FAILURE() << "unexpected " << request.url;
        return test_support::make_transport_error(ErrorKind::protocol, "no reply scripted");
      }
      return test_support::make_json_response(200, std::string(kOrderWithoutRefunds));
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

  std::shared_ptr<test_support::FakeTransport> transport =
      std::make_shared<test_support::FakeTransport>();
};

}  // namespace refundkit::afterpay_test
