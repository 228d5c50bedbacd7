// The Komfortkasse emulator's rules, exercised over raw HTTP.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "sandbox_test_support.hpp"

namespace refundkit::sandbox::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class KomfortkasseSandboxTest : public ::testing::Test {
 protected:
  Sandbox sandbox_{test_options()};
  SandboxClient client_{sandbox_.port()};

  // Asserts the status and that the error text is exactly `message`.
  void expect_rejected(const Reply& reply, int status, const std::string& message) {
    EXPECT_EQ(reply.status, status) << reply.body;
    ASSERT_TRUE(reply.json.is_object()) << reply.body;
    EXPECT_EQ(reply.json.value("error", ""), message);
  }
};

bool all_digits(const std::string& text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
}

TEST_F(KomfortkasseSandboxTest, CreatesARefundAndEchoesTheRequest) {
  const Reply reply = client_.refund("KK-1001", refund_body("RMA-1", "12.30"));

  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json.at("externalReference"), "RMA-1");
  EXPECT_EQ(reply.json.at("currency"), "EUR");
  EXPECT_EQ(reply.json.at("plannedDate"), kTomorrow);
  EXPECT_TRUE(reply.json.at("executionDate").is_null());
  EXPECT_EQ(reply.json.at("status"), "NEW");
  EXPECT_THAT(reply.json.at("id").get<std::string>(), StartsWith("KK-R-"));
  const std::string reference_number = reply.json.at("referenceNumber");
  ASSERT_THAT(reference_number, StartsWith("KKBT"));
  EXPECT_TRUE(all_digits(reference_number.substr(4))) << reference_number;
  // The amount is a JSON number written with exactly the currency's decimals.
  EXPECT_THAT(reply.body, HasSubstr(R"("amount":12.30,)"));
}

TEST_F(KomfortkasseSandboxTest, WritesAmountsWithTheCurrencyDecimals) {
  EXPECT_THAT(client_.refund("KK-1001", refund_body("RMA-1", "5")).body,
              HasSubstr(R"("amount":5.00,)"));
  EXPECT_THAT(client_.refund("KK-1001", refund_body("RMA-2", "0.5")).body,
              HasSubstr(R"("amount":0.50,)"));
}

TEST_F(KomfortkasseSandboxTest, GivesEveryRefundItsOwnIds) {
  const Reply first = client_.refund("KK-1001", refund_body("RMA-1", "1.00"));
  const Reply second = client_.refund("KK-1002", refund_body("RMA-2", "1.00"));
  ASSERT_EQ(first.status, 200);
  ASSERT_EQ(second.status, 200);
  EXPECT_NE(first.json.at("id"), second.json.at("id"));
  EXPECT_NE(first.json.at("referenceNumber"), second.json.at("referenceNumber"));
}

TEST_F(KomfortkasseSandboxTest, RecordsTheRefund) {
  ASSERT_EQ(client_.refund("KK-1001", refund_body("RMA-1", "12.30")).status, 200);

  const std::vector<SandboxRefund> refunds = sandbox_.refunds();
  ASSERT_EQ(refunds.size(), 1u);
  EXPECT_EQ(refunds[0].provider, "komfortkasse");
  EXPECT_EQ(refunds[0].order_id, "KK-1001");
  EXPECT_EQ(refunds[0].reference, "RMA-1");
  EXPECT_EQ(refunds[0].amount, "12.30");
  EXPECT_EQ(refunds[0].currency, "EUR");
  EXPECT_EQ(refunds[0].amount_minor, 1230);
  EXPECT_EQ(refunds[0].status, "NEW");
  EXPECT_EQ(refunds[0].planned_date, "2030-06-16");
  EXPECT_EQ(refunds[0].id, "KK-R-000001");
  EXPECT_EQ(refunds[0].vendor_reference, "KKBT00000001");
}

