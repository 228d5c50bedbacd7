#pragma once

#include <string>

#include "refundkit/date.hpp"
#include "refundkit/komfortkasse.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/result.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::vendors::komfortkasse {

/// Longest order number / externalReference accepted locally (Komfortkasse documents no limit;
/// this only stops obvious mistakes before they reach the vendor).
inline constexpr std::size_t kMaxIdentifierBytes = 255;

/// Everything Komfortkasse would reject that can be checked without asking it, so that a bad
/// request is never sent. Returns the plannedDate to send: request.planned_date, or the day after
/// today. Errors: ErrorKind::authentication for a missing or unsendable API key,
/// ErrorKind::invalid_request for everything else.
///
/// Komfortkasse has no field for RefundRequest::reason, kind, capture_number, line_items,
/// vat_breakdown or variable_symbol: they are ignored.
Result<Date> validate_refund_request(const KomfortkasseOptions& options,
                                     const RefundRequest& request, const Date& today);

/// The exact JSON body; fields in a fixed order:
/// {"externalReference":"...","amount":12.30,"currency":"EUR","plannedDate":"dd-MM-yyyy"}.
std::string build_refund_body(const RefundRequest& request, const Date& planned_date);

/// The HTTP request for a validated RefundRequest.
HttpRequest build_refund_request(const KomfortkasseOptions& options, const RefundRequest& request,
                                 const Date& planned_date);

}  // namespace refundkit::vendors::komfortkasse
