// The libcurl transport against real cpp-httplib servers on 127.0.0.1: what arrives at the
// server, what comes back, connection reuse, concurrency and redirects.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "refundkit/curl_transport.hpp"
#include "refundkit/sandbox/loopback_server.hpp"
#include "refundkit/test_support/connection_tracker.hpp"
#include "refundkit/test_support/loopback.hpp"
#include "refundkit/version.hpp"

namespace refundkit {
namespace {

using sandbox::LoopbackServer;
using test_support::ConnectionTracker;
using test_support::loopback_options;

// What the server saw of the last request.
struct SeenRequest {
  std::string method;
  std::string path;
  std::string body;
  std::multimap<std::string, std::string> headers;
};

class CurlTransportHttpTest : public ::testing::Test {
 protected:
  CurlTransportHttpTest() {
    const auto record = [this](const httplib::Request& req, httplib::Response& res) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        seen_.method = req.method;
        seen_.path = req.path;
        seen_.body = req.body;
        seen_.headers.clear();
        for (const auto& [name, value] : req.headers) seen_.headers.emplace(name, value);
      }
      connections_.saw(req.remote_addr, req.remote_port);
      res.set_header("X-Request-Id", "req-1");
      res.set_content(req.method + " " + req.path + " " + req.body, "text/plain");
    };
    server_.Get("/echo", record);
    server_.Post("/echo", record);
    server_.Put("/echo", record);
    server_.Get("/not-found", [](const httplib::Request&, httplib::Response& res) {
      res.status = 404;
      res.set_content("{\"error\":\"order not found\"}", "application/json");
    });
    server_.Post("/unavailable", [](const httplib::Request&, httplib::Response& res) {
      res.status = 503;
      res.set_header("Retry-After", "7");
      res.set_content("try later", "text/plain");
    });
    server_.Get("/redirect", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("/target", 302);
    });
    server_.Get("/target", [this](const httplib::Request&, httplib::Response& res) {
      ++target_hits_;
      res.set_content("target", "text/plain");
    });
    loopback_ = std::make_unique<LoopbackServer>(server_);
  }

  std::string url(const std::string& path) const { return loopback_->base_url() + path; }

  SeenRequest seen() {
    std::lock_guard<std::mutex> lock(mutex_);
    return seen_;
  }

  // What the handlers touch is declared before the server, so that it outlives the server's
  // worker threads (members are destroyed in reverse order).
  std::mutex mutex_;
  SeenRequest seen_;
  ConnectionTracker connections_;
  std::atomic<int> target_hits_{0};
  httplib::Server server_;
  std::unique_ptr<LoopbackServer> loopback_;
};

TEST_F(CurlTransportHttpTest, GetReturnsStatusHeadersAndBody) {
  const auto transport = make_curl_transport(loopback_options());
  const Result<HttpResponse> response = transport->send({HttpMethod::get, url("/echo"), {}, {}});
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "GET /echo ");
  EXPECT_EQ(response->header("x-request-id"), "req-1");
  EXPECT_EQ(response->header("Content-Type"), "text/plain");
  EXPECT_EQ(seen().method, "GET");
}

TEST_F(CurlTransportHttpTest, SendsTheRefundkitUserAgent) {
  const auto transport = make_curl_transport(loopback_options());
  ASSERT_TRUE(transport->send({HttpMethod::get, url("/echo"), {}, {}}).ok());
  const SeenRequest request = seen();
  ASSERT_EQ(request.headers.count("User-Agent"), 1u);
  EXPECT_EQ(request.headers.find("User-Agent")->second,
            std::string("refundkit/") + version_string());
}

