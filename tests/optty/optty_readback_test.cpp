// find_refund through the order details (POST /orders/{ref}/details?merchantId=...), and what its
// answers make of a refund whose first answer was lost or refused.
#include <string>
#include <vector>

#include "optty_fixture.hpp"

namespace refundkit::optty_test {
namespace {

using test_support::FailsWith;
using test_support::Succeeds;
using ::testing::HasSubstr;

constexpr char kDetailsUrl[] =
    "https://api.optty.example/orders/ORD-1001/details?merchantId=M%2042%26x";

// The details as the vendor's sample shows them: refundId is not the refundReference.
constexpr char kOrderWithOtherRefunds[] = R"({"orderReference":"ORD-1001","currency":"EUR",
  "refunds":[{"refundId":"ORD-1001","amount":"12.30","currency":"EUR","status":"SUCCESSFUL",
              "createdAt":"2026-06-01T00:00:00Z","refundReason":"x","refundFailureReason":null}]})";

constexpr char kOrderWithThisRefund[] = R"({"orderReference":"ORD-1001","refunds":[
  {"refundId":"RMA-0","amount":"5.00","currency":"EUR","status":"SUCCESSFUL"},
  {"refundId":"RMA-1-00","amount":"12.30","currency":"EUR","status":"PENDING",
   "createdAt":"2026-06-01T00:00:00Z","refundReason":"Damaged on arrival",
   "refundFailureReason":null}]})";

class ReadBackTest : public OpttyTest {
 protected:
  OpttyOptions with_merchant(RetryPolicy retry = RetryPolicy::none()) const {
    OpttyOptions with = options();
    with.merchant_id = "M 42&x";
    with.retry = std::move(retry);
    return with;
  }
  Result<Refund> find(int status, std::string body, std::string reference = "RMA-1") {
    api->respond_json(status, std::move(body));
    return make(with_merchant())->find_refund("ORD-1001", reference);
  }
  std::vector<HttpRequest> reads() const {
    std::vector<HttpRequest> reads;
    for (HttpRequest& sent : api->requests()) {
      if (sent.url.find("/details") != std::string::npos) reads.push_back(std::move(sent));
    }
    return reads;
  }
};

TEST_F(ReadBackTest, WithoutAMerchantIdFindRefundCannotTellAndSendsNothing) {
  const Result<Refund> refund = client().find_refund("ORD-1001", "RMA-1");
  ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_EQ(api->request_count(), 0u);
}

TEST_F(ReadBackTest, SendsTheDocumentedOrderDetailsCall) {
  ASSERT_THAT(find(200, kOrderWithThisRefund), Succeeds());
  const HttpRequest sent = api->last_request();
  EXPECT_EQ(sent.method, HttpMethod::post);
  EXPECT_EQ(sent.url, kDetailsUrl);
  EXPECT_EQ(sent.body, "{}");
  EXPECT_EQ(find_header(sent.headers, "Content-Type"), "application/json");
  EXPECT_EQ(find_header(sent.headers, "Authorization"), "Bearer token-1");
  EXPECT_TRUE(sent.idempotent);
}

TEST_F(ReadBackTest, FindsARefundListedUnderTheReferenceAndReadsItExactly) {
  const Result<Refund> refund = find(200, kOrderWithThisRefund);
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->provider, "optty");
  EXPECT_EQ(refund->order_id, "ORD-1001");
  EXPECT_EQ(refund->reference, "RMA-1");
  EXPECT_EQ(refund->vendor_reference, "RMA-1-00");
  EXPECT_EQ(refund->status, RefundStatus::pending);
  EXPECT_EQ(refund->vendor_status, "PENDING");
  EXPECT_EQ(refund->amount, money("12.30"));
  EXPECT_EQ(refund->raw_body, kOrderWithThisRefund);
  EXPECT_EQ(refund->http_status, 200);

  const Result<Refund> older = find(200, kOrderWithThisRefund, "RMA-0");
  ASSERT_THAT(older, Succeeds());
  EXPECT_EQ(older->status, RefundStatus::succeeded);
  EXPECT_EQ(older->amount, money("5.00"));
}

TEST_F(ReadBackTest, AnOrderWithoutRefundsOrUnknownIsNotFound) {
  for (const char* body :
       {R"({"orderReference":"ORD-1001"})", R"({"refunds":null})", R"({"refunds":[]})"}) {
    SCOPED_TRACE(body);
    const Result<Refund> refund = find(200, body);
    ASSERT_THAT(refund, FailsWith(ErrorKind::not_found));
    EXPECT_THAT(refund.error().message, HasSubstr("no refunds"));
  }
  const Result<Refund> unknown = find(404, R"({"statusCode":404,"message":"Not Found"})");
  ASSERT_THAT(unknown, FailsWith(ErrorKind::not_found));
  EXPECT_THAT(unknown.error().message, HasSubstr("no such refund"));
}

TEST_F(ReadBackTest, RefundsWithoutTheReferenceCannotTellAndAmountNeverMatches) {
  // The listed refund has exactly the amount asked for; it is still not identified as this one.
  const Result<Refund> refund = find(200, kOrderWithOtherRefunds);
  ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_THAT(refund.error().message, HasSubstr("do not show refund references"));
  EXPECT_EQ(refund.error().raw_body, kOrderWithOtherRefunds);
}

