#include "pipeline/bearer_token_transport.hpp"

#include <algorithm>
#include <utility>

#include "internal/secrets.hpp"
#include "internal/text.hpp"

namespace refundkit::internal {
namespace {

constexpr int kUnauthorized = 401;

HttpRequest with_bearer(const HttpRequest& request, const std::string& token) {
  HttpRequest authorized = request;
  std::vector<HttpHeader>& headers = authorized.headers;
  headers.erase(std::remove_if(headers.begin(), headers.end(),
                               [](const HttpHeader& header) {
                                 return equals_ignore_case(header.name, "Authorization");
                               }),
                headers.end());
  headers.push_back({"Authorization", "Bearer " + token});
  return authorized;
}

Result<HttpResponse> without_token(Result<HttpResponse> result, const std::string& token) {
  if (!result.ok()) {
    Error error = std::move(result).error();
    redact_secret(error, token);
    return error;
  }
  redact_secret(result->body, token);
  for (HttpHeader& header : result->headers) redact_secret(header.value, token);
  return result;
}

/// The request was not sent (or, after a 401, not processed) for want of a token: whatever the
/// token endpoint answered, it proves nothing about the request, so the error must read as "never
/// sent" (a 5xx or a timeout of the token endpoint is not a refund in doubt, a 400 from it is no
/// refusal of the refund). The endpoint's own answer stays in the vendor fields.
Error without_a_token(Error token_error) {
  Error error = std::move(token_error);
  error.kind =
      error.kind == ErrorKind::authentication ? ErrorKind::authentication : ErrorKind::network;
  error.message = "no access token (" + error.message + "); the request was not sent";
  error.http_status = 0;
  error.retry_after.reset();
  // A token endpoint's body may hold a token (one the client could not use), which no list of
  // secrets knows: its text stays in vendor_code and vendor_message, the body does not.
  error.raw_body.clear();
  return error;
}

bool is_unauthorized(const Result<HttpResponse>& result) {
  return result.ok() && result->status == kUnauthorized;
}

}  // namespace

BearerTokenTransport::BearerTokenTransport(std::shared_ptr<Transport> inner,
                                           std::shared_ptr<TokenCache> tokens)
    : inner_(std::move(inner)), tokens_(std::move(tokens)) {}

Result<HttpResponse> BearerTokenTransport::send(const HttpRequest& request) {
  Result<std::string> token = tokens_->token();
  if (!token.ok()) return without_a_token(std::move(token).error());
  Result<HttpResponse> result = send_with(request, *token);
  if (!is_unauthorized(result)) return result;

  // Only this token is forgotten: if another thread has replaced it already, the replacement
  // stays and is what token() returns now.
  tokens_->invalidate(*token);
  Result<std::string> fresh = tokens_->token();
  if (!fresh.ok()) return without_a_token(std::move(fresh).error());
  return send_with(request, *fresh);
}

Result<HttpResponse> BearerTokenTransport::send_with(const HttpRequest& request,
                                                     const std::string& token) {
  return without_token(inner_->send(with_bearer(request, token)), token);
}

std::shared_ptr<Transport> with_bearer_tokens(std::shared_ptr<Transport> inner,
                                              TokenCache::Fetch fetch,
                                              std::chrono::seconds refresh_margin,
                                              TokenCache::Clock clock) {
  auto tokens = std::make_shared<TokenCache>(std::move(fetch), refresh_margin, std::move(clock));
  return std::make_shared<BearerTokenTransport>(std::move(inner), std::move(tokens));
}

}  // namespace refundkit::internal
