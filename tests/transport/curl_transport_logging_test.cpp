// What the log hook and the errors show: credentials never, allow-listed headers and the
// vendor's response always; one call per exchange, failures included.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <vector>

#include "refundkit/curl_transport.hpp"
#include "refundkit/sandbox/loopback_server.hpp"
#include "refundkit/test_support/gate.hpp"
#include "refundkit/test_support/loopback.hpp"

namespace refundkit {
namespace {

using sandbox::LoopbackServer;
using test_support::Gate;
using test_support::GateOpener;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kEchoedKey = "kk-live-secret-123";

const std::vector<std::string> kSecrets = {"s3cr3t-token", "kk-secret",    "xauth-s3cret",
                                           "b0dy-secret",  "qu3ry-secret", "c00kie-secret",
                                           "us3r-pass"};

// Everything a hook could print, in one string.
std::string flatten(const HttpExchangeLog& log) {
  std::string text = std::string(to_string(log.method)) + " " + log.url + "\n";
  for (const HttpHeader& header : log.request_headers)
    text += header.name + ": " + header.value + "\n";
  text += log.request_body + "\n" + std::to_string(log.status) + "\n";
  for (const HttpHeader& header : log.response_headers)
    text += header.name + ": " + header.value + "\n";
  text += log.response_body + "\n" + log.error + "\n";
  return text;
}

class CurlTransportLoggingTest : public ::testing::Test {
 protected:
  CurlTransportLoggingTest() {
    server_.Post("/login", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Set-Cookie", "session=c00kie-secret; HttpOnly");
      res.set_header("X-Request-Id", "req-42");
      res.set_content("{\"status\":\"ok\"}", "application/json");
    });
    server_.Post("/token", [](const httplib::Request& req, httplib::Response& res) {
      // A token endpoint answers with a credential; this one echoes the secret it was sent.
      res.set_content("{\"access_token\":\"" + req.body + "\"}", "application/json");
    });
    server_.Post("/slow", [this](const httplib::Request&, httplib::Response& res) {
      gate_.wait();
      res.set_content("late", "text/plain");
    });
    // A vendor that echoes the credential it was sent, in its answer and its headers.
    server_.Post("/refunds", [](const httplib::Request&, httplib::Response& res) {
      res.status = 401;
      res.set_header("X-Request-Id",
                     std::string("echo-") + kEchoedKey);  // allow-listed, yet echoes
      res.set_header("X-Debug", kEchoedKey);
      res.set_content(std::string("{\"error\":\"invalid API key ") + kEchoedKey + "\"}",
                      "application/json");
    });
    loopback_ = std::make_unique<LoopbackServer>(server_);
    opener_ = std::make_unique<GateOpener>(gate_);

    CurlTransportOptions options = test_support::loopback_options();
    options.request_timeout = std::chrono::milliseconds(200);
    options.log_hook = [this](const HttpExchangeLog& log) {
      std::lock_guard<std::mutex> lock(mutex_);
      logs_.push_back(log);
    };
    transport_ = make_curl_transport(options);
  }
  ~CurlTransportLoggingTest() override {
    opener_.reset();
    loopback_.reset();
  }

  HttpRequest credentialed(const std::string& base, const std::string& path) const {
    HttpRequest request;
    request.method = HttpMethod::post;
    request.url = base + path + "?api_key=qu3ry-secret&order=1";
    request.headers = {{"Authorization", "Bearer s3cr3t-token"},
                       {"X-Komfortkasse-API-Key", "kk-secret"},
                       {"X-Auth-Key", "xauth-s3cret"},
                       {"Content-Type", "application/x-www-form-urlencoded"}};
    request.body = "client_id=merchant&client_secret=b0dy-secret";
    request.body_is_secret = true;
    return request;
  }

  std::vector<HttpExchangeLog> logs() {
    std::lock_guard<std::mutex> lock(mutex_);
    return logs_;
  }

