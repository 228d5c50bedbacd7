// Non-2xx answers and transport failures: every status the adapter may meet, with every kind of
// body (the documented JSON, empty, plain text, HTML, oversized).
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "komfortkasse_fixture.hpp"

namespace refundkit::komfortkasse_test {
namespace {

using test_support::FailsWith;
using ::testing::HasSubstr;

// The exact texts the sandbox (and, as far as known, Komfortkasse) sends.
constexpr char kDuplicate[] = R"({"error":"externalReference already exists for this shop"})";
constexpr char kOverLimit[] =
    R"json({"error":"refund amount exceeds the refundable amount of the order (max 200.00)"})json";
constexpr char kCurrency[] = R"({"error":"currency does not match the order currency"})";
constexpr char kPlannedDate[] = R"({"error":"plannedDate must be in the future"})";
constexpr char kOrderNotFound[] = R"({"error":"order not found"})";
constexpr char kBadKey[] = R"({"error":"API key missing or invalid"})";

struct StatusCase {
  const char* name;
  int status;
  std::string json_body;  // the vendor's JSON error body
  std::string vendor_message;
  ErrorKind kind;           // with the JSON body
  ErrorKind kind_unparsed;  // with a body that has no readable message
};

// Names the case in test listings (the default prints raw bytes, addresses included).
void PrintTo(const StatusCase& status_case, std::ostream* out) { *out << status_case.name; }

const StatusCase kStatusCases[] = {
    {"400_plain", 400, kPlannedDate, "plannedDate must be in the future",
     ErrorKind::invalid_request, ErrorKind::invalid_request},
    {"400_duplicate", 400, kDuplicate, "externalReference already exists for this shop",
     ErrorKind::duplicate_reference, ErrorKind::invalid_request},
    {"400_over_limit", 400, kOverLimit,
     "refund amount exceeds the refundable amount of the order (max 200.00)",
     ErrorKind::amount_exceeds_refundable, ErrorKind::invalid_request},
    {"400_currency", 400, kCurrency, "currency does not match the order currency",
     ErrorKind::currency_mismatch, ErrorKind::invalid_request},
    {"401", 401, kBadKey, "API key missing or invalid", ErrorKind::authentication,
     ErrorKind::authentication},
    {"403", 403, R"({"error":"forbidden"})", "forbidden", ErrorKind::authentication,
     ErrorKind::authentication},
    {"404", 404, kOrderNotFound, "order not found", ErrorKind::not_found, ErrorKind::not_found},
    // Komfortkasse documents no 409: a WAF or lock answer must not read as "already refunded".
    {"409", 409, R"({"error":"conflict"})", "conflict", ErrorKind::protocol, ErrorKind::protocol},
    {"409_duplicate", 409, kDuplicate, "externalReference already exists for this shop",
     ErrorKind::protocol, ErrorKind::protocol},
    {"422_plain", 422, R"({"error":"amount has wrong format"})", "amount has wrong format",
     ErrorKind::invalid_request, ErrorKind::invalid_request},
    {"422_duplicate", 422, R"({"error":"reference already used"})", "reference already used",
     ErrorKind::duplicate_reference, ErrorKind::invalid_request},
    {"429", 429, R"({"error":"too many requests"})", "too many requests", ErrorKind::rate_limited,
     ErrorKind::rate_limited},
    {"500", 500, R"({"error":"internal error"})", "internal error", ErrorKind::outcome_unknown,
     ErrorKind::outcome_unknown},
    {"502", 502, R"({"error":"bad gateway"})", "bad gateway", ErrorKind::outcome_unknown,
     ErrorKind::outcome_unknown},
    // A gateway's 503 may follow a forwarded POST.
    {"503", 503, R"({"error":"maintenance"})", "maintenance", ErrorKind::outcome_unknown,
     ErrorKind::outcome_unknown},
    {"504", 504, R"({"error":"gateway timeout"})", "gateway timeout", ErrorKind::outcome_unknown,
     ErrorKind::outcome_unknown},
    {"302", 302, R"({"error":"moved"})", "moved", ErrorKind::protocol, ErrorKind::protocol},
    // See Other: the answer after a POST was processed.
    {"303", 303, R"({"error":"see other"})", "see other", ErrorKind::outcome_unknown,
     ErrorKind::outcome_unknown},
    {"100", 100, R"({"error":"continue"})", "continue", ErrorKind::protocol, ErrorKind::protocol},
    {"600", 600, R"({"error":"nonsense"})", "nonsense", ErrorKind::outcome_unknown,
     ErrorKind::outcome_unknown},
    {"405", 405, R"({"error":"method not allowed"})", "method not allowed", ErrorKind::protocol,
     ErrorKind::protocol},
};

enum class BodyShape { json, empty, text, html, oversized };

std::string body_of(const StatusCase& c, BodyShape shape) {
  switch (shape) {
    case BodyShape::json:
      return c.json_body;
    case BodyShape::empty:
      return "";
    case BodyShape::text:
      return "Error: " + c.vendor_message;
    case BodyShape::html:
      return "<html><head><title>" + std::to_string(c.status) +
             "</title></head><body><h1>Error</h1></body></html>";
    case BodyShape::oversized:  // JSON, but over the 1 MiB parse limit: not read
      return R"({"error":")" + c.vendor_message + std::string(2 * 1024 * 1024, ' ') + "\"}";
  }
  return "";
}

class ErrorMatrixTest : public KomfortkasseTest,
                        public ::testing::WithParamInterface<std::tuple<StatusCase, BodyShape>> {};

TEST_P(ErrorMatrixTest, MapsStatusAndKeepsEverything) {
  const auto& [c, shape] = GetParam();
  const std::string body = body_of(c, shape);
  transport->respond(c.status, body, {{"Content-Type", "text/html"}});

  const Result<Refund> refund = create(request());

  const bool readable = shape == BodyShape::json;
  ASSERT_THAT(refund, FailsWith(readable ? c.kind : c.kind_unparsed));
  const Error& error = refund.error();
  EXPECT_EQ(error.http_status, c.status);
  EXPECT_EQ(error.raw_body, body);
  EXPECT_EQ(error.vendor_code, "");
  EXPECT_EQ(error.vendor_message, readable ? c.vendor_message : "");
  EXPECT_THAT(error.message, HasSubstr("Komfortkasse answered HTTP " + std::to_string(c.status)));
  if (readable) {
    EXPECT_THAT(error.message, HasSubstr(c.vendor_message));
  }
  EXPECT_LT(error.message.size(), 600u);  // never the body itself
  EXPECT_EQ(error.may_have_been_executed(), error.kind == ErrorKind::outcome_unknown);
  if (error.may_have_been_executed()) {
    EXPECT_THAT(error.message, HasSubstr("may have been created"));
  }
  EXPECT_EQ(posts().size(), 1u);
}

std::string matrix_name(const ::testing::TestParamInfo<std::tuple<StatusCase, BodyShape>>& info) {
  static const char* const kShapes[] = {"json", "empty", "text", "html", "oversized"};
  return std::string(std::get<0>(info.param).name) + "_" +
         kShapes[static_cast<int>(std::get<1>(info.param))];
}

INSTANTIATE_TEST_SUITE_P(Komfortkasse, ErrorMatrixTest,
                         ::testing::Combine(::testing::ValuesIn(kStatusCases),
                                            ::testing::Values(BodyShape::json, BodyShape::empty,
                                                              BodyShape::text, BodyShape::html,
                                                              BodyShape::oversized)),
                         matrix_name);

TEST_F(KomfortkasseTest, OverLimitIsRecognisedWhateverTheMaximum) {
  for (const char* max : {"0.01", "200.00", "1234567.89"}) {
    SCOPED_TRACE(max);
    const Result<Refund> refund = answer(
        400, std::string(R"json({"error":"refund amount exceeds the refundable amount of )json"
                         R"json(the order (max )json") +
                 max + R"json()"})json");
    EXPECT_THAT(refund, FailsWith(ErrorKind::amount_exceeds_refundable));
  }
}

