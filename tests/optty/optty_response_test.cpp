// Reading a 2xx answer to the refund POST: the page's sample, every status, the tolerant
// readings (string or number, two date forms, "-00" echoes, nulls), and answers that cannot be
// this refund (outcome_unknown, never a failure).
#include <string>

#include "internal/json_reader.hpp"
#include "optty_fixture.hpp"

namespace refundkit::optty_test {
namespace {

using test_support::FailsWith;
using test_support::Succeeds;
using ::testing::HasSubstr;

std::string answer_with(const std::string& members) {
  return R"({"refundReference":"RMA-1","refundStatus":"SUCCESSFUL")" + members + "}";
}

TEST_F(OpttyTest, ThePagesSampleAnswerIsThisRefund) {
  const Result<Refund> refund = answer(200, std::string(kSampleAnswer));
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->provider, "optty");
  EXPECT_EQ(refund->id, "8ba78198-bc4c-48ae-9040-57c687bed51d");
  EXPECT_EQ(refund->reference, "RMA-1");
  EXPECT_EQ(refund->vendor_reference, "RMA-1-00");
  EXPECT_EQ(refund->order_id, "ORD-1001");
  EXPECT_EQ(refund->status, RefundStatus::succeeded);
  EXPECT_EQ(refund->vendor_status, "SUCCESSFUL");
  EXPECT_EQ(refund->amount, money("12.30"));
  EXPECT_EQ(refund->executed_date, (Date{2021, 10, 8}));
  EXPECT_EQ(refund->http_status, 200);
  EXPECT_EQ(refund->raw_body, kSampleAnswer);
  EXPECT_EQ(refund->attempts, 1);
  EXPECT_FALSE(refund->already_existed);
}

TEST_F(OpttyTest, Any2xxIsSuccess) {
  for (int status : {200, 201, 202, 299}) {
    SCOPED_TRACE(status);
    const Result<Refund> refund = answer(status, std::string(kSampleAnswer));
    ASSERT_THAT(refund, Succeeds());
    EXPECT_EQ(refund->http_status, status);
  }
}

TEST_F(OpttyTest, EveryDocumentedStatusMapsAndAnUnknownOneIsKeptRaw) {
  const std::pair<const char*, RefundStatus> cases[] = {
      {"SUCCESSFUL", RefundStatus::succeeded}, {"PENDING", RefundStatus::pending},
      {"INITIATED", RefundStatus::processing}, {"FAILED", RefundStatus::failed},
      {"DECLINED", RefundStatus::failed},      {"CANCELLED", RefundStatus::cancelled},
      {"CANCELED", RefundStatus::cancelled},   {"ERROR", RefundStatus::failed},
      {"successful", RefundStatus::succeeded}, {"REVERSED_LATER", RefundStatus::unknown},
  };
  for (const auto& [vendor_status, status] : cases) {
    SCOPED_TRACE(vendor_status);
    const Result<Refund> refund = answer(
        201, std::string(R"({"refundReference":"RMA-1","refundStatus":")") + vendor_status + "\"}");
    ASSERT_THAT(refund, Succeeds());
    EXPECT_EQ(refund->status, status);
    EXPECT_EQ(refund->vendor_status, vendor_status);
  }
}

TEST_F(OpttyTest, RefundedAmountIsReadAsStringOrNumberExactly) {
  for (const char* amount :
       {R"("12.30")", "12.30", "12.3", R"("12.3")", "1.23e1", "null", R"("")"}) {
    SCOPED_TRACE(amount);
    const Result<Refund> refund =
        answer(201, answer_with(std::string(R"(,"refundedAmount":)") + amount));
    ASSERT_THAT(refund, Succeeds());
    EXPECT_EQ(refund->amount, money("12.30"));
  }
  // The page's own sample has a whole number; JPY has no decimals at all.
  RefundRequest yen = request();
  yen.amount = money("1500", "JPY");
  api->respond_json(201, answer_with(R"(,"refundedAmount":1500)"));
  ASSERT_THAT(create(yen), Succeeds());
}

TEST_F(OpttyTest, RefundDateIsReadInEitherFormAndOnlyForASucceededRefund) {
  const std::pair<const char*, Date> cases[] = {
      {"Fri, 08 Oct 2021 06:22:20 GMT", Date{2021, 10, 8}},
      {"Mon, 1 Jun 2026 23:59:59 GMT", Date{2026, 6, 1}},
      {"2021-10-08T06:22:20.000Z", Date{2021, 10, 8}},
      {"2026-02-28T23:00:00+10:00", Date{2026, 2, 28}},
      {"2026-03-01", Date{2026, 3, 1}},
  };
  for (const auto& [text, date] : cases) {
    SCOPED_TRACE(text);
    const Result<Refund> refund =
        answer(201, answer_with(std::string(R"(,"refundDate":")") + text + "\""));
    ASSERT_THAT(refund, Succeeds());
    EXPECT_EQ(refund->executed_date, date);
  }
  for (const char* text : {"yesterday", "Fri, 30 Feb 2021 06:22:20 GMT", "2021-13-01", "",
                           "2021-10-08 junk", "Fri, 08 Oct 2021"}) {
    SCOPED_TRACE(text);
    const Result<Refund> refund =
        answer(201, answer_with(std::string(R"(,"refundDate":")") + text + "\""));
    ASSERT_THAT(refund, Succeeds());
    EXPECT_FALSE(refund->executed_date);
  }
  const Result<Refund> pending = answer(
      201, R"({"refundReference":"RMA-1","refundStatus":"PENDING","refundDate":"2026-03-01"})");
  ASSERT_THAT(pending, Succeeds());
  EXPECT_FALSE(pending->executed_date);
}

TEST_F(OpttyTest, LooselyTypedAndOptionalMembersAreTolerated) {
  for (const char* members :
       {R"(,"bnplProvider":"KLARNA_AU")", R"(,"bnplProvider":3)", R"(,"bnplProvider":null)",
        R"(,"description":{})", R"(,"description":"Refund")", R"(,"description":null)",
        R"(,"callbackUrl":"https://shop.example/cb")", R"(,"callbackUrl":null)",
        R"(,"refundDate":null)", R"(,"bnplRefundId":null)", R"(,"extra":[1,2,{"x":null}])"}) {
    SCOPED_TRACE(members);
    EXPECT_THAT(answer(201, answer_with(members)), Succeeds());
  }
  const Result<Refund> numeric_id = answer(201, answer_with(R"(,"bnplRefundId":987654321)"));
  ASSERT_THAT(numeric_id, Succeeds());
  EXPECT_EQ(numeric_id->id, "987654321");
  const Result<Refund> no_echo = answer(201, R"({"refundStatus":"PENDING"})");
  ASSERT_THAT(no_echo, Succeeds());
  EXPECT_EQ(no_echo->reference, "RMA-1");
  EXPECT_EQ(no_echo->vendor_reference, "RMA-1");
  EXPECT_EQ(no_echo->id, "");
}

TEST_F(OpttyTest, AnEchoExtendingTheReferenceWithDashDigitsIsAMatch) {
  for (const char* echoed : {"RMA-1", "RMA-1-00", "RMA-1-7", "RMA-1-0123456789"}) {
    SCOPED_TRACE(echoed);
    const Result<Refund> refund = answer(
        201, std::string(R"({"refundStatus":"SUCCESSFUL","refundReference":")") + echoed + "\"}");
    ASSERT_THAT(refund, Succeeds());
    EXPECT_EQ(refund->vendor_reference, echoed);
    EXPECT_EQ(refund->reference, "RMA-1");
  }
}

TEST_F(OpttyTest, AnotherEchoedReferenceIsOutcomeUnknownNotThisRefund) {
  for (const char* echoed : {"RMA-2", "RMA-10", "RMA-1-", "RMA-1-0a", "RMA-1_00", "RMA-", "rma-1",
                             "XRMA-1", "RMA-1-00-00"}) {
    SCOPED_TRACE(echoed);
    const std::string body =
        std::string(R"({"refundStatus":"SUCCESSFUL","refundReference":")") + echoed + "\"}";
    const Result<Refund> refund = answer(201, body);
    ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
    EXPECT_THAT(refund.error().message, HasSubstr("refundReference"));
    EXPECT_EQ(refund.error().raw_body, body);
    EXPECT_EQ(refund.error().http_status, 201);
  }
}

TEST_F(OpttyTest, ARefundedAmountOtherThanTheOneSentIsOutcomeUnknown) {
  for (const char* amount :
       {"12.31", R"("24.98")", "1230", R"("12.305")", R"("abc")", "{}", "true", R"("-12.30")"}) {
    SCOPED_TRACE(amount);
    const Result<Refund> refund =
        answer(201, answer_with(std::string(R"(,"refundedAmount":)") + amount));
    ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
    EXPECT_THAT(refund.error().message, HasSubstr("refundedAmount"));
  }
}

TEST_F(OpttyTest, AnUnreadable2xxIsOutcomeUnknownWithTheRawBody) {
  const std::string oversized =
      answer_with(R"(,"pad":")" + std::string(internal::kMaxJsonBodyBytes, 'x') + "\"");
  struct Case {
    const char* name;
    std::string body;
    const char* says;
  };
  const Case cases[] = {
      {"empty", "", "empty body"},
      {"html", "<html><body>OK</body></html>", "not JSON"},
      {"array", R"([{"refundStatus":"SUCCESSFUL"}])", "not an object"},
      {"no status", R"({"refundReference":"RMA-1"})", "refundStatus"},
      {"status not a string", R"({"refundStatus":1})", "refundStatus"},
      {"reference an object", R"({"refundStatus":"SUCCESSFUL","refundReference":{}})",
       "refundReference"},
      {"truncated", R"({"refundStatus":"SUCC)", "not JSON"},
      {"oversized", oversized, "parse limit"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Result<Refund> refund = answer(200, c.body);
    ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
    EXPECT_TRUE(refund.error().may_have_been_executed());
    EXPECT_THAT(refund.error().message, HasSubstr(c.says));
    EXPECT_THAT(refund.error().message, HasSubstr("Optty answered HTTP 200"));
    EXPECT_EQ(refund.error().raw_body, c.body);
  }
}

}  // namespace
}  // namespace refundkit::optty_test
