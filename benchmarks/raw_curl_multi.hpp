#pragma once

// The second baseline of the batch figure: what a merchant writing libcurl's multi interface by
// hand would do. One multi handle, `concurrency` easy handles each reused, the client's request
// bytes handed over with CURLOPT_POSTFIELDS, a handle re-added as soon as its transfer ends,
// curl_multi_perform, and curl_multi_poll only when a perform ended nothing (as refundkit's multi
// driver does); the same connection limits as that driver (CURLMOPT_MAX_TOTAL_CONNECTIONS and
// CURLMOPT_MAXCONNECTS = concurrency). Nothing checked but the status. Between it and wrk lies
// libcurl's multi interface; between it and create_refunds lies refundkit.

#include <curl/curl.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "captured_request.hpp"

namespace refundkit::bench {

class RawCurlMulti {
 public:
  /// `headers` as captured from the client, except Host and Content-Length (headers_to_replay);
  /// `body` is the client's body, whose reference run() replaces for every request.
  RawCurlMulti(const std::string& url, const Headers& headers, std::string body,
               std::size_t concurrency);
  ~RawCurlMulti();
  RawCurlMulti(const RawCurlMulti&) = delete;
  RawCurlMulti& operator=(const RawCurlMulti&) = delete;

  /// Sends `count` POSTs, request i with reference_of(i) in its body, at most `concurrency` in
  /// flight; how many were answered 200.
  std::size_t run(std::size_t count, const std::function<std::string(std::size_t)>& reference_of);

 private:
  struct Slot {
    CURL* handle = nullptr;
    std::string body;
    std::string answer;
  };

  static std::size_t collect(char* data, std::size_t size, std::size_t count, void* slot);
  void start(Slot& slot, const std::string& reference);

  CURLM* multi_ = nullptr;
  curl_slist* headers_ = nullptr;
  std::string url_;
  std::string body_template_;
  std::vector<Slot> slots_;
};

}  // namespace refundkit::bench
