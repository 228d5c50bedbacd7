// Non-2xx answers to the refund POST: every documented code with the HTTP status the page gives
// it, the vendor's fields kept, the generic table for the rest.
#include <string>
#include <vector>

#include "skippay_fixture.hpp"
#include "vendors/skippay/skippay_errors.hpp"

namespace refundkit::skippay_test {
namespace {

using test_support::describe;
using test_support::FailsWith;
using ::testing::HasSubstr;
using ::testing::Not;

struct CodeCase {
  const char* name;
  int status;
  const char* code;
  const char* attribute;
  ErrorKind kind;
  const char* says;
};

void PrintTo(const CodeCase& code_case, std::ostream* out) { *out << code_case.name; }

const CodeCase kDocumentedCodes[] = {
    {"400_INVALID_REQUEST", 400, "INVALID_REQUEST", "", ErrorKind::invalid_request, ""},
    {"404_OBJECT_NOT_FOUND", 404, "OBJECT_NOT_FOUND", "", ErrorKind::not_found, ""},
    {"422_TOTAL_PRICE_LIMIT_EXCEEDED", 422, "TOTAL_PRICE_LIMIT_EXCEEDED", "totalPrice.amount",
     ErrorKind::amount_exceeds_refundable, ""},
    {"422_NOT_INVOICED", 422, "NOT_INVOICED", "", ErrorKind::not_refundable, "not invoiced"},
    {"422_INVALID_CURRENCY_MISMATCH", 422, "INVALID_CURRENCY_MISMATCH", "totalPrice.currency",
     ErrorKind::currency_mismatch, ""},
    // A VAT rate not on the order: never "the application does not exist".
    {"422_NOT_FOUND", 422, "NOT_FOUND", "totalVat[0].vatRate", ErrorKind::invalid_request,
     "a VAT rate in totalVat is not on the order"},
    {"422_INVALID_FORMAT", 422, "INVALID_FORMAT", "variableSymbol", ErrorKind::invalid_request, ""},
    // The page names no code for an application state that refuses refunds.
    {"422_INVALID_APPLICATION_STATE", 422, "INVALID_APPLICATION_STATE", "",
     ErrorKind::not_refundable, "state refuses refunds"},
    {"422_APPLICATION_STATE_PROCESSING", 422, "APPLICATION_STATE_PROCESSING", "",
     ErrorKind::not_refundable, "READY or CANCELLED"},
    // Unknown codes: the generic table.
    {"400_unknown", 400, "SOMETHING_NEW", "", ErrorKind::invalid_request, ""},
    {"422_unknown", 422, "SOMETHING_NEW", "", ErrorKind::invalid_request, ""},
    {"404_unknown", 404, "SOMETHING_NEW", "", ErrorKind::not_found, ""},
    {"409_unknown", 409, "CONFLICT", "", ErrorKind::protocol, ""},
    // The code refines only 400/404/422: credentials, throttling and server errors stay as
    // their status says, whatever the code.
    {"403_with_a_code", 403, "NOT_INVOICED", "", ErrorKind::authentication, ""},
    {"429_with_a_code", 429, "TOTAL_PRICE_LIMIT_EXCEEDED", "", ErrorKind::rate_limited, ""},
    {"500_with_a_code", 500, "INVALID_REQUEST", "", ErrorKind::outcome_unknown,
     "may have been created"},
    {"503_with_a_code", 503, "OBJECT_NOT_FOUND", "", ErrorKind::outcome_unknown,
     "may have been created"},
};

class CodeTest : public SkipPayTest, public ::testing::WithParamInterface<CodeCase> {};

TEST_P(CodeTest, MapsTheCodeAndKeepsTheVendorsFields) {
  const CodeCase& c = GetParam();
  const Result<Refund> refund =
      answer(c.status, error_body(c.code, "vendor says no", c.attribute, "TCK-42"));
  ASSERT_THAT(refund, FailsWith(c.kind));
  const Error& error = refund.error();
  EXPECT_EQ(error.http_status, c.status);
  EXPECT_EQ(error.vendor_code, c.code);
  EXPECT_EQ(error.vendor_message, "vendor says no");
  EXPECT_EQ(error.vendor_field, c.attribute);
  EXPECT_EQ(error.raw_body, error_body(c.code, "vendor says no", c.attribute, "TCK-42"));
  EXPECT_THAT(error.message, HasSubstr("Skip Pay answered HTTP " + std::to_string(c.status)));
  EXPECT_THAT(error.message, HasSubstr("Skip Pay ticket TCK-42")) << describe(error);
  EXPECT_THAT(error.message, HasSubstr(c.says));
  EXPECT_EQ(refund_posts().size(), 1u);  // never resent
  EXPECT_EQ(error.attempts, 1);
}

INSTANTIATE_TEST_SUITE_P(Codes, CodeTest, ::testing::ValuesIn(kDocumentedCodes),
                         [](const auto& info) { return std::string(info.param.name); });

TEST_F(SkipPayTest, NotFoundAboutAVatRateNeverReadsAsAnUnknownApplication) {
  const Result<Refund> refund =
      answer(422, error_body("NOT_FOUND", "VAT rate 15 not found", "totalVat[1].vatRate"));
  ASSERT_THAT(refund, FailsWith(ErrorKind::invalid_request));
  EXPECT_EQ(refund.error().vendor_field, "totalVat[1].vatRate");
  EXPECT_THAT(refund.error().message, HasSubstr("attribute totalVat[1].vatRate"));
  EXPECT_THAT(refund.error().message, HasSubstr("not about the application"));
}

TEST_F(SkipPayTest, TheFirstErrorDecides) {
  const std::string body =
      R"({"errors":[{"code":"NOT_INVOICED","message":"not invoiced","severity":"ERROR"},)"
      R"({"code":"TOTAL_PRICE_LIMIT_EXCEEDED","message":"too much","severity":"ERROR"}]})";
  const Result<Refund> refund = answer(422, body);
  ASSERT_THAT(refund, FailsWith(ErrorKind::not_refundable));
  EXPECT_EQ(refund.error().vendor_code, "NOT_INVOICED");
}

TEST_F(SkipPayTest, BodiesWithoutTheDocumentedShapeKeepTheStatusTable) {
  struct Case {
    int status;
    const char* body;
    ErrorKind kind;
  };
  const Case cases[] = {
      {422, "", ErrorKind::invalid_request},
      {422, "<html>bad gateway</html>", ErrorKind::invalid_request},
      {422, R"({"errors":[]})", ErrorKind::invalid_request},
      {422, R"({"errors":"NOT_INVOICED"})", ErrorKind::invalid_request},
      {422, R"({"errors":[{"code":123}]})", ErrorKind::invalid_request},
      {404, "Not Found", ErrorKind::not_found},
      {502, "<html>bad gateway</html>", ErrorKind::outcome_unknown},
      {302, "", ErrorKind::protocol},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::to_string(c.status) + " " + c.body);
    const Result<Refund> refund = answer(c.status, c.body);
    ASSERT_THAT(refund, FailsWith(c.kind));
    EXPECT_EQ(refund.error().raw_body, c.body);
    EXPECT_EQ(refund.error().http_status, c.status);
  }
}

TEST_F(SkipPayTest, ATicketIdMayBeANumber) {
  HttpResponse response = test_support::make_json_response(
      422, R"({"errors":[{"code":"NOT_INVOICED","message":"m","ticketId":98765}]})");
  const Error error = vendors::skippay::map_error_response(response);
  EXPECT_EQ(error.request_id, "98765");
}

// The codec's own answer, before the pipeline: ticketId is Error::request_id.
TEST_F(SkipPayTest, TheTicketIdIsTheRequestId) {
  const HttpResponse response = test_support::make_json_response(
      422, error_body("TOTAL_PRICE_LIMIT_EXCEEDED", "over", "totalPrice.amount", "T-77"));
  const Error error = vendors::skippay::map_error_response(response);
  EXPECT_EQ(error.kind, ErrorKind::amount_exceeds_refundable);
  EXPECT_EQ(error.request_id, "T-77");
  EXPECT_EQ(error.vendor_field, "totalPrice.amount");
}

TEST_F(SkipPayTest, ASecond401IsAnAuthenticationErrorWithTheTokenLayersBody) {
  // The bearer layer renews once on a 401; the second 401 is the answer.
  const std::string body = R"({"error":"invalid_token","error_description":"Token expired"})";
  script_refund(test_support::make_json_response(401, body));
  script_refund(test_support::make_json_response(401, body));
  const Result<Refund> refund = create(request());
  ASSERT_THAT(refund, FailsWith(ErrorKind::authentication));
  EXPECT_EQ(refund.error().vendor_code, "invalid_token");
  EXPECT_EQ(refund.error().vendor_message, "Token expired");
  EXPECT_EQ(refund_posts().size(), 2u);
  EXPECT_EQ(logins().size(), 2u);
  EXPECT_TRUE(reads().empty());  // a 401 proves nothing was made: no read-back
}

TEST_F(SkipPayTest, ARefusalIsNotReadBackAndStands) {
  const Result<Refund> refund = answer(422, error_body("NOT_INVOICED", "not invoiced"));
  ASSERT_THAT(refund, FailsWith(ErrorKind::not_refundable));
  // Nothing is ever resent to Skip Pay, so a refusal cannot be of a reused reference: the
  // pipeline does not read back, and the refusal stands as the vendor gave it.
  EXPECT_EQ(reads().size(), 0u);
  EXPECT_THAT(refund.error().message, Not(HasSubstr("may exist")));
}

TEST_F(SkipPayTest, ThrottlingIsRetriedBecauseNothingWasProcessed) {
  SkipPayOptions retrying = options();
  retrying.retry.max_attempts = 2;
  retrying.retry.sleep = [](std::chrono::milliseconds) {};
  retrying.retry.random = [] { return std::uint64_t{0}; };
  script_refund(test_support::make_json_response(429, R"({"errors":[{"code":"TOO_MANY"}]})"));
  script_refund(test_support::make_json_response(201, R"({"id":"RF-9"})"));
  const Result<Refund> refund = client_with(retrying)->create_refund(request());
  ASSERT_THAT(refund, test_support::Succeeds());
  EXPECT_EQ(refund->id, "RF-9");
  EXPECT_EQ(refund->attempts, 2);
}

}  // namespace
}  // namespace refundkit::skippay_test
