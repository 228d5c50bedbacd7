#pragma once

#include <string>
#include <string_view>

#include "refundkit/error.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::internal {

/// 2xx: the vendor accepted the request.
constexpr bool is_success_status(int status) noexcept { return status >= 200 && status <= 299; }

/// The one generic table from a non-2xx HTTP status to an ErrorKind (as google-cloud-cpp's
/// rest_response.cc). Adapters refine it with what their vendor's body says (a vendor code, or
/// for Komfortkasse the error text), never replace it. Every adapter call today is a refund
/// POST, so the table answers "did the POST run?" conservatively:
///
///   400, 422 invalid_request     401, 403 authentication      404 not_found
///   429 rate_limited             every 5xx (503 included)     outcome_unknown
///   303 outcome_unknown          below 100 or above 599       outcome_unknown
///   anything else (1xx, other 3xx, other 4xx such as 405 or 409) protocol
///
/// Why 5xx is outcome_unknown: a 500 may be raised after the vendor committed the refund, and a
/// 502/503/504 may come from a gateway that forwarded the POST before giving up on it. Treating
/// them as "failed" invites a retry with a new reference, i.e. a double refund. A 303 See Other
/// is what a server answers after it processed a POST; a status outside 100-599 is nonsense that
/// proves nothing. Other redirects are protocol errors: transports do not follow them.
/// 409 is protocol, not duplicate_reference: a WAF or a lock may answer 409 and callers read
/// duplicate_reference as "already refunded". An adapter whose vendor documents 409 as a
/// duplicate maps it itself.
/// ErrorKind::vendor_unavailable is not produced here: an adapter uses it only where its vendor's
/// own body proves that nothing was done (e.g. a documented maintenance answer).
ErrorKind error_kind_for_http_status(int status) noexcept;

/// A local failure before anything was sent (validation): http_status 0, no vendor fields.
Error local_error(ErrorKind kind, std::string message);

/// The Error for a non-2xx answer: kind, http_status and raw_body (verbatim) set, vendor code and
/// message kept, and a message that always names the vendor and the HTTP status, e.g.
/// "Komfortkasse answered HTTP 400 (invalid_request): plannedDate must be in the future".
/// An outcome_unknown message says that the refund may have been created.
Error http_error(std::string_view vendor, const HttpResponse& response, ErrorKind kind,
                 std::string vendor_code, std::string vendor_message);

/// A 2xx answer the adapter cannot interpret (not JSON, no status, an unreadable amount...):
/// ErrorKind::outcome_unknown, because the vendor said yes and the refund probably exists.
/// problem completes "<Vendor> answered HTTP 200 but ...".
Error unreadable_success(std::string_view vendor, const HttpResponse& response,
                         std::string_view problem);

/// A transport failure, passed through unchanged (network stays network, outcome_unknown stays
/// outcome_unknown) except that the message names the vendor.
Error transport_failure(std::string_view vendor, Error error);

}  // namespace refundkit::internal
