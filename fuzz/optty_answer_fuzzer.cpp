// Optty's answers as the client reads them: parse_refund_response for a 2xx to the refund POST,
// map_error_response otherwise, parse_token_response for the token endpoint and
// parse_order_details for the read-back. Input: a first line "<HTTP status>[ <currency>]"
// (currency EUR, JPY or KWD picks the request, default EUR), the rest is the body; an input
// whose first line is not a status is all body, with status 200. Every parser sees every input.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_answer.hpp"
#include "fuzz_check.hpp"
#include "internal/http_errors.hpp"
#include "internal/text.hpp"
#include "pipeline/refund_codec.hpp"
#include "refundkit/error.hpp"
#include "refundkit/money.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/transport.hpp"
#include "vendors/optty/optty_errors.hpp"
#include "vendors/optty/optty_response.hpp"
#include "vendors/optty/optty_token.hpp"
#include "vendors/optty/optty_wire.hpp"

namespace {

using refundkit::ErrorKind;
using refundkit::internal::FindAnswer;
using refundkit::internal::is_success_status;

refundkit::RefundRequest request_in(std::string_view currency) {
  refundkit::RefundRequest request;
  request.order_id = "ORD-1001";
  request.reference = "RMA-1";
  if (currency == "JPY") {
    request.amount = refundkit::Money::parse("1500", "JPY").value();
  } else if (currency == "KWD") {
    request.amount = refundkit::Money::parse("1.250", "KWD").value();
  } else {
    request.amount = refundkit::Money::parse("12.30", "EUR").value();
  }
  return request;
}

bool is_refinement_of_invalid_request(ErrorKind kind) {
  return kind == ErrorKind::invalid_request || kind == ErrorKind::duplicate_reference ||
         kind == ErrorKind::currency_mismatch || kind == ErrorKind::amount_exceeds_refundable;
}

void check_error_mapping(const refundkit::HttpResponse& response) {
  const refundkit::Error error = refundkit::vendors::optty::map_error_response(response);
  REFUNDKIT_FUZZ_CHECK(error.http_status == response.status);
  REFUNDKIT_FUZZ_CHECK(error.raw_body == response.body);
  if (is_success_status(response.status)) return;
  const ErrorKind generic = refundkit::internal::error_kind_for_http_status(response.status);
  if (generic == ErrorKind::invalid_request) {
    REFUNDKIT_FUZZ_CHECK(is_refinement_of_invalid_request(error.kind));
  } else {
    REFUNDKIT_FUZZ_CHECK(error.kind == generic);
  }
}

// A 2xx is this refund as sent, or outcome_unknown: never a failure that invites a new refund.
void check_refund_answer(const refundkit::HttpResponse& response,
                         const refundkit::RefundRequest& request) {
  const refundkit::Result<refundkit::Refund> refund =
      refundkit::vendors::optty::parse_refund_response(response, request);
  if (!is_success_status(response.status)) return;
  if (refund) {
    REFUNDKIT_FUZZ_CHECK(refund->order_id == request.order_id);
    REFUNDKIT_FUZZ_CHECK(refund->reference == request.reference);
    REFUNDKIT_FUZZ_CHECK(refundkit::vendors::optty::is_echo_of_reference(refund->vendor_reference,
                                                                         request.reference));
    REFUNDKIT_FUZZ_CHECK(refund->amount == request.amount);
    REFUNDKIT_FUZZ_CHECK(!refund->vendor_status.empty());
    REFUNDKIT_FUZZ_CHECK(refund->http_status == response.status);
    REFUNDKIT_FUZZ_CHECK(refund->raw_body == response.body);
  } else {
    REFUNDKIT_FUZZ_CHECK(refund.error().kind == ErrorKind::outcome_unknown);
    REFUNDKIT_FUZZ_CHECK(refund.error().http_status == response.status);
    REFUNDKIT_FUZZ_CHECK(refund.error().raw_body == response.body);
  }
}

// A token is non-empty and sendable; a refusal of the credentials is authentication.
void check_token_answer(const refundkit::HttpResponse& response) {
  const auto token = refundkit::vendors::optty::parse_token_response(response);
  if (token) {
    REFUNDKIT_FUZZ_CHECK(is_success_status(response.status));
    REFUNDKIT_FUZZ_CHECK(!token->value.empty());
    REFUNDKIT_FUZZ_CHECK(!refundkit::internal::has_control_characters(token->value));
    REFUNDKIT_FUZZ_CHECK(token->expires_in.count() >= 0);
    return;
  }
  REFUNDKIT_FUZZ_CHECK(token.error().raw_body == response.body);
  const int status = response.status;
  if (is_success_status(status)) REFUNDKIT_FUZZ_CHECK(token.error().kind == ErrorKind::protocol);
  if (status == 400 || status == 401 || status == 403) {
    REFUNDKIT_FUZZ_CHECK(token.error().kind == ErrorKind::authentication);
  }
}

// The read-back finds a refund only under the reference asked for; whatever it says, the body
// is kept.
void check_details_answer(const refundkit::HttpResponse& response,
                          const refundkit::RefundRequest& request) {
  const FindAnswer answer =
      refundkit::vendors::optty::parse_order_details(response, request.order_id, request.reference);
  switch (answer.kind) {
    case FindAnswer::Kind::found:
      REFUNDKIT_FUZZ_CHECK(is_success_status(response.status));
      REFUNDKIT_FUZZ_CHECK(answer.refund.has_value());
      REFUNDKIT_FUZZ_CHECK(answer.refund->reference == request.reference);
      REFUNDKIT_FUZZ_CHECK(answer.refund->order_id == request.order_id);
      REFUNDKIT_FUZZ_CHECK(refundkit::vendors::optty::is_echo_of_reference(
          answer.refund->vendor_reference, request.reference));
      REFUNDKIT_FUZZ_CHECK(answer.refund->amount.currency().is_set());
      REFUNDKIT_FUZZ_CHECK(answer.refund->raw_body == response.body);
      return;
    case FindAnswer::Kind::absent:
      REFUNDKIT_FUZZ_CHECK(answer.error.has_value());
      REFUNDKIT_FUZZ_CHECK(answer.error->kind == ErrorKind::not_found);
      break;
    case FindAnswer::Kind::unidentifiable:
      REFUNDKIT_FUZZ_CHECK(is_success_status(response.status));
      REFUNDKIT_FUZZ_CHECK(answer.error.has_value());
      REFUNDKIT_FUZZ_CHECK(answer.error->kind == ErrorKind::outcome_unknown);
      break;
    case FindAnswer::Kind::unreadable:
      REFUNDKIT_FUZZ_CHECK(answer.error.has_value());
      REFUNDKIT_FUZZ_CHECK(answer.error->kind != ErrorKind::not_found);
      break;
  }
  REFUNDKIT_FUZZ_CHECK(!answer.refund.has_value());
  REFUNDKIT_FUZZ_CHECK(answer.error->raw_body == response.body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const FuzzAnswer answer_read = read_fuzz_answer(input, 200, "EUR");
  const refundkit::HttpResponse& response = answer_read.response;
  const std::string_view currency = answer_read.currency;
  const refundkit::RefundRequest request = request_in(currency);

  check_error_mapping(response);
  check_refund_answer(response, request);
  check_token_answer(response);
  check_details_answer(response, request);
  return 0;
}
