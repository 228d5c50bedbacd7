#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "internal/secrets.hpp"
#include "refundkit/result.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::internal {

/// Bodies longer than this are cut in the log (the exchange itself is not affected).
inline constexpr std::size_t kMaxLoggedBodyBytes = 16 * 1024;

/// True for the few headers whose values are known to carry no credentials (Content-Type,
/// Date, X-Request-Id, ...). Every other header value is redacted: an allow-list, because a
/// deny-list misses the next vendor's "X-Whatever-Key".
bool is_loggable_header(std::string_view name) noexcept;

/// Names kept, values outside the allow-list replaced with "[REDACTED]"; Location values go
/// through redact_url.
std::vector<HttpHeader> redact_headers(const std::vector<HttpHeader>& headers);

/// The URL without userinfo and fragment, every query value (and bare query word) replaced with
/// "[REDACTED]". Absolute ("scheme://"), scheme-relative ("//host/...") and path-absolute ("/...")
/// forms are understood; anything else becomes "[REDACTED]".
std::string redact_url(std::string_view url);

/// The body as it may be logged: "[REDACTED]" when secret, otherwise cut at
/// kMaxLoggedBodyBytes with a note of the full size.
std::string loggable_body(std::string_view body, bool secret);

/// The credentials `request` carries, longest first, each at least kMinRedactableSecretLength
/// long: the value of every header outside the allow-list (and the credentials after the scheme
/// of an Authorization value), the URL's userinfo and its parts, every query value, and a secret
/// body with its form values or JSON string values. Replacing these wherever they occur keeps a
/// vendor that echoes a credential ("invalid API key ...") from leaking it.
std::vector<std::string> request_secrets(const HttpRequest& request);

/// True when `text` contains one of request_secrets(request). Used to keep libcurl's own error
/// text out of messages if it ever echoes one.
bool reveals_request_secret(std::string_view text, const HttpRequest& request);

/// What the log hook receives for one exchange. Every request_secrets() value is replaced wherever
/// it occurs (URL, header values, bodies, error text). A secret request's response body is
/// redacted whole: the answer to a token request is the token.
HttpExchangeLog make_exchange_log(const HttpRequest& request, const Result<HttpResponse>& result,
                                  std::chrono::microseconds elapsed);

}  // namespace refundkit::internal
