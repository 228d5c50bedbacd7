#include "raw_curl.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace refundkit::bench {

RawCurlLoop::RawCurlLoop(const std::string& url, const Headers& headers, std::string body,
                         Body mode)
    : url_(url), body_template_(std::move(body)), mode_(mode) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  handle_ = curl_easy_init();
  if (handle_ == nullptr) throw std::runtime_error("curl_easy_init failed");
  // The captured headers are the whole set libcurl then sends: the client's Accept replaces
  // libcurl's "Accept: */*", and a body this small gets no "Expect: 100-continue".
  for (const auto& [name, value] : headers) {
    headers_ = curl_slist_append(headers_, (name + ": " + value).c_str());
  }
  curl_easy_setopt(handle_, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(handle_, CURLOPT_HTTPHEADER, headers_);
  curl_easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle_, CURLOPT_WRITEFUNCTION, &RawCurlLoop::collect);
  curl_easy_setopt(handle_, CURLOPT_WRITEDATA, static_cast<void*>(this));
  if (mode_ == Body::read_callback) {
    curl_easy_setopt(handle_, CURLOPT_POST, 1L);
    curl_easy_setopt(handle_, CURLOPT_READFUNCTION, &RawCurlLoop::supply);
    curl_easy_setopt(handle_, CURLOPT_READDATA, static_cast<void*>(this));
  }
}

RawCurlLoop::~RawCurlLoop() {
  curl_easy_cleanup(handle_);
  curl_slist_free_all(headers_);
}

std::size_t RawCurlLoop::collect(char* data, std::size_t size, std::size_t count, void* self) {
  static_cast<RawCurlLoop*>(self)->answer_.append(data, size * count);
  return size * count;
}

std::size_t RawCurlLoop::supply(char* buffer, std::size_t size, std::size_t count, void* self) {
  RawCurlLoop& loop = *static_cast<RawCurlLoop*>(self);
  const std::size_t chunk = std::min(size * count, loop.body_.size() - loop.body_sent_);
  std::memcpy(buffer, loop.body_.data() + loop.body_sent_, chunk);
  loop.body_sent_ += chunk;
  return chunk;
}

bool RawCurlLoop::send(const std::string& reference) {
  body_ = with_reference(body_template_, reference);
  body_sent_ = 0;
  answer_.clear();
  if (mode_ == Body::postfields) {
    curl_easy_setopt(handle_, CURLOPT_POSTFIELDS, body_.c_str());
    curl_easy_setopt(handle_, CURLOPT_POSTFIELDSIZE, static_cast<long>(body_.size()));
  } else {
    curl_easy_setopt(handle_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body_.size()));
  }
  long status = 0;
  return curl_easy_perform(handle_) == CURLE_OK &&
         curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK && status == 200 &&
         !answer_.empty();
}

}  // namespace refundkit::bench
