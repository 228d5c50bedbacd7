#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>

#include "refundkit/result.hpp"

namespace refundkit::internal {

struct CurlUrlDeleter {
  void operator()(CURLU* url) const noexcept { curl_url_cleanup(url); }
};
using CurlUrl = std::unique_ptr<CURLU, CurlUrlDeleter>;

/// A URL that passed the policy, parsed once: curl is handed this very parse (CURLOPT_CURLU), so
/// what was checked is what is connected to.
struct CheckedUrl {
  CurlUrl url;
  bool loopback = false;  ///< The host is 127.0.0.0/8, ::1 or localhost.
};

/// Parses `url` and applies the scheme policy: https always; plain http only when
/// `allow_http_for_loopback` is set and the host is loopback. A refusal is an
/// ErrorKind::network error (nothing was sent) whose message never repeats the URL.
Result<CheckedUrl> check_url(const std::string& url, bool allow_http_for_loopback);

}  // namespace refundkit::internal
