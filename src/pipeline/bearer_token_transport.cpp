#include "pipeline/bearer_token_transport.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

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

class BearerLoop final : public ExchangeLoop {
 public:
  BearerLoop(std::unique_ptr<ExchangeLoop> inner, TokenCache& tokens)
      : inner_(std::move(inner)), tokens_(tokens) {}

  void start(const HttpRequest& request, Completion done) override {
    auto exchange = std::make_shared<Exchange>(Exchange{request, {}, std::move(done)});
    send_with_token(std::move(exchange), /*after_401=*/false);
  }

  void poll(std::chrono::milliseconds timeout) override {
    if (ended_early_.empty()) return inner_->poll(timeout);
    std::vector<std::pair<Completion, Error>> ended = std::move(ended_early_);
    ended_early_.clear();
    for (auto& [done, error] : ended) done(std::move(error));
    inner_->poll(std::chrono::milliseconds(0));
  }

 private:
  struct Exchange {
    const HttpRequest& request;
    HttpRequest authorized;  // what the inner loop is sending now
    Completion done;
  };

  void send_with_token(std::shared_ptr<Exchange> exchange, bool after_401) {
    Result<std::string> token = tokens_.token();
    if (!token.ok()) {
      Error error = without_a_token(std::move(token).error());
      if (after_401) return exchange->done(std::move(error));  // within a poll already
      ended_early_.emplace_back(std::move(exchange->done), std::move(error));
      return;
    }
    exchange->authorized = with_bearer(exchange->request, *token);
    const HttpRequest& authorized = exchange->authorized;
    inner_->start(authorized, [this, exchange = std::move(exchange), token = *std::move(token),
                               after_401](Result<HttpResponse> result) {
      if (!after_401 && is_unauthorized(result)) {
        tokens_.invalidate(token);
        return send_with_token(exchange, /*after_401=*/true);
      }
      exchange->done(without_token(std::move(result), token));
    });
  }

  const std::unique_ptr<ExchangeLoop> inner_;
  TokenCache& tokens_;
  std::vector<std::pair<Completion, Error>> ended_early_;  // no token: for the next poll
};

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

std::unique_ptr<ExchangeLoop> BearerTokenTransport::open_loop(std::size_t max_in_flight) {
  std::unique_ptr<ExchangeLoop> inner = open_exchange_loop(*inner_, max_in_flight);
  if (!inner) return nullptr;
  return std::make_unique<BearerLoop>(std::move(inner), *tokens_);
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
