// Non-2xx answers: Riverty's ResponseMessage array, a single object, and bodies without one
// (empty, HTML, oversized), for every status the adapter may meet.
#include <string>
#include <vector>

#include "afterpay_fixture.hpp"
#include "internal/json_reader.hpp"
#include "vendors/afterpay/afterpay_errors.hpp"

namespace refundkit::afterpay_test {
namespace {

using test_support::FailsWith;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kFieldError[] =
    R"([{"type":"BusinessError","code":"400.005","message":"Invalid gross unit price",)"
    R"("customerFacingMessage":"Der Betrag ist ungültig.","actionCode":"AskConsumerToReEnterData",)"
    R"("fieldReference":"orderItems[0].grossUnitPrice"}])";

constexpr char kExceedsRemaining[] =
    R"([{"type":"BusinessError","code":"400.021",)"
    R"("message":"The refund amount exceeds the remaining captured amount",)"
    R"("customerFacingMessage":"Refund not possible.","actionCode":"Unavailable"}])";

constexpr char kUnauthorized[] =
    R"([{"type":"BusinessError","code":"401",)"
    R"("message":"API user is unauthorized. Make sure X-Auth-Key header is sent."}])";

TEST_F(AfterPayTest, AFieldErrorKeepsTheFieldTheCodeAndTheCustomerText) {
  const Result<Refund> refund = answer(400, kFieldError);
  ASSERT_THAT(refund, FailsWith(ErrorKind::invalid_request));
  const Error& error = refund.error();
  EXPECT_EQ(error.http_status, 400);
  EXPECT_EQ(error.vendor_code, "400.005");
  EXPECT_EQ(error.vendor_message, "Invalid gross unit price");
  EXPECT_EQ(error.vendor_field, "orderItems[0].grossUnitPrice");
  EXPECT_EQ(error.customer_message, "Der Betrag ist ungültig.");
  EXPECT_EQ(error.raw_body, kFieldError);
  EXPECT_EQ(error.message,
            "Riverty answered HTTP 400 (invalid_request): [400.005] Invalid gross unit price "
            "(field orderItems[0].grossUnitPrice)");
  EXPECT_FALSE(error.may_have_been_executed());
  // A refusal is checked against the order's refunds once; it has none, so the refusal stands.
  EXPECT_EQ(posts().size(), 1u);
  EXPECT_EQ(transport->request_count(), 2u);
}

TEST_F(AfterPayTest, ASingleResponseMessageObjectIsReadLikeTheArray) {
  const Result<Refund> refund =
      answer(422, R"({"type":"ValidationError","code":"422.001","message":"captureNumber unknown",)"
                  R"("fieldReference":"captureNumber","customerFacingMessage":"Try later"})");
  ASSERT_THAT(refund, FailsWith(ErrorKind::invalid_request));
  EXPECT_EQ(refund.error().vendor_code, "422.001");
  EXPECT_EQ(refund.error().vendor_field, "captureNumber");
  EXPECT_EQ(refund.error().customer_message, "Try later");
  EXPECT_EQ(refund.error().http_status, 422);
}

TEST_F(AfterPayTest, TheFirstOfSeveralMessagesDecidesAndAllAreNamed) {
  const Result<Refund> refund = answer(
      400, R"([{"type":"BusinessError","code":"400.021","message":"Refund amount )"
           R"(exceeds the captured amount","customerFacingMessage":"first"},)"
           R"({"type":"ValidationError","code":"400.005","message":"Invalid VAT",)"
           R"("fieldReference":"orderItems[1].vatAmount","customerFacingMessage":"second"}])");
  ASSERT_THAT(refund, FailsWith(ErrorKind::amount_exceeds_refundable));
  const Error& error = refund.error();
  EXPECT_EQ(error.vendor_code, "400.021");
  EXPECT_EQ(error.customer_message, "first");
  EXPECT_EQ(error.vendor_field, "");
  EXPECT_EQ(error.message,
            "Riverty answered HTTP 400 (amount_exceeds_refundable): [400.021] Refund amount "
            "exceeds the captured amount; [400.005] Invalid VAT (field orderItems[1].vatAmount)");
}

TEST_F(AfterPayTest, RefundsBeyondTheCapturedAmountAreAmountExceedsRefundable) {
  const Result<Refund> refund = answer(400, kExceedsRemaining);
  ASSERT_THAT(refund, FailsWith(ErrorKind::amount_exceeds_refundable));
  EXPECT_EQ(refund.error().customer_message, "Refund not possible.");
  EXPECT_EQ(refund.error().vendor_code, "400.021");
}