  Gate gate_;
  httplib::Server server_;
  std::unique_ptr<LoopbackServer> loopback_;
  std::unique_ptr<GateOpener> opener_;
  std::mutex mutex_;
  std::vector<HttpExchangeLog> logs_;
  std::shared_ptr<Transport> transport_;
};

TEST_F(CurlTransportLoggingTest, CredentialsAppearNowhere) {
  const std::string base = loopback_->base_url();
  const std::string closed = "http://us3r-pass:us3r-pass@127.0.0.1:" +
                             std::to_string(test_support::closed_loopback_port());
  const std::vector<HttpRequest> requests = {
      credentialed(base, "/login"),                  // succeeds, sets a cookie
      credentialed(base, "/token"),                  // the answer is a credential
      credentialed(closed, "/login"),                // connection refused
      credentialed(base, "/slow"),                   // times out after sending
      credentialed("http://example.com", "/login"),  // refused by policy
  };
  std::string everything;
  int failures = 0;
  for (const HttpRequest& request : requests) {
    const Result<HttpResponse> result = transport_->send(request);
    if (!result.ok()) {
      ++failures;
      everything += result.error().message + "\n" + result.error().raw_body + "\n" +
                    result.error().vendor_message + "\n";
    }
  }
  EXPECT_EQ(failures, 3);

  const std::vector<HttpExchangeLog> seen = logs();
  ASSERT_EQ(seen.size(), requests.size());  // once per exchange, failures included
  for (const HttpExchangeLog& log : seen) everything += flatten(log);

  for (const std::string& secret : kSecrets) {
    EXPECT_THAT(everything, Not(HasSubstr(secret))) << everything;
  }
  // Still useful: names, allow-listed values, the non-secret parts of the URL, the errors.
  EXPECT_THAT(everything, HasSubstr("Authorization: [REDACTED]"));
  EXPECT_THAT(everything, HasSubstr("X-Komfortkasse-API-Key: [REDACTED]"));
  EXPECT_THAT(everything, HasSubstr("Set-Cookie: [REDACTED]"));
  EXPECT_THAT(everything, HasSubstr("Content-Type: application/x-www-form-urlencoded"));
  EXPECT_THAT(everything, HasSubstr("X-Request-Id: req-42"));
  EXPECT_THAT(everything, HasSubstr("/login?api_key=[REDACTED]&order=[REDACTED]"));
  EXPECT_THAT(everything, HasSubstr("could not connect"));
  EXPECT_THAT(everything, HasSubstr("timed out after 200 ms"));
  EXPECT_THAT(everything, HasSubstr("plain http is only allowed for loopback hosts"));
}

TEST_F(CurlTransportLoggingTest, LogsTheExchangeOfAnOrdinaryRequest) {
  HttpRequest request;
  request.method = HttpMethod::post;
  request.url = loopback_->base_url() + "/login";
  request.headers = {{"Content-Type", "application/json"}};
  request.body = "{\"amount\":\"5.00\"}";
  ASSERT_TRUE(transport_->send(request).ok());

  const std::vector<HttpExchangeLog> seen = logs();
  ASSERT_EQ(seen.size(), 1u);
  const HttpExchangeLog& log = seen.front();
  EXPECT_EQ(log.method, HttpMethod::post);
  EXPECT_EQ(log.url, request.url);
  EXPECT_EQ(log.request_body, request.body);
  EXPECT_EQ(log.status, 200);
  EXPECT_EQ(log.response_body, "{\"status\":\"ok\"}");
  EXPECT_EQ(find_header(log.response_headers, "Content-Type"), "application/json");
  EXPECT_TRUE(log.error.empty());
}

TEST_F(CurlTransportLoggingTest, AnEchoedCredentialNeverReachesTheHook) {
  const char* const kKey = kEchoedKey;
  HttpRequest request;
  request.method = HttpMethod::post;
  request.url = loopback_->base_url() + "/refunds";
  request.headers = {{"X-Komfortkasse-API-Key", kKey}, {"Content-Type", "application/json"}};
  request.body = "{\"order\":\"1001\"}";
  const Result<HttpResponse> response = transport_->send(request);
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 401);

  const std::vector<HttpExchangeLog> seen = logs();
  ASSERT_EQ(seen.size(), 1u);
  const std::string logged = flatten(seen.front());
  EXPECT_THAT(logged, Not(HasSubstr(kKey))) << logged;
  EXPECT_THAT(logged, Not(HasSubstr("secret-1"))) << logged;
  EXPECT_THAT(logged, HasSubstr("invalid API key [REDACTED]"));
  EXPECT_THAT(logged, HasSubstr("X-Request-Id: echo-[REDACTED]"));
  EXPECT_EQ(seen.front().status, 401);
}

TEST(CurlTransportLogHookTest, AThrowingHookDoesNotEscapeSend) {
  CurlTransportOptions options = test_support::loopback_options();
  int calls = 0;
  options.log_hook = [&calls](const HttpExchangeLog&) {
    ++calls;
    throw std::runtime_error("hook failed");
  };
  const auto transport = make_curl_transport(options);
  Result<HttpResponse> result = Error{};
  EXPECT_NO_THROW(result = transport->send({HttpMethod::get, "http://example.com/", {}, {}}));
  EXPECT_EQ(calls, 1);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::network);
}

}  // namespace
}  // namespace refundkit
