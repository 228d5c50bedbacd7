#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/token_cache.hpp"
#include "refundkit/error.hpp"
#include "refundkit/result.hpp"
#include "refundkit/skippay.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::vendors::skippay {

/// A username and a password that can be sent: both set and in UTF-8 (the login body is JSON).
/// ErrorKind::authentication otherwise; neither is quoted.
std::optional<Error> check_credentials(const SkipPayOptions& options);

/// POST {base_url}/authentication/v1/partner {"username":"...","password":"..."}, marked as a
/// secret body (never logged). Marked idempotent: a login sent twice buys two tokens, no refund.
HttpRequest build_token_request(const SkipPayOptions& options);

/// The partner login's answer:
///  - 2xx {"accessToken": non-empty string, "expiresIn": seconds as a number (7200, 7200.5 is
///    7200) or a string of digits}. Without a usable expiresIn (absent, null, negative, text)
///    the token lives 0 s: it serves only the flight that fetched it (see TokenCache). An
///    accessToken that is missing, empty, not a string or unsendable in a header is a protocol
///    Error;
///  - 429 rate_limited; any other 4xx is the login refused: authentication, with the body's
///    "error" as vendor_code and "error_description" as vendor_message (or the first of
///    {"errors": [...]});
///  - anything else (5xx, 3xx...) a protocol Error: the token endpoint failed, no refund is in
///    doubt (the token layer reports it as "not sent").
/// `password` is scrubbed from whatever is returned, in case the vendor echoes it.
Result<internal::FetchedToken> parse_token_response(const HttpResponse& response,
                                                    std::string_view password);

/// The TokenCache's fetch: sends build_token_request through `transport` (the raw one, without
/// a bearer layer) and parses the answer. A transport failure keeps its kind.
internal::TokenCache::Fetch make_token_fetch(const SkipPayOptions& options,
                                             std::shared_ptr<Transport> transport);

/// The password as it is sent (as is, and JSON-escaped when that differs): what must be scrubbed
/// from every outcome.
std::vector<std::string> password_forms(std::string_view password);

}  // namespace refundkit::vendors::skippay
