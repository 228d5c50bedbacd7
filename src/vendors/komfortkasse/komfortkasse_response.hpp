#pragma once

#include "refundkit/date.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/result.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::vendors::komfortkasse {

/// Maps a 2xx answer to a Refund:
///   id <- "id", vendor_reference <- "referenceNumber" (strings; numbers accepted as text),
///   reference <- "externalReference" (else the request's), status <- "status" (map_status) with
///   vendor_status verbatim, amount <- "amount" in "currency" read exactly (else the request's),
///   planned_date <- "plannedDate" (else the one sent), executed_date <- "executionDate"
///   (null or absent: none), order_id from the request, http_status and raw_body.
///
/// An echoed externalReference, currency or amount that differs from the request (exact text;
/// the same amount however written, 12.3 or 12.30) is ErrorKind::outcome_unknown naming the field:
/// the answer may describe another, existing refund, so it is never reported as this one.
///
/// Komfortkasse said yes, so the refund probably exists: a body that is not a JSON object, has no
/// status, or has a field that cannot be read exactly (an amount like 12.345 EUR, an unknown
/// currency, a malformed date) is ErrorKind::outcome_unknown, never failed, with the raw body.
Result<Refund> parse_refund_response(const HttpResponse& response, const RefundRequest& request,
                                     const Date& sent_planned_date);

}  // namespace refundkit::vendors::komfortkasse
