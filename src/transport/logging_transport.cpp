#include "transport/logging_transport.hpp"

#include <utility>

#include "transport/redaction.hpp"

namespace refundkit {
namespace internal {
namespace {

class LoggingLoop final : public ExchangeLoop {
 public:
  LoggingLoop(std::unique_ptr<ExchangeLoop> inner, const LoggingTransport& logger)
      : inner_(std::move(inner)), logger_(logger) {}

  void start(const HttpRequest& request, Completion done) override {
    const auto started = std::chrono::steady_clock::now();
    inner_->start(request,
                  [this, &request, started, done = std::move(done)](Result<HttpResponse> result) {
                    logger_.report(request, result,
                                   std::chrono::duration_cast<std::chrono::microseconds>(
                                       std::chrono::steady_clock::now() - started));
                    done(std::move(result));
                  });
  }

  void poll(std::chrono::milliseconds timeout) override { inner_->poll(timeout); }

 private:
  const std::unique_ptr<ExchangeLoop> inner_;
  const LoggingTransport& logger_;
};

}  // namespace

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

std::unique_ptr<ExchangeLoop> LoggingTransport::open_loop(std::size_t max_in_flight) {
  std::unique_ptr<ExchangeLoop> inner = open_exchange_loop(*inner_, max_in_flight);
  if (!inner) return nullptr;
  return std::make_unique<LoggingLoop>(std::move(inner), *this);
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
