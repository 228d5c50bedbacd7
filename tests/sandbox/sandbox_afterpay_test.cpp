// The AfterPay / Riverty emulator's rules, exercised over raw HTTP.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "sandbox_test_support.hpp"

namespace refundkit::sandbox::testing {
namespace {

using ::testing::HasSubstr;

constexpr const char* kAfterPayKey = "sandbox-afterpay-key";
constexpr const char* kOrdersPath = "/afterpay/api/v3/orders/";
constexpr const char* kJsonUtf8 = "application/json; charset=utf-8";
constexpr const char* kUnauthorizedBody =
    R"([{"type":"BusinessError","code":"401.001","message":"API user is unauthorized. Make sure )"
    R"(X-Auth-Key header is sent.","customerFacingMessage":"The request could not be processed. )"
    R"(Please contact the merchant.","actionCode":"Unavailable","fieldReference":null}])";

// 2030-06-15T10:20:30Z: the sandbox's clock in these tests.
std::chrono::system_clock::time_point fixed_now() {
  return std::chrono::system_clock::time_point(std::chrono::seconds(1907749230));
}

SandboxOptions afterpay_options() {
  SandboxOptions options = test_options();
  options.now = fixed_now;
  return options;
}

// A RefundOrderItem as JSON text; prices are raw JSON numbers ("12.00").
std::string item(const std::string& gross, const std::string& quantity = "1",
                 const std::string& net = "", const std::string& vat = "0",
                 const std::string& product = "0001") {
  return R"({"productId":")" + product + R"(","description":"Item )" + product +
         R"(","netUnitPrice":)" + (net.empty() ? gross : net) + R"(,"grossUnitPrice":)" + gross +
         R"(,"quantity":)" + quantity + R"(,"vatPercent":)" + (vat == "0" ? "0" : "20.00") +
         R"(,"vatAmount":)" + vat + "}";
}

// The page's example item: 5 x 12.00 gross (10.00 net + 2.00 VAT per unit) = 60.00.
const std::string kPageItem =
    R"({"productId":"0001","groupId":"0011","description":"Item 1 description",)"
    R"("netUnitPrice":10.00,"grossUnitPrice":12.00,"quantity":5.0,)"
    R"("vatCategory":"MiddleCategory","vatPercent":20.00,"vatAmount":2.00,"lineNumber":1})";

std::string items_body(const std::vector<std::string>& items,
                       const std::string& capture = "000000001",
                       const std::string& array_name = "orderItems",
                       const std::string& extra = "") {
  std::string joined;
  for (const std::string& one : items) joined += (joined.empty() ? "" : ",") + one;
  return R"({"captureNumber":")" + capture + R"(",")" + array_name + R"(":[)" + joined + "]" +
         extra + "}";
}

std::string amount_body(const std::string& gross, const std::string& extra = "") {
  return items_body({item(gross)}, "000000001", "orderItems", extra);
}

