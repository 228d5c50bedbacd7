// The transport's pure pieces: method names, header lookup, loopback hosts, redaction and the
// classification of failed transfers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "refundkit/curl_transport.hpp"
#include "transport/curl_failure.hpp"
#include "transport/redaction.hpp"

namespace refundkit {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(HttpMethodTest, HasTheWireNames) {
  EXPECT_EQ(to_string(HttpMethod::get), "GET");
  EXPECT_EQ(to_string(HttpMethod::post), "POST");
  EXPECT_EQ(to_string(HttpMethod::put), "PUT");
}

TEST(FindHeaderTest, IgnoresCaseAndReturnsTheFirstMatch) {
  const std::vector<HttpHeader> headers = {
      {"Content-Type", "application/json"}, {"x-request-id", "a"}, {"X-Request-Id", "b"}};
  EXPECT_EQ(find_header(headers, "content-type"), "application/json");
  EXPECT_EQ(find_header(headers, "X-REQUEST-ID"), "a");
  EXPECT_EQ(find_header(headers, "Retry-After"), "");
  HttpResponse response;
  response.headers = headers;
  EXPECT_EQ(response.header("CONTENT-TYPE"), "application/json");
}

TEST(IsLoopbackHostTest, AcceptsLoopbackNamesAndAddresses) {
  for (const char* host : {"localhost", "LocalHost", "127.0.0.1", "127.255.255.254", "127.1.2.3",
                           "::1", "[::1]", "0:0:0:0:0:0:0:1"}) {
    EXPECT_TRUE(is_loopback_host(host)) << host;
  }
}

TEST(IsLoopbackHostTest, RejectsEverythingElse) {
  for (const char* host :
       {"", "example.com", "localhost.example.com", "127.0.0.1.nip.io", "128.0.0.1", "10.0.0.1",
        "127.0.0", "127.0.0.1.", "127.0.0.256", "0127.0.0.1", "127.0.0.01", "127.1", "127.0.0.1:80",
        "::2", "[::1", "::ffff:127.0.0.1", "1270.0.0.1", " 127.0.0.1"}) {
    EXPECT_FALSE(is_loopback_host(host)) << host;
  }
}

TEST(RedactUrlTest, RemovesUserinfoQueryValuesAndFragment) {
  EXPECT_EQ(internal::redact_url("https://user:pw@api.example.com:8443/v1/orders?api_key=k1&x=2#f"),
            "https://api.example.com:8443/v1/orders?api_key=[REDACTED]&x=[REDACTED]");
  EXPECT_EQ(internal::redact_url("https://api.example.com/v1/orders/42"),
            "https://api.example.com/v1/orders/42");
  EXPECT_EQ(internal::redact_url("https://h/p?bare-secret"), "https://h/p?[REDACTED]");
  EXPECT_EQ(internal::redact_url("/relative/path?token=abc"), "/relative/path?token=[REDACTED]");
  EXPECT_EQ(internal::redact_url("not a url with secret"), "[REDACTED]");
  EXPECT_EQ(internal::redact_url("//user:pa55word@h.example/x?t=1"), "//h.example/x?t=[REDACTED]");
}

TEST(RedactHeadersTest, KeepsNamesAndOnlyAllowListedValues) {
  const std::vector<HttpHeader> redacted = internal::redact_headers({
      {"Content-Type", "application/json"},
      {"authorization", "Bearer t0ken"},
      {"X-Komfortkasse-API-Key", "kk"},
      {"X-Idempotency-Key", "ref-1"},
      {"Set-Cookie", "session=abc"},
      {"Location", "https://h/next?code=c0de"},
  });
  ASSERT_EQ(redacted.size(), 6u);
  EXPECT_EQ(redacted[0].value, "application/json");
  EXPECT_EQ(redacted[1].name, "authorization");
  EXPECT_EQ(redacted[1].value, "[REDACTED]");
  EXPECT_EQ(redacted[2].value, "[REDACTED]");
  EXPECT_EQ(redacted[3].value, "ref-1");
  EXPECT_EQ(redacted[4].value, "[REDACTED]");
  EXPECT_EQ(redacted[5].value, "https://h/next?code=[REDACTED]");
}

TEST(LoggableBodyTest, RedactsSecretBodiesAndCutsLongOnes) {
  EXPECT_EQ(internal::loggable_body("client_secret=s", true), "[REDACTED]");
  EXPECT_EQ(internal::loggable_body("", true), "");
  EXPECT_EQ(internal::loggable_body("{\"a\":1}", false), "{\"a\":1}");
  const std::string long_body(internal::kMaxLoggedBodyBytes + 10, 'x');
  const std::string logged = internal::loggable_body(long_body, false);
  EXPECT_EQ(logged.substr(0, internal::kMaxLoggedBodyBytes),
            long_body.substr(0, internal::kMaxLoggedBodyBytes));
  EXPECT_THAT(logged, HasSubstr(std::to_string(long_body.size()) + " bytes in total"));
  EXPECT_LT(logged.size(), long_body.size() + 64);
}

TEST(RevealsRequestSecretTest, FindsHeaderQueryUserinfoAndBodySecrets) {
  HttpRequest request;
  request.url = "https://user:passw0rd@h/p?api_key=qu3ry";
  request.headers = {{"Authorization", "Bearer t0ken-value"}, {"Content-Type", "text/plain"}};
  request.body = "client_secret=b0dy-secret";
  request.body_is_secret = true;
  EXPECT_TRUE(internal::reveals_request_secret("... t0ken-value ...", request));
  EXPECT_TRUE(internal::reveals_request_secret("passw0rd", request));
  EXPECT_TRUE(internal::reveals_request_secret("x qu3ry", request));
  EXPECT_TRUE(internal::reveals_request_secret("b0dy-secret", request));
  EXPECT_FALSE(internal::reveals_request_secret("Failed to connect to h port 443", request));
  EXPECT_FALSE(internal::reveals_request_secret("text/plain", request));
}

TEST(RequestSecretsTest, CollectsCredentialValuesLongestFirst) {
  HttpRequest request;
  request.url = "https://merchant:passw0rd@h/p?api_key=qu3ry&x=1";
  request.headers = {{"Authorization", "Bearer t0ken-value"},
                     {"X-Komfortkasse-API-Key", "kk-live"},
                     {"X-Short", "abc"},
                     {"Content-Type", "application/json"},
                     {"X-Request-Id", "req-77"}};
  EXPECT_THAT(internal::request_secrets(request),
              ::testing::ElementsAre("Bearer t0ken-value", "merchant:passw0rd", "t0ken-value",
                                     "merchant", "passw0rd", "kk-live", "qu3ry"));
}

// Skip Pay's token request sends {"username", "password"}: each value is a secret on its own.
TEST(RequestSecretsTest, FindsTheStringValuesOfASecretJsonBody) {
  HttpRequest request;
  request.method = HttpMethod::post;
  request.url = "https://h/authentication/v1/partner";
  request.body = R"({"username":"merchant-user","password":"pa55word!","nested":{"pin":"9876"}})";
  request.body_is_secret = true;
  const auto secrets = internal::request_secrets(request);
  for (const char* value : {"merchant-user", "pa55word!", "9876"}) {
    EXPECT_THAT(secrets, ::testing::Contains(value));
    EXPECT_TRUE(internal::reveals_request_secret(std::string("... ") + value + " ...", request));
  }
  EXPECT_FALSE(internal::reveals_request_secret("Failed to connect to h port 443", request));
}

TEST(MakeExchangeLogTest, EchoedCredentialsAreRedactedEverywhere) {
  HttpRequest request;
  request.method = HttpMethod::post;
  request.url = "https://h/keys/kk-live-secret?x=1";
  request.headers = {{"X-Komfortkasse-API-Key", "kk-live-secret"},
                     {"Authorization", "Bearer t0ken-value"},
                     {"Idempotency-Key", "ref-kk-live-secret"}};
  request.body = "{\"key\":\"kk-live-secret\"}";
  HttpResponse response;
  response.status = 401;
  response.headers = {{"X-Request-Id", "kk-live-secret"}, {"Location", "/v/t0ken-value"}};
  response.body = "invalid API key kk-live-secret, token t0ken-value";
  HttpExchangeLog log =
      internal::make_exchange_log(request, response, std::chrono::microseconds(1));
  EXPECT_EQ(log.url, "https://h/keys/[REDACTED]?x=[REDACTED]");
  EXPECT_EQ(log.request_headers[2].value, "ref-[REDACTED]");
  EXPECT_EQ(log.request_body, "{\"key\":\"[REDACTED]\"}");
  EXPECT_EQ(log.response_headers[0].value, "[REDACTED]");
  EXPECT_EQ(log.response_headers[1].value, "/v/[REDACTED]");
  EXPECT_EQ(log.response_body, "invalid API key [REDACTED], token [REDACTED]");

  Error error;
  error.kind = ErrorKind::outcome_unknown;
  error.message = "libcurl said kk-live-secret";
  error.raw_body = "kk-live-secret";
  log = internal::make_exchange_log(request, error, std::chrono::microseconds(1));
  EXPECT_EQ(log.error, "libcurl said [REDACTED]");
  EXPECT_EQ(log.response_body, "[REDACTED]");
}

TEST(MakeExchangeLogTest, ASecretCutByTheLengthLimitIsRedactedFirst) {
  HttpRequest request;
  request.headers = {{"X-Auth-Key", "xauth-s3cret"}};
  const std::string body = std::string(internal::kMaxLoggedBodyBytes - 4, 'a') + "xauth-s3cret";
  const HttpExchangeLog log = internal::make_exchange_log(request, HttpResponse{200, {}, body},
                                                          std::chrono::microseconds(1));
  EXPECT_THAT(log.response_body, Not(HasSubstr("xaut")));
}

internal::TransferLimits limits() {
  internal::TransferLimits limits;
  limits.request_timeout = std::chrono::milliseconds(200);
  limits.max_response_bytes = 1048576;
  limits.max_header_bytes = 262144;
  return limits;
}

constexpr CURLcode kBeforeSendingCodes[] = {
    CURLE_COULDNT_RESOLVE_HOST,     CURLE_COULDNT_RESOLVE_PROXY,
    CURLE_COULDNT_CONNECT,          CURLE_SSL_CONNECT_ERROR,
    CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE,
    CURLE_UNSUPPORTED_PROTOCOL,     CURLE_FAILED_INIT};

TEST(ClassifyTransferFailureTest, ConnectAndTlsFailuresAreNetworkWhenNothingLeft) {
  for (CURLcode code : kBeforeSendingCodes) {
    internal::TransferFailure failure;
    failure.code = code;
    failure.request_may_have_left = false;
    const Error error = internal::classify_transfer_failure(failure, limits());
    EXPECT_EQ(error.kind, ErrorKind::network) << code;
    EXPECT_THAT(error.message, HasSubstr("the request was not sent")) << code;
  }
}

// A connect failure can be libcurl's silent retry of a request already sent on a reused
// connection; CURLE_UNSUPPORTED_PROTOCOL can be a garbage answer to a request the server read.
TEST(ClassifyTransferFailureTest, TheCurlCodeNeverProvesThatARequestThatMayHaveLeftDidNot) {
  for (CURLcode code : kBeforeSendingCodes) {
    internal::TransferFailure failure;
    failure.code = code;
    failure.request_may_have_left = true;
    const Error error = internal::classify_transfer_failure(failure, limits());
    EXPECT_EQ(error.kind, ErrorKind::outcome_unknown) << code;
    EXPECT_THAT(error.message, HasSubstr("may have been processed")) << code;
    EXPECT_THAT(error.message, Not(HasSubstr("not sent"))) << code;
  }
}

TEST(ClassifyTransferFailureTest, AnyFailureBeforeSendingIsNetwork) {
  internal::TransferFailure failure;
  failure.code = CURLE_RECV_ERROR;
  failure.request_may_have_left = false;
  const Error error = internal::classify_transfer_failure(failure, limits());
  EXPECT_EQ(error.kind, ErrorKind::network);
  EXPECT_THAT(error.message, HasSubstr("the request was not sent"));
}

TEST(ClassifyTransferFailureTest, ARefusedResendIsOutcomeUnknown) {
  internal::TransferFailure failure;
  failure.code = CURLE_ABORTED_BY_CALLBACK;  // what the pre-request callback's refusal gives
  failure.resend_refused = true;
  const Error error = internal::classify_transfer_failure(failure, limits());
  EXPECT_EQ(error.kind, ErrorKind::outcome_unknown);
  EXPECT_THAT(error.message, HasSubstr("not sent again because it is not idempotent"));
  EXPECT_THAT(error.message, HasSubstr("may have been processed"));
}

TEST(ClassifyTransferFailureTest, TimeoutIsNetworkOnlyWhenNothingLeft) {
  internal::TransferFailure failure;
  failure.code = CURLE_OPERATION_TIMEDOUT;
  failure.request_may_have_left = false;
  EXPECT_EQ(internal::classify_transfer_failure(failure, limits()).kind, ErrorKind::network);

  failure.request_may_have_left = true;
  const Error error = internal::classify_transfer_failure(failure, limits());
  EXPECT_EQ(error.kind, ErrorKind::outcome_unknown);
  EXPECT_EQ(error.message,
            "timed out after 200 ms waiting for the response; the request may have been "
            "processed");
  EXPECT_TRUE(error.may_have_been_executed());
}

TEST(ClassifyTransferFailureTest, EverythingAfterSendingIsOutcomeUnknown) {
  for (CURLcode code : {CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE,
                        CURLE_WRITE_ERROR, CURLE_HTTP2, CURLE_OUT_OF_MEMORY}) {
    internal::TransferFailure failure;
    failure.code = code;
    const Error error = internal::classify_transfer_failure(failure, limits());
    EXPECT_EQ(error.kind, ErrorKind::outcome_unknown) << code;
    EXPECT_THAT(error.message, HasSubstr("may have been processed")) << code;
  }
}

TEST(ClassifyTransferFailureTest, SizeLimitWinsOverTheCurlCodeAndKeepsTheStatus) {
  internal::TransferFailure failure;
  failure.code = CURLE_WRITE_ERROR;
  failure.body_over_limit = true;
  failure.http_status = 200;
  failure.detail = "Failure writing output to destination";
  const Error error = internal::classify_transfer_failure(failure, limits());
  EXPECT_EQ(error.kind, ErrorKind::outcome_unknown);
  EXPECT_EQ(error.http_status, 200);
  EXPECT_EQ(error.message,
            "response exceeded the 1048576-byte limit; the request may have been processed");
  EXPECT_THAT(error.message, Not(HasSubstr("Failure writing")));
}

}  // namespace
}  // namespace refundkit
