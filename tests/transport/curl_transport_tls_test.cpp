// HTTPS against a server whose certificate is issued at test time by a private CA: untrusted by
// default, trusted once the CA is configured; TLS sessions shared between pooled handles.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/ssl.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "refundkit/curl_transport.hpp"
#include "refundkit/sandbox/loopback_server.hpp"
#include "refundkit/test_support/gate.hpp"
#include "refundkit/test_support/loopback.hpp"
#include "refundkit/test_support/test_pki.hpp"
#include "transport/curl_share.hpp"

namespace refundkit {
namespace {

using ::testing::HasSubstr;

// What the server saw of one TLS connection's request.
struct Handshake {
  int remote_port = 0;
  bool resumed = false;  ///< The connection's handshake resumed an earlier session.
};

class CurlTransportTlsTest : public ::testing::Test {
 protected:
  CurlTransportTlsTest()
      : server_(pki_.server_cert_path().c_str(), pki_.server_key_path().c_str()) {
    server_.Post("/refunds", [](const httplib::Request& req, httplib::Response& res) {
      res.status = 201;
      res.set_content("created " + req.body, "application/json");
    });
    server_.Get("/session", [this](const httplib::Request& req, httplib::Response& res) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        handshakes_.push_back({req.remote_port, SSL_session_reused(req.ssl) == 1});
      }
      res.set_content("ok", "text/plain");
    });
    server_.Get("/hold", [this](const httplib::Request&, httplib::Response& res) {
      held_.open();
      (void)release_.wait();
      res.set_content("released", "text/plain");
    });
    // More workers than connections the tests keep open (8 threads, pooled handles), so that no
    // request waits for an idle keep-alive connection to time out.
    server_.new_task_queue = [] { return new httplib::ThreadPool(32); };
    loopback_ = std::make_unique<sandbox::LoopbackServer>(server_);
    (void)test_support::raise_listen_backlog(loopback_->port());
  }

  std::string url(const std::string& host, const std::string& path = "/refunds") const {
    return "https://" + host + ":" + std::to_string(loopback_->port()) + path;
  }

  static CurlTransportOptions https_options() {
    CurlTransportOptions options;  // defaults: https only, system trust store
    options.connect_timeout = std::chrono::seconds(2);
    options.request_timeout = std::chrono::seconds(5);
    return options;
  }

  CurlTransportOptions trusting_options() const {
    CurlTransportOptions options = https_options();
    options.ca_file = pki_.ca_cert_path();
    return options;
  }

  std::vector<Handshake> handshakes() {
    std::lock_guard<std::mutex> lock(mutex_);
    return handshakes_;
  }

  test_support::TestPki pki_;
  httplib::SSLServer server_;
  test_support::Gate held_;     // a /hold request has arrived
  test_support::Gate release_;  // lets /hold answer
  std::mutex mutex_;
  std::vector<Handshake> handshakes_;
  std::unique_ptr<sandbox::LoopbackServer> loopback_;
  // Last: released before the server stops, even when a test returns early.
  test_support::GateOpener opener_{release_};
};

TEST_F(CurlTransportTlsTest, UntrustedCertificateIsANetworkError) {
  ASSERT_TRUE(server_.is_valid());
  const auto transport = make_curl_transport(https_options());
  const Result<HttpResponse> response =
      transport->send({HttpMethod::post, url("127.0.0.1"), {}, "{}"});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, ErrorKind::network);
  EXPECT_FALSE(response.error().may_have_been_executed());
  EXPECT_THAT(response.error().message, HasSubstr("TLS certificate verification failed"));
  EXPECT_THAT(response.error().message, HasSubstr("the request was not sent"));
}

TEST_F(CurlTransportTlsTest, TrustedThroughCaFile) {
  ASSERT_TRUE(server_.is_valid());
  const auto transport = make_curl_transport(trusting_options());
  for (const char* host : {"127.0.0.1", "localhost"}) {
    const Result<HttpResponse> response = transport->send({HttpMethod::post, url(host), {}, "{}"});
    ASSERT_TRUE(response.ok()) << host << ": " << response.error().message;
    EXPECT_EQ(response->status, 201);
    EXPECT_EQ(response->body, "created {}");
  }
}

TEST_F(CurlTransportTlsTest, ABadCaFileIsANetworkError) {
  CurlTransportOptions options = https_options();
  options.ca_file = "/nonexistent/refundkit-ca.pem";
  const auto transport = make_curl_transport(options);
  const Result<HttpResponse> response =
      transport->send({HttpMethod::post, url("127.0.0.1"), {}, "{}"});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, ErrorKind::network);
  EXPECT_THAT(response.error().message, HasSubstr("the request was not sent"));
}

TEST_F(CurlTransportTlsTest, AnotherPooledHandleResumesTheTlsSessionWhereLibcurlSharesItSafely) {
  ASSERT_TRUE(server_.is_valid());
  const auto transport = make_curl_transport(trusting_options());

  // The first handle makes a full handshake; the session it gets goes into the share.
  const Result<HttpResponse> first =
      transport->send({HttpMethod::get, url("localhost", "/session"), {}, {}});
  ASSERT_TRUE(first.ok()) << first.error().message;

  // Another thread keeps that handle busy on its kept-alive connection, so the pool has to give
  // this thread a new handle with no connection of its own: its handshake can resume only with
  // the session another handle stored in the share.
  Result<HttpResponse> held = Error{};
  std::thread holder([&] {
    held = transport->send({HttpMethod::get, url("localhost", "/hold"), {}, {}});
  });
  const bool holding = held_.wait();
  const Result<HttpResponse> second =
      holding ? transport->send({HttpMethod::get, url("localhost", "/session"), {}, {}})
              : Result<HttpResponse>(Error{});
  release_.open();
  holder.join();

  ASSERT_TRUE(holding) << "the /hold request never arrived";
  ASSERT_TRUE(held.ok()) << held.error().message;
  ASSERT_TRUE(second.ok()) << second.error().message;
  const std::vector<Handshake> seen = handshakes();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_NE(seen[0].remote_port, seen[1].remote_port);  // two connections, two handles
  EXPECT_FALSE(seen[0].resumed);
  // Debian 12's libcurl 7.88 cannot share sessions between threads safely, so there the second
  // handle must not resume the first one's session (see internal::CurlShare).
  EXPECT_EQ(seen[1].resumed, internal::CurlShare::libcurl_shares_tls_sessions_safely());
}

TEST_F(CurlTransportTlsTest, EightThreadsShareSessionsAndDnsCleanly) {
  ASSERT_TRUE(server_.is_valid());
  constexpr int kThreads = 8;
  constexpr int kRequests = 10;
  CurlTransportOptions options = trusting_options();
  // Handles come and go, so handshakes (session lookups and stores in the share) overlap.
  options.max_idle_handles = 2;
  const auto transport = make_curl_transport(options);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRequests; ++i) {
        const char* host = (t + i) % 2 == 0 ? "localhost" : "127.0.0.1";
        const Result<HttpResponse> response =
            transport->send({HttpMethod::post, url(host), {}, "{}"});
        if (!response.ok() || response->status != 201) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace refundkit
