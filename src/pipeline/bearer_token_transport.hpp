#pragma once

#include <chrono>
#include <memory>

#include "pipeline/token_cache.hpp"
#include "refundkit/transport.hpp"
#include "transport/exchange_loop.hpp"

namespace refundkit::internal {

/// Sends every request with "Authorization: Bearer <token>" from `tokens` (replacing any
/// Authorization header the request had). On a 401 it invalidates exactly that token, takes a
/// fresh one and sends once more: a 401 means the vendor processed nothing, so the second send
/// is safe even for a refund. A second 401 is returned as it is.
///
/// When no token can be had, send() sends nothing and returns an Error that says so: kind
/// authentication when the credentials were refused, network otherwise, http_status 0, the
/// token endpoint's answer kept in the message and vendor fields. Never outcome_unknown: the
/// request never left, whatever the token endpoint did. The token is a credential this layer adds,
/// so it also removes any echo of it from what it returns (bodies, header values, error texts).
///
/// Its loop (when `inner` has one) does the same for a batch on the batch's thread, with the
/// same cache: one fetch serves the whole batch, and after a 401 the first exchange to see it
/// renews the token (the fetch blocks the loop for that one request) while the others, seeing
/// their token already replaced, resend with the new one.
class BearerTokenTransport final : public Transport, public ConcurrentTransport {
 public:
  /// Neither may be null.
  BearerTokenTransport(std::shared_ptr<Transport> inner, std::shared_ptr<TokenCache> tokens);

  Result<HttpResponse> send(const HttpRequest& request) override;
  std::unique_ptr<ExchangeLoop> open_loop(std::size_t max_in_flight) override;

 private:
  Result<HttpResponse> send_with(const HttpRequest& request, const std::string& token);

  const std::shared_ptr<Transport> inner_;
  const std::shared_ptr<TokenCache> tokens_;
};

/// The transport a bearer-token vendor's pipeline sends through: `inner` behind one TokenCache
/// per client, shared by its threads. `fetch` must send the token request through `inner` itself
/// (a token request carries no bearer token).
std::shared_ptr<Transport> with_bearer_tokens(std::shared_ptr<Transport> inner,
                                              TokenCache::Fetch fetch,
                                              std::chrono::seconds refresh_margin,
                                              TokenCache::Clock clock = {});

}  // namespace refundkit::internal
