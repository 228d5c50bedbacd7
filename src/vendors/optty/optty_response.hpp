#pragma once

#include <string_view>

#include "pipeline/refund_codec.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/result.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::vendors::optty {

/// Maps a 2xx answer to the refund POST (any 2xx: the page says 200, clients see 201) to a
/// Refund, read tolerantly:
///   refundReference   the one sent, or it followed by "-" and digits (the page's "-00"):
///                     kept in vendor_reference; Refund::reference is the one sent. Absent or
///                     null: taken as the one sent.
///   bnplRefundId      Refund::id (string or number; absent or null: "")
///   refundStatus      status (map_status), vendor_status verbatim; required
///   refundedAmount    string or number; when given, must equal the amount sent exactly
///   refundDate        RFC 1123 or ISO 8601; executed_date when the refund succeeded. A date
///                     in neither form is ignored, not an error: it changes nothing about the
///                     money.
///   bnplProvider, description, callbackUrl   any type, ignored
/// Optty said yes, so the refund probably exists: a body that is not a JSON object, has no
/// status, an unreadable or different refundedAmount, or another refundReference is
/// ErrorKind::outcome_unknown (never a failure), naming what is wrong, with the raw body.
Result<Refund> parse_refund_response(const HttpResponse& response, const RefundRequest& sent);

/// What the answer to POST /orders/{ref}/details?merchantId=... says about `reference`:
///   404                                   absent (not_found): no such order, so no refund
///   other non-2xx                         unreadable (map_error_response's Error)
///   2xx, refunds absent, null or []       absent (not_found)
///   2xx, a refund whose refundId is the reference (or it followed by "-" and digits)
///                                         found: status from "status", amount exactly from
///                                         "amount" (a string) and "currency"; unreadable
///                                         (outcome_unknown) if those cannot be read
///   2xx, refunds none of which has it     unidentifiable (outcome_unknown): Optty's order
///                                         details do not show refund references
///   2xx, a body without a readable list   unreadable (outcome_unknown)
/// Never matches on amount. raw_body is the whole answer.
internal::FindAnswer parse_order_details(const HttpResponse& response, std::string_view order_id,
                                         std::string_view reference);

}  // namespace refundkit::vendors::optty
