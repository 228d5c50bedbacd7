#include "transport/logging_transport.hpp"

#include <utility>

#include "transport/redaction.hpp"

namespace refundkit {
namespace internal {

LoggingTransport::LoggingTransport(std::shared_ptr<Transport> inner, HttpLogHook hook)
    : inner_(std::move(inner)), hook_(std::move(hook)) {}

Result<HttpResponse> LoggingTransport::send(const HttpRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  Result<HttpResponse> result = inner_->send(request);
  report(request, result,
         std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                               started));
  return result;
}

void LoggingTransport::report(const HttpRequest& request, const Result<HttpResponse>& result,
                              std::chrono::microseconds elapsed) const noexcept {
  try {
    hook_(make_exchange_log(request, result, elapsed));
  } catch (...) {
  }
}

}  // namespace internal

std::shared_ptr<Transport> make_logging_transport(std::shared_ptr<Transport> inner,
                                                  HttpLogHook hook) {
  if (!inner || !hook) return inner;
  return std::make_shared<internal::LoggingTransport>(std::move(inner), std::move(hook));
}

}  // namespace refundkit
