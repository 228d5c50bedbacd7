// The bearer token layer over a fake transport: the header it adds, the one resend after a 401,
// and what it returns when no token can be had.
#include "pipeline/bearer_token_transport.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "internal/text.hpp"
#include "refundkit/test_support/fake_transport.hpp"
#include "refundkit/test_support/outcome_matchers.hpp"

namespace refundkit::internal {
namespace {

using std::chrono::seconds;
using test_support::any_field_contains;
using test_support::FailsWith;
using test_support::FakeTransport;
using test_support::Succeeds;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<std::string> authorizations(const HttpRequest& request) {
  std::vector<std::string> values;
  for (const HttpHeader& header : request.headers) {
    if (equals_ignore_case(header.name, "Authorization")) values.push_back(header.value);
  }
  return values;
}

HttpRequest refund_post() {
  HttpRequest request;
  request.method = HttpMethod::post;
  request.url = "https://api.example.test/refunds";
  request.headers = {{"Content-Type", "application/json"}, {"X-Request-Id", "req-7"}};
  request.body = R"({"order":"1001","amount":"5.00"})";
  return request;
}

Error refused_credentials() {
  Error error;
  error.kind = ErrorKind::authentication;
  error.message = "the token endpoint refused the client credentials";
  error.http_status = 401;
  return error;
}

class BearerTokenTransportTest : public ::testing::Test {
 protected:
  BearerTokenTransportTest()
      : tokens_(std::make_shared<TokenCache>([this]() -> Result<FetchedToken> {
          const int number = ++fetches_;
          if (failing_fetch_ == number) return refused_credentials();
          return FetchedToken{"bearer-token-" + std::to_string(number), seconds(3600)};
        })),
        transport_(inner_, tokens_) {}