TEST_F(KomfortkasseSandboxTest, StartsInBankDetailsMissingWhenTheOrderLacksThem) {
  const Reply reply = client_.refund("KK-1004", refund_body("RMA-1", "10.00"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json.at("status"), "BANKDETAILS_MISSING");
}

TEST_F(KomfortkasseSandboxTest, RefusesAMissingApiKey) {
  const Reply reply =
      client_.post(std::string(kRefundPathPrefix) + "KK-1001/refund", refund_body("RMA-1", "1.00"));
  expect_rejected(reply, 401, kApiKeyMissing);
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(KomfortkasseSandboxTest, RefusesAWrongApiKey) {
  const Reply reply =
      client_.post(std::string(kRefundPathPrefix) + "KK-1001/refund", refund_body("RMA-1", "1.00"),
                   SandboxClient::api_key_header("not-the-key"));
  expect_rejected(reply, 401, kApiKeyMissing);
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(KomfortkasseSandboxTest, AcceptsAConfiguredApiKey) {
  SandboxOptions options = test_options();
  options.komfortkasse_api_key = "my-own-key";
  Sandbox sandbox(options);
  SandboxClient client(sandbox.port());
  const std::string path = std::string(kRefundPathPrefix) + "KK-1001/refund";

  EXPECT_EQ(client.post(path, refund_body("RMA-1", "1.00"), client.api_key_header()).status, 401);
  EXPECT_EQ(
      client.post(path, refund_body("RMA-1", "1.00"), client.api_key_header("my-own-key")).status,
      200);
}

TEST_F(KomfortkasseSandboxTest, RefusesAnUnknownOrder) {
  expect_rejected(client_.refund("KK-9999", refund_body("RMA-1", "1.00")), 404, kOrderNotFound);
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(KomfortkasseSandboxTest, RefusesABodyThatIsNotAJsonObject) {
  for (const std::string body : {"", "{", "not json", "[1,2]", "\"text\"", "12.30"}) {
    const Reply reply = client_.refund("KK-1001", body);
    EXPECT_EQ(reply.status, 400) << body;
    EXPECT_EQ(reply.json.value("error", ""), kInvalidRequest) << body;
  }
}

struct FieldCase {
  const char* body;
  const char* field;  // what is wrong (for the test's name only: the vendor says just that)
};

class KomfortkasseFieldTest : public KomfortkasseSandboxTest,
                              public ::testing::WithParamInterface<FieldCase> {};

TEST_P(KomfortkasseFieldTest, RefusesTheRequestAsInvalid) {
  const Reply reply = client_.refund("KK-1001", GetParam().body);
  EXPECT_EQ(reply.status, 400) << GetParam().field << ": " << reply.body;
  EXPECT_EQ(reply.json, Json::parse(R"({"error":"Invalid request"})")) << GetParam().field;
  EXPECT_TRUE(sandbox_.refunds().empty());
}

INSTANTIATE_TEST_SUITE_P(
    MissingOrMalformed, KomfortkasseFieldTest,
    ::testing::Values(
        FieldCase{R"({"amount":1.00,"currency":"EUR","plannedDate":"16-06-2030"})",
                  "externalReference"},
        FieldCase{R"({"externalReference":"","amount":1,"currency":"EUR",
                      "plannedDate":"16-06-2030"})",
                  "externalReference"},
        FieldCase{R"({"externalReference":7,"amount":1,"currency":"EUR",
                      "plannedDate":"16-06-2030"})",
                  "externalReference"},
        FieldCase{R"({"externalReference":"R","currency":"EUR","plannedDate":"16-06-2030"})",
                  "amount"},
        FieldCase{R"({"externalReference":"R","amount":"1.00","currency":"EUR",
                      "plannedDate":"16-06-2030"})",
                  "amount"},
        FieldCase{R"({"externalReference":"R","amount":12.345,"currency":"EUR",
                      "plannedDate":"16-06-2030"})",
                  "amount"},
        FieldCase{R"({"externalReference":"R","amount":1.000,"currency":"EUR",
                      "plannedDate":"16-06-2030"})",
                  "amount"},
        FieldCase{R"({"externalReference":"R","amount":0,"currency":"EUR",
                      "plannedDate":"16-06-2030"})",
                  "amount"},
        FieldCase{R"({"externalReference":"R","amount":0.00,"currency":"EUR",
                      "plannedDate":"16-06-2030"})",
                  "amount"},
        FieldCase{R"({"externalReference":"R","amount":-5.00,"currency":"EUR",
                      "plannedDate":"16-06-2030"})",
                  "amount"},
        FieldCase{R"({"externalReference":"R","amount":1e1,"currency":"EUR",
                      "plannedDate":"16-06-2030"})",
                  "amount"},
        FieldCase{R"({"externalReference":"R","amount":null,"currency":"EUR",
                      "plannedDate":"16-06-2030"})",
                  "amount"},
        FieldCase{R"({"externalReference":"R","amount":1.00,"plannedDate":"16-06-2030"})",
                  "currency"},
        FieldCase{R"({"externalReference":"R","amount":1.00,"currency":"XYZ",
                      "plannedDate":"16-06-2030"})",
                  "currency"},
        FieldCase{R"({"externalReference":"R","amount":1.00,"currency":"EUR"})", "plannedDate"},
        FieldCase{R"({"externalReference":"R","amount":1.00,"currency":"EUR",
                      "plannedDate":"2030-06-16"})",
                  "plannedDate"},
        FieldCase{R"({"externalReference":"R","amount":1.00,"currency":"EUR",
                      "plannedDate":"31-06-2030"})",
                  "plannedDate"},
        FieldCase{R"({"externalReference":"R","amount":1.00,"currency":"EUR",
                      "plannedDate":"1-7-2030"})",
                  "plannedDate"},
        FieldCase{R"({"externalReference":"R","amount":1.00,"currency":"EUR",
                      "plannedDate":20300616})",
                  "plannedDate"},
        FieldCase{R"({"externalReference":"R","amount":1.00,"currency":"EUR",
                      "plannedDate":"16-06-2030"} trailing)",
                  "trailing text"},
        FieldCase{R"({"externalReference":"R","amount":1.00,"currency":"","plannedDate":
                      "16-06-2030"})",
                  "currency"},
        FieldCase{R"({"externalReference":"R","amount":{"value":1.00},"currency":"EUR",
                      "plannedDate":"16-06-2030"})",
                  "amount"},
        FieldCase{R"({"externalReference":["R"],"amount":1.00,"currency":"EUR",
                      "plannedDate":"16-06-2030"})",
                  "externalReference"}));

