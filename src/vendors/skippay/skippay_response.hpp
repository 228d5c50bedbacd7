#pragma once

#include <string_view>

#include "pipeline/refund_codec.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/result.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::vendors::skippay {

/// Maps a 2xx answer to the refund POST (documented: 201 with the created refund, whose fields
/// are not documented anywhere) to a Refund, read defensively:
///  - id <- "id", else "refundId" (a string, or a number as text; anything else is ignored);
///  - amount <- totalPrice.amount in minor units of totalPrice.currency when present, else
///    what was sent; vendor_status <- "state" or "status" when a string, kept verbatim;
///  - status is RefundStatus::succeeded: the vendor says it created the refund, which it then
///    deducts from the order's refundable amount, and reports no later states;
///  - order_id and reference are the request's, http_status and raw_body the answer's.
/// A JSON object without any of these fields is a Refund with id "". A body that is not JSON
/// (empty, HTML, oversized) is ErrorKind::outcome_unknown (the vendor said yes: the refund
/// probably exists), and so is a totalPrice whose amount or currency cannot be read or differs
/// from what was sent (the answer may describe another refund).
Result<Refund> parse_refund_response(const HttpResponse& response, const RefundRequest& sent);

/// What the application read (GET /financing/v1/applications/{id}) says about a refund with
/// `reference`. The vendor has no field for a merchant reference and the application lists no
/// refunds, so it can never identify one:
///  - 404: absent (ErrorKind::not_found): the application does not exist, so no refund of it;
///  - 2xx: unidentifiable, its Error (outcome_unknown) saying what the application shows (state,
///    stateReason, the order's total) and that the reference cannot be matched;
///  - 401/403: unreadable, authentication; anything else (5xx, 429, other 4xx, no answer):
///    unreadable, outcome_unknown, the vendor's error fields kept.
internal::FindAnswer interpret_application_read(const HttpResponse& response,
                                                std::string_view application_id,
                                                std::string_view reference);

}  // namespace refundkit::vendors::skippay
