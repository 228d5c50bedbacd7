#pragma once

#include <curl/curl.h>

#include <array>
#include <memory>
#include <mutex>

namespace refundkit::internal {

/// One CURLSH for the easy handles of one transport: they share the DNS cache, so that a handle
/// fresh from the pool resolves nothing, and, with a libcurl that shares them safely, TLS
/// sessions, so that it resumes the session another handle negotiated. The connection cache is
/// not shared: libcurl documents sharing connections between threads as unsupported, and each
/// pooled handle keeps its own keep-alive connections.
///
/// libcurl before 8.11 hands one OpenSSL SSL_SESSION object to handshakes on several threads at
/// once (a data race ThreadSanitizer reports here, fixed upstream by curl pull request 14751,
/// which serialises sessions): with such a libcurl, TLS sessions stay per handle.
///
/// libcurl calls the lock callbacks from whichever thread uses a handle; each kind of shared data
/// has its own mutex, so resolving never waits for a TLS session lookup. Every easy handle that
/// uses the share must be cleaned up before the share is destroyed.
class CurlShare {
 public:
  /// get() is null when libcurl could not set the share up: handles then simply share nothing.
  CurlShare();
  CurlShare(const CurlShare&) = delete;
  CurlShare& operator=(const CurlShare&) = delete;

  CURLSH* get() const noexcept { return share_.get(); }
  /// Whether TLS sessions are shared (see above); DNS always is when get() is not null.
  bool shares_tls_sessions() const noexcept { return shares_tls_sessions_; }

  /// True when the running libcurl shares TLS sessions between threads safely (8.11 or later).
  static bool libcurl_shares_tls_sessions_safely() noexcept;

 private:
  struct ShareDeleter {
    void operator()(CURLSH* share) const noexcept { curl_share_cleanup(share); }
  };

  static void lock(CURL* handle, curl_lock_data data, curl_lock_access access, void* self);
  static void unlock(CURL* handle, curl_lock_data data, void* self);
  std::mutex* mutex_for(curl_lock_data data) noexcept;

  // Declared before share_: curl_share_cleanup still locks, so the mutexes must outlive it.
  std::array<std::mutex, CURL_LOCK_DATA_LAST> mutexes_;
  std::unique_ptr<CURLSH, ShareDeleter> share_;
  bool shares_tls_sessions_ = false;
};

}  // namespace refundkit::internal