TEST_F(KomfortkasseSandboxTest, RefusesAPlannedDateThatIsNotInTheFuture) {
  for (const char* date : {"15-06-2030", "14-06-2030", "01-01-2020"}) {
    expect_rejected(client_.refund("KK-1001", refund_body("RMA-1", "1.00", "EUR", date)), 400,
                    kInvalidRequest);
  }
  EXPECT_EQ(client_.refund("KK-1001", refund_body("RMA-1", "1.00", "EUR", "16-06-2030")).status,
            200);
}

TEST_F(KomfortkasseSandboxTest, UsesTheSystemClockByDefault) {
  Sandbox sandbox;  // no injected date
  SandboxClient client(sandbox.port());
  EXPECT_EQ(client.refund("KK-1001", refund_body("RMA-1", "1.00", "EUR", "01-01-2020")).status,
            400);
  EXPECT_EQ(client.refund("KK-1001", refund_body("RMA-1", "1.00", "EUR", "01-01-2100")).status,
            200);
}

TEST_F(KomfortkasseSandboxTest, RefusesACurrencyOtherThanTheOrders) {
  expect_rejected(client_.refund("KK-1003", refund_body("RMA-1", "1.00", "EUR")), 400,
                  kInvalidRequest);
  expect_rejected(client_.refund("KK-1003", refund_body("RMA-1", "1.00", "XYZ")), 400,
                  kInvalidRequest);
  expect_rejected(client_.refund("KK-1003", refund_body("RMA-1", "1.00", "chf")), 400,
                  kInvalidRequest);
  EXPECT_EQ(client_.refund("KK-1003", refund_body("RMA-1", "1.00", "CHF")).status, 200);
}

TEST_F(KomfortkasseSandboxTest, RefusesAReusedReferenceOnAnyOrder) {
  ASSERT_EQ(client_.refund("KK-1001", refund_body("RMA-1", "1.00")).status, 200);

  // The vendor documents only "an error" for a reused reference: the one documented 400 text.
  expect_rejected(client_.refund("KK-1001", refund_body("RMA-1", "1.00")), 400, kInvalidRequest);
  expect_rejected(client_.refund("KK-1002", refund_body("RMA-1", "2.00")), 400, kInvalidRequest);
  EXPECT_EQ(sandbox_.refunds().size(), 1u);
}

TEST_F(KomfortkasseSandboxTest, AllowsRefundsUpToExactlyTwiceTheOrderAmount) {
  // KK-1002 is 49.90 EUR: refunds may total 99.80.
  EXPECT_EQ(client_.refund("KK-1002", refund_body("RMA-1", "99.80")).status, 200);
}

