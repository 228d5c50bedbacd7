#include "transport/curl_handle_pool.hpp"

#include <utility>

namespace refundkit::internal {

CurlEasyHandle CurlHandlePool::checkout() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      CurlEasyHandle handle = std::move(idle_.back());
      idle_.pop_back();
      return handle;
    }
  }
  return CurlEasyHandle(curl_easy_init());
}

void CurlHandlePool::give_back(CurlEasyHandle handle) noexcept {
  if (!handle) return;
  // Outside the lock: the handle is still ours alone.
  curl_easy_reset(handle.get());
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (idle_.size() < max_idle_handles_) {
      try {
        idle_.push_back(std::move(handle));
        return;
      } catch (...) {
        // Out of memory: closing the handle below loses nothing but a warm connection.
      }
    }
  }
  // Surplus handle: closed here, outside the lock, because closing its connections takes time.
  handle.reset();
}

std::size_t CurlHandlePool::idle_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return idle_.size();
}

}  // namespace refundkit::internal
