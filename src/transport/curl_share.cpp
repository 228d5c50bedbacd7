#include "transport/curl_share.hpp"

#include <cstddef>

#include "transport/curl_global.hpp"

namespace refundkit::internal {

CurlShare::CurlShare() {
  if (ensure_curl_global_init() != CURLE_OK) return;
  std::unique_ptr<CURLSH, ShareDeleter> share(curl_share_init());
  if (!share) return;
  const bool tls_sessions = libcurl_shares_tls_sessions_safely();
  const bool configured =
      curl_share_setopt(share.get(), CURLSHOPT_LOCKFUNC, &CurlShare::lock) == CURLSHE_OK &&
      curl_share_setopt(share.get(), CURLSHOPT_UNLOCKFUNC, &CurlShare::unlock) == CURLSHE_OK &&
      curl_share_setopt(share.get(), CURLSHOPT_USERDATA, static_cast<void*>(this)) == CURLSHE_OK &&
      curl_share_setopt(share.get(), CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS) == CURLSHE_OK &&
      (!tls_sessions ||
       curl_share_setopt(share.get(), CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION) == CURLSHE_OK);
  // All or nothing: a transport either shares what it asked for or runs exactly as one without a
  // share.
  if (configured) {
    share_ = std::move(share);
    shares_tls_sessions_ = tls_sessions;
  }
}

bool CurlShare::libcurl_shares_tls_sessions_safely() noexcept {
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  return info != nullptr && info->version_num >= 0x080B00;
}

std::mutex* CurlShare::mutex_for(curl_lock_data data) noexcept {
  const auto index = static_cast<std::size_t>(data);
  return index < mutexes_.size() ? &mutexes_[index] : nullptr;
}

void CurlShare::lock(CURL*, curl_lock_data data, curl_lock_access, void* self) {
  if (std::mutex* mutex = static_cast<CurlShare*>(self)->mutex_for(data)) mutex->lock();
}

void CurlShare::unlock(CURL*, curl_lock_data data, void* self) {
  if (std::mutex* mutex = static_cast<CurlShare*>(self)->mutex_for(data)) mutex->unlock();
}

}  // namespace refundkit::internal