TEST(AfterPayRejection, IsClassifiedByTheFirstMessagesTextAndCode) {
  using vendors::afterpay::classify_rejection;
  using vendors::afterpay::ResponseMessage;
  const auto message = [](std::string text, std::string code = "") {
    ResponseMessage m;
    m.message = std::move(text);
    m.code = std::move(code);
    return m;
  };
  for (const ResponseMessage& exceeds :
       {message("The refund amount exceeds the remaining captured amount"),
        message("Refund amount must not exceed captured amount"),
        message("Total refund is greater than the refundable amount"),
        message("Amount is higher than the available capture amount"),
        message("REFUNDS EXCEEDED THE CAPTURED TOTAL"),
        message("Refund not possible", "RefundAmountExceedsCapturedAmount"),
        message("", "refund_amount_exceeds_remaining")}) {
    SCOPED_TRACE(exceeds.message + " / " + exceeds.code);
    EXPECT_EQ(classify_rejection(exceeds), ErrorKind::amount_exceeds_refundable);
  }
  for (const ResponseMessage& key_reused :
       {message("The idempotency key was already used for another request"),
        message("X-Idempotency-Key has been used with a different body"),
        message("Request does not match the original request", "IdempotencyKeyMismatch")}) {
    SCOPED_TRACE(key_reused.message + " / " + key_reused.code);
    EXPECT_EQ(classify_rejection(key_reused), ErrorKind::duplicate_reference);
  }
  for (const ResponseMessage& plain :
       {message("Invalid gross unit price"), message("Amount exceeds the maximum length"),
        message("Refund amount has too many decimals for the captured amount: more than 2"),
        message("Capture not found"), message("Amount must be greater than zero"),
        message("X-Idempotency-Key has invalid characters"), message("Idempotency key is too long"),
        message("", "400.005"), message("")}) {
    SCOPED_TRACE(plain.message + " / " + plain.code);
    EXPECT_EQ(classify_rejection(plain), ErrorKind::invalid_request);
  }
}

TEST_F(AfterPayTest, AKeyUsedForAnotherRequestIsADuplicateReference) {
  const Result<Refund> refund = answer(
      400, R"([{"type":"BusinessError","code":"400.030","message":"Idempotency key was already )"
           R"(used for another request","fieldReference":"X-Idempotency-Key"}])");
  ASSERT_THAT(refund, FailsWith(ErrorKind::duplicate_reference));
  EXPECT_EQ(refund.error().vendor_field, "X-Idempotency-Key");
}

struct StatusCase {
  int status;
  ErrorKind kind;
};

TEST_F(AfterPayTest, EveryStatusWithEveryBodyShapeKeepsItsKind) {
  const StatusCase statuses[] = {
      {400, ErrorKind::invalid_request}, {401, ErrorKind::authentication},
      {403, ErrorKind::authentication},  {404, ErrorKind::not_found},
      {409, ErrorKind::protocol},        {422, ErrorKind::invalid_request},
      {429, ErrorKind::rate_limited},    {500, ErrorKind::outcome_unknown},
      {502, ErrorKind::outcome_unknown}, {503, ErrorKind::outcome_unknown},
      {504, ErrorKind::outcome_unknown}, {302, ErrorKind::protocol},
      {303, ErrorKind::outcome_unknown}, {600, ErrorKind::outcome_unknown},
  };
  const std::string oversized =
      "[" + std::string(internal::kMaxJsonBodyBytes, ' ') + R"({"code":"x","message":"hidden"}])";
  const std::string bodies[] = {
      "",
      "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
      oversized,
      "[]",
      R"({"error":"no ResponseMessage fields"})",
      R"([1,"two",null])",
      R"("a string")",
  };
  for (const StatusCase& status_case : statuses) {
    for (const std::string& body : bodies) {
      SCOPED_TRACE(std::to_string(status_case.status) + " " + body.substr(0, 40));
      const Result<Refund> refund = answer(status_case.status, body);
      ASSERT_THAT(refund, FailsWith(status_case.kind));
      const Error& error = refund.error();
      EXPECT_EQ(error.http_status, status_case.status);
      EXPECT_EQ(error.raw_body, body);
      EXPECT_EQ(error.vendor_code, "");
      EXPECT_EQ(error.vendor_message, "");
      EXPECT_EQ(error.vendor_field, "");
      EXPECT_EQ(error.customer_message, "");
      EXPECT_THAT(error.message,
                  HasSubstr("Riverty answered HTTP " + std::to_string(status_case.status)));
      EXPECT_THAT(error.message, Not(HasSubstr("hidden")));
    }
    // The documented array on the same status: the same kind (refined only for 400/422), with
    // the vendor's fields.
    const Result<Refund> with_messages = answer(status_case.status, kUnauthorized);
    ASSERT_THAT(with_messages, FailsWith(status_case.kind));
    EXPECT_EQ(with_messages.error().vendor_code, "401");
    EXPECT_EQ(with_messages.error().vendor_message,
              "API user is unauthorized. Make sure X-Auth-Key header is sent.");
  }
}

TEST_F(AfterPayTest, AServerErrorSaysTheRefundMayExist) {
  const Result<Refund> refund =
      answer(500, R"([{"type":"TechnicalError","code":"500.000","message":"Internal error",)"
                  R"("actionCode":"Unavailable"}])");
  ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_TRUE(refund.error().may_have_been_executed());
  EXPECT_EQ(refund.error().vendor_code, "500.000");
  EXPECT_THAT(refund.error().message, HasSubstr("may have been created"));
}

TEST(AfterPayMessages, NumbersInTheFieldsAreReadAsText) {
  const std::vector<vendors::afterpay::ResponseMessage> messages =
      vendors::afterpay::read_response_messages(
          R"([{"code":400005,"message":"m","type":"BusinessError"},"skipped",{}])");
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].code, "400005");
  EXPECT_EQ(messages[0].type, "BusinessError");
}

}  // namespace
}  // namespace refundkit::afterpay_test
