// How the transport fails: refused connections, timeouts before and after the server got the
// request, and responses over the size limit (with Content-Length and chunked).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string>

#include "refundkit/curl_transport.hpp"
#include "refundkit/sandbox/loopback_server.hpp"
#include "refundkit/test_support/gate.hpp"
#include "refundkit/test_support/loopback.hpp"

namespace refundkit {
namespace {

using sandbox::LoopbackServer;
using test_support::Gate;
using test_support::GateOpener;
using test_support::loopback_options;
using ::testing::HasSubstr;

constexpr std::size_t kLimit = 1000;

TEST(CurlTransportFailureTest, ClosedPortIsANetworkError) {
  const auto transport = make_curl_transport(loopback_options());
  const std::string url =
      "http://127.0.0.1:" + std::to_string(test_support::closed_loopback_port()) + "/refunds";
  const Result<HttpResponse> response = transport->send({HttpMethod::post, url, {}, "{}"});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, ErrorKind::network);
  EXPECT_FALSE(response.error().may_have_been_executed());
  EXPECT_EQ(response.error().http_status, 0);
  EXPECT_THAT(response.error().message, HasSubstr("could not connect; the request was not sent"));
}

TEST(CurlTransportFailureTest, ConnectTimeoutIsANetworkError) {
  const test_support::UnresponsiveListener listener;
  CurlTransportOptions options = loopback_options();
  options.connect_timeout = std::chrono::milliseconds(200);
  const auto transport = make_curl_transport(options);
  const std::string url = "http://127.0.0.1:" + std::to_string(listener.port()) + "/refunds";
  const Result<HttpResponse> response = transport->send({HttpMethod::post, url, {}, "{}"});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, ErrorKind::network);
  EXPECT_THAT(response.error().message,
              HasSubstr("timed out while connecting; the request was not sent"));
}

class SlowServerTest : public ::testing::Test {
 protected:
  SlowServerTest() {
    server_.Post("/slow", [this](const httplib::Request&, httplib::Response& res) {
      ++hits_;
      gate_.wait();
      res.set_content("too late", "text/plain");
    });
    // Headers go out at once, then the body stalls until the gate opens.
    server_.Get("/stalling-body", [this](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("text/plain", [this](size_t, httplib::DataSink& sink) {
        sink.write("partial", 7);
        gate_.wait();
        sink.done();
        return true;
      });
    });
    server_.Get("/fast", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("fast", "text/plain");
    });
    loopback_ = std::make_unique<LoopbackServer>(server_);
    opener_ = std::make_unique<GateOpener>(gate_);
  }
  ~SlowServerTest() override {
    opener_.reset();  // release the handlers first, so the server stops promptly
    loopback_.reset();
  }

  CurlTransportOptions short_timeout() const {
    CurlTransportOptions options = loopback_options();
    options.request_timeout = std::chrono::milliseconds(200);
    return options;
  }

  Gate gate_;
  std::atomic<int> hits_{0};
  httplib::Server server_;
  std::unique_ptr<LoopbackServer> loopback_;
  std::unique_ptr<GateOpener> opener_;
};

TEST_F(SlowServerTest, TimeoutWaitingForTheResponseIsOutcomeUnknown) {
  const auto transport = make_curl_transport(short_timeout());
  const Result<HttpResponse> response =
      transport->send({HttpMethod::post, loopback_->base_url() + "/slow", {}, "{}"});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, ErrorKind::outcome_unknown);
  EXPECT_TRUE(response.error().may_have_been_executed());
  EXPECT_EQ(response.error().http_status, 0);
  EXPECT_EQ(response.error().message,
            "timed out after 200 ms waiting for the response; the request may have been "
            "processed");
  EXPECT_EQ(hits_.load(), 1);
}

TEST_F(SlowServerTest, TimeoutWhileReceivingTheBodyKeepsTheStatus) {
  const auto transport = make_curl_transport(short_timeout());
  const Result<HttpResponse> response =
      transport->send({HttpMethod::get, loopback_->base_url() + "/stalling-body", {}, {}});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, ErrorKind::outcome_unknown);
  EXPECT_EQ(response.error().http_status, 200);
  EXPECT_EQ(response.error().raw_body, "partial");
  EXPECT_THAT(response.error().message, HasSubstr("while receiving the response (HTTP 200)"));
}

