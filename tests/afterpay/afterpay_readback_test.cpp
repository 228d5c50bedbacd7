// find_refund and the read-back after a refusal: GET /api/v3/orders/{n}, matched on the refund's
// transactionReference only.
#include <string>

#include "afterpay_fixture.hpp"

namespace refundkit::afterpay_test {
namespace {

using test_support::FailsWith;
using test_support::Succeeds;
using ::testing::HasSubstr;

constexpr char kOrderWithRefunds[] = R"({"orderDetails":{"orderNumber":"ORD-1001",
  "totalGrossAmount":300.00,"currency":"EUR"},"captures":[{"captureNumber":"000000001"}],
  "cancellations":[],"refunds":[
   {"refundId":"6f0c8f0e-1111-4c59-9a4d-0a1b2c3d4e5f","refundNumber":"000000002",
    "refundItems":[],"amount":"-5","balance":"-5","captureNumber":"000000001","currency":"EUR",
    "insertedAt":"2026-03-10T09:15:00Z","orderNumber":"ORD-1001","transactionReference":"RMA-0"},
   {"refundId":"6f0c8f0e-2222-4c59-9a4d-0a1b2c3d4e5f","refundNumber":"000000003",
    "refundItems":[],"amount":"-12.5","balance":"-12.5","captureNumber":"000000001",
    "currency":"EUR","insertedAt":"2026-03-14T18:02:11.123+01:00","orderNumber":"ORD-1001",
    "transactionReference":"RMA-1","parentTransactionReference":null}]})";

class ReadBackTest : public AfterPayTest {
 protected:
  Result<Refund> find(std::string body, int status = 200, std::string reference = "RMA-1") {
    transport->respond_json(status, std::move(body));
    return client()->find_refund("ORD-1001", reference);
  }
};

TEST_F(ReadBackTest, SendsTheOrderRead) {
  ASSERT_THAT(find(kOrderWithRefunds), Succeeds());
  const HttpRequest sent = transport->last_request();
  EXPECT_EQ(sent.method, HttpMethod::get);
  EXPECT_EQ(sent.url, kOrderUrl);
  EXPECT_EQ(find_header(sent.headers, "X-Auth-Key"), kApiKey);
  EXPECT_TRUE(sent.body.empty());
  EXPECT_TRUE(sent.idempotent);
}

TEST_F(ReadBackTest, FindsTheRefundByItsTransactionReference) {
  const Result<Refund> refund = find(kOrderWithRefunds);
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->provider, "afterpay");
  EXPECT_EQ(refund->order_id, "ORD-1001");
  EXPECT_EQ(refund->reference, "RMA-1");
  EXPECT_EQ(refund->id, "000000003");
  EXPECT_EQ(refund->vendor_reference, "6f0c8f0e-2222-4c59-9a4d-0a1b2c3d4e5f");
  EXPECT_EQ(refund->amount, money("12.50"));  // listed negative
  EXPECT_EQ(refund->status, RefundStatus::succeeded);
  EXPECT_EQ(refund->vendor_status, "");
  EXPECT_EQ(refund->executed_date, (Date{2026, 3, 14}));
  EXPECT_EQ(refund->http_status, 200);
  EXPECT_EQ(refund->raw_body, kOrderWithRefunds);
  EXPECT_FALSE(refund->already_existed);

  const Result<Refund> older = find(kOrderWithRefunds, 200, "RMA-0");
  ASSERT_THAT(older, Succeeds());
  EXPECT_EQ(older->id, "000000002");
  EXPECT_EQ(older->amount, money("5.00"));
}

TEST_F(ReadBackTest, AmountsMayBeNumbersAndTheOrderNamesTheCurrency) {
  const Result<Refund> refund =
      find(R"({"orderDetails":{"currency":"NOK"},"refunds":[{"refundNumber":4,"amount":-99.90,)"
           R"("transactionReference":"RMA-1","insertedAt":"not a date"}]})");
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->amount, money("99.90", "NOK"));
  EXPECT_EQ(refund->id, "4");
  EXPECT_FALSE(refund->executed_date);
}

