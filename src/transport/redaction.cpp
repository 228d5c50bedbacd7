#include "transport/redaction.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "internal/json_reader.hpp"
#include "internal/text.hpp"

namespace refundkit::internal {
namespace {

// Splits `text` at any of `separators`, skipping empty pieces.
std::vector<std::string_view> split(std::string_view text, std::string_view separators) {
  std::vector<std::string_view> pieces;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find_first_of(separators, start), text.size());
    if (end > start) pieces.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return pieces;
}

// The pieces of an absolute URL ("scheme://userinfo@host:port/path?query#fragment"), of a
// scheme-relative one ("//userinfo@host/path...") or of a relative reference starting with "/"
// (as in a Location header).
struct UrlParts {
  std::string_view origin_prefix;  // "scheme://" or "//", empty when path-relative
  std::string_view userinfo;
  std::string_view host_and_port;
  std::string_view path;
  std::string_view query;
  bool has_query = false;
};

std::optional<UrlParts> split_url(std::string_view url) {
  UrlParts parts;
  std::size_t rest_start = 0;
  std::size_t authority_start = std::string_view::npos;
  if (url.substr(0, 2) == "//") {
    authority_start = 2;
  } else if (url.empty() || url.front() != '/') {
    const std::size_t scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos || scheme_end == 0) return std::nullopt;
    authority_start = scheme_end + 3;
  }
  if (authority_start != std::string_view::npos) {
    rest_start = std::min(url.find_first_of("/?#", authority_start), url.size());
    parts.origin_prefix = url.substr(0, authority_start);
    std::string_view authority = url.substr(authority_start, rest_start - authority_start);
    const std::size_t at = authority.rfind('@');
    if (at != std::string_view::npos) {
      parts.userinfo = authority.substr(0, at);
      authority.remove_prefix(at + 1);
    }
    parts.host_and_port = authority;
  }
  const std::string_view rest = url.substr(rest_start);
  const std::string_view before_fragment = rest.substr(0, std::min(rest.find('#'), rest.size()));
  const std::size_t question = before_fragment.find('?');
  parts.path = before_fragment.substr(0, std::min(question, before_fragment.size()));
  if (question != std::string_view::npos) {
    parts.has_query = true;
    parts.query = before_fragment.substr(question + 1);
  }
  return parts;
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// "name=value" -> "value"; a bare "word" is itself the value.
void collect_strings(const Json& value, std::vector<std::string>& out) {
  if (value.is_string()) {
    out.push_back(value.get<std::string>());
  } else if (value.is_structured()) {
    for (const Json& element : value) collect_strings(element, out);
  }
}

std::string_view query_value(std::string_view item) {
  const std::size_t equals = item.find('=');
  return equals == std::string_view::npos ? item : item.substr(equals + 1);
}

}  // namespace

bool is_loggable_header(std::string_view name) noexcept {
  static constexpr std::array<std::string_view, 11> kAllowed = {
      "Content-Type",     "Content-Length", "Accept",       "User-Agent",       "Date",
      "Retry-After",      "Location",       "X-Request-Id", "X-Correlation-Id", "Idempotency-Key",
      "X-Idempotency-Key"};
  return std::any_of(kAllowed.begin(), kAllowed.end(), [name](std::string_view allowed) {
    return equals_ignore_case(name, allowed);
  });
}

std::vector<HttpHeader> redact_headers(const std::vector<HttpHeader>& headers) {
  std::vector<HttpHeader> redacted;
  redacted.reserve(headers.size());
  for (const HttpHeader& header : headers) {
    if (equals_ignore_case(header.name, "Location")) {
      redacted.push_back({header.name, redact_url(header.value)});
    } else if (is_loggable_header(header.name)) {
      redacted.push_back(header);
    } else {
      redacted.push_back({header.name, std::string(kRedacted)});
    }
  }
  return redacted;
}

std::string redact_url(std::string_view url) {
  const std::optional<UrlParts> parts = split_url(url);
  if (!parts) return std::string(kRedacted);
  std::string result;
  result.append(parts->origin_prefix).append(parts->host_and_port).append(parts->path);
  if (parts->has_query) {
    result.push_back('?');
    bool first = true;
    for (std::string_view item : split(parts->query, "&")) {
      if (!first) result.push_back('&');
      first = false;
      const std::size_t equals = item.find('=');
      if (equals != std::string_view::npos) result.append(item.substr(0, equals + 1));
      result.append(kRedacted);
    }
  }
  return result;
}

