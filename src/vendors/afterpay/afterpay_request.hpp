#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "refundkit/afterpay.hpp"
#include "refundkit/error.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::vendors::afterpay {

/// An API key that can be sent: ErrorKind::authentication when it is empty or has characters an
/// HTTP header cannot carry. The key itself is never quoted.
std::optional<Error> check_api_key(const AfterPayOptions& options);

/// Everything Riverty would refuse that can be checked without asking it, so that a bad request
/// is never sent: the API key (check_api_key), the shared checks (internal::check_common_fields;
/// honoured: capture_number, line_items, kind), a currency Riverty supports (EUR, NOK, SEK, DKK,
/// CHF), a capture number (required: without one Riverty would pick the capture itself), a
/// creditNoteNumber of at most 19 characters, and the items (check_line_items).
/// ErrorKind::invalid_request for everything but the key.
std::optional<Error> validate_refund_request(const AfterPayOptions& options,
                                             const RefundRequest& request);

/// The exact JSON body, fields in a fixed order, optional ones only when set:
/// {"captureNumber":"...","orderItems":[...],"refundType":"Refund"|"Return",
///  "creditNoteNumber":"...","transactionReference":"<reference>"}
/// ("items" instead of "orderItems" per options.items_field; the items as write_items). The
/// request must have passed validate_refund_request.
std::string build_refund_body(const AfterPayOptions& options, const RefundRequest& request);

/// POST {base}/api/v3/orders/{orderNumber}/refunds with X-Auth-Key, X-Idempotency-Key
/// (afterpay_idempotency_key of the reference) and Content-Type, marked idempotent: Riverty
/// replays a request that carries the same key.
HttpRequest build_refund_request(const AfterPayOptions& options, const RefundRequest& request);

/// GET {base}/api/v3/orders/{orderNumber}: the order with its refunds.
HttpRequest build_order_request(const AfterPayOptions& options, std::string_view order_number);

}  // namespace refundkit::vendors::afterpay
