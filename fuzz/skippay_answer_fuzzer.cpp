// Skip Pay's answers as the client reads them: map_error_response (any non-2xx),
// parse_refund_response (a 2xx to the refund POST), parse_token_response (the partner login) and
// interpret_application_read (the read-back). Input: a first line "<HTTP status>[ EUR]" (EUR
// picks a refund in EUR, default CZK), the rest is the body; an input whose first line is not a
// status is all body, with status 201.
//
// Written against today's adapter functions (vendors/skippay/*.hpp): when they move, only this
// file changes.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_answer.hpp"
#include "fuzz_check.hpp"
#include "internal/http_errors.hpp"
#include "refundkit/error.hpp"
#include "refundkit/money.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/transport.hpp"
#include "vendors/skippay/skippay_errors.hpp"
#include "vendors/skippay/skippay_response.hpp"
#include "vendors/skippay/skippay_token.hpp"

namespace {

using refundkit::ErrorKind;
using refundkit::internal::FindAnswer;

// In the dictionary, so that bodies echo it: it must never come out of the login parser.
constexpr std::string_view kPassword = "fuzz-partner-pass";

refundkit::RefundRequest request_in(std::string_view currency) {
  refundkit::RefundRequest request;
  request.order_id = "APP-1";
  request.reference = "RMA-1";
  request.amount = refundkit::Money::parse("125.90", currency == "EUR" ? "EUR" : "CZK").value();
  return request;
}

bool mentions(const refundkit::Error& error, std::string_view needle) {
  for (const std::string* field :
       {&error.message, &error.vendor_code, &error.vendor_message, &error.raw_body,
        &error.request_id, &error.vendor_field, &error.customer_message}) {
    if (field->find(needle) != std::string::npos) return true;
  }
  return false;
}

bool is_code_refinement(ErrorKind kind) {
  return kind == ErrorKind::invalid_request || kind == ErrorKind::not_found ||
         kind == ErrorKind::amount_exceeds_refundable || kind == ErrorKind::not_refundable ||
         kind == ErrorKind::currency_mismatch;
}

void check_error_mapping(const refundkit::HttpResponse& response) {
  const refundkit::Error error = refundkit::vendors::skippay::map_error_response(response);
  REFUNDKIT_FUZZ_CHECK(error.http_status == response.status);
  REFUNDKIT_FUZZ_CHECK(error.raw_body == response.body);
  if (refundkit::internal::is_success_status(response.status)) return;
  const ErrorKind generic = refundkit::internal::error_kind_for_http_status(response.status);
  if (generic == ErrorKind::invalid_request || generic == ErrorKind::not_found) {
    // Only the vendor's codes refine, and only into these.
    REFUNDKIT_FUZZ_CHECK(is_code_refinement(error.kind));
  } else {
    // 401/403, 429, 5xx and the rest: as the status says, whatever the body's code.
    REFUNDKIT_FUZZ_CHECK(error.kind == generic);
  }
  if (response.status >= 500 && response.status <= 599) {
    REFUNDKIT_FUZZ_CHECK(error.kind == ErrorKind::outcome_unknown);
  }
  // The VAT rate's NOT_FOUND is never an unknown application.
  if (error.vendor_code == "NOT_FOUND" && response.status == 422) {
    REFUNDKIT_FUZZ_CHECK(error.kind == ErrorKind::invalid_request);
  }
}

void check_created_refund(const refundkit::HttpResponse& response,
                          const refundkit::RefundRequest& request) {
  // For a 2xx (what the client passes it): this refund, or outcome_unknown, never a failure
  // that invites a second refund.
  const refundkit::Result<refundkit::Refund> refund =
      refundkit::vendors::skippay::parse_refund_response(response, request);
  if (refund) {
    REFUNDKIT_FUZZ_CHECK(refund->provider == "skippay");
    REFUNDKIT_FUZZ_CHECK(refund->order_id == request.order_id);
    REFUNDKIT_FUZZ_CHECK(refund->reference == request.reference);
    REFUNDKIT_FUZZ_CHECK(refund->amount == request.amount);
    REFUNDKIT_FUZZ_CHECK(refund->status == refundkit::RefundStatus::succeeded);
    REFUNDKIT_FUZZ_CHECK(refund->http_status == response.status);
    REFUNDKIT_FUZZ_CHECK(refund->raw_body == response.body);
  } else {
    REFUNDKIT_FUZZ_CHECK(refund.error().kind == ErrorKind::outcome_unknown);
    REFUNDKIT_FUZZ_CHECK(refund.error().http_status == response.status);
    REFUNDKIT_FUZZ_CHECK(refund.error().raw_body == response.body);
  }
}

void check_token(const refundkit::HttpResponse& response) {
  const auto token = refundkit::vendors::skippay::parse_token_response(response, kPassword);
  if (token) {
    REFUNDKIT_FUZZ_CHECK(refundkit::internal::is_success_status(response.status));
    REFUNDKIT_FUZZ_CHECK(!token->value.empty());
    REFUNDKIT_FUZZ_CHECK(token->value.find_first_of("\r\n") == std::string::npos);
    REFUNDKIT_FUZZ_CHECK(token->expires_in.count() >= 0);
    return;
  }
  REFUNDKIT_FUZZ_CHECK(!mentions(token.error(), kPassword));
  const int status = response.status;
  if (status >= 400 && status <= 499 && status != 429) {
    REFUNDKIT_FUZZ_CHECK(token.error().kind == ErrorKind::authentication);
  } else {
    // Never a refund in doubt: the login is not a refund.
    REFUNDKIT_FUZZ_CHECK(token.error().kind != ErrorKind::outcome_unknown);
  }
}

void check_application_read(const refundkit::HttpResponse& response,
                            const refundkit::RefundRequest& request) {
  const FindAnswer answer = refundkit::vendors::skippay::interpret_application_read(
      response, request.order_id, request.reference);
  // The application read can never identify a refund.
  REFUNDKIT_FUZZ_CHECK(answer.kind != FindAnswer::Kind::found);
  REFUNDKIT_FUZZ_CHECK(!answer.refund.has_value());
  REFUNDKIT_FUZZ_CHECK(answer.error.has_value());
  if (response.status == 404) {
    REFUNDKIT_FUZZ_CHECK(answer.kind == FindAnswer::Kind::absent);
    REFUNDKIT_FUZZ_CHECK(answer.error->kind == ErrorKind::not_found);
  } else if (refundkit::internal::is_success_status(response.status)) {
    REFUNDKIT_FUZZ_CHECK(answer.kind == FindAnswer::Kind::unidentifiable);
    REFUNDKIT_FUZZ_CHECK(answer.error->kind == ErrorKind::outcome_unknown);
    REFUNDKIT_FUZZ_CHECK(answer.error->raw_body == response.body);
  } else {
    REFUNDKIT_FUZZ_CHECK(answer.kind == FindAnswer::Kind::unreadable);
    REFUNDKIT_FUZZ_CHECK(answer.error->kind == ErrorKind::outcome_unknown ||
                         answer.error->kind == ErrorKind::authentication);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const FuzzAnswer answer_read = read_fuzz_answer(input, 201, "CZK");
  const refundkit::HttpResponse& response = answer_read.response;
  const std::string_view currency = answer_read.currency;
  const refundkit::RefundRequest request = request_in(currency);

  check_error_mapping(response);
  if (refundkit::internal::is_success_status(response.status)) {
    check_created_refund(response, request);
  }
  check_token(response);
  check_application_read(response, request);
  return 0;
}