TEST_F(SlowServerTest, TheTransportStaysUsableAfterATimeout) {
  const auto transport = make_curl_transport(short_timeout());
  ASSERT_FALSE(transport->send({HttpMethod::post, loopback_->base_url() + "/slow", {}, "{}"}).ok());
  const Result<HttpResponse> response =
      transport->send({HttpMethod::get, loopback_->base_url() + "/fast", {}, {}});
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->body, "fast");
}

class ResponseLimitTest : public ::testing::Test {
 protected:
  ResponseLimitTest() {
    server_.Get("/sized", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(std::string(std::stoul(req.get_param_value("n")), 'a'), "text/plain");
    });
    // A chunked body of n bytes (no Content-Length), in 256-byte chunks.
    server_.Get("/chunked", [](const httplib::Request& req, httplib::Response& res) {
      const std::size_t total = std::stoul(req.get_param_value("n"));
      res.set_chunked_content_provider(
          "text/plain", [total, sent = std::size_t{0}](size_t, httplib::DataSink& sink) mutable {
            const std::string chunk(std::min<std::size_t>(256, total - sent), 'c');
            if (!sink.write(chunk.data(), chunk.size())) return false;  // client gave up
            sent += chunk.size();
            if (sent == total) sink.done();
            return true;
          });
    });
    loopback_ = std::make_unique<LoopbackServer>(server_);
    CurlTransportOptions options = loopback_options();
    options.max_response_bytes = kLimit;
    transport_ = make_curl_transport(options);
  }

  Result<HttpResponse> get(const std::string& path, std::size_t size) {
    return transport_->send(
        {HttpMethod::get, loopback_->base_url() + path + "?n=" + std::to_string(size), {}, {}});
  }

  httplib::Server server_;
  std::unique_ptr<LoopbackServer> loopback_;
  std::shared_ptr<Transport> transport_;
};

TEST_F(ResponseLimitTest, BodiesExactlyAtTheLimitSucceed) {
  for (const char* path : {"/sized", "/chunked"}) {
    const Result<HttpResponse> response = get(path, kLimit);
    ASSERT_TRUE(response.ok()) << path << ": " << response.error().message;
    EXPECT_EQ(response->body.size(), kLimit) << path;
  }
}

TEST_F(ResponseLimitTest, ContentLengthOverTheLimitIsAbandoned) {
  for (std::size_t size : {kLimit + 1, std::size_t{5'000'000}}) {
    const Result<HttpResponse> response = get("/sized", size);
    ASSERT_FALSE(response.ok()) << size;
    EXPECT_EQ(response.error().kind, ErrorKind::outcome_unknown);
    EXPECT_EQ(response.error().http_status, 200);
    EXPECT_EQ(response.error().message,
              "response exceeded the 1000-byte limit; the request may have been processed");
    EXPECT_LE(response.error().raw_body.size(), kLimit);
  }
}

TEST_F(ResponseLimitTest, ChunkedBodyOverTheLimitIsAbandonedWhileReceiving) {
  for (std::size_t size : {kLimit + 1, std::size_t{5'000'000}}) {
    const Result<HttpResponse> response = get("/chunked", size);
    ASSERT_FALSE(response.ok()) << size;
    EXPECT_EQ(response.error().kind, ErrorKind::outcome_unknown);
    EXPECT_EQ(response.error().http_status, 200);
    EXPECT_EQ(response.error().message,
              "response exceeded the 1000-byte limit; the request may have been processed");
    // What arrived is kept for debugging, but never more than the limit.
    EXPECT_EQ(response.error().raw_body, std::string(kLimit, 'c'));
  }
}

TEST_F(ResponseLimitTest, TheTransportStaysUsableAfterAnAbandonedResponse) {
  ASSERT_FALSE(get("/chunked", 5'000'000).ok());
  const Result<HttpResponse> response = get("/sized", 10);
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->body, std::string(10, 'a'));
}

}  // namespace
}  // namespace refundkit
