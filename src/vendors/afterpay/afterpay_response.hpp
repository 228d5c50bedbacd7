#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/refund_codec.hpp"
#include "refundkit/money.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/result.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::vendors::afterpay {

/// Riverty's RefundOrderResponse. Riverty names no refund status and no refunded amount.
struct RefundOrderAnswer {
  std::vector<std::string> refund_numbers;  ///< Verbatim ("000000002"); numbers as their text.
  // Read tolerantly (a number or a string, in the refund's currency): nullopt when absent or
  // unreadable, since nothing depends on them.
  std::optional<Money> total_captured;        ///< totalCapturedAmount
  std::optional<Money> total_authorized;      ///< totalAuthorizedAmount
  std::optional<Money> total_refunded;        ///< totalRefundedAmount (newer docs)
  std::optional<Money> remaining_authorized;  ///< remainingAuthorizedAmount (newer docs)
};

/// Reads the body of a 2xx answer to the refund POST: an object whose refundNumbers is a
/// non-empty array of non-empty strings or numbers. Otherwise an Error (kind protocol) whose
/// message completes "answered HTTP 200 but ...".
Result<RefundOrderAnswer> read_refund_order_answer(std::string_view body, const Currency& currency);

/// Maps a 2xx answer to the create request: the refund, status succeeded (Riverty has no refund
/// status; it answers 200 once it has credited the refund to the invoice), vendor_status "",
/// id = the first refund number, other_ids = the rest, amount, order_id and reference as sent,
/// http_status and raw_body. An answer without refund numbers (or not a JSON object) is
/// ErrorKind::outcome_unknown: Riverty said yes, so the refund probably exists.
Result<Refund> parse_refund_response(const HttpResponse& response, const RefundRequest& sent);

/// What GET /api/v3/orders/{orderNumber} says about the refund made with `reference`, matched
/// only on a refund's transactionReference (never on the amount):
///   a refund whose transactionReference is the reference -> found: id = refundNumber,
///     vendor_reference = refundId, amount = |amount| in its currency (else the order's),
///     executed_date = the date of insertedAt when it has one, status succeeded;
///   404, no refunds, or refunds that carry transactionReference but none equal -> absent;
///   refunds of which none carries a transactionReference -> unidentifiable;
///   anything else (another error status, not an order, a matching refund whose amount cannot be
///     read exactly) -> unreadable.
internal::FindAnswer parse_order_refunds(const HttpResponse& response,
                                         std::string_view order_number, std::string_view reference);

}  // namespace refundkit::vendors::afterpay
