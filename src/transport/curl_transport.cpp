#include "refundkit/curl_transport.hpp"

#include <chrono>
#include <optional>
#include <utility>

#include "transport/curl_exchange.hpp"
#include "transport/curl_global.hpp"
#include "transport/curl_handle_pool.hpp"
#include "transport/redaction.hpp"

namespace refundkit {
namespace {

using internal::CurlExchange;
using internal::CurlHandleLease;
using internal::CurlHandlePool;

Error not_sent(std::string why) {
  Error error;
  error.kind = ErrorKind::network;
  error.message = std::move(why) + "; the request was not sent";
  return error;
}

class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(CurlTransportOptions options)
      : options_(std::move(options)), pool_(options_.max_idle_handles) {}

  Result<HttpResponse> send(const HttpRequest& request) override {
    const auto started = std::chrono::steady_clock::now();
    Result<HttpResponse> result = exchange(request);
    report(request, result,
           std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                 started));
    return result;
  }

 private:
  Result<HttpResponse> exchange(const HttpRequest& request) {
    if (internal::ensure_curl_global_init() != CURLE_OK) {
      return not_sent("libcurl could not be initialised");
    }
    // Declared before the lease, so that the handle is reset (dropping its pointers into the
    // exchange) before the exchange goes away.
    CurlExchange exchange(request, options_);
    CurlHandleLease handle(pool_);
    if (!handle) return not_sent("libcurl could not allocate a handle");
    if (std::optional<Error> refused = exchange.configure(handle.get())) return *std::move(refused);
    const CURLcode code = curl_easy_perform(handle.get());
    return exchange.finish(handle.get(), code);
  }

  // The hook sees redacted data only, and nothing it throws may turn a completed exchange (a
  // refund that happened) into an exception.
  void report(const HttpRequest& request, const Result<HttpResponse>& result,
              std::chrono::microseconds elapsed) const noexcept {
    if (!options_.log_hook) return;
    try {
      options_.log_hook(internal::make_exchange_log(request, result, elapsed));
    } catch (...) {
    }
  }

  const CurlTransportOptions options_;
  CurlHandlePool pool_;
};

}  // namespace

std::shared_ptr<Transport> make_curl_transport(CurlTransportOptions options) {
  (void)internal::ensure_curl_global_init();  // a failure is reported by every send()
  return std::make_shared<CurlTransport>(std::move(options));
}

}  // namespace refundkit