TEST_F(ReadBackTest, NoRefundWithTheReferenceIsNotFound) {
  for (const char* body :
       {R"({"orderDetails":{"currency":"EUR"},"refunds":[]})",
        R"({"orderDetails":{"currency":"EUR"},"captures":[]})",
        R"({"orderDetails":{"currency":"EUR"},"refunds":null})",
        // Never matched on the amount: the same 12.50 under another reference is not this refund.
        R"({"orderDetails":{"currency":"EUR"},"refunds":[{"refundNumber":"2","amount":"-12.5",)"
        R"("transactionReference":"RMA-9"},{"refundNumber":"3","amount":"-12.5"}]})"}) {
    SCOPED_TRACE(body);
    const Result<Refund> refund = find(body);
    ASSERT_THAT(refund, FailsWith(ErrorKind::not_found));
    EXPECT_THAT(refund.error().message, HasSubstr("lists no refund with transactionReference"));
    EXPECT_EQ(refund.error().raw_body, body);
  }
  const Result<Refund> unknown_order =
      find(R"([{"type":"BusinessError","code":"404","message":"Order not found"}])", 404);
  ASSERT_THAT(unknown_order, FailsWith(ErrorKind::not_found));
  EXPECT_EQ(unknown_order.error().http_status, 404);
  EXPECT_THAT(unknown_order.error().message, HasSubstr("so it has no such refund"));
}

TEST_F(ReadBackTest, RefundsWithoutTransactionReferenceCannotBeIdentified) {
  const char body[] =
      R"({"orderDetails":{"currency":"EUR"},"refunds":[{"refundNumber":"2","amount":"-12.5",)"
      R"("parentTransactionReference":"RMA-1"},{"refundNumber":"3","amount":"-1",)"
      R"("transactionReference":null}]})";
  const Result<Refund> refund = find(body);
  ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_THAT(refund.error().message, HasSubstr("without their transactionReference"));
  EXPECT_EQ(refund.error().raw_body, body);
}

TEST_F(ReadBackTest, AnAnswerThatCannotTellIsOutcomeUnknown) {
  for (const char* body : {
           "",
           "<html>502</html>",
           "[]",
           R"({"captures":[]})",
           R"({"orderDetails":{},"refunds":{}})",
           R"({"orderDetails":{},"refunds":["RMA-1"]})",
           R"({"orderDetails":{"currency":"EUR"},"refunds":[{"transactionReference":"RMA-1"}]})",
           R"({"orderDetails":{"currency":"EUR"},"refunds":[{"transactionReference":"RMA-1",)"
           R"("amount":"-12.345"}]})",
           R"({"orderDetails":{"currency":"EUR"},"refunds":[{"transactionReference":"RMA-1",)"
           R"("amount":"twelve"}]})",
           R"({"orderDetails":{},"refunds":[{"transactionReference":"RMA-1","amount":"-12.5"}]})",
           R"({"refunds":[{"transactionReference":"RMA-1","amount":"-12.5","currency":"EURO"}]})",
       }) {
    SCOPED_TRACE(body);
    const Result<Refund> refund = find(body);
    ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
    EXPECT_EQ(refund.error().raw_body, body);
  }
}

TEST_F(ReadBackTest, FailuresKeepTheirKind) {
  EXPECT_THAT(find(R"([{"message":"API user is unauthorized."}])", 401),
              FailsWith(ErrorKind::authentication));
  EXPECT_THAT(find("", 500), FailsWith(ErrorKind::outcome_unknown));
  transport->fail(ErrorKind::network, "connection refused");
  EXPECT_THAT(client()->find_refund("ORD-1001", "RMA-1"), FailsWith(ErrorKind::network));
}

TEST_F(ReadBackTest, BadInputIsRefusedBeforeSending) {
  EXPECT_THAT(client()->find_refund("", "RMA-1"), FailsWith(ErrorKind::invalid_request));
  EXPECT_THAT(client()->find_refund("ORD-1001", "bad\nreference"),
              FailsWith(ErrorKind::invalid_request));
  EXPECT_EQ(transport->request_count(), 0u);
}

// A refusal is read back: the refund may have been made by an earlier call with the reference.
TEST_F(ReadBackTest, ARefusedCreateWhoseRefundExistsIsThatRefund) {
  transport->respond_json(400, R"([{"type":"BusinessError","code":"400.021","message":"Refund )"
                               R"(amount exceeds the remaining captured amount"}])");
  transport->respond_json(200, kOrderWithRefunds);
  const Result<Refund> refund = create(request());
  ASSERT_THAT(refund, Succeeds());
  EXPECT_TRUE(refund->already_existed);
  EXPECT_EQ(refund->id, "000000003");
  EXPECT_EQ(refund->amount, money("12.50"));
}

TEST_F(ReadBackTest, ARefusedCreateWhoseReferenceNamesAnotherRefundIsADuplicate) {
  transport->respond_json(400, R"([{"type":"BusinessError","message":"Refund amount exceeds )"
                               R"(the remaining captured amount"}])");
  transport->respond_json(200, kOrderWithRefunds);
  RefundRequest other = request();
  other.amount = money("7.00");
  EXPECT_THAT(create(other), FailsWith(ErrorKind::duplicate_reference));
}

}  // namespace
}  // namespace refundkit::afterpay_test
