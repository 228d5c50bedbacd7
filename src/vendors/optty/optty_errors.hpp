#pragma once

#include <string>
#include <string_view>

#include "refundkit/error.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::vendors::optty {

/// What an Optty error body says: {statusCode, message[, error]}. message may also be an array
/// of strings (NestJS validation errors), joined with "; ". Both "" when the body is empty, not
/// JSON, HTML or oversized.
struct OpttyErrorBody {
  std::string message;
  std::string error;
};
OpttyErrorBody read_error_body(std::string_view body);

/// Refines a 400/422 by Optty's message (it documents no error codes). Case-insensitive, first
/// match wins:
///   "You can only refund amount up to" (the page's over-limit text)  amount_exceeds_refundable
///   "refundReference"/"reference" with already exists/already used/duplicate/must be unique/
///     not unique..., and no negation (does not/not found/never/invalid...)  duplicate_reference
///   mentions "currency" (any complaint about it: the page's only currency rule is that it
///     must match the order's)                                        currency_mismatch
///   otherwise (e.g. "Unexpected token a in JSON at position 157")    invalid_request
/// The bar for duplicate_reference is high because callers read it as "already refunded"; the
/// pipeline settles a reused reference by reading back, not by this wording.
ErrorKind classify_rejection(std::string_view vendor_message);

/// Maps a non-2xx answer: the generic table (internal::error_kind_for_http_status: 401/403
/// authentication, 404 not_found, 429 rate_limited, 5xx outcome_unknown, 409 protocol), refined
/// for 400/422 by classify_rejection. vendor_code is the body's "error" ("Bad Request"),
/// vendor_message its "message"; raw_body is kept verbatim.
Error map_error_response(const HttpResponse& response);

}  // namespace refundkit::vendors::optty
