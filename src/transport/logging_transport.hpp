#pragma once

#include <memory>

#include "refundkit/transport.hpp"
#include "transport/exchange_loop.hpp"

namespace refundkit::internal {

/// Reports every exchange of `inner` to a log hook, redacted by make_exchange_log: one call per
/// send(), failures included, with the time the inner send took. Whatever the hook throws is
/// swallowed: a log line must never turn a completed exchange (a refund that happened) into an
/// exception. Public as make_logging_transport(). Its loop (when `inner` has one) reports each
/// exchange of a batch the same way, timed from start to completion.
class LoggingTransport final : public Transport, public ConcurrentTransport {
 public:
  LoggingTransport(std::shared_ptr<Transport> inner, HttpLogHook hook);

  Result<HttpResponse> send(const HttpRequest& request) override;
  std::unique_ptr<ExchangeLoop> open_loop(std::size_t max_in_flight) override;

  void report(const HttpRequest& request, const Result<HttpResponse>& result,
              std::chrono::microseconds elapsed) const noexcept;

 private:
  const std::shared_ptr<Transport> inner_;
  const HttpLogHook hook_;
};

}  // namespace refundkit::internal
