#include "transport/curl_multi_loop.hpp"

#include <algorithm>
#include <climits>
#include <string>

#include "transport/curl_failure.hpp"
#include "transport/curl_global.hpp"

namespace refundkit::internal {
CurlMultiLoop::CurlMultiLoop(const CurlTransportOptions& options, std::size_t max_in_flight)
    : options_(options),
      max_in_flight_(std::max<std::size_t>(1, max_in_flight)),
      multi_(ensure_curl_global_init() == CURLE_OK ? curl_multi_init() : nullptr) {
  if (multi_ == nullptr) return;
  // One kept-alive connection per exchange in flight, no more: an idle surplus would only age.
  const long connections = static_cast<long>(std::min<std::size_t>(max_in_flight_, LONG_MAX));
  (void)curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, connections);
  (void)curl_multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS, connections);
}

CurlMultiLoop::~CurlMultiLoop() {
  // A loop dropped with exchanges in flight abandons them; their completions are not called.
  for (auto& [handle, transfer] : transfers_) curl_multi_remove_handle(multi_, handle);
  transfers_.clear();
  idle_handles_.clear();
  if (multi_ != nullptr) curl_multi_cleanup(multi_);
}

CurlEasyHandle CurlMultiLoop::take_handle() {
  if (idle_handles_.empty()) return CurlEasyHandle(curl_easy_init());
  CurlEasyHandle handle = std::move(idle_handles_.back());
  idle_handles_.pop_back();
  return handle;
}

void CurlMultiLoop::start(const HttpRequest& request, Completion done) {
  if (multi_ == nullptr) {
    ended_early_.emplace_back(std::move(done), never_sent("libcurl could not be initialised"));
    return;
  }
  auto transfer = std::make_unique<Transfer>(request, options_, std::move(done));
  transfer->handle = take_handle();
  CURL* handle = transfer->handle.get();
  if (handle == nullptr) {
    ended_early_.emplace_back(std::move(transfer->done),
                              never_sent("libcurl could not allocate a handle"));
    return;
  }
  if (std::optional<Error> refused = transfer->exchange.configure(handle)) {
    curl_easy_reset(handle);
    idle_handles_.push_back(std::move(transfer->handle));
    ended_early_.emplace_back(std::move(transfer->done), std::move(*refused));
    return;
  }
  // Over https, wait for a connection being made to tell (by ALPN, in its handshake) whether it
  // multiplexes HTTP/2 rather than open one per stream. Never over plain http: libcurl 7.88 then
  // waits for the first response on the connection, so one slow exchange would stall the next.
  if (request.url.rfind("https:", 0) == 0) (void)curl_easy_setopt(handle, CURLOPT_PIPEWAIT, 1L);
  // Registered before libcurl may touch it, so that no transfer runs without its owner.
  const auto registered = transfers_.emplace(handle, std::move(transfer)).first;
  if (curl_multi_add_handle(multi_, handle) != CURLM_OK) {
    std::unique_ptr<Transfer> refused = std::move(registered->second);
    transfers_.erase(registered);
    curl_easy_reset(handle);
    idle_handles_.push_back(std::move(refused->handle));
    ended_early_.emplace_back(std::move(refused->done),
                              never_sent("libcurl could not start the transfer"));
  }
}

void CurlMultiLoop::poll(std::chrono::milliseconds timeout) {
  std::vector<Finished> finished = std::move(ended_early_);
  ended_early_.clear();
  if (multi_ != nullptr) {
    int running = 0;
    if (!transfers_.empty()) {
      (void)curl_multi_perform(multi_, &running);
      collect_finished(finished);
    }
    if (finished.empty()) {
      // Waits even with no transfer (every call of the batch waiting for a retry), instead of
      // spinning: curl_multi_poll sleeps for the timeout when it has nothing to watch.
      const int wait_ms =
          static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(timeout.count(), 0, INT_MAX));
      (void)curl_multi_poll(multi_, nullptr, 0, wait_ms, nullptr);
      (void)curl_multi_perform(multi_, &running);
      collect_finished(finished);
    }
  }
  // Outside libcurl's callbacks, so that a completion may start the next exchange.
  for (auto& [done, result] : finished) done(std::move(result));
}

void CurlMultiLoop::collect_finished(std::vector<Finished>& finished) {
  int queued = 0;
  while (CURLMsg* message = curl_multi_info_read(multi_, &queued)) {
    if (message->msg != CURLMSG_DONE) continue;
    CURL* handle = message->easy_handle;
    const CURLcode code = message->data.result;
    const auto found = transfers_.find(handle);
    if (found == transfers_.end()) continue;
    std::unique_ptr<Transfer> transfer = std::move(found->second);
    transfers_.erase(found);
    curl_multi_remove_handle(multi_, handle);
    Result<HttpResponse> result = transfer->exchange.finish(handle, code);
    // Reset before the exchange goes: the handle points into it. The connection stays in the
    // multi handle's cache for the next exchange.
    curl_easy_reset(handle);
    if (idle_handles_.size() < max_in_flight_) idle_handles_.push_back(std::move(transfer->handle));
    finished.emplace_back(std::move(transfer->done), std::move(result));
  }
}

}  // namespace refundkit::internal