TEST_F(KomfortkasseTest, RejectionTextsAreClassifiedIgnoringCase) {
  struct Case {
    const char* text;
    ErrorKind kind;
  };
  const Case cases[] = {
      {"ExternalReference ALREADY EXISTS", ErrorKind::duplicate_reference},
      {"duplicate reference", ErrorKind::duplicate_reference},
      {"reference must be unique", ErrorKind::duplicate_reference},
      {"Refund reference has been used before", ErrorKind::duplicate_reference},
      {"Currency differs from order", ErrorKind::currency_mismatch},
      {"wrong currency", ErrorKind::currency_mismatch},
      {"currency mismatch", ErrorKind::currency_mismatch},
      {"Amount too high", ErrorKind::amount_exceeds_refundable},
      {"amount is above the maximum", ErrorKind::amount_exceeds_refundable},
      {"refund limit reached for this amount", ErrorKind::amount_exceeds_refundable},
      {"externalReference is missing", ErrorKind::invalid_request},
      {"currency is missing", ErrorKind::invalid_request},
      {"amount must be a number", ErrorKind::invalid_request},
      {"already refunded", ErrorKind::invalid_request},
      // The sandbox's other 400 texts stay plain invalid_request.
      {"externalReference is required and must be a non-empty string", ErrorKind::invalid_request},
      {"amount is required and must be a number greater than 0 with at most 2 decimals",
       ErrorKind::invalid_request},
      {"currency is required and must be an ISO 4217 currency code", ErrorKind::invalid_request},
      {"plannedDate is required and must be a date in the format dd-MM-yyyy",
       ErrorKind::invalid_request},
      {"request body must be a JSON object", ErrorKind::invalid_request},
      {"", ErrorKind::invalid_request},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const std::string body = nlohmann::json{{"error", c.text}}.dump();
    EXPECT_THAT(answer(400, body), FailsWith(c.kind));
  }
}

