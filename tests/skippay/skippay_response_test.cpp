// The 201 answer read defensively, answers in doubt (a drop, a 5xx, an unreadable 2xx) that are
// never resent, and what find_refund can tell from the application read.
#include <string>
#include <vector>

#include "skippay_fixture.hpp"

namespace refundkit::skippay_test {
namespace {

using test_support::describe;
using test_support::FailsWith;
using test_support::Succeeds;
using ::testing::HasSubstr;

TEST_F(SkipPayTest, ACreatedRefundIsSucceededWithTheVendorsIdAndRawBody) {
  const std::string body =
      R"({"id":"RF-123","totalPrice":{"amount":12590,"currency":"CZK"},"state":"CREATED"})";
  const Result<Refund> refund = answer(201, body);
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->provider, "skippay");
  EXPECT_EQ(refund->id, "RF-123");
  EXPECT_EQ(refund->order_id, "APP-1001");
  EXPECT_EQ(refund->reference, "RMA-1");
  EXPECT_EQ(refund->status, RefundStatus::succeeded);
  EXPECT_EQ(refund->vendor_status, "CREATED");
  EXPECT_EQ(refund->amount, money("125.90"));
  EXPECT_EQ(refund->http_status, 201);
  EXPECT_EQ(refund->raw_body, body);
  EXPECT_FALSE(refund->already_existed);
  EXPECT_EQ(refund->attempts, 1);
}

TEST_F(SkipPayTest, TheCreatedRefundIsReadDefensively) {
  struct Case {
    const char* body;
    const char* id;
  };
  const Case cases[] = {
      {"{}", ""},
      {R"({"refundId":"RF-7"})", "RF-7"},
      {R"({"id":4711})", "4711"},
      {R"({"id":{"nested":true},"refundId":"RF-8"})", "RF-8"},
      {R"({"id":null})", ""},
      {R"({"totalPrice":{"amount":"12590"}})", ""},
      {R"({"totalPrice":{"amount":12590.0,"currency":"CZK"}})", ""},
      {R"({"totalPrice":{"amount":1.259e4,"currency":"CZK"}})", ""},
      {R"({"totalPrice":null,"note":"unknown fields are ignored"})", ""},
      {"[]", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.body);
    const Result<Refund> refund = answer(201, c.body);
    ASSERT_THAT(refund, Succeeds());
    EXPECT_EQ(refund->id, c.id);
    EXPECT_EQ(refund->amount, money("125.90"));
    EXPECT_EQ(refund->status, RefundStatus::succeeded);
    EXPECT_EQ(refund->raw_body, c.body);
  }
  const Result<Refund> ok = answer(200, R"({"id":"RF-200"})");  // any 2xx
  ASSERT_THAT(ok, Succeeds());
  EXPECT_EQ(ok->http_status, 200);
}

TEST_F(SkipPayTest, AnUnreadableOrDifferentCreatedRefundIsOutcomeUnknownAndNotResent) {
  const char* const bodies[] = {
      "",
      "<html>Created</html>",
      R"({"id":"RF-1")",
      R"({"totalPrice":{"amount":12591,"currency":"CZK"}})",
      R"({"totalPrice":{"amount":125.90,"currency":"CZK"}})",
      R"({"totalPrice":{"amount":12590,"currency":"EUR"}})",
      R"({"totalPrice":{"amount":12590,"currency":"XYZ"}})",
      R"({"totalPrice":{"currency":"CZK"}})",
      R"({"totalPrice":"125.90"})",
      R"({"id":"a","id":"b"})",
  };
  for (const char* body : bodies) {
    SCOPED_TRACE(body);
    const std::size_t before = refund_posts().size();
    const Result<Refund> refund = answer(201, body);
    ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
    EXPECT_TRUE(refund.error().may_have_been_executed());
    EXPECT_EQ(refund.error().http_status, 201);
    EXPECT_EQ(refund.error().raw_body, body);
    EXPECT_EQ(refund_posts().size(), before + 1);
  }
}

// The vendor has no idempotency key and no merchant reference: a refund that may have been
// executed is never sent again, whatever the retry policy allows.
class InDoubtTest : public SkipPayTest {
 protected:
  SkipPayOptions generous() const {
    SkipPayOptions retrying = options();
    retrying.retry.max_attempts = 5;
    retrying.retry.sleep = [](std::chrono::milliseconds) { ADD_FAILURE() << "slept"; };
    retrying.retry.random = [] { return std::uint64_t{0}; };
    return retrying;
  }
};

TEST_F(InDoubtTest, ADropAfterProcessingIsOutcomeUnknownWithExactlyOneRefundSent) {
  script_refund(test_support::make_transport_error(ErrorKind::outcome_unknown,
                                                   "connection closed after the request was sent"));
  const Result<Refund> refund = client_with(generous())->create_refund(request());
  ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_TRUE(refund.error().may_have_been_executed());
  EXPECT_EQ(refund.error().attempts, 1);
  EXPECT_EQ(refund_posts().size(), 1u);
  EXPECT_THAT(refund.error().message, HasSubstr("Skip Pay"));
}

TEST_F(InDoubtTest, A500IsOutcomeUnknownWithExactlyOneRefundSent) {
  script_refund(test_support::make_json_response(
      500, error_body("INTERNAL_ERROR", "unexpected", "", "T-500")));
  const Result<Refund> refund = client_with(generous())->create_refund(request());
  ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_EQ(refund.error().http_status, 500);
  EXPECT_EQ(refund.error().vendor_code, "INTERNAL_ERROR");
  EXPECT_THAT(refund.error().message, HasSubstr("may have been created"));
  EXPECT_EQ(refund.error().attempts, 1);
  EXPECT_EQ(refund_posts().size(), 1u);
}

TEST_F(InDoubtTest, AnUnreadable201IsNotResentEither) {
  script_refund(test_support::make_response(201, "<html>ok</html>"));
  const Result<Refund> refund = client_with(generous())->create_refund(request());
  ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_EQ(refund_posts().size(), 1u);
}

TEST_F(InDoubtTest, ARequestThatNeverLeftIsResent) {
  SkipPayOptions retrying = generous();
  retrying.retry.sleep = [](std::chrono::milliseconds) {};
  script_refund(test_support::make_transport_error(ErrorKind::network, "connection refused"));
  script_refund(test_support::make_json_response(201, R"({"id":"RF-2"})"));
  const Result<Refund> refund = client_with(retrying)->create_refund(request());
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->attempts, 2);
  EXPECT_EQ(refund_posts().size(), 2u);
}