TEST_F(CurlTransportHttpTest, PostAndPutDeliverHeadersAndBodyByteExact) {
  const auto transport = make_curl_transport(loopback_options());
  const std::string body = std::string(
                               "{\"amount\":\"12.30\",\"note\":\"Gr\xC3\xBC\xC3\x9F"
                               "e\"}") +
                           std::string("\0\x01\xff tail", 8);
  for (HttpMethod method : {HttpMethod::post, HttpMethod::put}) {
    HttpRequest request;
    request.method = method;
    request.url = url("/echo");
    request.headers = {{"Content-Type", "application/json; charset=utf-8"},
                       {"X-Custom", "value with  inner  spaces, and \"quotes\""}};
    request.body = body;
    const Result<HttpResponse> response = transport->send(request);
    ASSERT_TRUE(response.ok()) << response.error().message;
    EXPECT_EQ(response->status, 200);

    const SeenRequest arrived = seen();
    EXPECT_EQ(arrived.method, to_string(method));
    EXPECT_EQ(arrived.body, body);
    EXPECT_EQ(arrived.headers.find("Content-Type")->second, "application/json; charset=utf-8");
    EXPECT_EQ(arrived.headers.find("X-Custom")->second,
              "value with  inner  spaces, and \"quotes\"");
    EXPECT_EQ(arrived.headers.find("Content-Length")->second, std::to_string(body.size()));
    EXPECT_EQ(arrived.headers.count("Expect"), 0u);
  }
}

TEST_F(CurlTransportHttpTest, LargeBodiesArriveByteExactWithoutExpectContinue) {
  CurlTransportOptions options = loopback_options();
  options.max_response_bytes = 4 * 1024 * 1024;  // the echo repeats the body
  const auto transport = make_curl_transport(options);
  std::string body(3 * 1024 * 1024 / 2, '\0');  // above libcurl's 1 MiB Expect threshold
  for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>(i * 131 % 251);
  for (HttpMethod method : {HttpMethod::post, HttpMethod::put}) {
    HttpRequest request{method, url("/echo"), {}, body};
    request.idempotent = method == HttpMethod::put;
    const Result<HttpResponse> response = transport->send(request);
    ASSERT_TRUE(response.ok()) << response.error().message;
    const SeenRequest arrived = seen();
    EXPECT_EQ(arrived.method, to_string(method));
    EXPECT_TRUE(arrived.body == body) << "body differs, " << arrived.body.size() << " bytes";
    EXPECT_EQ(arrived.headers.count("Expect"), 0u);
  }
}

TEST_F(CurlTransportHttpTest, AddsNoContentTypeOfItsOwn) {
  const auto transport = make_curl_transport(loopback_options());
  HttpRequest request{HttpMethod::post, url("/echo"), {}, "a=b"};
  ASSERT_TRUE(transport->send(request).ok());
  EXPECT_EQ(seen().headers.count("Content-Type"), 0u);
  EXPECT_EQ(seen().body, "a=b");
}

TEST_F(CurlTransportHttpTest, EmptyPostSendsContentLengthZero) {
  const auto transport = make_curl_transport(loopback_options());
  const Result<HttpResponse> response = transport->send({HttpMethod::post, url("/echo"), {}, {}});
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(seen().headers.find("Content-Length")->second, "0");
}

TEST_F(CurlTransportHttpTest, ErrorStatusesAreResponsesNotErrors) {
  const auto transport = make_curl_transport(loopback_options());
  const Result<HttpResponse> not_found =
      transport->send({HttpMethod::get, url("/not-found"), {}, {}});
  ASSERT_TRUE(not_found.ok()) << not_found.error().message;
  EXPECT_EQ(not_found->status, 404);
  EXPECT_EQ(not_found->body, "{\"error\":\"order not found\"}");

  const Result<HttpResponse> unavailable =
      transport->send({HttpMethod::post, url("/unavailable"), {}, "{}"});
  ASSERT_TRUE(unavailable.ok()) << unavailable.error().message;
  EXPECT_EQ(unavailable->status, 503);
  EXPECT_EQ(unavailable->header("Retry-After"), "7");
  EXPECT_EQ(unavailable->body, "try later");
}

TEST_F(CurlTransportHttpTest, SequentialRequestsReuseOneConnection) {
  const auto transport = make_curl_transport(loopback_options());
  for (int i = 0; i < 20; ++i) {
    const Result<HttpResponse> response =
        transport->send({HttpMethod::post, url("/echo"), {}, "request " + std::to_string(i)});
    ASSERT_TRUE(response.ok()) << response.error().message;
    EXPECT_EQ(response->body, "POST /echo request " + std::to_string(i));
  }
  EXPECT_EQ(connections_.distinct(), 1u);
}