// 8-4-4-4-12 lower-case hex digits, version 4, RFC 4122 variant. (No std::regex: GCC 12 warns
// inside it under the sanitizer builds.)
bool is_guid(const Json& value) {
  if (!value.is_string()) return false;
  const std::string text = value.get<std::string>();
  if (text.size() != 36 || text[14] != '4' ||
      std::string("89ab").find(text[19]) == std::string::npos) {
    return false;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    const char c = text[i];
    if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

class AfterPayClient {
 public:
  explicit AfterPayClient(int port) : client_("127.0.0.1", port) {
    client_.set_url_encode(false);
    client_.set_connection_timeout(5);
    client_.set_read_timeout(10);
  }

  Reply refund(const std::string& encoded_order, const std::string& body,
               const httplib::Headers& extra = {}, const std::string& content_type = kJsonUtf8,
               const std::string& api_key = kAfterPayKey) {
    httplib::Headers headers = extra;
    if (!api_key.empty()) headers.emplace("X-Auth-Key", api_key);
    const std::string path = kOrdersPath + encoded_order + "/refunds";
    if (content_type.empty() && body.empty()) {
      return to_reply(client_.Post(path.c_str(), headers));  // no body, no Content-Type
    }
    return to_reply(client_.Post(path.c_str(), headers, body, content_type.c_str()));
  }
  Reply keyed_refund(const std::string& order, const std::string& body, const std::string& key) {
    return refund(order, body, {{"X-Idempotency-Key", key}});
  }
  // GET {orders}/{path_after_orders}
  Reply read(const std::string& path_after_orders, const std::string& api_key = kAfterPayKey) {
    httplib::Headers headers;
    if (!api_key.empty()) headers.emplace("X-Auth-Key", api_key);
    return to_reply(client_.Get((kOrdersPath + path_after_orders).c_str(), headers));
  }

 private:
  static Reply to_reply(const httplib::Result& result) {
    Reply reply;
    if (!result) return reply;
    reply.status = result->status;
    reply.body = result->body;
    reply.json = Json::parse(result->body, nullptr, false);
    return reply;
  }

  httplib::Client client_;
};

class AfterPaySandboxTest : public ::testing::Test {
 protected:
  Sandbox sandbox_{afterpay_options()};
  AfterPayClient client_{sandbox_.port()};

  // Asserts the status and that the body is one ResponseMessage of `type`, with every field of
  // the model, and returns it.
  Json expect_message(const Reply& reply, int status, const std::string& type) {
    EXPECT_EQ(reply.status, status) << reply.body;
    if (!reply.json.is_array() || reply.json.size() != 1) {
      ADD_FAILURE() << "not one ResponseMessage: " << reply.body;
      return Json::object();
    }
    const Json& message = reply.json[0];
    EXPECT_EQ(message.value("type", ""), type) << reply.body;
    EXPECT_THAT(message.value("code", ""), ::testing::StartsWith(std::to_string(status) + "."));
    EXPECT_FALSE(message.value("message", "").empty());
    EXPECT_FALSE(message.value("customerFacingMessage", "").empty());
    EXPECT_EQ(message.value("actionCode", ""), "Unavailable");
    EXPECT_TRUE(message.contains("fieldReference"));
    EXPECT_EQ(message.size(), 6u) << reply.body;
    return message;
  }

  void add_two_capture_order(const std::string& id = "RV-2CAP") {
    SandboxOrder order("afterpay", id, "200.00", "EUR");
    order.captures = {{"000000001", "100.00", {}}, {"000000002", "50.00", {}}};
    sandbox_.add_order(order);
  }

  std::int64_t refunded_minor() const {
    std::int64_t total = 0;
    for (const SandboxRefund& refund : sandbox_.refunds()) total += refund.amount_minor;
    return total;
  }
};

// --- Creating refunds --------------------------------------------------------------------------

TEST_F(AfterPaySandboxTest, RefundsThePagesExampleWithTheDocumentedAnswer) {
  const Reply reply = client_.refund("RV-3001", items_body({kPageItem}));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.body, R"({"totalCapturedAmount":300.00,"totalAuthorizedAmount":300.00,)"
                        R"("refundNumbers":["000000002"],"totalRefundedAmount":60.00,)"
                        R"("remainingAuthorizedAmount":0.00})");
}

TEST_F(AfterPaySandboxTest, RecordsTheRefundInTheLedger) {
  ASSERT_EQ(
      client_
          .refund("RV-3001", items_body({kPageItem}, "000000001", "orderItems",
                                        R"(,"transactionReference":"RMA-1","refundType":"Return",)"
                                        R"("creditNoteNumber":"CN-1234567890123456")"))
          .status,
      200);
  const std::vector<SandboxRefund> refunds = sandbox_.refunds();
  ASSERT_EQ(refunds.size(), 1u);
  EXPECT_EQ(refunds[0].provider, "afterpay");
  EXPECT_EQ(refunds[0].order_id, "RV-3001");
  EXPECT_EQ(refunds[0].id, "000000002");
  EXPECT_EQ(refunds[0].reference, "RMA-1");
  EXPECT_EQ(refunds[0].amount, "60.00");
  EXPECT_EQ(refunds[0].amount_minor, 6000);
  EXPECT_EQ(refunds[0].currency, "EUR");
  EXPECT_EQ(refunds[0].status, "Refunded");
  EXPECT_EQ(refunds[0].capture_number, "000000001");
  EXPECT_FALSE(refunds[0].vendor_reference.empty());  // the refundId
}

TEST_F(AfterPaySandboxTest, RecordsAnEmptyReferenceWithoutATransactionReference) {
  ASSERT_EQ(client_.refund("RV-3001", amount_body("10.00")).status, 200);
  ASSERT_EQ(sandbox_.refunds().size(), 1u);
  EXPECT_EQ(sandbox_.refunds()[0].reference, "");
}

TEST_F(AfterPaySandboxTest, AcceptsTheNewerItemsName) {
  const Reply reply = client_.refund("RV-3001", items_body({kPageItem}, "000000001", "items"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(sandbox_.refunds().at(0).amount_minor, 6000);
}

TEST_F(AfterPaySandboxTest, RefusesOrderItemsAndItemsTogether) {
  const std::string body = R"({"captureNumber":"000000001","orderItems":[)" + kPageItem +
                           R"(],"items":[)" + kPageItem + "]}";
  const Json message = expect_message(client_.refund("RV-3001", body), 400, "ValidationError");
  EXPECT_EQ(message.value("fieldReference", ""), "items");
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(AfterPaySandboxTest, AcceptsJsonWithOrWithoutACharset) {
  for (const char* type :
       {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8"}) {
    EXPECT_EQ(client_.refund("RV-3001", amount_body("1.00"), {}, type).status, 200) << type;
  }
  EXPECT_EQ(sandbox_.refunds().size(), 3u);
}

TEST_F(AfterPaySandboxTest, RefusesABodyThatIsNotJsonByItsContentType) {
  expect_message(client_.refund("RV-3001", amount_body("1.00"), {}, "text/plain"), 415,
                 "ValidationError");
  EXPECT_TRUE(sandbox_.refunds().empty());
}

// --- Authentication and unknown orders ---------------------------------------------------------

TEST_F(AfterPaySandboxTest, RefusesAMissingOrWrongAuthKey) {
  for (const std::string key : {"", "wrong-key", "sandbox-afterpay-ke"}) {
    const Reply reply = client_.refund("RV-3001", amount_body("1.00"), {}, kJsonUtf8, key);
    EXPECT_EQ(reply.status, 401) << key;
    EXPECT_EQ(reply.body, kUnauthorizedBody) << key;
  }
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(AfterPaySandboxTest, AcceptsAConfiguredAuthKey) {
  SandboxOptions options = afterpay_options();
  options.afterpay_api_key = "my-riverty-key";
  Sandbox sandbox(options);
  AfterPayClient client(sandbox.port());
  EXPECT_EQ(client.refund("RV-3001", amount_body("1.00")).status, 401);
  EXPECT_EQ(client.refund("RV-3001", amount_body("1.00"), {}, kJsonUtf8, "my-riverty-key").status,
            200);
}

TEST_F(AfterPaySandboxTest, ReadsNeedTheAuthKey) {
  for (const std::string path : {"RV-3001", "RV-3001/refunds", "RV-3001/refunds/000000002"}) {
    const Reply reply = client_.read(path, "");
    EXPECT_EQ(reply.status, 401) << path;
    EXPECT_EQ(reply.body, kUnauthorizedBody) << path;
    EXPECT_EQ(client_.read(path, "wrong").status, 401) << path;
  }
}

TEST_F(AfterPaySandboxTest, RefusesAnUnknownOrder) {
  const Json message =
      expect_message(client_.refund("RV-9999", amount_body("1.00")), 404, "BusinessError");
  EXPECT_EQ(message.value("code", ""), "404.001");
  EXPECT_TRUE(sandbox_.refunds().empty());
}

// --- Field errors ------------------------------------------------------------------------------

struct FieldCase {
  std::string body;
  std::string field_reference;  // "" for a message about no one field (null)
};

class AfterPayFieldTest : public AfterPaySandboxTest,
                          public ::testing::WithParamInterface<FieldCase> {};

TEST_P(AfterPayFieldTest, RefusesTheFieldWithAValidationError) {
  const Reply reply = client_.refund("RV-3001", GetParam().body);
  const Json message = expect_message(reply, 400, "ValidationError");
  if (GetParam().field_reference.empty()) {
    EXPECT_TRUE(message.value("fieldReference", Json()).is_null()) << reply.body;
  } else {
    EXPECT_EQ(message.value("fieldReference", ""), GetParam().field_reference) << reply.body;
  }
  EXPECT_TRUE(sandbox_.refunds().empty());
}

// A valid item (12.00 = 10.00 + 2.00) without `field`, and a body with just that item.
std::string without_field(const std::string& field) {
  Json one = Json::parse(item("12.00", "1", "10.00", "2.00"));
  one.erase(field);
  return one.dump();
}

std::string without(const std::string& field) { return items_body({without_field(field)}); }

std::string with_field(const std::string& field, const std::string& raw_value) {
  Json one = Json::parse(item("12.00", "1", "10.00", "2.00"));
  one.erase(field);
  std::string text = one.dump();
  text.pop_back();
  return items_body({text + R"(,")" + field + R"(":)" + raw_value + "}"});
}

INSTANTIATE_TEST_SUITE_P(
    Items, AfterPayFieldTest,
    ::testing::Values(
        FieldCase{without("productId"), "orderItems[0].productId"},
        FieldCase{without("description"), "orderItems[0].description"},
        FieldCase{without("netUnitPrice"), "orderItems[0].netUnitPrice"},
        FieldCase{without("grossUnitPrice"), "orderItems[0].grossUnitPrice"},
        FieldCase{without("quantity"), "orderItems[0].quantity"},
        FieldCase{without("vatPercent"), "orderItems[0].vatPercent"},
        FieldCase{without("vatAmount"), "orderItems[0].vatAmount"},
        FieldCase{with_field("productId", R"("")"), "orderItems[0].productId"},
        FieldCase{with_field("productId", "1"), "orderItems[0].productId"},
        FieldCase{with_field("grossUnitPrice", R"("12.00")"), "orderItems[0].grossUnitPrice"},
        FieldCase{with_field("grossUnitPrice", "1.2e1"), "orderItems[0].grossUnitPrice"},
        FieldCase{with_field("grossUnitPrice", "12.0000001"), "orderItems[0].grossUnitPrice"},
        FieldCase{with_field("grossUnitPrice", "12.02"), "orderItems[0].grossUnitPrice"},
        FieldCase{with_field("grossUnitPrice", "11.98"), "orderItems[0].grossUnitPrice"},
        FieldCase{with_field("grossUnitPrice", "null"), "orderItems[0].grossUnitPrice"},
        FieldCase{with_field("quantity", "0"), "orderItems[0].quantity"},
        FieldCase{with_field("quantity", "-1"), "orderItems[0].quantity"},
        FieldCase{with_field("vatPercent", "101"), "orderItems[0].vatPercent"},
        FieldCase{with_field("type", R"("Voucher")"), "orderItems[0].type"},
        FieldCase{with_field("vatCategory", R"("Middle")"), "orderItems[0].vatCategory"},
        FieldCase{with_field("lineNumber", "1.5"), "orderItems[0].lineNumber"},
        FieldCase{items_body({"[]"}), "orderItems[0]"},
        FieldCase{items_body({item("1.00"), without_field("description")}),
                  "orderItems[1].description"},
        FieldCase{items_body({without_field("productId")}, "000000001", "items"),
                  "items[0].productId"}));

INSTANTIATE_TEST_SUITE_P(
    Request, AfterPayFieldTest,
    ::testing::Values(
        FieldCase{"not json", ""}, FieldCase{"{", ""}, FieldCase{"[1]", ""},
        FieldCase{R"("text")", ""},
        FieldCase{R"({"orderItems":[)" + item("1.00") + "]}", "captureNumber"},
        FieldCase{R"({"captureNumber":1,"orderItems":[)" + item("1.00") + "]}", "captureNumber"},
        FieldCase{R"({"captureNumber":"","orderItems":[)" + item("1.00") + "]}", "captureNumber"},
        FieldCase{R"({"captureNumber":"000000001","orderItems":{}})", "orderItems"},
        FieldCase{amount_body("1.00", R"(,"refundType":"Goodwill")"), "refundType"},
        FieldCase{amount_body("1.00", R"(,"refundType":"refund")"), "refundType"},
        FieldCase{amount_body("1.00", R"(,"creditNoteNumber":"12345678901234567890")"),
                  "creditNoteNumber"},
        FieldCase{amount_body("1.00", R"(,"transactionReference":7)"), "transactionReference"},
        FieldCase{amount_body("1.00", R"(,"parentTransactionReference":{})"),
                  "parentTransactionReference"}));

TEST_F(AfterPaySandboxTest, ReportsEveryFieldErrorAtOnce) {
  const Reply reply = client_.refund(
      "RV-3001",
      items_body({R"({"productId":"1","description":"d","netUnitPrice":1,)"
                  R"("vatPercent":0,"vatAmount":0})"},
                 "000000001", "orderItems", R"(,"creditNoteNumber":"12345678901234567890")"));
  EXPECT_EQ(reply.status, 400);
  ASSERT_TRUE(reply.json.is_array()) << reply.body;
  std::vector<std::string> fields;
  for (const Json& message : reply.json) fields.push_back(message.value("fieldReference", ""));
  EXPECT_THAT(fields,
              ::testing::UnorderedElementsAre("creditNoteNumber", "orderItems[0].grossUnitPrice",
                                              "orderItems[0].quantity"));
}

TEST_F(AfterPaySandboxTest, AcceptsGrossWithinOneCentOfNetPlusVat) {
  EXPECT_EQ(client_.refund("RV-3001", items_body({item("12.00", "1", "10.00", "1.99")})).status,
            200);
  EXPECT_EQ(client_.refund("RV-3001", items_body({item("12.00", "1", "10.01", "2.00")})).status,
            200);
  EXPECT_EQ(client_.refund("RV-3001", items_body({item("8.39", "1", "7.05", "1.3395")})).status,
            200);
}

TEST_F(AfterPaySandboxTest, AcceptsACreditNoteNumberOfNineteenCharacters) {
  EXPECT_EQ(
      client_.refund("RV-3001", amount_body("1.00", R"(,"creditNoteNumber":"1234567890123456789")"))
          .status,
      200);
}

// --- Amounts -----------------------------------------------------------------------------------

TEST_F(AfterPaySandboxTest, MultipliesFractionalQuantitiesExactly) {
  ASSERT_EQ(client_.refund("RV-3001", items_body({item("12.00", "2.5")})).status, 200);
  EXPECT_EQ(sandbox_.refunds().at(0).amount_minor, 3000);
}

TEST_F(AfterPaySandboxTest, RoundsTheTotalOnceHalfAwayFromZero) {
  // 0.01 x 0.5 = 0.005: one cent.
  ASSERT_EQ(client_.refund("RV-3001", items_body({item("0.01", "0.5")})).status, 200);
  EXPECT_EQ(sandbox_.refunds().at(0).amount_minor, 1);
  // 12.00 - 0.005 = 11.995: 12.00, the total rounded, not each line.
  ASSERT_EQ(client_.refund("RV-3001", items_body({item("12.00"), item("-0.01", "0.5")})).status,
            200);
  EXPECT_EQ(sandbox_.refunds().at(1).amount_minor, 1200);
}

TEST_F(AfterPaySandboxTest, SubtractsANegativeReturnFee) {
  const Reply reply = client_.refund(
      "RV-3001", items_body({kPageItem, item("-5.00", "1", "-4.17", "-0.83", "FEE")}));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(sandbox_.refunds().at(0).amount_minor, 5500);
}

TEST_F(AfterPaySandboxTest, RefusesARefundThatIsNotPositive) {
  const Json message =
      expect_message(client_.refund("RV-3001", items_body({item("-5.00")})), 400, "BusinessError");
  EXPECT_EQ(message.value("code", ""), "400.010");
  expect_message(client_.refund("RV-3001", items_body({item("5.00"), item("-5.00")})), 400,
                 "BusinessError");
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(AfterPaySandboxTest, LimitsRefundsToTheCapturesRemainingAmount) {
  ASSERT_EQ(client_.refund("RV-3001", amount_body("250.00")).status, 200);

  const Json message =
      expect_message(client_.refund("RV-3001", amount_body("50.01")), 400, "BusinessError");
  EXPECT_THAT(message.value("message", ""), HasSubstr("exceeds the remaining captured amount"));
  EXPECT_EQ(message.value("code", ""), "400.005");
  EXPECT_EQ(client_.refund("RV-3001", amount_body("50.00")).status, 200);
  expect_message(client_.refund("RV-3001", amount_body("0.01")), 400, "BusinessError");
  EXPECT_EQ(sandbox_.refunds().size(), 2u);
  EXPECT_EQ(refunded_minor(), 30000);
}

TEST_F(AfterPaySandboxTest, CountsRefundsAgainstTheirOwnCaptureOnly) {
  add_two_capture_order();
  ASSERT_EQ(client_.refund("RV-2CAP", amount_body("100.00")).status, 200);
  expect_message(client_.refund("RV-2CAP", amount_body("0.01")), 400, "BusinessError");
  EXPECT_EQ(client_.refund("RV-2CAP", items_body({item("50.00")}, "000000002")).status, 200);
  expect_message(client_.refund("RV-2CAP", items_body({item("0.01")}, "000000002")), 400,
                 "BusinessError");
  ASSERT_EQ(sandbox_.refunds().size(), 2u);
  EXPECT_EQ(sandbox_.refunds()[1].capture_number, "000000002");
}

TEST_F(AfterPaySandboxTest, RefusesACaptureTheOrderDoesNotHave) {
  const Json message = expect_message(
      client_.refund("RV-3001", items_body({item("1.00")}, "000000002")), 400, "BusinessError");
  EXPECT_EQ(message.value("fieldReference", ""), "captureNumber");
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(AfterPaySandboxTest, RefusesACurrencyRivertyDoesNotSupport) {
  for (const char* currency : {"GBP", "USD", "CZK"}) {
    SandboxOrder order("afterpay", std::string("RV-") + currency, "10.00", currency);
    order.captures = {{"000000001", "10.00", {}}};
    sandbox_.add_order(order);
    const Json message =
        expect_message(client_.refund(order.order_id, amount_body("1.00")), 400, "BusinessError");
    EXPECT_THAT(message.value("message", ""), HasSubstr(currency));
  }
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(AfterPaySandboxTest, RefusesAnOrderWithoutCaptures) {
  expect_message(client_.refund("RV-3003", amount_body("1.00")), 400, "BusinessError");
  expect_message(client_.refund("RV-3003", ""), 400, "BusinessError");
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(AfterPaySandboxTest, KeepsAmountsBeyondDoublePrecisionExact) {
  SandboxOrder order("afterpay", "RV-BIG", "90071992547409.93", "EUR");
  order.captures = {{"000000001", "90071992547409.93", {}}};
  sandbox_.add_order(order);
  const Reply reply = client_.refund("RV-BIG", amount_body("90071992547409.93"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_THAT(reply.body, HasSubstr(R"("totalRefundedAmount":90071992547409.93,)"));
  EXPECT_EQ(sandbox_.refunds().at(0).amount_minor, 9007199254740993);
}

// --- Full refunds ------------------------------------------------------------------------------

TEST_F(AfterPaySandboxTest, RefundsTheRemainderForAnEmptyBody) {
  ASSERT_EQ(client_.refund("RV-3002", amount_body("200.00")).status, 200);

  const Reply full = client_.refund("RV-3002", "", {}, /*content_type=*/"");
  ASSERT_EQ(full.status, 200) << full.body;
  EXPECT_EQ(full.json.at("refundNumbers"), Json::parse(R"(["000000003"])"));
  EXPECT_THAT(full.body, HasSubstr(R"("totalRefundedAmount":1500.00,)"));
  ASSERT_EQ(sandbox_.refunds().size(), 2u);
  EXPECT_EQ(sandbox_.refunds()[1].amount, "1300.00");
  EXPECT_EQ(sandbox_.refunds()[1].currency, "NOK");

  expect_message(client_.refund("RV-3002", ""), 400, "BusinessError");
  EXPECT_EQ(sandbox_.refunds().size(), 2u);
}

TEST_F(AfterPaySandboxTest, RefundsTheRemainderForAnObjectWithoutItems) {
  for (const std::string body : {"{}", "null", R"({"orderItems":[]})", R"({"items":null})"}) {
    sandbox_.reset();
    const Reply reply = client_.refund("RV-3001", body);
    ASSERT_EQ(reply.status, 200) << body << ": " << reply.body;
    EXPECT_EQ(refunded_minor(), 30000) << body;
  }
}

TEST_F(AfterPaySandboxTest, RefundsOneCapturesRemainderWhenOnlyItIsNamed) {
  add_two_capture_order();
  ASSERT_EQ(client_.refund("RV-2CAP", items_body({item("30.00")}, "000000002")).status, 200);
  const Reply reply = client_.refund("RV-2CAP", R"({"captureNumber":"000000002"})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  ASSERT_EQ(sandbox_.refunds().size(), 2u);
  EXPECT_EQ(sandbox_.refunds()[1].amount_minor, 2000);
  EXPECT_EQ(sandbox_.refunds()[1].capture_number, "000000002");
}

TEST_F(AfterPaySandboxTest, RefundsEveryCaptureForAnEmptyBody) {
  add_two_capture_order();
  const Reply reply = client_.refund("RV-2CAP", "");
  ASSERT_EQ(reply.status, 200) << reply.body;
  // Refund numbers follow the highest capture number, 000000002.
  EXPECT_EQ(reply.json.at("refundNumbers"), Json::parse(R"(["000000003","000000004"])"));
  ASSERT_EQ(sandbox_.refunds().size(), 2u);
  EXPECT_EQ(sandbox_.refunds()[0].capture_number, "000000001");
  EXPECT_EQ(sandbox_.refunds()[0].amount_minor, 10000);
  EXPECT_EQ(sandbox_.refunds()[1].capture_number, "000000002");
  EXPECT_EQ(sandbox_.refunds()[1].amount_minor, 5000);
}

// --- Refund numbers ----------------------------------------------------------------------------

TEST_F(AfterPaySandboxTest, NumbersRefundsPerOrderAfterTheCaptures) {
  EXPECT_EQ(client_.refund("RV-3001", amount_body("1.00")).json.at("refundNumbers"),
            Json::parse(R"(["000000002"])"));
  EXPECT_EQ(client_.refund("RV-3001", amount_body("1.00")).json.at("refundNumbers"),
            Json::parse(R"(["000000003"])"));
  EXPECT_EQ(client_.refund("RV-3002", amount_body("1.00")).json.at("refundNumbers"),
            Json::parse(R"(["000000002"])"));

  SandboxOrder order("afterpay", "RV-7", "10.00", "SEK");
  order.captures = {{"000000007", "10.00", {}}};
  sandbox_.add_order(order);
  EXPECT_EQ(
      client_.refund("RV-7", items_body({item("1.00")}, "000000007")).json.at("refundNumbers"),
      Json::parse(R"(["000000008"])"));
}

// --- Idempotency -------------------------------------------------------------------------------

TEST_F(AfterPaySandboxTest, ReplaysTheFirstAnswerForARepeatedKey) {
  const std::string body = items_body({kPageItem});
  const Reply first = client_.keyed_refund("RV-3001", body, "refund-RMA-1");
  ASSERT_EQ(first.status, 200) << first.body;
  // Another refund in between changes the order's totals; the replay must not.
  ASSERT_EQ(client_.refund("RV-3001", amount_body("1.00")).status, 200);

  for (int i = 0; i < 3; ++i) {
    const Reply again = client_.keyed_refund("RV-3001", body, "refund-RMA-1");
    EXPECT_EQ(again.status, 200);
    EXPECT_EQ(again.body, first.body);
  }
  EXPECT_EQ(sandbox_.refunds().size(), 2u);
}

TEST_F(AfterPaySandboxTest, ReplaysARefusalToo) {
  const Reply first = client_.keyed_refund("RV-3001", amount_body("300.01"), "K1");
  expect_message(first, 400, "BusinessError");
  const Reply again = client_.keyed_refund("RV-3001", amount_body("300.01"), "K1");
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(again.body, first.body);
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(AfterPaySandboxTest, RefusesAKeyUsedForAnotherRequest) {
  ASSERT_EQ(client_.keyed_refund("RV-3001", amount_body("1.00"), "K1").status, 200);

  const Json message = expect_message(client_.keyed_refund("RV-3001", amount_body("2.00"), "K1"),
                                      400, "BusinessError");
  EXPECT_THAT(message.value("message", ""), HasSubstr("already been used for another request"));
  EXPECT_EQ(message.value("fieldReference", ""), "X-Idempotency-Key");
  // The same body against another order is another request too.
  expect_message(client_.keyed_refund("RV-3002", amount_body("1.00"), "K1"), 400, "BusinessError");
  EXPECT_EQ(sandbox_.refunds().size(), 1u);
}

TEST_F(AfterPaySandboxTest, DoesNotUseUpAKeyOnARequestRefusedForItsFields) {
  expect_message(client_.keyed_refund("RV-3001", without("quantity"), "K1"), 400,
                 "ValidationError");
  EXPECT_EQ(client_.keyed_refund("RV-3001", amount_body("1.00"), "K1").status, 200);
}

class AfterPayKeyFormatTest : public AfterPaySandboxTest,
                              public ::testing::WithParamInterface<std::string> {};

TEST_P(AfterPayKeyFormatTest, RefusesAKeyOutsideTheDocumentedForm) {
  const Json message = expect_message(
      client_.keyed_refund("RV-3001", amount_body("1.00"), GetParam()), 400, "ValidationError");
  EXPECT_EQ(message.value("fieldReference", ""), "X-Idempotency-Key");
  EXPECT_TRUE(sandbox_.refunds().empty());
}

INSTANTIATE_TEST_SUITE_P(Malformed, AfterPayKeyFormatTest,
                         ::testing::Values(std::string(51, 'a'), "a b", "key.1", "key/1",
                                           "k\xC3\xBC"));

TEST_F(AfterPaySandboxTest, AcceptsAKeyOfFiftyLettersDigitsDashesAndUnderscores) {
  const std::string key = "Ab-_" + std::string(46, '7');
  ASSERT_EQ(key.size(), 50u);
  EXPECT_EQ(client_.keyed_refund("RV-3001", amount_body("1.00"), key).status, 200);
}

// --- Concurrency -------------------------------------------------------------------------------

TEST_F(AfterPaySandboxTest, ConcurrentRefundsNeverExceedTheCapture) {
  std::vector<int> statuses(16);
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&, i] {
      AfterPayClient client(sandbox_.port());
      statuses[i] =
          client.keyed_refund("RV-3001", amount_body("25.00"), "key-" + std::to_string(i)).status;
    });
  }
  for (std::thread& thread : threads) thread.join();
  // 300.00 captured: twelve refunds of 25.00 fit, four do not.
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 12);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 400), 4);
  EXPECT_EQ(refunded_minor(), 30000);
}

TEST_F(AfterPaySandboxTest, ConcurrentRequestsWithOneKeyMakeOneRefund) {
  std::vector<Reply> replies(16);
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&, i] {
      AfterPayClient client(sandbox_.port());
      replies[i] = client.keyed_refund("RV-3001", items_body({kPageItem}), "one-key");
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const Reply& reply : replies) {
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, replies[0].body);
  }
  EXPECT_EQ(sandbox_.refunds().size(), 1u);
}

// --- Reading -----------------------------------------------------------------------------------

TEST_F(AfterPaySandboxTest, ReadsTheOrderWithItsCapturesAndRefunds) {
  ASSERT_EQ(client_
                .refund("RV-3001", items_body({kPageItem}, "000000001", "orderItems",
                                              R"(,"transactionReference":"RMA-1",)"
                                              R"("parentTransactionReference":"PARENT-1")"))
                .status,
            200);

  const Reply reply = client_.read("RV-3001");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const Json& details = reply.json.at("orderDetails");
  EXPECT_EQ(details.at("orderNumber"), "RV-3001");
  EXPECT_EQ(details.at("currency"), "EUR");
  EXPECT_EQ(details.at("totalGrossAmount"), "300");
  ASSERT_EQ(reply.json.at("captures").size(), 1u);
  EXPECT_EQ(reply.json.at("captures")[0].at("captureNumber"), "000000001");
  EXPECT_EQ(reply.json.at("captures")[0].at("amount"), "300");
  EXPECT_EQ(reply.json.at("cancellations"), Json::array());

  ASSERT_EQ(reply.json.at("refunds").size(), 1u);
  const Json& refund = reply.json.at("refunds")[0];
  EXPECT_TRUE(is_guid(refund.at("refundId"))) << refund;
  EXPECT_EQ(refund.at("refundId"), sandbox_.refunds().at(0).vendor_reference);
  EXPECT_EQ(refund.at("refundNumber"), "000000002");
  EXPECT_EQ(refund.at("refundItems"), Json::parse("[" + kPageItem + "]"));
  EXPECT_EQ(refund.at("amount"), "-60");
  EXPECT_EQ(refund.at("balance"), "-60");
  EXPECT_EQ(refund.at("captureNumber"), "000000001");
  EXPECT_EQ(refund.at("currency"), "EUR");
  EXPECT_EQ(refund.at("insertedAt"), "2030-06-15T10:20:30Z");
  EXPECT_EQ(refund.at("updatedAt"), "2030-06-15T10:20:30Z");
  EXPECT_EQ(refund.at("orderNumber"), "RV-3001");
  EXPECT_EQ(refund.at("transactionReference"), "RMA-1");
  EXPECT_EQ(refund.at("parentTransactionReference"), "PARENT-1");
  EXPECT_TRUE(is_guid(refund.at("reservationId"))) << refund;
  EXPECT_EQ(refund.size(), 13u);
  // The items come back as sent, numbers text for text.
  EXPECT_THAT(reply.body,
              HasSubstr(R"("netUnitPrice":10.00,"grossUnitPrice":12.00,"quantity":5.0,)"));
}

TEST_F(AfterPaySandboxTest, ReadsRefundAmountsInTheirShortestNegativeForm) {
  ASSERT_EQ(client_.refund("RV-3001", amount_body("12.50")).status, 200);
  ASSERT_EQ(client_.refund("RV-3001", "").status, 200);
  const Reply reply = client_.read("RV-3001/refunds");
  ASSERT_EQ(reply.status, 200) << reply.body;
  ASSERT_EQ(reply.json.at("refunds").size(), 2u);
  EXPECT_EQ(reply.json.at("refunds")[0].at("amount"), "-12.5");
  EXPECT_EQ(reply.json.at("refunds")[1].at("amount"), "-287.5");
  // A full refund names no items; no transaction references were sent.
  EXPECT_EQ(reply.json.at("refunds")[1].at("refundItems"), Json::array());
  EXPECT_TRUE(reply.json.at("refunds")[1].at("transactionReference").is_null());
  EXPECT_TRUE(reply.json.at("refunds")[1].at("parentTransactionReference").is_null());
}

TEST_F(AfterPaySandboxTest, ReadsTheRefundsListAndOneRefund) {
  const Reply empty = client_.read("RV-3001/refunds");
  ASSERT_EQ(empty.status, 200);
  EXPECT_EQ(empty.body, R"({"refunds":[]})");

  ASSERT_EQ(client_.refund("RV-3001", amount_body("1.00")).status, 200);
  ASSERT_EQ(client_.refund("RV-3001", amount_body("2.00")).status, 200);
  const Reply all = client_.read("RV-3001/refunds");
  ASSERT_EQ(all.status, 200) << all.body;
  ASSERT_EQ(all.json.at("refunds").size(), 2u);

  const Reply one = client_.read("RV-3001/refunds/000000003");
  ASSERT_EQ(one.status, 200) << one.body;
  ASSERT_EQ(one.json.at("refunds").size(), 1u);
  EXPECT_EQ(one.json.at("refunds")[0], all.json.at("refunds")[1]);
  EXPECT_EQ(one.json.at("refunds")[0].at("amount"), "-2");

  const Json missing =
      expect_message(client_.read("RV-3001/refunds/000000009"), 404, "BusinessError");
  EXPECT_EQ(missing.value("code", ""), "404.002");
}

TEST_F(AfterPaySandboxTest, ReadingAnUnknownOrderIsNotFound) {
  for (const std::string path : {"RV-9999", "RV-9999/refunds", "RV-9999/refunds/000000002"}) {
    const Json message = expect_message(client_.read(path), 404, "BusinessError");
    EXPECT_EQ(message.value("code", ""), "404.001") << path;
  }
}

TEST_F(AfterPaySandboxTest, DecodesTheOrderNumberFromOnePathSegment) {
  SandboxOrder order("afterpay", "A/B 1", "10.00", "EUR");
  order.captures = {{"000000001", "10.00", {}}};
  sandbox_.add_order(order);
  ASSERT_EQ(client_.refund("A%2FB%201", amount_body("1.00")).status, 200);
  EXPECT_EQ(sandbox_.refunds().at(0).order_id, "A/B 1");
  const Reply read = client_.read("A%2FB%201");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json.at("orderDetails").at("orderNumber"), "A/B 1");
}

// --- Reset and faults --------------------------------------------------------------------------

TEST_F(AfterPaySandboxTest, ResetForgetsRefundsAndKeys) {
  ASSERT_EQ(client_.keyed_refund("RV-3001", amount_body("1.00"), "K1").status, 200);
  sandbox_.reset();
  EXPECT_TRUE(sandbox_.refunds().empty());
  EXPECT_EQ(client_.read("RV-3001/refunds").body, R"({"refunds":[]})");

  // The key is free again, and the order counts refunds from its capture again.
  const Reply reply = client_.keyed_refund("RV-3001", amount_body("2.00"), "K1");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json.at("refundNumbers"), Json::parse(R"(["000000002"])"));
  // refundIds stay unique across a reset.
  EXPECT_EQ(sandbox_.refunds().size(), 1u);
}

TEST_F(AfterPaySandboxTest, ReplaysTheRealAnswerAfterAFaultReplacedIt) {
  const std::string body = items_body({kPageItem});
  const Reply faulted = client_.refund(
      "RV-3001", body,
      {{"X-Idempotency-Key", "K1"}, {kFaultHeader, "status; status=503; phase=after"}});
  EXPECT_EQ(faulted.status, 503);
  ASSERT_EQ(sandbox_.refunds().size(), 1u);  // processed, then the answer was replaced

  const Reply retried = client_.keyed_refund("RV-3001", body, "K1");
  ASSERT_EQ(retried.status, 200) << retried.body;
  EXPECT_EQ(retried.json.at("refundNumbers"), Json::parse(R"(["000000002"])"));
  EXPECT_EQ(sandbox_.refunds().size(), 1u);
  EXPECT_EQ(sandbox_.fault_counts().at("status"), 1u);
}

TEST_F(AfterPaySandboxTest, ProcessesNothingOnAFaultBeforeTheRequest) {
  const Reply faulted =
      client_.refund("RV-3001", amount_body("1.00"), {{kFaultHeader, "status; status=500"}});
  EXPECT_EQ(faulted.status, 500);
  EXPECT_TRUE(sandbox_.refunds().empty());
}

}  // namespace
}  // namespace refundkit::sandbox::testing
