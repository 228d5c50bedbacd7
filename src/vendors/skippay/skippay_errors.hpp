#pragma once

#include <optional>
#include <string_view>

#include "refundkit/error.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::vendors::skippay {

/// The ErrorKind Skip Pay's error code means (the vendor page gives 400 INVALID_REQUEST, 404
/// OBJECT_NOT_FOUND, 422 for every other code):
///   INVALID_REQUEST, INVALID_FORMAT        invalid_request
///   OBJECT_NOT_FOUND                       not_found (the application does not exist)
///   TOTAL_PRICE_LIMIT_EXCEEDED             amount_exceeds_refundable
///   NOT_INVOICED                           not_refundable
///   any code containing "STATE"            not_refundable (an application state that refuses
///                                            refunds: the page names no code for it)
///   INVALID_CURRENCY_MISMATCH              currency_mismatch
///   NOT_FOUND                              invalid_request: a VAT rate in totalVat is not on
///                                            the order, never "application not found"
/// nullopt for any other code (the generic status table decides). Codes compare exactly.
std::optional<ErrorKind> kind_for_code(std::string_view code);

/// Maps a non-2xx answer to the refund POST (or any Skip Pay call). The body is
/// {"errors": [{code, message, severity, attribute, ticketId}]} and the first error decides:
/// vendor_code = code, vendor_message = message, vendor_field = attribute, request_id =
/// ticketId (strings, or numbers as text). A 401-style body {"error", "error_description"} gives
/// vendor_code = error, vendor_message = error_description.
///
/// The kind is the generic table's (internal::error_kind_for_http_status), refined by
/// kind_for_code only where that table says invalid_request or not_found (400, 404, 422): a 401
/// or 403 stays authentication, a 429 rate_limited, a 5xx outcome_unknown whatever its code. An
/// empty, non-JSON or oversized body keeps the table's kind; raw_body is kept verbatim.
Error map_error_response(const HttpResponse& response);

}  // namespace refundkit::vendors::skippay
