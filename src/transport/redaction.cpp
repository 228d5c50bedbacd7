#include "transport/redaction.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace refundkit::internal {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

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

// The pieces of an absolute URL ("scheme://userinfo@host:port/path?query#fragment") or of a
// relative reference starting with "/" (as in a Location header).
struct UrlParts {
  std::string_view origin_prefix;  // "scheme://", empty when relative
  std::string_view userinfo;
  std::string_view host_and_port;
  std::string_view path;
  std::string_view query;
  bool has_query = false;
};

std::optional<UrlParts> split_url(std::string_view url) {
  UrlParts parts;
  std::size_t rest_start = 0;
  if (url.empty() || url.front() != '/') {
    const std::size_t scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos || scheme_end == 0) return std::nullopt;
    const std::size_t authority_start = scheme_end + 3;
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

}  // namespace

bool is_loggable_header(std::string_view name) noexcept {
  static constexpr std::array<std::string_view, 11> kAllowed = {
      "Content-Type",     "Content-Length", "Accept",       "User-Agent",       "Date",
      "Retry-After",      "Location",       "X-Request-Id", "X-Correlation-Id", "Idempotency-Key",
      "X-Idempotency-Key"};
  return std::any_of(kAllowed.begin(), kAllowed.end(), [name](std::string_view allowed) {
    return equals_ignoring_case(name, allowed);
  });
}

std::vector<HttpHeader> redact_headers(const std::vector<HttpHeader>& headers) {
  std::vector<HttpHeader> redacted;
  redacted.reserve(headers.size());
  for (const HttpHeader& header : headers) {
    if (equals_ignoring_case(header.name, "Location")) {
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

bool reveals_request_secret(std::string_view text, const HttpRequest& request) {
  // Pieces shorter than this match ordinary words and would hide useful error text.
  constexpr std::size_t kMinSecretLength = 4;
  std::vector<std::string_view> secrets;
  for (const HttpHeader& header : request.headers) {
    if (is_loggable_header(header.name)) continue;
    secrets.push_back(header.value);
    for (std::string_view word : split(header.value, " \t")) secrets.push_back(word);
  }
  if (const std::optional<UrlParts> parts = split_url(request.url)) {
    secrets.push_back(parts->userinfo);
    for (std::string_view piece : split(parts->userinfo, ":")) secrets.push_back(piece);
    for (std::string_view item : split(parts->query, "&")) {
      const std::size_t equals = item.find('=');
      secrets.push_back(equals == std::string_view::npos ? item : item.substr(equals + 1));
    }
  }
  if (request.body_is_secret) {
    secrets.push_back(request.body);
    for (std::string_view piece : split(request.body, "&=\" \t\r\n{}:,")) secrets.push_back(piece);
  }
  return std::any_of(secrets.begin(), secrets.end(), [text](std::string_view secret) {
    return secret.size() >= kMinSecretLength && text.find(secret) != std::string_view::npos;
  });
}

HttpExchangeLog make_exchange_log(const HttpRequest& request, const Result<HttpResponse>& result,
                                  std::chrono::microseconds elapsed) {
  HttpExchangeLog log;
  log.method = request.method;
  log.url = redact_url(request.url);
  log.request_headers = redact_headers(request.headers);
  log.request_body = loggable_body(request.body, request.body_is_secret);
  log.elapsed = elapsed;
  if (result.ok()) {
    log.status = result->status;
    log.response_headers = redact_headers(result->headers);
    log.response_body = loggable_body(result->body, request.body_is_secret);
  } else {
    const Error& error = result.error();
    log.status = error.http_status;
    log.response_body = loggable_body(error.raw_body, request.body_is_secret);
    log.error = error.message;
  }
  return log;
}

}  // namespace refundkit::internal