TEST_F(ReadBackTest, UnreadableAnswersCannotTell) {
  struct Case {
    int status;
    const char* body;
    ErrorKind kind;
  };
  const Case cases[] = {
      {200, "", ErrorKind::outcome_unknown},
      {200, "<html>maintenance</html>", ErrorKind::outcome_unknown},
      {200, "[]", ErrorKind::outcome_unknown},
      {200, R"({"refunds":{"refundId":"RMA-1"}})", ErrorKind::outcome_unknown},
      {200, R"({"refunds":[{"refundId":"RMA-1","amount":"12.305","currency":"EUR","status":"X"}]})",
       ErrorKind::outcome_unknown},
      {200, R"({"refunds":[{"refundId":"RMA-1","amount":"12.30","currency":"EURO","status":"X"}]})",
       ErrorKind::outcome_unknown},
      {200, R"({"refunds":[{"refundId":"RMA-1","amount":"12.30","currency":"EUR"}]})",
       ErrorKind::outcome_unknown},
      {200, R"({"refunds":[{"refundId":"RMA-1","currency":"EUR","status":"PENDING"}]})",
       ErrorKind::outcome_unknown},
      {500, R"({"statusCode":500,"message":"Internal server error"})", ErrorKind::outcome_unknown},
      {401, R"({"statusCode":401,"message":"Unauthorized"})", ErrorKind::authentication},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.body);
    if (c.status == 401) api->respond_json(401, c.body);  // the renewal's resend
    EXPECT_THAT(find(c.status, c.body), FailsWith(c.kind));
  }
}

TEST_F(ReadBackTest, ALostAnswerIsSettledByAReadBackThatFindsTheRefund) {
  api->fail(ErrorKind::outcome_unknown, "timeout after sending");
  api->respond_json(200, kOrderWithThisRefund);
  const Result<Refund> refund = make(with_merchant(instant_retries()))->create_refund(request());
  ASSERT_THAT(refund, Succeeds());
  EXPECT_TRUE(refund->already_existed);
  EXPECT_EQ(refund->status, RefundStatus::pending);
  EXPECT_EQ(refund->attempts, 1);
  EXPECT_EQ(reads().size(), 1u);
}

TEST_F(ReadBackTest, ALostAnswerThenAnEmptyOrderIsResent) {
  api->respond_json(502, "<html>Bad Gateway</html>");
  api->respond_json(200, R"({"refunds":[]})");
  api->respond_json(201, std::string(kSampleAnswer));
  const Result<Refund> refund = make(with_merchant(instant_retries()))->create_refund(request());
  ASSERT_THAT(refund, Succeeds());
  EXPECT_FALSE(refund->already_existed);
  EXPECT_EQ(refund->attempts, 2);
}

TEST_F(ReadBackTest, ARefusedResendAfterALostAnswerIsNeverADefiniteFailure) {
  struct Case {
    const char* refusal;
    ErrorKind kind;
  };
  const Case cases[] = {
      {R"({"statusCode":400,"message":"refundReference already exists"})",
       ErrorKind::duplicate_reference},
      {R"({"statusCode":400,"message":"You can only refund amount up to AUD 0.00"})",
       ErrorKind::outcome_unknown},
      {R"({"statusCode":400,"message":"Bad Request"})", ErrorKind::outcome_unknown},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.refusal);
    api->fail(ErrorKind::outcome_unknown, "timeout after sending");
    api->respond_json(200, kOrderWithOtherRefunds);  // cannot tell
    api->respond_json(400, c.refusal);               // the resend, refused
    api->respond_json(200, kOrderWithOtherRefunds);  // the read-back after the refusal
    const Result<Refund> refund = make(with_merchant(instant_retries()))->create_refund(request());
    ASSERT_THAT(refund, FailsWith(c.kind));
    EXPECT_EQ(refund.error().attempts, 2);
    EXPECT_EQ(api->unused_replies(), 0u);
  }
}

TEST_F(ReadBackTest, ARefusalWithNoDoubtStandsWhenTheReadBackCannotTell) {
  api->respond_json(400,
                    R"({"statusCode":400,"message":"You can only refund amount up to AUD 1"})");
  api->respond_json(200, kOrderWithOtherRefunds);
  const Result<Refund> refund = make(with_merchant(instant_retries()))->create_refund(request());
  ASSERT_THAT(refund, FailsWith(ErrorKind::amount_exceeds_refundable));
  EXPECT_EQ(reads().size(), 1u);
}

TEST_F(ReadBackTest, AReferenceUsedForAnotherAmountIsDuplicateReference) {
  api->respond_json(400, R"({"statusCode":400,"message":"refundReference already exists"})");
  api->respond_json(200, R"({"refunds":[{"refundId":"RMA-1","amount":"99.00","currency":"EUR",)"
                         R"("status":"SUCCESSFUL"}]})");
  const Result<Refund> refund = make(with_merchant(instant_retries()))->create_refund(request());
  ASSERT_THAT(refund, FailsWith(ErrorKind::duplicate_reference));
  EXPECT_EQ(refund.error().http_status, 400);
}

}  // namespace
}  // namespace refundkit::optty_test
