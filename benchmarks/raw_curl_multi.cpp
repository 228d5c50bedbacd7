#include "raw_curl_multi.hpp"

#include <stdexcept>

namespace refundkit::bench {

RawCurlMulti::RawCurlMulti(const std::string& url, const Headers& headers, std::string body,
                           std::size_t concurrency)
    : url_(url), body_template_(std::move(body)), slots_(concurrency) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  multi_ = curl_multi_init();
  if (multi_ == nullptr) throw std::runtime_error("curl_multi_init failed");
  const long connections = static_cast<long>(concurrency);
  curl_multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS, connections);
  curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, connections);
  for (const auto& [name, value] : headers) {
    headers_ = curl_slist_append(headers_, (name + ": " + value).c_str());
  }
  // Every option set once; only the body changes from one request to the next.
  for (Slot& slot : slots_) {
    slot.handle = curl_easy_init();
    if (slot.handle == nullptr) throw std::runtime_error("curl_easy_init failed");
    curl_easy_setopt(slot.handle, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(slot.handle, CURLOPT_HTTPHEADER, headers_);
    curl_easy_setopt(slot.handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(slot.handle, CURLOPT_WRITEFUNCTION, &RawCurlMulti::collect);
    curl_easy_setopt(slot.handle, CURLOPT_WRITEDATA, static_cast<void*>(&slot));
    curl_easy_setopt(slot.handle, CURLOPT_PRIVATE, static_cast<void*>(&slot));
  }
}

RawCurlMulti::~RawCurlMulti() {
  for (Slot& slot : slots_) {
    curl_multi_remove_handle(multi_, slot.handle);
    curl_easy_cleanup(slot.handle);
  }
  curl_multi_cleanup(multi_);
  curl_slist_free_all(headers_);
}

std::size_t RawCurlMulti::collect(char* data, std::size_t size, std::size_t count, void* slot) {
  static_cast<Slot*>(slot)->answer.append(data, size * count);
  return size * count;
}

void RawCurlMulti::start(Slot& slot, const std::string& reference) {
  slot.body = with_reference(body_template_, reference);
  slot.answer.clear();
  curl_easy_setopt(slot.handle, CURLOPT_POSTFIELDS, slot.body.c_str());
  curl_easy_setopt(slot.handle, CURLOPT_POSTFIELDSIZE, static_cast<long>(slot.body.size()));
  if (curl_multi_add_handle(multi_, slot.handle) != CURLM_OK) {
    throw std::runtime_error("curl_multi_add_handle failed");
  }
}

std::size_t RawCurlMulti::run(std::size_t count,
                              const std::function<std::string(std::size_t)>& reference_of) {
  std::size_t started = 0, finished = 0, ok = 0;
  for (Slot& slot : slots_) {
    if (started == count) break;
    start(slot, reference_of(started++));
  }
  int running = 0;
  while (finished < count) {
    curl_multi_perform(multi_, &running);
    const std::size_t finished_before = finished;
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_, &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      CURL* handle = message->easy_handle;
      long status = 0;
      curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
      void* slot = nullptr;
      curl_easy_getinfo(handle, CURLINFO_PRIVATE, &slot);
      Slot& done = *static_cast<Slot*>(slot);
      if (message->data.result == CURLE_OK && status == 200 && !done.answer.empty()) ++ok;
      ++finished;
      curl_multi_remove_handle(multi_, handle);
      // Straight back in with the next request: its connection stays in the multi's cache.
      if (started < count) start(done, reference_of(started++));
    }
    // Wait only when nothing ended: re-added transfers are sent by the next perform at once.
    if (finished == finished_before) curl_multi_poll(multi_, nullptr, 0, 1000, nullptr);
  }
  return ok;
}

}  // namespace refundkit::bench
