// The CURLSH behind every CurlTransport, on raw easy handles: what one handle learns (a DNS
// entry) the others see, from any thread.
#include "transport/curl_share.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "refundkit/sandbox/loopback_server.hpp"
#include "refundkit/test_support/loopback.hpp"
#include "transport/curl_exchange.hpp"
#include "transport/curl_handle_pool.hpp"

namespace refundkit::internal {
namespace {

std::size_t discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

// A GET on `handle`, which uses `share` when not null, resolving what `resolve` says.
CURLcode get(CURL* handle, const std::string& url, CURLSH* share, curl_slist* resolve = nullptr) {
  curl_easy_reset(handle);
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, 5000L);
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &discard);
  if (share != nullptr) curl_easy_setopt(handle, CURLOPT_SHARE, share);
  if (resolve != nullptr) curl_easy_setopt(handle, CURLOPT_RESOLVE, resolve);
  return curl_easy_perform(handle);
}

class CurlShareTest : public ::testing::Test {
 protected:
  // The server listens on 127.0.0.2 only, so "localhost" (127.0.0.1 and ::1, which libcurl
  // resolves by itself, without DNS) does not reach it: only a DNS cache entry saying
  // localhost is 127.0.0.2 does.
  CurlShareTest() {
    server_.Get("/", [this](const httplib::Request&, httplib::Response& res) {
      ++hits_;
      res.set_content("ok", "text/plain");
    });
    loopback_ = std::make_unique<sandbox::LoopbackServer>(server_, "127.0.0.2");
    (void)test_support::raise_listen_backlog(loopback_->port());
    url_ = "http://localhost:" + std::to_string(loopback_->port()) + "/";
    const std::string entry = "localhost:" + std::to_string(loopback_->port()) + ":127.0.0.2";
    resolve_.reset(curl_slist_append(nullptr, entry.c_str()));
  }

  httplib::Server server_;
  std::unique_ptr<sandbox::LoopbackServer> loopback_;
  std::atomic<int> hits_{0};
  std::string url_;
  CurlSlist resolve_;
};

TEST_F(CurlShareTest, IsSetUp) {
  const CurlShare share;
  EXPECT_NE(share.get(), nullptr);
}

TEST_F(CurlShareTest, AHandleOnAnotherThreadUsesWhatTheFirstResolved) {
  // Declared first: handles must be cleaned up before the share they use.
  const CurlShare share;
  ASSERT_NE(share.get(), nullptr);
  const CurlEasyHandle first(curl_easy_init());
  const CurlEasyHandle second(curl_easy_init());
  ASSERT_TRUE(first && second);

  ASSERT_EQ(get(first.get(), url_, share.get(), resolve_.get()), CURLE_OK);
  CURLcode code = CURLE_FAILED_INIT;
  std::thread other([&] { code = get(second.get(), url_, share.get()); });
  other.join();
  EXPECT_EQ(code, CURLE_OK) << curl_easy_strerror(code);
  EXPECT_EQ(hits_.load(), 2);
}

TEST_F(CurlShareTest, WithoutTheShareTheSecondHandleKnowsNothing) {
  // The control for the test above: the entry lives in the first handle alone.
  const CurlEasyHandle first(curl_easy_init());
  const CurlEasyHandle second(curl_easy_init());
  ASSERT_TRUE(first && second);
  ASSERT_EQ(get(first.get(), url_, nullptr, resolve_.get()), CURLE_OK);
  EXPECT_NE(get(second.get(), url_, nullptr), CURLE_OK);
  EXPECT_EQ(hits_.load(), 1);
}

TEST_F(CurlShareTest, EightThreadsUseOneShareCleanly) {
  constexpr int kThreads = 8;
  constexpr int kRequests = 20;
  const CurlShare share;
  ASSERT_NE(share.get(), nullptr);
  {
    const CurlEasyHandle seed(curl_easy_init());
    ASSERT_EQ(get(seed.get(), url_, share.get(), resolve_.get()), CURLE_OK);
  }
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      const CurlEasyHandle handle(curl_easy_init());
      for (int i = 0; i < kRequests; ++i) {
        if (!handle || get(handle.get(), url_, share.get()) != CURLE_OK) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(hits_.load(), 1 + kThreads * kRequests);
}

}  // namespace
}  // namespace refundkit::internal
