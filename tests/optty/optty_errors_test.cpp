// Non-2xx answers to the refund POST: the page's documented bodies, the shapes it does not
// document (NestJS message arrays, HTML, empty, oversized), and the generic status table.
#include <string>

#include "internal/json_reader.hpp"
#include "optty_fixture.hpp"
#include "vendors/optty/optty_errors.hpp"

namespace refundkit::optty_test {
namespace {

using test_support::FailsWith;
using ::testing::HasSubstr;
using vendors::optty::classify_rejection;
using vendors::optty::read_error_body;

TEST_F(OpttyTest, OverTheRefundableAmountIsAmountExceedsRefundable) {
  const std::string body =
      R"({"statusCode":400,"message":"You can only refund amount up to AUD 24.98",)"
      R"("error":"Bad Request"})";
  const Result<Refund> refund = answer(400, body);
  ASSERT_THAT(refund, FailsWith(ErrorKind::amount_exceeds_refundable));
  EXPECT_EQ(refund.error().http_status, 400);
  EXPECT_EQ(refund.error().vendor_code, "Bad Request");
  EXPECT_EQ(refund.error().vendor_message, "You can only refund amount up to AUD 24.98");
  EXPECT_THAT(refund.error().message, HasSubstr("Optty answered HTTP 400"));
  EXPECT_THAT(refund.error().message, HasSubstr("You can only refund amount up to AUD 24.98"));
  EXPECT_EQ(refund.error().raw_body, body);
  EXPECT_EQ(refund.error().attempts, 1);
}

TEST_F(OpttyTest, MalformedJsonAndOtherParameterErrorsAreInvalidRequest) {
  const Result<Refund> refund = answer(
      400,
      R"({"statusCode":400,"message":"Unexpected token a in JSON at position 157","error":"Bad Request"})");
  ASSERT_THAT(refund, FailsWith(ErrorKind::invalid_request));
  EXPECT_EQ(refund.error().vendor_message, "Unexpected token a in JSON at position 157");
}

TEST_F(OpttyTest, ACurrencyComplaintIsCurrencyMismatch) {
  const Result<Refund> refund =
      answer(400, R"({"statusCode":400,"message":"Currency does not match the order currency"})");
  ASSERT_THAT(refund, FailsWith(ErrorKind::currency_mismatch));
  EXPECT_EQ(refund.error().vendor_code, "");
}

TEST_F(OpttyTest, AMessageArrayIsJoined) {
  const Result<Refund> refund = answer(
      400,
      R"({"statusCode":400,"message":["refundDescription should not be empty",)"
      R"("refundAmount.currency must be a valid ISO4217 currency code",42],"error":"Bad Request"})");
  ASSERT_THAT(refund, FailsWith(ErrorKind::currency_mismatch));
  EXPECT_EQ(refund.error().vendor_message,
            "refundDescription should not be empty; refundAmount.currency must be a valid "
            "ISO4217 currency code");
}

TEST_F(OpttyTest, AReusedReferenceIsDuplicateReferenceOnlyWhenItSaysSo) {
  const Result<Refund> refund = answer(
      400,
      R"({"statusCode":400,"message":"refundReference already exists","error":"Bad Request"})");
  ASSERT_THAT(refund, FailsWith(ErrorKind::duplicate_reference));
}

TEST(OpttyRejections, ClassifiesByWholeWordsAndPhrases) {
  const std::pair<const char*, ErrorKind> cases[] = {
      {"You can only refund amount up to AUD 24.98", ErrorKind::amount_exceeds_refundable},
      {"you can only refund amount up to EUR 0.00", ErrorKind::amount_exceeds_refundable},
      {"refundReference already exists", ErrorKind::duplicate_reference},
      {"Refund reference has been used", ErrorKind::duplicate_reference},
      {"refundReference must be unique per merchant", ErrorKind::duplicate_reference},
      {"Duplicate refundReference", ErrorKind::duplicate_reference},
      {"refundReference does not exist", ErrorKind::invalid_request},
      {"refundReference is invalid, duplicate check failed", ErrorKind::invalid_request},
      {"refundReference was refused", ErrorKind::invalid_request},
      {"refundReference must be a string", ErrorKind::invalid_request},
      {"Invalid CURRENCY", ErrorKind::currency_mismatch},
      {"currency mismatch", ErrorKind::currency_mismatch},
      {"Unexpected token a in JSON at position 157", ErrorKind::invalid_request},
      {"Bad Request", ErrorKind::invalid_request},
      {"", ErrorKind::invalid_request},
  };
  for (const auto& [message, kind] : cases) {
    EXPECT_EQ(classify_rejection(message), kind) << message;
  }
}

TEST(OpttyErrorBody, ReadsMessageAndErrorFromEveryShape) {
  EXPECT_EQ(read_error_body(R"({"statusCode":404,"message":"Not Found"})").message, "Not Found");
  EXPECT_EQ(read_error_body(R"({"message":["a","b"],"error":"Bad Request"})").message, "a; b");
  EXPECT_EQ(read_error_body(R"({"message":["a","b"],"error":"Bad Request"})").error, "Bad Request");
  for (const char* body : {"", "<html>", "[]", "null", R"({"message":7,"error":{}})",
                           R"({"message":"a","message":"b"})"}) {
    EXPECT_EQ(read_error_body(body).message, "") << body;
    EXPECT_EQ(read_error_body(body).error, "") << body;
  }
}

TEST_F(OpttyTest, StatusesFollowTheGenericTable) {
  struct Case {
    int status;
    const char* body;
    ErrorKind kind;
  };
  const Case cases[] = {
      {404, R"({"statusCode":404,"message":"Not Found"})", ErrorKind::not_found},
      {403, R"({"statusCode":403,"message":"Forbidden resource","error":"Forbidden"})",
       ErrorKind::authentication},
      {429, R"({"statusCode":429,"message":"ThrottlerException: Too Many Requests"})",
       ErrorKind::rate_limited},
      {500, R"({"statusCode":500,"message":"Internal server error"})", ErrorKind::outcome_unknown},
      {502, "<html><body>Bad Gateway</body></html>", ErrorKind::outcome_unknown},
      {503, "", ErrorKind::outcome_unknown},
      {504, "upstream timed out", ErrorKind::outcome_unknown},
      {409, R"({"statusCode":409,"message":"refundReference already exists"})",
       ErrorKind::protocol},
      {405, "", ErrorKind::protocol},
      {302, "", ErrorKind::protocol},
      {303, "", ErrorKind::outcome_unknown},
      {422, R"({"statusCode":422,"message":"You can only refund amount up to AUD 1.00"})",
       ErrorKind::amount_exceeds_refundable},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.status);
    const Result<Refund> refund = answer(c.status, c.body);
    ASSERT_THAT(refund, FailsWith(c.kind));
    EXPECT_EQ(refund.error().http_status, c.status);
    EXPECT_EQ(refund.error().raw_body, c.body);
  }
  const Result<Refund> server =
      answer(500, R"({"statusCode":500,"message":"Internal server error"})");
  ASSERT_THAT(server, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_TRUE(server.error().may_have_been_executed());
  EXPECT_THAT(server.error().message, HasSubstr("may have been created"));
}

TEST_F(OpttyTest, HtmlEmptyAndOversizedErrorBodiesKeepTheStatusKind) {
  const std::string oversized =
      R"({"statusCode":400,"message":")" + std::string(internal::kMaxJsonBodyBytes, 'x') + "\"}";
  for (const std::string& body :
       {std::string("<html><h1>400 Bad Request</h1></html>"), std::string(""), oversized}) {
    const Result<Refund> refund = answer(400, body);
    ASSERT_THAT(refund, FailsWith(ErrorKind::invalid_request));
    EXPECT_EQ(refund.error().vendor_message, "");
    EXPECT_EQ(refund.error().raw_body, body);
    EXPECT_LT(refund.error().message.size(), 400u);
  }
}

TEST_F(OpttyTest, A401ThatSurvivesTheRenewalIsAuthentication) {
  api->respond_json(401, R"({"statusCode":401,"message":"Unauthorized"})");
  const Result<Refund> refund = answer(401, R"({"statusCode":401,"message":"Unauthorized"})");
  ASSERT_THAT(refund, FailsWith(ErrorKind::authentication));
  EXPECT_EQ(refund.error().vendor_message, "Unauthorized");
  EXPECT_FALSE(refund.error().may_have_been_executed());
}

TEST_F(OpttyTest, TransportFailuresPassThroughNamingOptty) {
  api->fail(ErrorKind::outcome_unknown, "timeout after the request was sent");
  const Result<Refund> timeout = create(request());
  ASSERT_THAT(timeout, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_THAT(timeout.error().message, HasSubstr("Optty: timeout"));
  api->fail(ErrorKind::network, "could not connect");
  EXPECT_THAT(create(request()), FailsWith(ErrorKind::network));
}

}  // namespace
}  // namespace refundkit::optty_test
