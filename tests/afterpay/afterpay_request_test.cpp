// What the adapter sends: exact method, URL, headers and body bytes.
#include <string>
#include <utility>
#include <vector>

#include "afterpay_fixture.hpp"

namespace refundkit::afterpay_test {
namespace {

using test_support::Succeeds;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

auto header(std::string name, std::string value) {
  return AllOf(Field(&HttpHeader::name, name), Field(&HttpHeader::value, value));
}

class RequestTest : public AfterPayTest {
 protected:
  HttpRequest sent(const RefundRequest& refund_request, AfterPayOptions with = {}) {
    if (with.api_key.empty()) with = options();
    const std::size_t sent_before = transport->request_count();
    transport->respond_json(200, std::string(kRefunded));
    EXPECT_THAT(make_afterpay_client(with, transport)->create_refund(refund_request), Succeeds());
    EXPECT_EQ(transport->request_count(), sent_before + 1);
    return transport->last_request();
  }

  /// 61.90 EUR: five of an article (12.00 gross, 2.00 VAT each), the shipping fee, less a 3.00
  /// return fee kept back (a negative gross price).
  static RefundRequest returned_goods() {
    RefundRequest refund_request = request();
    refund_request.amount = money("61.90");
    refund_request.kind = RefundKind::returned_goods;
    refund_request.credit_note_number = "CN-2026-0042";
    refund_request.reason = "not sent: the items describe the refund";
    LineItem article = item("0001", "12.00", "10.00", "2.00", Decimal(50, 1));
    article.type = LineItemType::physical_article;
    LineItem shipping = item("ship", "4.90", "4.12", "0.78", Decimal::whole(1), Decimal(1900, 2));
    shipping.description = "Shipping";
    shipping.type = LineItemType::shipping_fee;
    LineItem fee = item("fee", "-3.00", "-2.52", "-0.48", Decimal::whole(1), Decimal(1900, 2));
    fee.description = "Return fee";
    fee.type = LineItemType::surcharge;
    refund_request.line_items = {article, shipping, fee};
    return refund_request;
  }
};

constexpr char kReturnedGoodsItems[] =
    R"([{"productId":"0001","description":"Item 0001","netUnitPrice":10.00,)"
    R"("grossUnitPrice":12.00,"quantity":5.0,"vatPercent":20.00,"vatAmount":2.00,)"
    R"("type":"PhysicalArticle","lineNumber":1},)"
    R"({"productId":"ship","description":"Shipping","netUnitPrice":4.12,"grossUnitPrice":4.90,)"
    R"("quantity":1,"vatPercent":19.00,"vatAmount":0.78,"type":"ShippingFee","lineNumber":2},)"
    R"({"productId":"fee","description":"Return fee","netUnitPrice":-2.52,)"
    R"("grossUnitPrice":-3.00,"quantity":1,"vatPercent":19.00,"vatAmount":-0.48,)"
    R"("type":"Surcharge","lineNumber":3}])";

TEST_F(RequestTest, AnAmountOnlyRefundIsOneItemForTheWholeAmount) {
  const HttpRequest http = sent(request());

  EXPECT_EQ(http.method, HttpMethod::post);
  EXPECT_EQ(http.url, kRefundUrl);
  EXPECT_THAT(http.headers, ElementsAre(header("X-Auth-Key", std::string(kApiKey)),
                                        header("X-Idempotency-Key", "RMA-1"),
                                        header("Content-Type", "application/json; charset=utf-8")));
  EXPECT_EQ(http.body,
            R"({"captureNumber":"000000001","orderItems":[{"productId":"refund",)"
            R"("description":"Refund","netUnitPrice":12.50,"grossUnitPrice":12.50,"quantity":1,)"
            R"("vatPercent":0,"vatAmount":0.00,"lineNumber":1}],"transactionReference":"RMA-1"})");
  // Riverty replays a request under a key it knows: the transport may resend it.
  EXPECT_TRUE(http.idempotent);
  EXPECT_FALSE(http.body_is_secret);
}

TEST_F(RequestTest, AnAmountOnlyRefundDescribesItsItemWithTheReason) {
  RefundRequest goodwill = request();
  goodwill.reason = "Kulanz: \"late\" delivery";
  goodwill.kind = RefundKind::goodwill;
  goodwill.amount = money("1000.05", "SEK");
  EXPECT_EQ(sent(goodwill).body,
            R"({"captureNumber":"000000001","orderItems":[{"productId":"refund",)"
            R"("description":"Kulanz: \"late\" delivery","netUnitPrice":1000.05,)"
            R"("grossUnitPrice":1000.05,"quantity":1,"vatPercent":0,"vatAmount":0.00,)"
            R"("lineNumber":1}],"refundType":"Refund","transactionReference":"RMA-1"})");
}

TEST_F(RequestTest, EveryItemIsSentExactlyWithANegativeReturnFee) {
  EXPECT_EQ(sent(returned_goods()).body,
            std::string(R"({"captureNumber":"000000001","orderItems":)") + kReturnedGoodsItems +
                R"(,"refundType":"Return","creditNoteNumber":"CN-2026-0042",)"
                R"("transactionReference":"RMA-1"})");
}

TEST_F(RequestTest, TheItemsArrayMayBeNamedItems) {
  AfterPayOptions newer = options();
  newer.items_field = AfterPayItemsField::items;
  EXPECT_EQ(sent(returned_goods(), newer).body,
            std::string(R"({"captureNumber":"000000001","items":)") + kReturnedGoodsItems +
                R"(,"refundType":"Return","creditNoteNumber":"CN-2026-0042",)"
                R"("transactionReference":"RMA-1"})");
  EXPECT_THAT(sent(request(), newer).body,
              HasSubstr(R"({"captureNumber":"000000001","items":[{"productId":"refund",)"));
}

TEST_F(RequestTest, QuantityKeepsItsExactFraction) {
  RefundRequest fractional = request();
  fractional.amount = money("30.62");  // 2.374 kg at 12.90: 30.6246, an invoice line's 30.62
  fractional.line_items = {item("cheese", "12.90", "10.75", "2.15", Decimal(2374, 3))};
  EXPECT_THAT(sent(fractional).body, HasSubstr(R"("quantity":2.374,)"));
}

TEST_F(RequestTest, EveryItemTypeHasItsRivertyName) {
  const std::pair<LineItemType, const char*> types[] = {
      {LineItemType::physical_article, "PhysicalArticle"},
      {LineItemType::digital_article, "DigitalArticle"},
      {LineItemType::gift_card, "GiftCard"},
      {LineItemType::discount, "Discount"},
      {LineItemType::shipping_fee, "ShippingFee"},
      {LineItemType::surcharge, "Surcharge"},
      {LineItemType::info, "Info"},
      {LineItemType::subscription, "Subscription"},
  };
  for (const auto& [type, name] : types) {
    SCOPED_TRACE(name);
    RefundRequest typed = request();
    typed.line_items = {item("1", "12.50", "10.42", "2.08")};
    typed.line_items[0].type = type;
    EXPECT_THAT(sent(typed).body,
                HasSubstr(std::string(R"("vatAmount":2.08,"type":")") + name + "\","));
  }
  RefundRequest untyped = request();
  untyped.line_items = {item("1", "12.50", "10.42", "2.08")};
  EXPECT_THAT(sent(untyped).body, HasSubstr(R"("vatAmount":2.08,"lineNumber":1})"));
}

TEST_F(RequestTest, TheEnvironmentPicksTheBaseUrlAndBaseUrlOverridesIt) {
  AfterPayOptions production = options();
  production.base_url.clear();
  EXPECT_EQ(sent(request(), production).url,
            "https://api.bnpl.riverty.io/api/v3/orders/ORD-1001/refunds");

  AfterPayOptions sandbox = production;
  sandbox.environment = AfterPayEnvironment::sandbox;
  EXPECT_EQ(sent(request(), sandbox).url,
            "https://sandbox.bnpl.riverty.io/api/v3/orders/ORD-1001/refunds");

  AfterPayOptions emulator = sandbox;
  emulator.base_url = "http://127.0.0.1:41234/afterpay/";
  EXPECT_EQ(sent(request(), emulator).url,
            "http://127.0.0.1:41234/afterpay/api/v3/orders/ORD-1001/refunds");
}

TEST_F(RequestTest, OrderNumberIsOnePercentEncodedPathSegment) {
  const std::pair<const char*, const char*> cases[] = {{"A/../1", "A%2F..%2F1"},
                                                       {"..", "%2E%2E"},
                                                       {"a b?c#d", "a%20b%3Fc%23d"},
                                                       {"\xC3\xBC", "%C3%BC"}};
  for (const auto& [order_number, segment] : cases) {
    SCOPED_TRACE(order_number);
    RefundRequest refund_request = request();
    refund_request.order_id = order_number;
    EXPECT_EQ(sent(refund_request).url,
              std::string("https://rv.example/api/v3/orders/") + segment + "/refunds");
  }
}

TEST_F(RequestTest, TextIsJsonEscaped) {
  RefundRequest refund_request = request();
  refund_request.reference = "RMA \"7\" \\ \xC3\xBC/1";
  refund_request.capture_number = "C\"1";
  EXPECT_EQ(sent(refund_request).body,
            R"({"captureNumber":"C\"1","orderItems":[{"productId":"refund",)"
            R"("description":"Refund","netUnitPrice":12.50,"grossUnitPrice":12.50,"quantity":1,)"
            R"("vatPercent":0,"vatAmount":0.00,"lineNumber":1}],)"
            R"("transactionReference":"RMA \"7\" \\ )"
            "\xC3\xBC"
            R"(/1"})");
}

TEST_F(RequestTest, ACreditNoteNumberOfNineteenCharactersIsSent) {
  RefundRequest refund_request = request();
  refund_request.credit_note_number =
      "\xC3\x9C"
      "123456789012345678";  // Ü + 18: 19 characters
  EXPECT_THAT(sent(refund_request).body, HasSubstr(std::string(R"("creditNoteNumber":")") +
                                                   refund_request.credit_note_number + "\","));
}

}  // namespace
}  // namespace refundkit::afterpay_test
