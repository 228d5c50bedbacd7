#pragma once

#include <memory>

#include "refundkit/transport.hpp"

namespace refundkit::internal {

/// Reports every exchange of `inner` to a log hook, redacted by make_exchange_log: one call per
/// send(), failures included, with the time the inner send took. Whatever the hook throws is
/// swallowed: a log line must never turn a completed exchange (a refund that happened) into an
/// exception. Public as make_logging_transport().
class LoggingTransport final : public Transport {
 public:
  LoggingTransport(std::shared_ptr<Transport> inner, HttpLogHook hook);

  Result<HttpResponse> send(const HttpRequest& request) override;

 private:
  void report(const HttpRequest& request, const Result<HttpResponse>& result,
              std::chrono::microseconds elapsed) const noexcept;

  const std::shared_ptr<Transport> inner_;
  const HttpLogHook hook_;
};

}  // namespace refundkit::internal
