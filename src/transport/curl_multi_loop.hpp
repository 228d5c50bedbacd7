#pragma once

#include <curl/curl.h>

#include <cstddef>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

#include "refundkit/curl_transport.hpp"
#include "transport/curl_exchange.hpp"
#include "transport/curl_handle_pool.hpp"
#include "transport/exchange_loop.hpp"

namespace refundkit::internal {

/// The curl transport's ExchangeLoop: one CURLM driving up to max_in_flight CurlExchanges, each
/// configured exactly as CurlTransport::send configures its own, so that a batch's request is
/// sent and classified exactly as a single one. The multi handle keeps at most max_in_flight
/// connections alive for reuse; over HTTP/2 the exchanges share one connection as streams.
class CurlMultiLoop final : public ExchangeLoop {
 public:
  /// `options` must outlive the loop.
  CurlMultiLoop(const CurlTransportOptions& options, std::size_t max_in_flight);
  ~CurlMultiLoop() override;

  CurlMultiLoop(const CurlMultiLoop&) = delete;
  CurlMultiLoop& operator=(const CurlMultiLoop&) = delete;

  void start(const HttpRequest& request, Completion done) override;
  void poll(std::chrono::milliseconds timeout) override;

 private:
  struct Transfer {
    Transfer(const HttpRequest& request, const CurlTransportOptions& options, Completion done)
        : exchange(request, options), done(std::move(done)) {}
    CurlExchange exchange;
    CurlEasyHandle handle;
    Completion done;
  };
  using Finished = std::pair<Completion, Result<HttpResponse>>;

  void collect_finished(std::vector<Finished>& finished);
  CurlEasyHandle take_handle();

  const CurlTransportOptions& options_;
  const std::size_t max_in_flight_;
  CURLM* const multi_;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> transfers_;
  std::vector<CurlEasyHandle> idle_handles_;
  /// Exchanges that ended before they started (refused by policy, no handle): for the next poll.
  std::vector<Finished> ended_early_;
};

}  // namespace refundkit::internal
