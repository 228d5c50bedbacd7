#include "transport/curl_global.hpp"

namespace refundkit::internal {

CURLcode ensure_curl_global_init() noexcept {
  // A function-local static runs exactly once, even with concurrent first callers, and only on
  // first use: never from a static initialiser, where the order relative to libcurl's own
  // dependencies (OpenSSL) is unspecified.
  static const CURLcode result = curl_global_init(CURL_GLOBAL_DEFAULT);
  return result;
}

}  // namespace refundkit::internal
