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
/// for Komfortkasse the error text), never replace it.
///
///   400 invalid_request        401, 403 authentication    404 not_found
///   409 duplicate_reference    422 invalid_request         429 rate_limited
///   503 vendor_unavailable     other 5xx (500, 502, 504, ...) outcome_unknown
///   anything else (1xx, 3xx, other 4xx, nonsense) protocol
///
/// Why 5xx is outcome_unknown: a 500 may be raised after the vendor committed the refund, and a
/// 502/504 comes from a gateway that may have forwarded the POST before giving up on it. Treating
/// them as "failed" invites a retry with a new reference, i.e. a double refund. Only 503 is read
/// as "did nothing, try later". Redirects are protocol errors: transports do not follow them.
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
