// make_logging_transport over a fake transport: the same redacted log line the curl transport
// gives, for any Transport, once per exchange, without ever changing the exchange.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "refundkit/test_support/fake_transport.hpp"
#include "refundkit/transport.hpp"

namespace refundkit {
namespace {

using test_support::FakeTransport;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kToken = "s3cr3t-bearer-token";
constexpr const char* kApiKey = "qu3ry-api-key";

class LoggingTransportTest : public ::testing::Test {
 protected:
  LoggingTransportTest()
      : transport_(make_logging_transport(inner_, [this](const HttpExchangeLog& log) {
          std::lock_guard<std::mutex> lock(mutex_);
          logs_.push_back(log);
        })) {}

  std::vector<HttpExchangeLog> logs() {
    std::lock_guard<std::mutex> lock(mutex_);
    return logs_;
  }

  static HttpRequest credentialed() {
    HttpRequest request;
    request.method = HttpMethod::post;
    request.url = std::string("https://api.example.test/refunds?api_key=") + kApiKey;
    request.headers = {{"Authorization", std::string("Bearer ") + kToken},
                       {"Content-Type", "application/json"}};
    request.body = R"({"order":"1001"})";
    return request;
  }

  std::shared_ptr<FakeTransport> inner_ = std::make_shared<FakeTransport>();
  std::mutex mutex_;
  std::vector<HttpExchangeLog> logs_;
  std::shared_ptr<Transport> transport_;
};

TEST_F(LoggingTransportTest, LogsEachExchangeOnceFailuresIncluded) {
  inner_->respond(201, R"({"id":"r-1"})", {{"Content-Type", "application/json"}});
  inner_->fail(ErrorKind::network, "could not connect; the request was not sent");
  HttpRequest request;
  request.method = HttpMethod::post;
  request.url = "https://api.example.test/refunds";
  request.body = R"({"order":"1001"})";
  ASSERT_TRUE(transport_->send(request).ok());
  ASSERT_FALSE(transport_->send(request).ok());

  const std::vector<HttpExchangeLog> seen = logs();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].method, HttpMethod::post);
  EXPECT_EQ(seen[0].url, request.url);
  EXPECT_EQ(seen[0].request_body, request.body);
  EXPECT_EQ(seen[0].status, 201);
  EXPECT_EQ(seen[0].response_body, R"({"id":"r-1"})");
  EXPECT_EQ(find_header(seen[0].response_headers, "Content-Type"), "application/json");
  EXPECT_TRUE(seen[0].error.empty());
  EXPECT_EQ(seen[1].status, 0);
  EXPECT_EQ(seen[1].error, "could not connect; the request was not sent");
}

TEST_F(LoggingTransportTest, RedactsCredentialsAndTheirEchoes) {
  inner_->respond(401, std::string("invalid token ") + kToken, {{"X-Debug", kApiKey}});
  inner_->fail(ErrorKind::outcome_unknown, std::string("dropped; key ") + kApiKey);
  (void)transport_->send(credentialed());
  (void)transport_->send(credentialed());

  const std::vector<HttpExchangeLog> seen = logs();
  ASSERT_EQ(seen.size(), 2u);
  for (const HttpExchangeLog& log : seen) {
    std::string text =
        log.url + "\n" + log.request_body + "\n" + log.response_body + "\n" + log.error + "\n";
    for (const HttpHeader& header : log.request_headers) text += header.name + ": " + header.value;
    for (const HttpHeader& header : log.response_headers) text += header.name + ": " + header.value;
    EXPECT_THAT(text, Not(HasSubstr(kToken))) << text;
    EXPECT_THAT(text, Not(HasSubstr(kApiKey))) << text;
  }
  EXPECT_EQ(find_header(seen[0].request_headers, "Authorization"), "[REDACTED]");
  EXPECT_EQ(find_header(seen[0].request_headers, "Content-Type"), "application/json");
  EXPECT_EQ(seen[0].url, "https://api.example.test/refunds?api_key=[REDACTED]");
  EXPECT_EQ(seen[0].response_body, "invalid token [REDACTED]");
  EXPECT_EQ(seen[1].error, "dropped; key [REDACTED]");
}

TEST_F(LoggingTransportTest, ReturnsWhatTheInnerTransportReturned) {
  inner_->respond(401, std::string("invalid token ") + kToken, {{"X-Debug", "d"}});
  const HttpRequest request = credentialed();
  const Result<HttpResponse> response = transport_->send(request);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 401);
  EXPECT_EQ(response->body, std::string("invalid token ") + kToken);  // redaction is the log's
  EXPECT_EQ(response->header("X-Debug"), "d");
  const HttpRequest sent = inner_->last_request();
  EXPECT_EQ(sent.url, request.url);
  EXPECT_EQ(find_header(sent.headers, "Authorization"), std::string("Bearer ") + kToken);
  EXPECT_EQ(sent.body, request.body);
}

TEST(LoggingTransportHookTest, AThrowingHookDoesNotEscapeSend) {
  const auto inner = std::make_shared<FakeTransport>();
  inner->respond(201, "created");
  int calls = 0;
  const auto transport = make_logging_transport(inner, [&calls](const HttpExchangeLog&) {
    ++calls;
    throw std::runtime_error("hook failed");
  });
  Result<HttpResponse> result = Error{};
  EXPECT_NO_THROW(result = transport->send({HttpMethod::post, "https://a.test/", {}, "{}"}));
  EXPECT_EQ(calls, 1);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, 201);  // the refund happened: that is what the caller must see
}

TEST(LoggingTransportHookTest, WithoutAHookThereIsNoLayer) {
  const auto inner = std::make_shared<FakeTransport>();
  EXPECT_EQ(make_logging_transport(inner, HttpLogHook{}), inner);
  EXPECT_EQ(make_logging_transport(nullptr, [](const HttpExchangeLog&) {}), nullptr);
}

TEST(LoggingTransportHookTest, LogsEveryExchangeFromManyThreads) {
  const auto inner = std::make_shared<FakeTransport>();
  inner->set_handler([](const HttpRequest&) -> Result<HttpResponse> {
    return test_support::make_response(200, "ok");
  });
  std::atomic<int> calls{0};
  const auto transport =
      make_logging_transport(inner, [&calls](const HttpExchangeLog&) { ++calls; });
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i)
        (void)transport->send({HttpMethod::get, "https://a.test/", {}, {}});
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(calls.load(), 200);
  EXPECT_EQ(inner->request_count(), 200u);
}

}  // namespace
}  // namespace refundkit
