// 2xx answers to the refund POST: Riverty's RefundOrderResponse, read exactly and tolerantly.
#include <string>

#include "afterpay_fixture.hpp"
#include "internal/json_reader.hpp"
#include "vendors/afterpay/afterpay_response.hpp"

namespace refundkit::afterpay_test {
namespace {

using test_support::FailsWith;
using test_support::Succeeds;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST_F(AfterPayTest, ThePagesExampleIsASucceededRefund) {
  const Result<Refund> refund = answer(200, std::string(kRefunded));
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->provider, "afterpay");
  EXPECT_EQ(refund->id, "000000002");
  EXPECT_THAT(refund->other_ids, IsEmpty());
  EXPECT_EQ(refund->order_id, "ORD-1001");
  EXPECT_EQ(refund->reference, "RMA-1");
  // Riverty has no refund status: a 200 means it has credited the refund.
  EXPECT_EQ(refund->status, RefundStatus::succeeded);
  EXPECT_EQ(refund->vendor_status, "");
  EXPECT_EQ(refund->amount, money("12.50"));
  EXPECT_EQ(refund->http_status, 200);
  EXPECT_EQ(refund->raw_body, kRefunded);
  EXPECT_FALSE(refund->already_existed);
  EXPECT_EQ(refund->attempts, 1);
  EXPECT_EQ(transport->request_count(), 1u);
}

TEST_F(AfterPayTest, EveryRefundNumberIsKeptVerbatim) {
  const Result<Refund> refund = answer(
      200, R"({"refundNumbers":["000000002",7,"0000000010"],"totalCapturedAmount":"300.00"})");
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->id, "000000002");
  EXPECT_THAT(refund->other_ids, ElementsAre("7", "0000000010"));

  const Result<Refund> numeric = answer(200, R"({"refundNumbers":[2]})");
  ASSERT_THAT(numeric, Succeeds());
  EXPECT_EQ(numeric->id, "2");
}

TEST_F(AfterPayTest, AnyTwoHundredWithRefundNumbersIsTheRefund) {
  const Result<Refund> refund = answer(201, R"({"refundNumbers":["000000003"]})");
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->http_status, 201);
  EXPECT_EQ(refund->id, "000000003");
}

TEST_F(AfterPayTest, ASuccessWithoutRefundNumbersIsOutcomeUnknown) {
  const std::string oversized =
      R"({"refundNumbers":["1"],"pad":")" + std::string(internal::kMaxJsonBodyBytes, 'x') + "\"}";
  const std::pair<const char*, std::string> cases[] = {
      {"without \"refundNumbers\"", R"({"totalCapturedAmount":300.00})"},
      {"without \"refundNumbers\"", R"({"refundNumbers":null})"},
      {"with no refund number", R"({"refundNumbers":[]})"},
      {"not an array", R"({"refundNumbers":"000000002"})"},
      {"neither a non-empty string nor a number", R"({"refundNumbers":[""]})"},
      {"neither a non-empty string nor a number", R"({"refundNumbers":[{"n":"1"}]})"},
      {"neither a non-empty string nor a number", R"({"refundNumbers":["1",null]})"},
      {"not an object", R"(["000000002"])"},
      {"with an empty body", ""},
      {"not JSON", "<html><body>OK</body></html>"},
      {"not JSON", R"({"refundNumbers":["1"],"refundNumbers":["2"]})"},
      {"parse limit", oversized},
  };
  for (const auto& [why, body] : cases) {
    SCOPED_TRACE(body.substr(0, 80));
    const Result<Refund> refund = answer(200, body);
    ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
    EXPECT_TRUE(refund.error().may_have_been_executed());
    EXPECT_THAT(refund.error().message, HasSubstr("Riverty answered HTTP 200 but"));
    EXPECT_THAT(refund.error().message, HasSubstr(why));
    EXPECT_EQ(refund.error().http_status, 200);
    EXPECT_EQ(refund.error().raw_body, body);
  }
  // Never resent under a new key, never read back as a failure: one POST each, nothing else.
  EXPECT_EQ(transport->request_count(), std::size(cases));
}

TEST(AfterPayAnswer, TotalsAreReadAsNumbersOrStringsAndMayBeAbsent) {
  const Currency eur = Currency::from_code("EUR").value();
  const Result<vendors::afterpay::RefundOrderAnswer> full =
      vendors::afterpay::read_refund_order_answer(
          R"({"totalCapturedAmount":300.00,"totalAuthorizedAmount":"300.0",)"
          R"("totalRefundedAmount":12.5,"remainingAuthorizedAmount":"287.50",)"
          R"("refundNumbers":["000000002"]})",
          eur);
  ASSERT_TRUE(full.ok());
  EXPECT_THAT(full->refund_numbers, ElementsAre("000000002"));
  EXPECT_EQ(full->total_captured, money("300.00"));
  EXPECT_EQ(full->total_authorized, money("300.00"));
  EXPECT_EQ(full->total_refunded, money("12.50"));
  EXPECT_EQ(full->remaining_authorized, money("287.50"));

  // Unreadable or absent totals change nothing: the refund numbers are what counts.
  const Result<vendors::afterpay::RefundOrderAnswer> sparse =
      vendors::afterpay::read_refund_order_answer(
          R"({"totalCapturedAmount":"n/a","totalAuthorizedAmount":1.005,)"
          R"("totalRefundedAmount":null,"refundNumbers":["000000002"]})",
          eur);
  ASSERT_TRUE(sparse.ok());
  EXPECT_FALSE(sparse->total_captured);
  EXPECT_FALSE(sparse->total_authorized);
  EXPECT_FALSE(sparse->total_refunded);
  EXPECT_FALSE(sparse->remaining_authorized);
}

}  // namespace
}  // namespace refundkit::afterpay_test
