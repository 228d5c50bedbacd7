#pragma once

// The baseline of the sequential figure: what a merchant writing libcurl by hand would send, one
// reused easy handle, nothing checked but the status.

#include <curl/curl.h>

#include <string>

#include "captured_request.hpp"

namespace refundkit::bench {

class RawCurlLoop {
 public:
  /// How the body reaches libcurl. postfields is what a hand-written loop does, and what
  /// refundkit does, and libcurl then writes headers and body with one send(); read_callback is
  /// how refundkit used to hand it over (so that libcurl could not silently re-send a refund),
  /// and libcurl then writes the body with a send() of its own: the same bytes in two TCP
  /// segments.
  enum class Body { postfields, read_callback };

  /// `headers` as captured from the client, except Host and Content-Length, which libcurl writes
  /// itself; `body` is the client's body, whose reference send() replaces.
  RawCurlLoop(const std::string& url, const Headers& headers, std::string body,
              Body mode = Body::postfields);
  ~RawCurlLoop();
  RawCurlLoop(const RawCurlLoop&) = delete;
  RawCurlLoop& operator=(const RawCurlLoop&) = delete;

  /// One POST with `reference` in the body; true on a 200.
  bool send(const std::string& reference);

 private:
  static std::size_t collect(char* data, std::size_t size, std::size_t count, void* self);
  static std::size_t supply(char* buffer, std::size_t size, std::size_t count, void* self);

  CURL* handle_ = nullptr;
  curl_slist* headers_ = nullptr;
  std::string url_;
  std::string body_template_;
  Body mode_;
  std::string body_;
  std::size_t body_sent_ = 0;
  std::string answer_;
};

}  // namespace refundkit::bench
