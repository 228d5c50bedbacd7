// Komfortkasse's answers as the client reads them: parse_refund_response for a 2xx to the refund
// POST, map_error_response otherwise, and parse_order_refunds for the read-back. Input: a first
// line "<HTTP status>[ <currency>]" (currency EUR, JPY or KWD picks the request, default EUR), the
// rest is the body; an input whose first line is not a status is all body, with status 200.
//
// Written against today's adapter functions (komfortkasse_response.hpp, komfortkasse_errors.hpp):
// when they move, only this file changes.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_answer.hpp"
#include "fuzz_check.hpp"
#include "internal/http_errors.hpp"
#include "refundkit/date.hpp"
#include "refundkit/error.hpp"
#include "refundkit/money.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/transport.hpp"
#include "vendors/komfortkasse/komfortkasse_errors.hpp"
#include "vendors/komfortkasse/komfortkasse_response.hpp"

namespace {

using refundkit::ErrorKind;

refundkit::RefundRequest request_in(std::string_view currency) {
  refundkit::RefundRequest request;
  request.order_id = "1001";
  request.reference = "RMA-1";
  if (currency == "JPY") {
    request.amount = refundkit::Money::parse("1500", "JPY").value();
  } else if (currency == "KWD") {
    request.amount = refundkit::Money::parse("1.250", "KWD").value();
  } else {
    request.amount = refundkit::Money::parse("12.30", "EUR").value();
  }
  request.planned_date = refundkit::Date{2026, 3, 20};
  return request;
}

bool is_refinement_of_invalid_request(ErrorKind kind) {
  return kind == ErrorKind::invalid_request || kind == ErrorKind::duplicate_reference ||
         kind == ErrorKind::currency_mismatch || kind == ErrorKind::amount_exceeds_refundable;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const FuzzAnswer answer_read = read_fuzz_answer(input, 200, "EUR");
  const refundkit::HttpResponse& response = answer_read.response;
  const std::string_view currency = answer_read.currency;

  const refundkit::RefundRequest request = request_in(currency);

  // map_error_response must not crash on any answer, even one the client never passes it.
  const refundkit::Error error = refundkit::vendors::komfortkasse::map_error_response(response);
  REFUNDKIT_FUZZ_CHECK(error.http_status == response.status);
  REFUNDKIT_FUZZ_CHECK(error.raw_body == response.body);

  if (!refundkit::internal::is_success_status(response.status)) {
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

  // The read-back (GET /order/{n}?includeRefunds=true): a refund only under the reference asked
  // for, not_found, or an answer that cannot tell; whatever it is, the body is kept.
  const refundkit::Result<refundkit::Refund> found =
      refundkit::vendors::komfortkasse::parse_order_refunds(response, request.order_id,
                                                            request.reference);
  if (found) {
    REFUNDKIT_FUZZ_CHECK(refundkit::internal::is_success_status(response.status));
    REFUNDKIT_FUZZ_CHECK(found->reference == request.reference);
    REFUNDKIT_FUZZ_CHECK(found->order_id == request.order_id);
    REFUNDKIT_FUZZ_CHECK(found->raw_body == response.body);
  } else if (refundkit::internal::is_success_status(response.status)) {
    REFUNDKIT_FUZZ_CHECK(found.error().kind == ErrorKind::not_found ||
                         found.error().kind == ErrorKind::outcome_unknown);
    REFUNDKIT_FUZZ_CHECK(found.error().raw_body == response.body);
  }

  // parse_refund_response must not crash on any answer either; for a 2xx (what the client passes
  // it) the result is this refund, or outcome_unknown: never a failure that invites a new refund.
  const refundkit::Result<refundkit::Refund> refund =
      refundkit::vendors::komfortkasse::parse_refund_response(response, request);
  if (!refundkit::internal::is_success_status(response.status)) return 0;
  if (refund) {
    REFUNDKIT_FUZZ_CHECK(refund->order_id == request.order_id);
    REFUNDKIT_FUZZ_CHECK(refund->reference == request.reference);
    REFUNDKIT_FUZZ_CHECK(refund->amount == request.amount);
    REFUNDKIT_FUZZ_CHECK(!refund->vendor_status.empty());
    REFUNDKIT_FUZZ_CHECK(refund->planned_date.has_value());
    REFUNDKIT_FUZZ_CHECK(refund->http_status == response.status);
    REFUNDKIT_FUZZ_CHECK(refund->raw_body == response.body);
  } else {
    REFUNDKIT_FUZZ_CHECK(refund.error().kind == ErrorKind::outcome_unknown);
    REFUNDKIT_FUZZ_CHECK(refund.error().may_have_been_executed());
    REFUNDKIT_FUZZ_CHECK(refund.error().http_status == response.status);
    REFUNDKIT_FUZZ_CHECK(refund.error().raw_body == response.body);
  }
  return 0;
}
