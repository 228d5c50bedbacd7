#pragma once

#include <curl/curl.h>

#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace refundkit::internal {

struct CurlEasyDeleter {
  void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};
using CurlEasyHandle = std::unique_ptr<CURL, CurlEasyDeleter>;

/// Easy handles kept for reuse. A handle keeps its connection cache, DNS cache and TLS sessions
/// across curl_easy_reset, so reusing handles is what gives keep-alive and TLS session reuse.
/// A checked-out handle belongs to one caller (one thread) until it is given back: libcurl
/// forbids using one easy handle from two threads at once.
class CurlHandlePool {
 public:
  explicit CurlHandlePool(std::size_t max_idle_handles) : max_idle_handles_(max_idle_handles) {}

  CurlHandlePool(const CurlHandlePool&) = delete;
  CurlHandlePool& operator=(const CurlHandlePool&) = delete;

  /// The most recently returned idle handle (its connection is the likeliest to be alive), or a
  /// new one; null only when libcurl cannot allocate a handle. Every handle comes with default
  /// options: configure it completely before use.
  CurlEasyHandle checkout();

  /// Resets the handle's options (dropping its pointers into the finished exchange) and keeps it
  /// for reuse; beyond max_idle_handles it is closed instead.
  void give_back(CurlEasyHandle handle) noexcept;

  std::size_t idle_count() const;

 private:
  const std::size_t max_idle_handles_;
  mutable std::mutex mutex_;
  std::vector<CurlEasyHandle> idle_;
};

/// A handle checked out for one scope; given back to its pool when the scope ends.
class CurlHandleLease {
 public:
  explicit CurlHandleLease(CurlHandlePool& pool) : pool_(pool), handle_(pool.checkout()) {}
  ~CurlHandleLease() {
    if (handle_) pool_.give_back(std::move(handle_));
  }

  CurlHandleLease(const CurlHandleLease&) = delete;
  CurlHandleLease& operator=(const CurlHandleLease&) = delete;

  CURL* get() const noexcept { return handle_.get(); }
  explicit operator bool() const noexcept { return handle_ != nullptr; }

 private:
  CurlHandlePool& pool_;
  CurlEasyHandle handle_;
};

}  // namespace refundkit::internal
