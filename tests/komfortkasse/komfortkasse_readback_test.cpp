// find_refund: GET /order/{n}?includeRefunds=true, matched on externalReference, read exactly.
#include <string>

#include "komfortkasse_fixture.hpp"

namespace refundkit::komfortkasse_test {
namespace {

using test_support::FailsWith;
using test_support::Succeeds;

constexpr char kOrderUrl[] = "https://kk.example/api/v2/order/1001?includeRefunds=true";

constexpr char kOrderWithRefunds[] = R"({"number":"1001","amount":100.00,"currency":"EUR",
  "refunds":[
    {"externalReference":"RMA-0","amount":5.00,"currency":"EUR","plannedDate":"15-03-2026",
     "id":"r0","executionDate":"16-03-2026","referenceNumber":"KKBT0","status":"PROCESSED"},
    {"externalReference":"RMA-1","amount":12.30,"currency":"EUR","plannedDate":"20-03-2026",
     "id":"r1","executionDate":null,"referenceNumber":"KKBT1","status":"NEW"}]})";

class ReadBackTest : public KomfortkasseTest {
 protected:
  Result<Refund> find(std::string body, int status = 200, std::string reference = "RMA-1") {
    transport->respond_json(status, std::move(body));
    return client()->find_refund("1001", reference);
  }
};

TEST_F(ReadBackTest, SendsTheDocumentedOrderRead) {
  ASSERT_THAT(find(kOrderWithRefunds), Succeeds());
  const HttpRequest sent = transport->last_request();
  EXPECT_EQ(sent.method, HttpMethod::get);
  EXPECT_EQ(sent.url, kOrderUrl);
  EXPECT_EQ(std::string(find_header(sent.headers, "X-Komfortkasse-API-Key")), kApiKey);
  EXPECT_TRUE(sent.body.empty());
  EXPECT_TRUE(sent.idempotent);
}

TEST_F(ReadBackTest, FindsTheRefundByItsReferenceAndReadsItExactly) {
  const Result<Refund> refund = find(kOrderWithRefunds);
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->provider, "komfortkasse");
  EXPECT_EQ(refund->order_id, "1001");
  EXPECT_EQ(refund->reference, "RMA-1");
  EXPECT_EQ(refund->id, "r1");
  EXPECT_EQ(refund->vendor_reference, "KKBT1");
  EXPECT_EQ(refund->status, RefundStatus::pending);
  EXPECT_EQ(refund->vendor_status, "NEW");
  EXPECT_EQ(refund->amount, money("12.30"));
  EXPECT_EQ(refund->planned_date, (Date{2026, 3, 20}));
  EXPECT_FALSE(refund->executed_date);
  EXPECT_EQ(refund->raw_body, kOrderWithRefunds);
  EXPECT_FALSE(refund->already_existed);

  const Result<Refund> older = find(kOrderWithRefunds, 200, "RMA-0");
  ASSERT_THAT(older, Succeeds());
  EXPECT_EQ(older->status, RefundStatus::succeeded);
  EXPECT_EQ(older->executed_date, (Date{2026, 3, 16}));
}

TEST_F(ReadBackTest, NoRefundWithTheReferenceIsNotFound) {
  EXPECT_THAT(find(kOrderWithRefunds, 200, "RMA-2"), FailsWith(ErrorKind::not_found));
  EXPECT_THAT(find(R"({"number":"1001","refunds":[]})"), FailsWith(ErrorKind::not_found));
  const Result<Refund> unknown_order = find(R"({"error":"Order not found"})", 404);
  ASSERT_THAT(unknown_order, FailsWith(ErrorKind::not_found));
  EXPECT_EQ(unknown_order.error().http_status, 404);
}

TEST_F(ReadBackTest, ARefundsListUnderAnotherNameIsFound) {
  const Result<Refund> refund =
      find(R"({"number":"1001","bankTransfers":[{"externalReference":"RMA-1","amount":"12.30",)"
           R"("currency":"EUR","status":"NEW"}]})");
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->amount, money("12.30"));
}

TEST_F(ReadBackTest, TheOrdersCurrencyServesARefundWithoutOne) {
  const Result<Refund> refund = find(
      R"({"currency":"CHF","refunds":[{"externalReference":"RMA-1","amount":7,"status":"NEW"}]})");
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->amount, money("7.00", "CHF"));
}

TEST_F(ReadBackTest, AnAnswerThatCannotTellIsOutcomeUnknown) {
  for (const char* body :
       {"", "<html>502</html>", R"({"number":"1001"})", R"({"refunds":{}})",
        R"({"refunds":[{"externalReference":"RMA-1","amount":12.345,"currency":"EUR",)"
        R"("status":"NEW"}]})",
        R"({"refunds":[{"externalReference":"RMA-1","amount":12.30,"currency":"EUR"}]})"}) {
    SCOPED_TRACE(body);
    const Result<Refund> refund = find(body);
    ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
    EXPECT_EQ(refund.error().raw_body, body);
  }
}

TEST_F(ReadBackTest, FailuresKeepTheirKind) {
  EXPECT_THAT(find(R"({"error":"API Key missing"})", 401), FailsWith(ErrorKind::authentication));
  transport->fail(ErrorKind::network, "connection refused");
  EXPECT_THAT(client()->find_refund("1001", "RMA-1"), FailsWith(ErrorKind::network));
}

TEST_F(ReadBackTest, BadInputIsRefusedBeforeSending) {
  EXPECT_THAT(client()->find_refund("", "RMA-1"), FailsWith(ErrorKind::invalid_request));
  EXPECT_THAT(client()->find_refund("1001", "bad\nreference"),
              FailsWith(ErrorKind::invalid_request));
  EXPECT_EQ(transport->request_count(), 0u);
}

TEST_F(ReadBackTest, TheApiKeyNeverLeavesInAReadBack) {
  const Result<Refund> refund =
      find(std::string(R"({"refunds":[{"externalReference":"RMA-1","amount":12.30,)") +
           R"("currency":"EUR","status":"NEW","id":")" + std::string(kApiKey) + R"("}]})");
  ASSERT_THAT(refund, Succeeds());
  EXPECT_FALSE(test_support::any_field_contains(*refund, kApiKey));
}

}  // namespace
}  // namespace refundkit::komfortkasse_test
