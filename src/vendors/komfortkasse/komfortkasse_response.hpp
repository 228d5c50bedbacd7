#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "internal/json_reader.hpp"
#include "refundkit/date.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/result.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::vendors::komfortkasse {

/// What a refund object's absent fields mean: the create answer falls back on what was sent,
/// the order read on the order's currency and on nothing else.
struct RefundFallbacks {
  std::string reference;
  Currency currency;
  std::optional<Money> amount;
  std::optional<Date> planned_date;
};

/// One refund object as Komfortkasse writes it (the create answer; an element of the order's
/// refunds): id <- "id", vendor_reference <- "referenceNumber" (strings; numbers accepted as
/// text), reference <- "externalReference", status <- "status" (map_status) with vendor_status
/// verbatim, amount <- "amount" in "currency" read exactly, planned_date <- "plannedDate",
/// executed_date <- "executionDate" (null or absent: none). A field that is present but cannot be
/// read exactly (an amount like 12.345 EUR, an unknown currency, a malformed date) is an Error
/// naming it (kind protocol; callers decide what it means).
Result<Refund> read_refund_object(const internal::Json& object, std::string_view order_id,
                                  const RefundFallbacks& fallbacks);

/// Maps a 2xx answer to the create request to a Refund (read_refund_object, falling back on what
/// was sent), with order_id from the request, http_status and raw_body.
///
/// An echoed externalReference, currency or amount that differs from the request (exact text;
/// the same amount however written, 12.3 or 12.30) is ErrorKind::outcome_unknown naming the field:
/// the answer may describe another, existing refund, so it is never reported as this one.
///
/// Komfortkasse said yes, so the refund probably exists: a body that is not a JSON object, has no
/// status, or has a field that cannot be read exactly is ErrorKind::outcome_unknown, never
/// failed, with the raw body.
Result<Refund> parse_refund_response(const HttpResponse& response, const RefundRequest& sent);

/// Finds the refund with `reference` in the answer to GET /order/{orderNumber}?includeRefunds=true
/// (an object whose "refunds" array holds refund objects; the vendor shows no example, so an
/// array of objects with "externalReference" under another name is accepted too). The refund
/// (raw_body is the whole answer); ErrorKind::not_found when the order lists none with that
/// reference, or is unknown (404); ErrorKind::outcome_unknown when the answer cannot tell (no
/// refunds list, an unreadable matching refund); other non-2xx answers as map_error_response.
Result<Refund> parse_order_refunds(const HttpResponse& response, std::string_view order_number,
                                   std::string_view reference);

}  // namespace refundkit::vendors::komfortkasse
