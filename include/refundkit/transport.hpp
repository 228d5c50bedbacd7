#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "refundkit/result.hpp"

namespace refundkit {

enum class HttpMethod { get, post, put };
std::string_view to_string(HttpMethod method) noexcept;

struct HttpHeader {
  std::string name;
  std::string value;
};

/// Case-insensitive header lookup; "" when absent.
std::string_view find_header(const std::vector<HttpHeader>& headers, std::string_view name);

struct HttpRequest {
  HttpMethod method = HttpMethod::get;
  std::string url;
  std::vector<HttpHeader> headers;
  std::string body;
  /// Set when the body carries credentials (token requests): it is then never logged.
  bool body_is_secret = false;
  /// The server deduplicates this request (a GET, or a request carrying an idempotency key the
  /// vendor honours): the transport may send it again on a fresh connection if a reused one died
  /// before any answer. Otherwise a body-carrying request is sent at most once.
  bool idempotent = false;
};

struct HttpResponse {
  int status = 0;
  std::vector<HttpHeader> headers;
  std::string body;

  std::string_view header(std::string_view name) const { return find_header(headers, name); }
};

/// What the log hook sees of one exchange. Header values outside a fixed allow-list, URL query
/// values and secret bodies are already replaced with "[REDACTED]", and so is every occurrence of
/// those request secrets anywhere else (a vendor echoing "invalid API key ..." in its answer, a
/// response header, the error text): a hook cannot leak credentials.
struct HttpExchangeLog {
  HttpMethod method = HttpMethod::get;
  std::string url;
  std::vector<HttpHeader> request_headers;
  std::string request_body;
  int status = 0;  ///< 0 when no response arrived.
  std::vector<HttpHeader> response_headers;
  std::string response_body;
  std::chrono::microseconds elapsed{0};
  std::string error;  ///< Set when the transport failed.
};

using HttpLogHook = std::function<void(const HttpExchangeLog&)>;

/// The seam between adapters and the network. Implementations are safe to call from several
/// threads at once.
///
/// send() returns an HttpResponse for any HTTP status (4xx and 5xx included). It returns an Error
/// only when no complete response was read:
///  - ErrorKind::network only when the request certainly never left: libcurl wrote no request
///    byte (DNS, connect or TLS handshake failure on the first connection, URL refused by
///    policy);
///  - ErrorKind::outcome_unknown whenever it may have reached the server, whatever libcurl's
///    error code (timeout or drop after sending, a garbage answer, a response larger than the
///    cap, a reused connection that died and a fresh one that could not be made, a
///    non-idempotent request that was not re-sent after its connection died);
///  - ErrorKind::invalid_request, before sending, for a request that cannot be framed safely
///    (CR/LF/NUL in a header value, an invalid header name, a caller-set Content-Length or
///    Transfer-Encoding, a GET with a body).
class Transport {
 public:
  virtual ~Transport() = default;
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

/// Wraps `inner` so that `hook` sees every exchange exactly as CurlTransportOptions::log_hook
/// does: once per send(), failures included, redacted (see HttpExchangeLog), timed around
/// inner's send(). Whatever the hook throws is swallowed, never returned or rethrown. The hook
/// must be thread-safe. For a Transport of your own that should log like the built-in one.
/// Returns `inner` itself when `hook` is empty (and null when `inner` is).
std::shared_ptr<Transport> make_logging_transport(std::shared_ptr<Transport> inner,
                                                  HttpLogHook hook);

}  // namespace refundkit