TEST_F(KomfortkasseSandboxTest, RefusesOneCentOverTwiceTheOrderAmount) {
  expect_rejected(client_.refund("KK-1002", refund_body("RMA-1", "99.81")), 400, kInvalidRequest);
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(KomfortkasseSandboxTest, CountsEarlierRefundsAgainstTheLimit) {
  ASSERT_EQ(client_.refund("KK-1001", refund_body("RMA-1", "150.00")).status, 200);

  expect_rejected(client_.refund("KK-1001", refund_body("RMA-2", "50.01")), 400, kInvalidRequest);
  ASSERT_EQ(client_.refund("KK-1001", refund_body("RMA-3", "50.00")).status, 200);
  expect_rejected(client_.refund("KK-1001", refund_body("RMA-4", "0.01")), 400, kInvalidRequest);
  EXPECT_EQ(sandbox_.refunds().size(), 2u);
}

TEST_F(KomfortkasseSandboxTest, ReadsAnOrderWithItsRefunds) {
  ASSERT_EQ(client_.refund("KK-1001", refund_body("RMA-1", "12.30")).status, 200);

  const Reply reply = client_.order("KK-1001");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json.at("number"), "KK-1001");
  EXPECT_EQ(reply.json.at("currency"), "EUR");
  EXPECT_THAT(reply.body, HasSubstr(R"("amount":100.00,)"));
  const Json& refunds = reply.json.at("refunds");
  ASSERT_EQ(refunds.size(), 1u);
  EXPECT_EQ(refunds[0].at("externalReference"), "RMA-1");
  EXPECT_EQ(refunds[0].at("status"), "NEW");
  EXPECT_THAT(refunds[0].at("referenceNumber").get<std::string>(), StartsWith("KKBT"));
}

TEST_F(KomfortkasseSandboxTest, ReadsAnOrderWithoutRefundsUnlessAsked) {
  const Reply reply = client_.order("KK-1001", /*include_refunds=*/false);
  ASSERT_EQ(reply.status, 200);
  EXPECT_FALSE(reply.json.contains("refunds"));
}

TEST_F(KomfortkasseSandboxTest, ReadingAnOrderNeedsTheKeyAndAKnownOrder) {
  expect_rejected(client_.order("KK-9999"), 404, kOrderNotFound);
  expect_rejected(client_.get(std::string(kRefundPathPrefix) + "KK-1001?includeRefunds=true"), 401,
                  kApiKeyMissing);
  expect_rejected(client_.get(std::string(kRefundPathPrefix) + "KK-1001?includeRefunds=true",
                              SandboxClient::api_key_header("wrong")),
                  401, kApiKeyMissing);
}

using EncodedOrderId = std::pair<std::string, std::string>;  // (order number, as encoded)

class EncodedOrderIdTest : public KomfortkasseSandboxTest,
                           public ::testing::WithParamInterface<EncodedOrderId> {};

