#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "pipeline/token_cache.hpp"
#include "refundkit/optty.hpp"
#include "refundkit/result.hpp"
#include "refundkit/transport.hpp"

// Optty's OAuth2 client-credentials token endpoint (vendor-notes.md):
//   POST https://auth.optty.com/token, Content-Type: application/x-www-form-urlencoded
//   client_id=...&client_secret=...&grant_type=client_credentials&scope=api-user
//   -> {"access_token":"...","expires_in":86400,"token_type":"Bearer","scope":"api-user"}
namespace refundkit::vendors::optty {

/// application/x-www-form-urlencoded encoding of one name or value: A-Z a-z 0-9 - . _ ~ * stay,
/// a space becomes '+', every other byte %XX (upper-case hex), so '&', '=', '+' and '%' in a
/// secret cannot change the form's shape.
std::string form_encode(std::string_view text);

/// The exact token request: the form above with the client credentials, body_is_secret set (the
/// body carries the secret, so it is never logged) and idempotent (a token request changes
/// nothing at the vendor; asking twice only buys a second token).
HttpRequest build_token_request(const OpttyOptions& options);

/// Reads the token endpoint's answer:
///  - 2xx with a JSON object whose access_token is a non-empty string: the token.
///    expires_in is a number or a string of digits (a fraction is cut off); missing, null,
///    negative or unreadable, the token counts as living 0 s, so only the flight that fetched
///    it uses it. token_type, when given, must be Bearer (any case): nothing else can be sent
///    as "Authorization: Bearer". Anything else is ErrorKind::protocol.
///  - 400/401/403: ErrorKind::authentication (the credentials were refused), with the
///    endpoint's own text (message, error_description or error) in the message and
///    vendor_message, and error in vendor_code.
///  - any other status: the generic table's kind (internal::error_kind_for_http_status), which
///    the bearer token layer reads as "the refund was not sent".
/// Never quotes the client secret; raw_body keeps the endpoint's body.
Result<internal::FetchedToken> parse_token_response(const HttpResponse& response);

/// The client id and secret are configured and can be sent (non-empty UTF-8 without control
/// characters): otherwise ErrorKind::authentication, quoting neither.
std::optional<Error> check_client_credentials(const OpttyOptions& options);

/// The token cache's fetch: refuses locally (ErrorKind::authentication, nothing sent) when the
/// client id or secret is missing or cannot be sent, otherwise sends build_token_request through
/// `transport` (the raw one, without the bearer layer) and reads the answer. A transport failure
/// keeps its kind. Every error is scrubbed of the client secret.
internal::TokenCache::Fetch make_token_fetch(OpttyOptions options,
                                             std::shared_ptr<Transport> transport);

}  // namespace refundkit::vendors::optty
