#pragma once

#include <string_view>

#include "refundkit/error.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::vendors::komfortkasse {

/// Refines a 400/422 by Komfortkasse's error text: it documents no error codes, only
/// {"error": "..."}. Case-insensitive, whole words and phrases only (never substrings: "used" is
/// not in "refused"), first match wins:
///   "reference"/"externalReference" and already exists/already used/already in use/has been
///     used/duplicate/must be unique/not unique, and none of not exist/does not/never/unknown/
///     invalid/not found/no such                                   -> duplicate_reference
///   "currency" and does not match/mismatch/differs/different/wrong currency, and none of
///     invalid/unknown/unsupported/format                          -> currency_mismatch
///   "amount" and exceeds/exceeded/too high/maximum/limit, and neither invalid nor format
///                                                                 -> amount_exceeds_refundable
///   otherwise                                                     -> invalid_request
/// The bar for duplicate_reference is high because callers read it as "already refunded".
/// The sandbox sends "externalReference already exists for this shop", "currency does not match
/// the order currency" and "refund amount exceeds the refundable amount of the order (max ...)".
ErrorKind classify_rejection(std::string_view vendor_message);

/// Maps a non-2xx answer: the generic table (internal::error_kind_for_http_status), refined for
/// 400/422 by classify_rejection. Komfortkasse documents no 409, so a 409 (a WAF, a lock) stays
/// protocol as in the generic table, never duplicate_reference. vendor_message is the body's
/// "error" string (or "message"), "" for an empty, non-JSON, HTML or oversized body; raw_body is
/// kept verbatim.
Error map_error_response(const HttpResponse& response);

}  // namespace refundkit::vendors::komfortkasse
