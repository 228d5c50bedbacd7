#pragma once

#include <curl/curl.h>

namespace refundkit::internal {

/// Initialises libcurl for the process on the first call and returns that call's result on every
/// later one. Thread-safe.
///
/// libcurl is deliberately never cleaned up (no curl_global_cleanup, not even at exit): other
/// code in the process (the application, other libraries) may use libcurl too, and cleaning up
/// global state under them, or in an unknown order during static destruction, is undefined.
CURLcode ensure_curl_global_init() noexcept;

}  // namespace refundkit::internal
