#pragma once

#include <string_view>

#include "refundkit/error.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::vendors::komfortkasse {

/// Refines a 400/422 by Komfortkasse's error text: it documents no error codes, only
/// {"error": "..."}. Case-insensitive keyword matching, first match wins:
///   "reference" and one of already/exist/duplicate/unique/used  -> duplicate_reference
///   "currency" and one of mismatch/match/differ/wrong            -> currency_mismatch
///   "amount" and one of exceed/maximum/too high/limit            -> amount_exceeds_refundable
///   otherwise                                                    -> invalid_request
/// The sandbox sends "externalReference already exists for this shop", "currency does not match
/// the order currency" and "refund amount exceeds the refundable amount of the order (max ...)".
ErrorKind classify_rejection(std::string_view vendor_message);

/// Maps a non-2xx answer: the generic table (internal::error_kind_for_http_status), refined for
/// 400/422 by classify_rejection. vendor_message is the body's "error" string (or "message"), ""
/// for an empty, non-JSON, HTML or oversized body; raw_body is kept verbatim.
Error map_error_response(const HttpResponse& response);

}  // namespace refundkit::vendors::komfortkasse
