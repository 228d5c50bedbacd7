#include "vendors/optty/optty_token.hpp"

#include <cstdint>
#include <limits>
#include <utility>

#include "internal/decimal_text.hpp"
#include "internal/http_errors.hpp"
#include "internal/json_reader.hpp"
#include "internal/secrets.hpp"
#include "internal/text.hpp"
#include "vendors/optty/optty_wire.hpp"

namespace refundkit::vendors::optty {
namespace {

using internal::Json;

constexpr std::string_view kEndpoint = "Optty's token endpoint";

bool stays_in_form(unsigned char c) {
  return internal::is_ascii_alnum(static_cast<char>(c)) || c == '-' || c == '.' || c == '_' ||
         c == '~' || c == '*';
}

Error token_error(ErrorKind kind, std::string message) {
  return internal::local_error(kind, std::string(kEndpoint) + " " + std::move(message));
}

/// The endpoint's own explanation, whichever of the usual members carries it.
std::string endpoint_text(const std::optional<Json>& body) {
  if (!body || !body->is_object()) return "";
  for (std::string_view key : {"message", "error_description", "error"}) {
    if (std::optional<std::string> text = internal::get_string(*body, key)) {
      if (!text->empty()) return *text;
    }
  }
  return "";
}

/// A non-2xx answer. Not internal::http_error: its wording is about a refund ("may have been
/// created"), and a token request creates nothing.
Error refused_token(const HttpResponse& response) {
  const std::optional<Json> body = internal::parse_json_exact(response.body);
  const int status = response.status;
  const bool credentials_refused = status == 400 || status == 401 || status == 403;
  const ErrorKind kind = credentials_refused ? ErrorKind::authentication
                                             : internal::error_kind_for_http_status(status);
  std::string text = endpoint_text(body);
  std::string message = "answered HTTP " + std::to_string(status);
  if (credentials_refused) message += ", refusing the client credentials";
  if (!text.empty()) message += ": " + internal::shorten_for_message(text);
  Error error = token_error(kind, std::move(message));
  error.http_status = status;
  error.vendor_message = std::move(text);
  if (body) error.vendor_code = internal::get_string(*body, "error").value_or("");
  error.raw_body = response.body;
  return error;
}

/// expires_in as whole seconds; 0 when it cannot be read (the token then serves one flight).
std::chrono::seconds read_expires_in(const Json& body) {
  const std::optional<std::string> text = internal::get_scalar_text(body, "expires_in");
  if (!text) return std::chrono::seconds(0);
  const std::optional<std::string> plain = internal::to_plain_decimal(*text);
  if (!plain || plain->front() == '-') return std::chrono::seconds(0);
  const std::string whole = plain->substr(0, plain->find('.'));
  constexpr std::int64_t kLongest = std::numeric_limits<std::int32_t>::max();  // ~68 years
  std::int64_t seconds = 0;
  for (char digit : whole) {
    seconds = seconds * 10 + (digit - '0');
    if (seconds > kLongest) return std::chrono::seconds(kLongest);
  }
  return std::chrono::seconds(seconds);
}

Result<internal::FetchedToken> read_token(const HttpResponse& response) {
  const auto unusable = [&](std::string problem) {
    Error error =
        token_error(ErrorKind::protocol,
                    "answered HTTP " + std::to_string(response.status) + " " + std::move(problem));
    error.http_status = response.status;
    error.raw_body = response.body;
    return error;
  };
  const std::optional<Json> body = internal::parse_json_exact(response.body);
  if (!body || !body->is_object()) return unusable("with a body that is not a JSON object");
  const std::optional<std::string> token = internal::get_string(*body, "access_token");
  if (!token || token->empty()) return unusable("without an access_token");
  if (!internal::is_absent_or_null(*body, "token_type")) {
    const std::optional<std::string> type = internal::get_string(*body, "token_type");
    if (!type || !internal::equals_ignore_case(*type, "Bearer")) {
      return unusable("with a token_type that is not Bearer");
    }
  }
  if (internal::has_control_characters(*token)) {
    return unusable("with an access_token that cannot be sent in an HTTP header");
  }
  return internal::FetchedToken{*token, read_expires_in(*body)};
}

}  // namespace

std::optional<Error> check_client_credentials(const OpttyOptions& options) {
  if (options.client_id.empty() || options.client_secret.empty()) {
    return internal::local_error(ErrorKind::authentication,
                                 "Optty: no client id or client secret configured");
  }
  if (!internal::is_valid_utf8(options.client_id) ||
      internal::has_control_characters(options.client_id) ||
      !internal::is_valid_utf8(options.client_secret) ||
      internal::has_control_characters(options.client_secret)) {
    return internal::local_error(ErrorKind::authentication,
                                 "Optty: the configured client id or secret is not printable "
                                 "UTF-8 text");
  }
  return std::nullopt;
}

std::string form_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (stays_in_form(c)) {
      out += ch;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0F];
    }
  }
  return out;
}

HttpRequest build_token_request(const OpttyOptions& options) {
  HttpRequest http;
  http.method = HttpMethod::post;
  http.url = token_endpoint_url(options);
  http.headers = {
      {"Content-Type", "application/x-www-form-urlencoded"},
      {"Accept", "application/json"},
  };
  http.body = "client_id=" + form_encode(options.client_id) +
              "&client_secret=" + form_encode(options.client_secret) +
              "&grant_type=client_credentials&scope=api-user";
  http.body_is_secret = true;
  http.idempotent = true;
  return http;
}

Result<internal::FetchedToken> parse_token_response(const HttpResponse& response) {
  if (!internal::is_success_status(response.status)) return refused_token(response);
  return read_token(response);
}

internal::TokenCache::Fetch make_token_fetch(OpttyOptions options,
                                             std::shared_ptr<Transport> transport) {
  return [options = std::move(options),
          transport = std::move(transport)]() -> Result<internal::FetchedToken> {
    if (std::optional<Error> error = check_client_credentials(options)) return *std::move(error);
    Result<HttpResponse> response = transport->send(build_token_request(options));
    Result<internal::FetchedToken> token =
        response ? parse_token_response(*response)
                 : internal::transport_failure(kEndpoint, std::move(response).error());
    if (token) return token;
    Error error = std::move(token).error();
    internal::redact_secret(error, options.client_secret);
    internal::redact_secret(error, form_encode(options.client_secret));
    return error;
  };
}

}  // namespace refundkit::vendors::optty