TEST_P(EncodedOrderIdTest, DecodesTheOrderNumberFromOnePathSegment) {
  const std::string order_id = GetParam().first;
  const std::string encoded = GetParam().second;
  sandbox_.add_order({"komfortkasse", order_id, "10.00", "EUR"});

  const Reply created = client_.refund(encoded, refund_body("RMA-1", "1.00"));
  ASSERT_EQ(created.status, 200) << created.body;
  ASSERT_EQ(sandbox_.refunds().size(), 1u);
  EXPECT_EQ(sandbox_.refunds()[0].order_id, order_id);

  const Reply read = client_.order(encoded);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json.at("number"), order_id);
  EXPECT_EQ(read.json.at("refunds").size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(
    Komfortkasse, EncodedOrderIdTest,
    ::testing::Values(EncodedOrderId("A/B", "A%2FB"), EncodedOrderId("A/B", "A%2fB"),
                      EncodedOrderId("order 7", "order%207"), EncodedOrderId("..", ".."),
                      EncodedOrderId("..", "%2E%2E"), EncodedOrderId("50%", "50%25"),
                      EncodedOrderId("a+b", "a+b"), EncodedOrderId("x?y", "x%3Fy"),
                      EncodedOrderId("Bestellung-\xC3\xBC", "Bestellung-%C3%BC")));

TEST_F(KomfortkasseSandboxTest, DoesNotSplitAnUnencodedSlashIntoTheOrderNumber) {
  sandbox_.add_order({"komfortkasse", "A/B", "10.00", "EUR"});
  const Reply reply = client_.refund("A/B", refund_body("RMA-1", "1.00"));
  EXPECT_EQ(reply.status, 404);
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(KomfortkasseSandboxTest, RefusesAMalformedPercentEscape) {
  EXPECT_EQ(client_.refund("KK%zz1001", refund_body("RMA-1", "1.00")).status, 400);
  EXPECT_EQ(client_.refund("KK-1001%2", refund_body("RMA-1", "1.00")).status, 400);
}

// Amounts are judged and written as text: one cent more than 2^53 cents is no problem.
TEST_F(KomfortkasseSandboxTest, KeepsAmountsBeyondDoublePrecisionExact) {
  sandbox_.add_order({"komfortkasse", "BIG", "90071992547409.93", "EUR"});
  const Reply reply = client_.refund("BIG", refund_body("RMA-1", "90071992547409.93"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_THAT(reply.body, HasSubstr(R"("amount":90071992547409.93,)"));
  EXPECT_EQ(sandbox_.refunds().at(0).amount_minor, 9007199254740993);
  EXPECT_EQ(sandbox_.refunds().at(0).amount, "90071992547409.93");
}

TEST_F(KomfortkasseSandboxTest, JudgesAmountsInTheOrdersCurrency) {
  sandbox_.add_order({"komfortkasse", "JP-1", "1000", "JPY"});
  expect_rejected(client_.refund("JP-1", refund_body("RMA-1", "1.50", "JPY")), 400,
                  kInvalidRequest);
  const Reply whole = client_.refund("JP-1", refund_body("RMA-2", "5", "JPY"));
  ASSERT_EQ(whole.status, 200) << whole.body;
  EXPECT_THAT(whole.body, HasSubstr(R"("amount":5,)"));
  // "1.00" is exactly one yen.
  EXPECT_EQ(client_.refund("JP-1", refund_body("RMA-3", "1.00", "JPY")).status, 200);
  // Twice 1000 JPY: 2000 in all.
  expect_rejected(client_.refund("JP-1", refund_body("RMA-4", "1995", "JPY")), 400,
                  kInvalidRequest);
  EXPECT_EQ(client_.refund("JP-1", refund_body("RMA-5", "1994", "JPY")).status, 200);
}

// The read-back lists each refund exactly as the create answer wrote it, text for text.
TEST_F(KomfortkasseSandboxTest, ReadsBackRefundsExactlyAsCreated) {
  const Reply first = client_.refund("KK-1001", refund_body("RMA-1", "12.30"));
  const Reply second = client_.refund("KK-1001", refund_body("RMA-2", "7", "EUR", "01-01-2031"));
  ASSERT_EQ(first.status, 200);
  ASSERT_EQ(second.status, 200);
  ASSERT_EQ(client_.refund("KK-1002", refund_body("RMA-3", "1.00")).status, 200);

  const Reply read = client_.order("KK-1001");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.body, R"({"number":"KK-1001","amount":100.00,"currency":"EUR","refunds":[)" +
                           first.body + "," + second.body + "]}");
  const Json& refunds = read.json.at("refunds");
  ASSERT_EQ(refunds.size(), 2u);
  EXPECT_EQ(refunds[0], first.json);
  EXPECT_EQ(refunds[1], second.json);
  for (const char* field : {"externalReference", "amount", "currency", "plannedDate", "id",
                            "executionDate", "referenceNumber", "status"}) {
    EXPECT_TRUE(refunds[1].contains(field)) << field;
  }
  EXPECT_EQ(refunds[1].size(), 8u);
  EXPECT_EQ(refunds[1].at("plannedDate"), "01-01-2031");
}

TEST_F(KomfortkasseSandboxTest, CreateAnswerHasExactlyTheDocumentedFields) {
  const Reply reply = client_.refund("KK-1001", refund_body("RMA-1", "12.30"));
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, R"({"externalReference":"RMA-1","amount":12.30,"currency":"EUR",)"
                        R"("plannedDate":"16-06-2030","id":"KK-R-000001","executionDate":null,)"
                        R"("referenceNumber":"KKBT00000001","status":"NEW"})");
  EXPECT_EQ(reply.json.size(), 8u);
}

TEST_F(KomfortkasseSandboxTest, AnswersErrorsWithJsonOfTheDocumentedShape) {
  const Reply unauthorized =
      client_.post(std::string(kRefundPathPrefix) + "KK-1001/refund", refund_body("R", "1.00"));
  EXPECT_EQ(unauthorized.body, R"({"error":"API Key missing"})");
  EXPECT_EQ(client_.refund("KK-9999", refund_body("R", "1.00")).body,
            R"({"error":"Order not found"})");
  EXPECT_EQ(client_.refund("KK-1001", "{}").body, R"({"error":"Invalid request"})");
}

TEST(KomfortkasseTodayTest, RefusesATodayThatIsNotADate) {
  SandboxOptions options = test_options();
  options.today = [] { return std::string("15.06.2030"); };
  Sandbox sandbox(options);
  const Reply reply = SandboxClient(sandbox.port()).refund("KK-1001", refund_body("R", "1.00"));
  EXPECT_EQ(reply.status, 500);
  EXPECT_TRUE(sandbox.refunds().empty());
}

}  // namespace
}  // namespace refundkit::sandbox::testing