// find_refund: what the application read can tell.
TEST_F(SkipPayTest, FindRefundSaysWhatTheApplicationShowsAndThatNoReferenceCanBeMatched) {
  const Result<Refund> found = client()->find_refund("APP-1001", "RMA-1");
  ASSERT_THAT(found, FailsWith(ErrorKind::outcome_unknown));
  const std::string& message = found.error().message;
  EXPECT_THAT(message, HasSubstr("state READY (READY_PAID)")) << describe(found.error());
  EXPECT_THAT(message, HasSubstr("order total 2500.00 CZK"));
  EXPECT_THAT(message, HasSubstr("no field for a merchant reference"));
  EXPECT_THAT(message, HasSubstr("\"RMA-1\""));
  EXPECT_EQ(found.error().http_status, 200);
  EXPECT_EQ(found.error().raw_body, kApplication);
  const std::vector<HttpRequest> sent = reads();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_TRUE(sent[0].idempotent);
  EXPECT_EQ(find_header(sent[0].headers, "Authorization"), "Bearer token-1");
  EXPECT_TRUE(sent[0].body.empty());
}

TEST_F(SkipPayTest, FindRefundOnAnApplicationWithoutDetailsStillCannotTell) {
  script_read(test_support::make_json_response(200, R"({"id":"APP-1001"})"));
  const Result<Refund> bare = client()->find_refund("APP-1001", "RMA-1");
  ASSERT_THAT(bare, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_THAT(bare.error().message, HasSubstr("no state"));

  script_read(test_support::make_response(200, "<html></html>"));
  const Result<Refund> garbage = client()->find_refund("APP-1001", "RMA-1");
  ASSERT_THAT(garbage, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_THAT(garbage.error().message, HasSubstr("not JSON"));
}

TEST_F(SkipPayTest, FindRefundOnAnUnknownApplicationIsNotFound) {
  script_read(test_support::make_json_response(
      404, error_body("OBJECT_NOT_FOUND", "Application does not exist", "", "T-404")));
  const Result<Refund> found = client()->find_refund("APP-1001", "RMA-1");
  ASSERT_THAT(found, FailsWith(ErrorKind::not_found));
  EXPECT_THAT(found.error().message, HasSubstr("has no application \"APP-1001\""));
  EXPECT_EQ(found.error().vendor_code, "OBJECT_NOT_FOUND");
  EXPECT_EQ(found.error().http_status, 404);
}

TEST_F(SkipPayTest, FindRefundThatCannotReadTheApplicationIsOutcomeUnknown) {
  struct Case {
    Result<HttpResponse> reply;
    ErrorKind kind;
  };
  const std::string denied = R"({"error":"invalid_token","error_description":"nope"})";
  const std::vector<Case> cases = {
      {test_support::make_json_response(500, error_body("INTERNAL", "boom")),
       ErrorKind::outcome_unknown},
      {test_support::make_json_response(400, error_body("INVALID_REQUEST", "bad id")),
       ErrorKind::outcome_unknown},
      {test_support::make_json_response(403, denied), ErrorKind::authentication},
      {test_support::make_transport_error(ErrorKind::outcome_unknown, "timeout"),
       ErrorKind::outcome_unknown},
      {test_support::make_transport_error(ErrorKind::network, "refused"), ErrorKind::network},
  };
  for (const Case& c : cases) {
    script_read(c.reply);
    const Result<Refund> found = client()->find_refund("APP-1001", "RMA-1");
    ASSERT_THAT(found, FailsWith(c.kind));
  }
}

TEST_F(SkipPayTest, FindRefundChecksItsArgumentsFirst) {
  EXPECT_THAT(client()->find_refund("", "RMA-1"), FailsWith(ErrorKind::invalid_request));
  EXPECT_THAT(client()->find_refund("APP-1001", ""), FailsWith(ErrorKind::invalid_request));
  EXPECT_EQ(transport->request_count(), 0u);
}

}  // namespace
}  // namespace refundkit::skippay_test
