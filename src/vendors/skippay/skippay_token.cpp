#include "vendors/skippay/skippay_token.hpp"

#include <limits>
#include <utility>

#include "internal/decimal_text.hpp"
#include "internal/http_errors.hpp"
#include "internal/json_reader.hpp"
#include "internal/json_writer.hpp"
#include "internal/secrets.hpp"
#include "internal/text.hpp"
#include "vendors/skippay/skippay_errors.hpp"
#include "vendors/skippay/skippay_wire.hpp"

namespace refundkit::vendors::skippay {
namespace {

using internal::Json;

constexpr std::string_view kLogin = "Skip Pay's partner login";

Error login_error(ErrorKind kind, const HttpResponse& response, std::string problem) {
  Error error = internal::local_error(kind, std::string(kLogin) + " answered HTTP " +
                                                std::to_string(response.status) + " " + problem);
  error.http_status = response.status;
  error.raw_body = response.body;
  return error;
}

std::chrono::seconds expires_in_of(const Json& body) {
  const Json* member = internal::find_member(body, "expiresIn");
  if (member == nullptr || member->is_null()) return std::chrono::seconds(0);
  std::optional<std::string> text = member->is_string()
                                        ? std::optional<std::string>(member->get<std::string>())
                                        : internal::number_text(*member);
  if (!text) return std::chrono::seconds(0);
  const std::optional<std::string> plain = internal::to_plain_decimal(*text);
  if (!plain || plain->empty() || plain->front() == '-') return std::chrono::seconds(0);
  // Whole seconds, rounded down: a token is never thought to live longer than it does.
  const std::string whole = plain->substr(0, plain->find('.'));
  std::int64_t seconds = 0;
  for (char digit : whole) {
    if (__builtin_mul_overflow(seconds, 10, &seconds) ||
        __builtin_add_overflow(seconds, digit - '0', &seconds)) {
      return std::chrono::seconds(std::numeric_limits<std::int64_t>::max());
    }
  }
  return std::chrono::seconds(seconds);
}

Result<internal::FetchedToken> read_token(const HttpResponse& response) {
  const std::optional<Json> body = internal::parse_json_exact(response.body);
  if (!body || !body->is_object()) {
    return login_error(ErrorKind::protocol, response, "without a JSON object");
  }
  const std::optional<std::string> token = internal::get_string(*body, "accessToken");
  if (!token || token->empty()) {
    return login_error(ErrorKind::protocol, response, "without an \"accessToken\"");
  }
  if (internal::has_control_characters(*token) || !internal::is_valid_utf8(*token)) {
    return login_error(ErrorKind::protocol, response,
                       "with an \"accessToken\" that cannot be sent in an HTTP header");
  }
  return internal::FetchedToken{*token, expires_in_of(*body)};
}

Error refusal(const HttpResponse& response) {
  // The vendor's error fields, whichever shape it used; the kind is decided here.
  const Error mapped = map_error_response(response);
  const ErrorKind kind = response.status == 429 ? ErrorKind::rate_limited
                         : response.status >= 400 && response.status <= 499
                             ? ErrorKind::authentication
                             : ErrorKind::protocol;
  Error error = internal::local_error(kind, std::string(kLogin) + " answered HTTP " +
                                                std::to_string(response.status) + " (" +
                                                std::string(to_string(kind)) + ")");
  if (kind == ErrorKind::authentication) error.message += ": the username or password was refused";
  if (!mapped.vendor_code.empty() || !mapped.vendor_message.empty()) {
    error.message += " [" + internal::shorten_for_message(mapped.vendor_code, 100) + "] " +
                     internal::shorten_for_message(mapped.vendor_message);
  }
  error.http_status = response.status;
  error.vendor_code = mapped.vendor_code;
  error.vendor_message = mapped.vendor_message;
  error.vendor_field = mapped.vendor_field;
  error.request_id = mapped.request_id;
  error.raw_body = response.body;
  return error;
}

Result<internal::FetchedToken> scrubbed(Result<internal::FetchedToken> result,
                                        std::string_view password) {
  if (result) return result;
  Error error = std::move(result).error();
  for (const std::string& form : password_forms(password)) internal::redact_secret(error, form);
  return error;
}

}  // namespace

std::optional<Error> check_credentials(const SkipPayOptions& options) {
  const auto missing = [](std::string_view what) {
    return internal::local_error(ErrorKind::authentication,
                                 std::string(kVendorName) + ": no partner " + std::string(what) +
                                     " configured (SkipPayOptions)");
  };
  if (options.username.empty()) return missing("username");
  if (options.password.empty()) return missing("password");
  if (!internal::is_valid_utf8(options.username) || !internal::is_valid_utf8(options.password)) {
    return internal::local_error(ErrorKind::authentication,
                                 std::string(kVendorName) +
                                     ": the partner username or password is not valid UTF-8, so "
                                     "it cannot be sent as it is");
  }
  return std::nullopt;
}

HttpRequest build_token_request(const SkipPayOptions& options) {
  internal::JsonWriter json;
  json.begin_object()
      .key("username")
      .string(options.username)
      .key("password")
      .string(options.password)
      .end_object();
  HttpRequest http;
  http.method = HttpMethod::post;
  http.url = token_url(options.base_url);
  http.headers = {
      {"Content-Type", "application/json"},
      {"Accept", "application/json"},
  };
  http.body = std::move(json).take();
  http.body_is_secret = true;
  http.idempotent = true;
  return http;
}

Result<internal::FetchedToken> parse_token_response(const HttpResponse& response,
                                                    std::string_view password) {
  if (internal::is_success_status(response.status)) {
    return scrubbed(read_token(response), password);
  }
  return scrubbed(refusal(response), password);
}

internal::TokenCache::Fetch make_token_fetch(const SkipPayOptions& options,
                                             std::shared_ptr<Transport> transport) {
  std::optional<Error> unusable = check_credentials(options);
  HttpRequest request = build_token_request(options);
  std::string password = options.password;
  return
      [unusable = std::move(unusable), request = std::move(request), password = std::move(password),
       transport = std::move(transport)]() -> Result<internal::FetchedToken> {
        if (unusable) return *unusable;
        Result<HttpResponse> response = transport->send(request);
        if (!response) {
          Error error = std::move(response).error();
          error.message = std::string(kLogin) + ": " + error.message;
          return scrubbed(std::move(error), password);
        }
        return parse_token_response(*response, password);
      };
}

std::vector<std::string> password_forms(std::string_view password) {
  std::vector<std::string> forms{std::string(password)};
  internal::JsonWriter json;
  json.string(password);
  // The writer quotes the string: without the quotes, it is the form inside the login body.
  const std::string& quoted = json.str();
  std::string escaped = quoted.size() >= 2 ? quoted.substr(1, quoted.size() - 2) : quoted;
  if (escaped != forms.front()) forms.push_back(std::move(escaped));
  return forms;
}

}  // namespace refundkit::vendors::skippay