// Texts that name a reference, currency or amount without saying it is a duplicate, a mismatch
// or over the limit. duplicate_reference reads as "already refunded": a false one means the
// customer is never paid.
TEST_F(KomfortkasseTest, RejectionTextsAreMatchedByWholeWordsAndNegationsAreRespected) {
  const char* const texts[] = {
      "Refund refused: reference contains invalid characters",
      "order reference does not exist",
      "unused reference",
      "caused by reference X",
      "reference refused",
      "reference RMA-1 unknown",
      "reference has not been used before",
      "reference not found",
      "externalReference is invalid although it exists",
      "invalid currency code",
      "currency is unknown",
      "currency has wrong format",
      "unsupported currency: does not match any ISO 4217 code",
      "currencymatch",
      "amount has wrong format",
      "invalid amount: exceeds 2 decimals",
      "amounts exceeding",
      "amountexceeds",
      "paramount limit",
  };
  for (const char* text : texts) {
    SCOPED_TRACE(text);
    const std::string body = nlohmann::json{{"error", text}}.dump();
    EXPECT_THAT(answer(400, body), FailsWith(ErrorKind::invalid_request));
  }
}

TEST_F(KomfortkasseTest, PositiveRejectionPhrasesStillMatch) {
  struct Case {
    const char* text;
    ErrorKind kind;
  };
  const Case cases[] = {
      {"externalReference already exists for this shop", ErrorKind::duplicate_reference},
      {"reference already used", ErrorKind::duplicate_reference},
      {"Reference is already in use.", ErrorKind::duplicate_reference},
      {"externalReference: not unique", ErrorKind::duplicate_reference},
      {"DUPLICATE_REFERENCE", ErrorKind::duplicate_reference},
      {"currency does not match the order currency", ErrorKind::currency_mismatch},
      {"Currency doesn't match the order", ErrorKind::currency_mismatch},
      {"CURRENCY_MISMATCH", ErrorKind::currency_mismatch},
      {"refund amount exceeds the refundable amount of the order (max 200.00)",
       ErrorKind::amount_exceeds_refundable},
      {"refundable amount exceeded", ErrorKind::amount_exceeds_refundable},
      {"amount over limit", ErrorKind::amount_exceeds_refundable},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const std::string body = nlohmann::json{{"error", c.text}}.dump();
    EXPECT_THAT(answer(422, body), FailsWith(c.kind));
  }
}

TEST_F(KomfortkasseTest, ErrorMessageFieldIsTheFallback) {
  const Result<Refund> refund = answer(400, R"({"message":"externalReference already exists"})");
  ASSERT_THAT(refund, FailsWith(ErrorKind::duplicate_reference));
  EXPECT_EQ(refund.error().vendor_message, "externalReference already exists");
}

TEST_F(KomfortkasseTest, ErrorBodiesOfOtherShapesHaveNoVendorMessage) {
  for (const char* body : {R"({"error":{"code":"E1"}})", R"({"error":null})", R"(["error"])",
                           R"("order not found")", R"({"errors":["order not found"]})"}) {
    SCOPED_TRACE(body);
    const Result<Refund> refund = answer(404, body);
    ASSERT_THAT(refund, FailsWith(ErrorKind::not_found));
    EXPECT_EQ(refund.error().vendor_message, "");
    EXPECT_EQ(refund.error().raw_body, body);
  }
}

TEST_F(KomfortkasseTest, LongVendorMessageIsShortenedOnlyInTheMessage) {
  const std::string long_text(5000, 'e');
  const Result<Refund> refund = answer(400, nlohmann::json{{"error", long_text}}.dump());
  ASSERT_THAT(refund, FailsWith(ErrorKind::invalid_request));
  EXPECT_EQ(refund.error().vendor_message, long_text);
  EXPECT_LT(refund.error().message.size(), 600u);
}

// ---- Transport failures ----------------------------------------------------------------------

TEST_F(KomfortkasseTest, TransportFailuresPassThroughNamingTheVendor) {
  for (ErrorKind kind : {ErrorKind::network, ErrorKind::outcome_unknown, ErrorKind::protocol}) {
    SCOPED_TRACE(std::string(to_string(kind)));
    transport->fail(kind, "connection reset by peer");

    const Result<Refund> refund = create(request());

    ASSERT_THAT(refund, FailsWith(kind));
    EXPECT_EQ(refund.error().message, "Komfortkasse: connection reset by peer");
    EXPECT_EQ(refund.error().http_status, 0);
    EXPECT_EQ(refund.error().may_have_been_executed(), kind == ErrorKind::outcome_unknown);
  }
  EXPECT_EQ(posts().size(), 3u);
}

}  // namespace
}  // namespace refundkit::komfortkasse_test