  std::shared_ptr<FakeTransport> inner_ = std::make_shared<FakeTransport>();
  std::atomic<int> fetches_{0};
  int failing_fetch_ = 0;  // which fetch fails (1 = the first), 0 = none
  std::shared_ptr<TokenCache> tokens_;
  BearerTokenTransport transport_;
};

TEST_F(BearerTokenTransportTest, AddsTheBearerTokenReplacingAnyAuthorization) {
  inner_->respond(201, "created");
  HttpRequest request = refund_post();
  request.headers.push_back({"authorization", "Basic dXNlcjpwYXNz"});
  request.headers.push_back({"AUTHORIZATION", "Bearer stale"});
  const Result<HttpResponse> response = transport_.send(request);
  ASSERT_THAT(response, Succeeds());
  EXPECT_EQ(response->status, 201);
  EXPECT_EQ(response->body, "created");

  const HttpRequest sent = inner_->last_request();
  EXPECT_EQ(authorizations(sent), std::vector<std::string>{"Bearer bearer-token-1"});
  EXPECT_EQ(sent.method, request.method);
  EXPECT_EQ(sent.url, request.url);
  EXPECT_EQ(sent.body, request.body);
  EXPECT_EQ(find_header(sent.headers, "Content-Type"), "application/json");
  EXPECT_EQ(find_header(sent.headers, "X-Request-Id"), "req-7");
}

TEST_F(BearerTokenTransportTest, ReusesTheCachedToken) {
  inner_->respond(200, "a").respond(200, "b");
  ASSERT_THAT(transport_.send(refund_post()), Succeeds());
  ASSERT_THAT(transport_.send(refund_post()), Succeeds());
  ASSERT_EQ(inner_->request_count(), 2u);
  for (const HttpRequest& sent : inner_->requests()) {
    EXPECT_EQ(authorizations(sent), std::vector<std::string>{"Bearer bearer-token-1"});
  }
  EXPECT_EQ(fetches_.load(), 1);
}

TEST_F(BearerTokenTransportTest, A401InvalidatesThatTokenAndSendsTheSameRequestOnceMore) {
  inner_->respond(401, "expired").respond(201, "created");
  const HttpRequest request = refund_post();
  const Result<HttpResponse> response = transport_.send(request);
  ASSERT_THAT(response, Succeeds());
  EXPECT_EQ(response->status, 201);

  const std::vector<HttpRequest> sent = inner_->requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(authorizations(sent[0]), std::vector<std::string>{"Bearer bearer-token-1"});
  EXPECT_EQ(authorizations(sent[1]), std::vector<std::string>{"Bearer bearer-token-2"});
  for (const HttpRequest& attempt : sent) {  // the refund itself is unchanged
    EXPECT_EQ(attempt.method, HttpMethod::post);
    EXPECT_EQ(attempt.url, request.url);
    EXPECT_EQ(attempt.body, request.body);
  }
  EXPECT_EQ(fetches_.load(), 2);
  // The fresh token is the cached one now.
  inner_->respond(200, "ok");
  ASSERT_THAT(transport_.send(request), Succeeds());
  EXPECT_EQ(authorizations(inner_->last_request()),
            std::vector<std::string>{"Bearer bearer-token-2"});
  EXPECT_EQ(fetches_.load(), 2);
}

TEST_F(BearerTokenTransportTest, ASecond401IsReturnedAsItIs) {
  inner_->respond(401, R"({"error":"insufficient_scope"})", {{"WWW-Authenticate", "Bearer"}});
  inner_->respond(401, R"({"error":"insufficient_scope"})", {{"WWW-Authenticate", "Bearer"}});
  const Result<HttpResponse> response = transport_.send(refund_post());
  ASSERT_THAT(response, Succeeds());
  EXPECT_EQ(response->status, 401);
  EXPECT_EQ(response->body, R"({"error":"insufficient_scope"})");
  EXPECT_EQ(response->header("WWW-Authenticate"), "Bearer");
  EXPECT_EQ(inner_->request_count(), 2u);  // never a third time
  EXPECT_EQ(fetches_.load(), 2);
}

TEST_F(BearerTokenTransportTest, OtherAnswersAndFailuresAreNotResent) {
  inner_->respond(403, "forbidden").respond(500, "boom");
  inner_->fail(ErrorKind::outcome_unknown, "timed out after sending");
  inner_->fail(ErrorKind::network, "could not connect");
  EXPECT_EQ(transport_.send(refund_post())->status, 403);
  EXPECT_EQ(transport_.send(refund_post())->status, 500);
  EXPECT_THAT(transport_.send(refund_post()), FailsWith(ErrorKind::outcome_unknown));
  EXPECT_THAT(transport_.send(refund_post()), FailsWith(ErrorKind::network));
  EXPECT_EQ(inner_->request_count(), 4u);
  EXPECT_EQ(fetches_.load(), 1);
}

TEST_F(BearerTokenTransportTest, NoTokenMeansNothingIsSent) {
  failing_fetch_ = 1;
  const Result<HttpResponse> response = transport_.send(refund_post());
  ASSERT_THAT(response, FailsWith(ErrorKind::authentication));
  EXPECT_THAT(response.error().message, HasSubstr(refused_credentials().message));
  EXPECT_THAT(response.error().message, HasSubstr("the request was not sent"));
  EXPECT_EQ(response.error().http_status, 0);
  EXPECT_EQ(inner_->request_count(), 0u);
  EXPECT_FALSE(response.error().may_have_been_executed());
}

// Whatever the token endpoint answered says nothing about the request, which never left: a
// timeout or a 5xx there must not read as a refund in doubt, nor its 400 as a refused refund.
TEST(BearerTokenTransportFailures, ATokenEndpointFailureReadsAsNeverSent) {
  for (const Error& token_error :
       {Error{ErrorKind::outcome_unknown, "token endpoint timed out"},
        Error{ErrorKind::outcome_unknown, "token endpoint answered 503", 503},
        Error{ErrorKind::invalid_request, "token endpoint answered 400", 400},
        Error{ErrorKind::authentication, "invalid_client", 400}}) {
    SCOPED_TRACE(token_error.message);
    auto inner = std::make_shared<FakeTransport>();
    auto tokens = std::make_shared<TokenCache>(
        [&token_error]() -> Result<FetchedToken> { return token_error; });
    BearerTokenTransport transport(inner, tokens);
    const Result<HttpResponse> response = transport.send(refund_post());
    ASSERT_FALSE(response.ok());
    EXPECT_FALSE(response.error().may_have_been_executed());
    EXPECT_EQ(response.error().http_status, 0);
    EXPECT_EQ(response.error().kind, token_error.kind == ErrorKind::authentication
                                         ? ErrorKind::authentication
                                         : ErrorKind::network);
    EXPECT_EQ(inner->request_count(), 0u);
  }
}

TEST_F(BearerTokenTransportTest, NoFreshTokenAfterA401MeansNoResend) {
  failing_fetch_ = 2;
  inner_->respond(401, "expired");
  const Result<HttpResponse> response = transport_.send(refund_post());
  ASSERT_THAT(response, FailsWith(ErrorKind::authentication));
  EXPECT_EQ(inner_->request_count(), 1u);
}

TEST_F(BearerTokenTransportTest, ALate401DoesNotEvictATokenAnotherThreadRefreshed) {
  // While the first request is out, "another thread" gets a 401 of its own and refreshes the
  // token. When the first request's 401 arrives, its invalidate must leave the new token alone,
  // and the resend uses it: one refresh in all, not two.
  bool first = true;
  inner_->set_handler([&](const HttpRequest& request) -> Result<HttpResponse> {
    if (first) {
      first = false;
      tokens_->invalidate("bearer-token-1");
      EXPECT_EQ(tokens_->token().value(), "bearer-token-2");
      return test_support::make_response(401, "expired");
    }
    EXPECT_EQ(authorizations(request), std::vector<std::string>{"Bearer bearer-token-2"});
    return test_support::make_response(201, "created");
  });
  const Result<HttpResponse> response = transport_.send(refund_post());
  ASSERT_THAT(response, Succeeds());
  EXPECT_EQ(response->status, 201);
  EXPECT_EQ(inner_->request_count(), 2u);
  EXPECT_EQ(fetches_.load(), 2);
}

TEST_F(BearerTokenTransportTest, AnEchoOfTheTokenIsRemovedFromWhatItReturns) {
  inner_->respond(401, "token bearer-token-1 expired", {{"X-Debug", "got bearer-token-1"}});
  inner_->respond(401, "token bearer-token-2 is not valid", {{"X-Debug", "got bearer-token-2"}});
  const Result<HttpResponse> response = transport_.send(refund_post());
  ASSERT_THAT(response, Succeeds());
  EXPECT_EQ(response->body, "token [REDACTED] is not valid");
  EXPECT_EQ(response->header("X-Debug"), "got [REDACTED]");

  inner_->fail(ErrorKind::outcome_unknown, "dropped after sending Bearer bearer-token-2");
  const Result<HttpResponse> failed = transport_.send(refund_post());
  ASSERT_THAT(failed, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_FALSE(any_field_contains(failed.error(), "bearer-token-2"));
  EXPECT_THAT(failed.error().message, HasSubstr("[REDACTED]"));
  EXPECT_THAT(failed.error().message, Not(HasSubstr("bearer-token")));
}

TEST_F(BearerTokenTransportTest, ConcurrentSendsShareOneToken) {
  inner_->set_handler([](const HttpRequest&) -> Result<HttpResponse> {
    return test_support::make_response(200, "ok");
  });
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        if (!transport_.send(refund_post()).ok()) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(inner_->request_count(), 200u);
  EXPECT_EQ(fetches_.load(), 1);
}

}  // namespace
}  // namespace refundkit::internal
