#include "refundkit/curl_transport.hpp"

#include <optional>
#include <utility>

#include "transport/curl_exchange.hpp"
#include "transport/curl_failure.hpp"
#include "transport/curl_global.hpp"
#include "transport/curl_handle_pool.hpp"
#include "transport/curl_multi_loop.hpp"
#include "transport/curl_share.hpp"
#include "transport/exchange_loop.hpp"

namespace refundkit {
namespace {

using internal::CurlExchange;
using internal::CurlHandleLease;
using internal::CurlHandlePool;
using internal::CurlShare;

// Logging is not done here but by the LoggingTransport that make_curl_transport wraps around
// this, the same layer a merchant's own Transport gets from make_logging_transport.
class CurlTransport final : public Transport, public internal::ConcurrentTransport {
 public:
  explicit CurlTransport(CurlTransportOptions options)
      : options_(std::move(options)), pool_(options_.max_idle_handles) {}

  Result<HttpResponse> send(const HttpRequest& request) override {
    if (internal::ensure_curl_global_init() != CURLE_OK) {
      return internal::never_sent("libcurl could not be initialised");
    }
    // Declared before the lease, so that the handle is reset (dropping its pointers into the
    // exchange) before the exchange goes away.
    CurlExchange exchange(request, options_, share_.get());
    CurlHandleLease handle(pool_);
    if (!handle) return internal::never_sent("libcurl could not allocate a handle");
    if (std::optional<Error> refused = exchange.configure(handle.get())) return *std::move(refused);
    const CURLcode code = curl_easy_perform(handle.get());
    return exchange.finish(handle.get(), code);
  }

  std::unique_ptr<internal::ExchangeLoop> open_loop(std::size_t max_in_flight) override {
    return std::make_unique<internal::CurlMultiLoop>(options_, max_in_flight);
  }

 private:
  const CurlTransportOptions options_;
  // Before the pool: every pooled handle must be cleaned up before the share they use.
  CurlShare share_;
  CurlHandlePool pool_;
};

}  // namespace

std::shared_ptr<Transport> make_curl_transport(CurlTransportOptions options) {
  (void)internal::ensure_curl_global_init();  // a failure is reported by every send()
  HttpLogHook hook = std::move(options.log_hook);
  options.log_hook = nullptr;  // a moved-from std::function is valid but unspecified
  return make_logging_transport(std::make_shared<CurlTransport>(std::move(options)),
                                std::move(hook));
}

}  // namespace refundkit
