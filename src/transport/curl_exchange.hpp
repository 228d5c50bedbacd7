#pragma once

#include <curl/curl.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "refundkit/curl_transport.hpp"
#include "refundkit/result.hpp"
#include "transport/url_policy.hpp"

namespace refundkit::internal {

struct CurlSlistDeleter {
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};
using CurlSlist = std::unique_ptr<curl_slist, CurlSlistDeleter>;

/// Response headers beyond this many bytes abandon the exchange (libcurl 7.88 bounds each header
/// line, not their number).
inline constexpr std::size_t kMaxResponseHeaderBytes = 256 * 1024;

/// One HTTP exchange on one easy handle, apart from driving it: configure() sets the handle up
/// for the request, then whoever drives it (curl_easy_perform in the blocking transport, the
/// CURLM of CurlMultiLoop for batches) runs the transfer, then finish() turns the outcome into a
/// response or a classified error.
///
/// libcurl keeps pointers into this object (buffers, header list, parsed URL) and into
/// `request` and `options`: all three must outlive the transfer, and the exchange must stay
/// where it is (it can be neither copied nor moved).
class CurlExchange {
 public:
  /// `share`, when not null, is set as the handle's CURLOPT_SHARE (see CurlShare); it must
  /// outlive the handle.
  CurlExchange(const HttpRequest& request, const CurlTransportOptions& options,
               CURLSH* share = nullptr);

  CurlExchange(const CurlExchange&) = delete;
  CurlExchange& operator=(const CurlExchange&) = delete;

  /// Applies the policy (URL scheme and host, header syntax) and sets every option on `handle`,
  /// which must be fresh or reset. An Error means nothing was sent.
  std::optional<Error> configure(CURL* handle);

  /// The response (any HTTP status), or the classified failure when `code` is not CURLE_OK.
  Result<HttpResponse> finish(CURL* handle, CURLcode code);

 private:
  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* self);
  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self);
  static int on_prereq(void* self, char* conn_primary_ip, char* conn_local_ip,
                       int conn_primary_port, int conn_local_port);
  std::size_t receive_body(const char* data, std::size_t size);
  std::size_t receive_header(const char* data, std::size_t size);
  /// Counts the requests libcurl starts; refuses a second one (a silent re-send) unless
  /// may_resend().
  int before_sending();
  /// True when libcurl may send the request again on a fresh connection: it has no body
  /// (a lost GET is harmless to repeat) or the caller declared it idempotent.
  bool may_resend() const noexcept;

  std::optional<Error> build_header_list();
  std::optional<Error> set_options(CURL* handle, bool loopback);

  const HttpRequest& request_;
  const CurlTransportOptions& options_;
  CURLSH* const share_;
  CurlUrl url_;
  CurlSlist header_list_;
  std::string user_agent_;
  int requests_started_ = 0;
  bool resend_refused_ = false;

  std::string body_;
  std::vector<HttpHeader> response_headers_;
  std::size_t header_bytes_ = 0;
  bool body_over_limit_ = false;
  bool headers_over_limit_ = false;
  bool out_of_memory_ = false;
  char error_buffer_[CURL_ERROR_SIZE] = {};
};

}  // namespace refundkit::internal