TEST_F(CurlTransportHttpTest, ConcurrentSendsThroughOneTransportAllSucceed) {
  const auto transport = make_curl_transport(loopback_options());
  constexpr int kThreads = 6;  // below cpp-httplib's 8 workers: each keeps a connection open
  constexpr int kRequestsPerThread = 10;
  std::atomic<int> succeeded{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRequestsPerThread; ++i) {
        const std::string body = std::to_string(t) + "-" + std::to_string(i);
        const Result<HttpResponse> response =
            transport->send({HttpMethod::post, url("/echo"), {}, body});
        if (response.ok() && response->status == 200 && response->body == "POST /echo " + body) {
          ++succeeded;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(succeeded.load(), kThreads * kRequestsPerThread);
  EXPECT_LE(connections_.distinct(), static_cast<std::size_t>(kThreads));
}

TEST_F(CurlTransportHttpTest, DoesNotFollowRedirects) {
  const auto transport = make_curl_transport(loopback_options());
  const Result<HttpResponse> response =
      transport->send({HttpMethod::get, url("/redirect"), {}, {}});
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 302);
  EXPECT_EQ(response->header("Location"), "/target");
  EXPECT_EQ(target_hits_.load(), 0);
}

TEST_F(CurlTransportHttpTest, RefusesPlainHttpToLoopbackUnlessAllowed) {
  CurlTransportOptions options = loopback_options();
  options.allow_http_for_loopback = false;
  const auto transport = make_curl_transport(options);
  const Result<HttpResponse> response = transport->send({HttpMethod::get, url("/echo"), {}, {}});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, ErrorKind::network);
  EXPECT_EQ(response.error().message,
            "plain http is not allowed (https only; allow_http_for_loopback is off); the request "
            "was not sent");
  EXPECT_EQ(connections_.distinct(), 0u);
}

TEST_F(CurlTransportHttpTest, RejectsHeaderInjectionBeforeSending) {
  const auto transport = make_curl_transport(loopback_options());
  HttpRequest request{HttpMethod::get, url("/echo"), {{"X-Note", "a\r\nX-Injected: 1"}}, {}};
  const Result<HttpResponse> response = transport->send(request);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, ErrorKind::invalid_request);
  EXPECT_THAT(response.error().message, ::testing::Not(::testing::HasSubstr("Injected")));
  EXPECT_EQ(connections_.distinct(), 0u);
}

TEST_F(CurlTransportHttpTest, RejectsRequestsItCannotFrameFaithfully) {
  const auto transport = make_curl_transport(loopback_options());
  const std::vector<HttpRequest> requests = {
      {HttpMethod::get, url("/echo"), {}, "a GET body"},
      {HttpMethod::post, url("/echo"), {{"Content-Length", "3"}}, "abcdef"},
      {HttpMethod::post, url("/echo"), {{"Transfer-Encoding", "chunked"}}, "abc"},
      {HttpMethod::post, url("/echo"), {{"Bad Name", "x"}}, "abc"},
  };
  for (const HttpRequest& request : requests) {
    const Result<HttpResponse> response = transport->send(request);
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(response.error().kind, ErrorKind::invalid_request);
    EXPECT_THAT(response.error().message, ::testing::HasSubstr("the request was not sent"));
  }
  EXPECT_EQ(connections_.distinct(), 0u);
}

TEST(CurlTransportPolicyTest, RefusesPlainHttpToANonLoopbackHostBeforeAnyLookup) {
  const auto transport = make_curl_transport(loopback_options());
  // Whether or not example.com resolves here, the refusal has to come first.
  const Result<HttpResponse> response =
      transport->send({HttpMethod::post, "http://example.com/refunds", {}, "{}"});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, ErrorKind::network);
  EXPECT_EQ(response.error().message,
            "plain http is only allowed for loopback hosts; the request was not sent");
}

TEST(CurlTransportPolicyTest, RefusesOtherSchemesAndMalformedUrls) {
  const auto transport = make_curl_transport(loopback_options());
  for (const char* url : {"ftp://127.0.0.1/x", "file:///etc/passwd", "no scheme at all", ""}) {
    const Result<HttpResponse> response = transport->send({HttpMethod::get, url, {}, {}});
    ASSERT_FALSE(response.ok()) << url;
    EXPECT_EQ(response.error().kind, ErrorKind::network) << url;
    EXPECT_THAT(response.error().message, ::testing::HasSubstr("the request was not sent"));
  }
}

}  // namespace
}  // namespace refundkit