std::string loggable_body(std::string_view body, bool secret) {
  if (secret && !body.empty()) return std::string(kRedacted);
  if (body.size() <= kMaxLoggedBodyBytes) return std::string(body);
  std::string cut(body.substr(0, kMaxLoggedBodyBytes));
  cut += "... [truncated: " + std::to_string(body.size()) + " bytes in total]";
  return cut;
}

std::vector<std::string> request_secrets(const HttpRequest& request) {
  std::vector<std::string_view> found;
  for (const HttpHeader& header : request.headers) {
    if (is_loggable_header(header.name)) continue;
    const std::string_view value = trim_spaces(header.value);
    found.push_back(value);
    // "Bearer <token>", "Basic <base64>": the credentials may be echoed without the scheme.
    if (equals_ignore_case(header.name, "Authorization") ||
        equals_ignore_case(header.name, "Proxy-Authorization")) {
      const std::size_t space = value.find_first_of(" \t");
      if (space != std::string_view::npos) found.push_back(trim_spaces(value.substr(space)));
    }
  }
  if (const std::optional<UrlParts> parts = split_url(request.url)) {
    found.push_back(parts->userinfo);
    for (std::string_view piece : split(parts->userinfo, ":")) found.push_back(piece);
    for (std::string_view item : split(parts->query, "&")) found.push_back(query_value(item));
  }
  std::vector<std::string> json_values;  // owns what `found` points into below
  if (request.body_is_secret) {
    found.push_back(request.body);
    for (std::string_view item : split(request.body, "&")) found.push_back(query_value(item));
    // A JSON credential body ({"username", "password"}): each string value on its own.
    if (const std::optional<Json> document = parse_json_exact(request.body)) {
      collect_strings(*document, json_values);
      found.insert(found.end(), json_values.begin(), json_values.end());
    }
  }

  std::vector<std::string> secrets;
  for (std::string_view secret : found) {
    if (secret.size() >= kMinRedactableSecretLength) secrets.emplace_back(secret);
  }
  // Longest first, so that a value containing a shorter secret is replaced whole.
  std::sort(secrets.begin(), secrets.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  secrets.erase(std::unique(secrets.begin(), secrets.end()), secrets.end());
  return secrets;
}

bool reveals_request_secret(std::string_view text, const HttpRequest& request) {
  const std::vector<std::string> secrets = request_secrets(request);
  return std::any_of(secrets.begin(), secrets.end(), [text](const std::string& secret) {
    return text.find(secret) != std::string_view::npos;
  });
}

HttpExchangeLog make_exchange_log(const HttpRequest& request, const Result<HttpResponse>& result,
                                  std::chrono::microseconds elapsed) {
  const std::vector<std::string> secrets = request_secrets(request);
  const auto scrub = [&secrets](std::string text) {
    for (const std::string& secret : secrets) redact_secret(text, secret);
    return text;
  };
  const auto scrub_headers = [&scrub](std::vector<HttpHeader> headers) {
    for (HttpHeader& header : headers) header.value = scrub(std::move(header.value));
    return headers;
  };
  // Bodies are scrubbed before they are cut, so that no secret survives half-cut at the end.
  const auto body = [&](std::string_view text) {
    return request.body_is_secret ? loggable_body(text, true)
                                  : loggable_body(scrub(std::string(text)), false);
  };

  HttpExchangeLog log;
  log.method = request.method;
  log.url = scrub(redact_url(request.url));
  log.request_headers = scrub_headers(redact_headers(request.headers));
  log.request_body = body(request.body);
  log.elapsed = elapsed;
  if (result.ok()) {
    log.status = result->status;
    log.response_headers = scrub_headers(redact_headers(result->headers));
    log.response_body = body(result->body);
  } else {
    const Error& error = result.error();
    log.status = error.http_status;
    log.response_body = body(error.raw_body);
    log.error = scrub(error.message);
  }
  return log;
}

}  // namespace refundkit::internal
