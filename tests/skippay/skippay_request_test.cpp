// What the adapter sends: exact method, URL, headers and body bytes of the refund, amounts in
// minor units, the VAT array as given or derived from the line items.
#include <string>
#include <vector>

#include "skippay_fixture.hpp"

namespace refundkit::skippay_test {
namespace {

using test_support::Succeeds;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;

constexpr char kCreated[] = R"({"id":"RF-1"})";

class RequestTest : public SkipPayTest {
 protected:
  /// The refund POST's bytes for refund_request (answered 201).
  HttpRequest sent(const RefundRequest& refund_request) {
    script_refund(test_support::make_json_response(201, kCreated));
    EXPECT_THAT(create(refund_request), Succeeds());
    const std::vector<HttpRequest> posts = refund_posts();
    EXPECT_EQ(posts.size(), 1u);
    return posts.empty() ? HttpRequest{} : posts.back();
  }
  std::string body_of(const RefundRequest& refund_request) { return sent(refund_request).body; }
};

auto header(std::string name, std::string value) {
  return AllOf(Field(&HttpHeader::name, name), Field(&HttpHeader::value, value));
}

VatAmount vat(Decimal rate, std::string_view amount, std::string_view currency = "CZK") {
  return VatAmount{rate, money(amount, currency)};
}

LineItem item(std::string_view gross, Decimal quantity, Decimal vat_percent,
              std::string_view vat_amount) {
  LineItem line;
  line.product_id = "SKU";
  line.gross_unit_price = money(gross);
  line.quantity = quantity;
  line.vat_percent = vat_percent;
  if (!vat_amount.empty()) line.vat_amount = money(vat_amount);
  return line;
}

TEST_F(RequestTest, SendsExactlyTheDocumentedRequestWithTheAmountInMinorUnits) {
  const HttpRequest http = sent(request());
  EXPECT_EQ(http.method, HttpMethod::post);
  EXPECT_EQ(http.url, kRefundUrl);
  EXPECT_THAT(http.headers, ElementsAre(header("Content-Type", "application/json"),
                                        header("Accept", "application/json"),
                                        header("Authorization", "Bearer token-1")));
  EXPECT_EQ(http.body, R"({"totalPrice":{"amount":12590,"currency":"CZK"}})");
  EXPECT_FALSE(http.body_is_secret);
  // Never resent by the transport on a fresh connection: the vendor cannot recognise it.
  EXPECT_FALSE(http.idempotent);
}

TEST_F(RequestTest, EveryFieldInItsOrderAndTheReferenceNowhere) {
  RefundRequest full = request();
  full.reason = "Reklamace \"vada\" – sleva";
  full.variable_symbol = "2026000123";
  full.vat_breakdown = {vat(Decimal::whole(21), "21.85"), vat(Decimal(125, 1), "1.00")};
  const HttpRequest http = sent(full);
  EXPECT_EQ(http.body, R"({"totalPrice":{"amount":12590,"currency":"CZK"},)"
                       R"("totalVat":[{"amount":2185,"currency":"CZK","vatRate":21},)"
                       R"({"amount":100,"currency":"CZK","vatRate":12.5}],)"
                       R"("reason":"Reklamace \"vada\" – sleva","variableSymbol":"2026000123"})");
  EXPECT_EQ(http.body.find("RMA-1"), std::string::npos);
  EXPECT_EQ(http.url.find("RMA-1"), std::string::npos);
}

TEST_F(RequestTest, AmountsAreMinorUnitsOfTheCurrency) {
  struct Case {
    const char* amount;
    const char* currency;
    const char* json;
  };
  const Case cases[] = {
      {"125.90", "CZK", R"({"totalPrice":{"amount":12590,"currency":"CZK"}})"},
      {"125.9", "CZK", R"({"totalPrice":{"amount":12590,"currency":"CZK"}})"},
      {"0.01", "CZK", R"({"totalPrice":{"amount":1,"currency":"CZK"}})"},
      {"1000000", "CZK", R"({"totalPrice":{"amount":100000000,"currency":"CZK"}})"},
      {"19.99", "EUR", R"({"totalPrice":{"amount":1999,"currency":"EUR"}})"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.amount);
    SkipPayOptions with_eur = options();
    with_eur.accepted_currencies = {"CZK", "EUR"};
    RefundRequest refund_request = request();
    refund_request.amount = money(c.amount, c.currency);
    script_refund(test_support::make_json_response(201, kCreated));
    ASSERT_THAT(client_with(with_eur)->create_refund(refund_request), Succeeds());
    EXPECT_EQ(transport->last_request().body, c.json);
  }
}

TEST_F(RequestTest, VatRatesAreWrittenExactlyWithoutTrailingZeros) {
  RefundRequest refund_request = request();
  refund_request.vat_breakdown = {vat(Decimal(2100, 2), "10.00"), vat(Decimal(1250, 2), "1.50"),
                                  vat(Decimal(0, 2), "0")};
  EXPECT_EQ(body_of(refund_request), R"({"totalPrice":{"amount":12590,"currency":"CZK"},)"
                                     R"("totalVat":[{"amount":1000,"currency":"CZK","vatRate":21},)"
                                     R"({"amount":150,"currency":"CZK","vatRate":12.5},)"
                                     R"({"amount":0,"currency":"CZK","vatRate":0}]})");
}

TEST_F(RequestTest, VatMayAddUpToTheWholeAmount) {
  RefundRequest refund_request = request();
  refund_request.vat_breakdown = {vat(Decimal::whole(21), "125.90")};
  EXPECT_EQ(body_of(refund_request),
            R"({"totalPrice":{"amount":12590,"currency":"CZK"},)"
            R"("totalVat":[{"amount":12590,"currency":"CZK","vatRate":21}]})");
}

TEST_F(RequestTest, VatIsDerivedFromTheLineItemsPerRateInTheOrderRatesAppear) {
  RefundRequest refund_request = request();
  refund_request.amount = money("196.00");
  refund_request.line_items = {
      item("60.50", Decimal::whole(2), Decimal::whole(21), "10.50"),  // 21.00 VAT
      item("50.00", Decimal::whole(1), Decimal(1200, 2), "5.36"),     // 5.36 VAT
      item("25.00", Decimal::whole(1), Decimal(2100, 2), "4.34"),     // 4.34 more at 21
  };
  EXPECT_EQ(body_of(refund_request), R"({"totalPrice":{"amount":19600,"currency":"CZK"},)"
                                     R"("totalVat":[{"amount":2534,"currency":"CZK","vatRate":21},)"
                                     R"({"amount":536,"currency":"CZK","vatRate":12}]})");
}

TEST_F(RequestTest, DerivedVatIsRoundedHalfAwayFromZeroOncePerRate) {
  RefundRequest refund_request = request();
  // 0.05 x 1.5 = 0.075 twice: 0.15 exactly, where rounding each line would give 0.16.
  refund_request.amount = money("3.00");
  refund_request.line_items = {
      item("1.00", Decimal(15, 1), Decimal::whole(10), "0.05"),
      item("1.00", Decimal(15, 1), Decimal::whole(10), "0.05"),
  };
  EXPECT_EQ(body_of(refund_request),
            R"({"totalPrice":{"amount":300,"currency":"CZK"},)"
            R"("totalVat":[{"amount":15,"currency":"CZK","vatRate":10}]})");

  // 0.03 x 2.5 = 0.075: a half, rounded away from zero to 0.08.
  refund_request.amount = money("2.50");
  refund_request.line_items = {item("1.00", Decimal(25, 1), Decimal::whole(10), "0.03")};
  EXPECT_EQ(transport->request_count(), 2u);  // a login and the first refund
  script_refund(test_support::make_json_response(201, kCreated));
  ASSERT_THAT(create(refund_request), Succeeds());
  EXPECT_EQ(transport->last_request().body,
            R"({"totalPrice":{"amount":250,"currency":"CZK"},)"
            R"("totalVat":[{"amount":8,"currency":"CZK","vatRate":10}]})");
}

TEST_F(RequestTest, LinesWithoutAVatAmountAddNoVat) {
  RefundRequest refund_request = request();
  refund_request.amount = money("30.00");
  refund_request.line_items = {item("10.00", Decimal::whole(1), Decimal::whole(21), ""),
                               item("20.00", Decimal::whole(1), Decimal::whole(12), "2.14")};
  EXPECT_EQ(body_of(refund_request),
            R"({"totalPrice":{"amount":3000,"currency":"CZK"},)"
            R"("totalVat":[{"amount":214,"currency":"CZK","vatRate":12}]})");

  refund_request.line_items = {item("30.00", Decimal::whole(1), Decimal::whole(21), "")};
  script_refund(test_support::make_json_response(201, kCreated));
  ASSERT_THAT(create(refund_request), Succeeds());
  EXPECT_EQ(transport->last_request().body, R"({"totalPrice":{"amount":3000,"currency":"CZK"}})");
}

TEST_F(RequestTest, AGivenBreakdownWinsOverTheLineItems) {
  RefundRequest refund_request = request();
  refund_request.amount = money("121.00");
  refund_request.line_items = {item("121.00", Decimal::whole(1), Decimal::whole(21), "21.00")};
  refund_request.vat_breakdown = {vat(Decimal::whole(21), "20.99")};
  EXPECT_EQ(body_of(refund_request),
            R"({"totalPrice":{"amount":12100,"currency":"CZK"},)"
            R"("totalVat":[{"amount":2099,"currency":"CZK","vatRate":21}]})");
}

TEST_F(RequestTest, TheApplicationIdIsOnePathSegment) {
  RefundRequest refund_request = request();
  refund_request.order_id = "a/b ?#..";
  script_refund(test_support::make_json_response(201, kCreated));
  ASSERT_THAT(create(refund_request), Succeeds());
  EXPECT_EQ(transport->last_request().url,
            "https://skippay.example/financing/v1/applications/a%2Fb%20%3F%23../refunds");
}

TEST_F(RequestTest, TheBaseUrlIsOverridableAndTheDefaultIsTheVendors) {
  EXPECT_EQ(SkipPayOptions().base_url, "https://api.partner.skippay.cz");
  EXPECT_EQ(SkipPayOptions().accepted_currencies, std::vector<std::string>{"CZK"});
  SkipPayOptions other = options();
  other.base_url = "https://partner.test/api/";
  script_refund(test_support::make_json_response(201, kCreated));
  ASSERT_THAT(client_with(other)->create_refund(request()), Succeeds());
  const std::vector<HttpRequest> all = transport->requests();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].url, "https://partner.test/api/authentication/v1/partner");
  EXPECT_EQ(all[1].url, "https://partner.test/api/financing/v1/applications/APP-1001/refunds");
}

}  // namespace
}  // namespace refundkit::skippay_test
