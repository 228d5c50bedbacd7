// Riverty's answers as the client reads them: parse_refund_response (and
// read_refund_order_answer) for a 2xx to the refund POST, map_error_response otherwise, and
// parse_order_refunds for the read-back (GET /api/v3/orders/{n}). Input: a first line
// "<HTTP status>[ <currency>]" (EUR, NOK, SEK, DKK or CHF picks the request's currency, default
// EUR), the rest is the body; an input whose first line is not a status is all body, status 200.
//
// Written against today's adapter functions (afterpay_response.hpp, afterpay_errors.hpp): when
// they move, only this file changes.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_answer.hpp"
#include "fuzz_check.hpp"
#include "internal/http_errors.hpp"
#include "pipeline/refund_codec.hpp"
#include "refundkit/error.hpp"
#include "refundkit/money.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/transport.hpp"
#include "vendors/afterpay/afterpay_errors.hpp"
#include "vendors/afterpay/afterpay_response.hpp"

namespace {

using refundkit::ErrorKind;
using refundkit::internal::FindAnswer;
namespace afterpay = refundkit::vendors::afterpay;

refundkit::RefundRequest request_in(std::string_view currency) {
  refundkit::RefundRequest request;
  request.order_id = "ORD-1001";
  request.reference = "RMA-1";
  request.capture_number = "000000001";
  const bool known =
      currency == "NOK" || currency == "SEK" || currency == "DKK" || currency == "CHF";
  request.amount = refundkit::Money::parse("12.50", known ? currency : "EUR").value();
  return request;
}

bool is_refinement_of_invalid_request(ErrorKind kind) {
  return kind == ErrorKind::invalid_request || kind == ErrorKind::amount_exceeds_refundable ||
         kind == ErrorKind::duplicate_reference;
}

void check_error_mapping(const refundkit::HttpResponse& response) {
  // map_error_response must not crash on any answer, even one the client never passes it.
  const refundkit::Error error = afterpay::map_error_response(response);
  REFUNDKIT_FUZZ_CHECK(error.http_status == response.status);
  REFUNDKIT_FUZZ_CHECK(error.raw_body == response.body);
  if (afterpay::read_response_messages(response.body).empty()) {
    REFUNDKIT_FUZZ_CHECK(error.vendor_code.empty() && error.vendor_message.empty() &&
                         error.vendor_field.empty() && error.customer_message.empty());
  }
  if (refundkit::internal::is_success_status(response.status)) return;
  // The generic status table, refined only for 400/422 and only into rejections.
  const ErrorKind generic = refundkit::internal::error_kind_for_http_status(response.status);
  if (generic == ErrorKind::invalid_request) {
    REFUNDKIT_FUZZ_CHECK(is_refinement_of_invalid_request(error.kind));
  } else {
    REFUNDKIT_FUZZ_CHECK(error.kind == generic);
  }
  if (response.status >= 500 && response.status <= 599) {
    REFUNDKIT_FUZZ_CHECK(error.kind == ErrorKind::outcome_unknown);
  }
}

void check_create_answer(const refundkit::HttpResponse& response,
                         const refundkit::RefundRequest& request) {
  // For a 2xx (what the client passes it) the result is this refund, or outcome_unknown: never a
  // failure that invites a new refund.
  const refundkit::Result<refundkit::Refund> refund =
      afterpay::parse_refund_response(response, request);
  const bool readable =
      afterpay::read_refund_order_answer(response.body, request.amount.currency()).ok();
  REFUNDKIT_FUZZ_CHECK(refund.ok() == readable);
  if (refund) {
    REFUNDKIT_FUZZ_CHECK(!refund->id.empty());
    for (const std::string& id : refund->other_ids) REFUNDKIT_FUZZ_CHECK(!id.empty());
    REFUNDKIT_FUZZ_CHECK(refund->order_id == request.order_id);
    REFUNDKIT_FUZZ_CHECK(refund->reference == request.reference);
    REFUNDKIT_FUZZ_CHECK(refund->amount == request.amount);
    REFUNDKIT_FUZZ_CHECK(refund->status == refundkit::RefundStatus::succeeded);
    REFUNDKIT_FUZZ_CHECK(refund->http_status == response.status);
    REFUNDKIT_FUZZ_CHECK(refund->raw_body == response.body);
  } else {
    REFUNDKIT_FUZZ_CHECK(refund.error().kind == ErrorKind::outcome_unknown);
    REFUNDKIT_FUZZ_CHECK(refund.error().may_have_been_executed());
    REFUNDKIT_FUZZ_CHECK(refund.error().http_status == response.status);
    REFUNDKIT_FUZZ_CHECK(refund.error().raw_body == response.body);
  }
}

void check_order_read(const refundkit::HttpResponse& response,
                      const refundkit::RefundRequest& request) {
  // A refund only under the reference asked for; otherwise an error that says why, the body kept.
  const FindAnswer answer =
      afterpay::parse_order_refunds(response, request.order_id, request.reference);
  const bool success = refundkit::internal::is_success_status(response.status);
  switch (answer.kind) {
    case FindAnswer::Kind::found:
      REFUNDKIT_FUZZ_CHECK(success);
      REFUNDKIT_FUZZ_CHECK(answer.refund.has_value() && !answer.error.has_value());
      REFUNDKIT_FUZZ_CHECK(answer.refund->reference == request.reference);
      REFUNDKIT_FUZZ_CHECK(answer.refund->order_id == request.order_id);
      REFUNDKIT_FUZZ_CHECK(answer.refund->amount.currency().is_set());
      REFUNDKIT_FUZZ_CHECK(answer.refund->amount.minor_units() >= 0);
      REFUNDKIT_FUZZ_CHECK(answer.refund->raw_body == response.body);
      return;
    case FindAnswer::Kind::absent:
      REFUNDKIT_FUZZ_CHECK(answer.error.has_value() && !answer.refund.has_value());
      REFUNDKIT_FUZZ_CHECK(answer.error->kind == ErrorKind::not_found);
      break;
    case FindAnswer::Kind::unidentifiable:
      REFUNDKIT_FUZZ_CHECK(success);
      REFUNDKIT_FUZZ_CHECK(answer.error.has_value() && !answer.refund.has_value());
      REFUNDKIT_FUZZ_CHECK(answer.error->kind == ErrorKind::outcome_unknown);
      break;
    case FindAnswer::Kind::unreadable:
      REFUNDKIT_FUZZ_CHECK(answer.error.has_value() && !answer.refund.has_value());
      REFUNDKIT_FUZZ_CHECK(answer.error->kind != ErrorKind::not_found);
      if (success) REFUNDKIT_FUZZ_CHECK(answer.error->kind == ErrorKind::outcome_unknown);
      break;
  }
  REFUNDKIT_FUZZ_CHECK(answer.error->raw_body == response.body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const FuzzAnswer answer_read = read_fuzz_answer(input, 200, "EUR", "application/json; charset=utf-8");
  const refundkit::HttpResponse& response = answer_read.response;
  const std::string_view currency = answer_read.currency;

  const refundkit::RefundRequest request = request_in(currency);
  check_error_mapping(response);
  check_order_read(response, request);
  if (refundkit::internal::is_success_status(response.status)) {
    check_create_answer(response, request);
  } else {
    // Not what the client passes it, but it must not crash either.
    (void)afterpay::parse_refund_response(response, request);
  }
  return 0;
}
