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

bool is_unauthorized(const Result<HttpResponse>& result) {
  return result.ok() && result->status == kUnauthorized;
}

}  // namespace

BearerTokenTransport::BearerTokenTransport(std::shared_ptr<Transport> inner,
                                           std::shared_ptr<TokenCache> tokens)
    : inner_(std::move(inner)), tokens_(std::move(tokens)) {}

Result<HttpResponse> BearerTokenTransport::send(const HttpRequest& request) {
  Result<std::string> token = tokens_->token();
  if (!token.ok()) return std::move(token).error();
  Result<HttpResponse> result = send_with(request, *token);
  if (!is_unauthorized(result)) return result;

  // Only this token is forgotten: if another thread has replaced it already, the replacement
  // stays and is what token() returns now.
  tokens_->invalidate(*token);
  Result<std::string> fresh = tokens_->token();
  if (!fresh.ok()) return std::move(fresh).error();
  return send_with(request, *fresh);
}

Result<HttpResponse> BearerTokenTransport::send_with(const HttpRequest& request,
                                                     const std::string& token) {
  return without_token(inner_->send(with_bearer(request, token)), token);
}

}  // namespace refundkit::internal
