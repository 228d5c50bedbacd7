// The partner token: its request, its reuse until the margin before expiry (on an injected
// clock), one renewal on a 401, and a refused login that never quotes the password.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "skippay_fixture.hpp"
#include "vendors/skippay/skippay_token.hpp"

namespace refundkit::skippay_test {
namespace {

using std::chrono::seconds;
using test_support::any_field_contains;
using test_support::describe;
using test_support::FailsWith;
using test_support::Succeeds;
using ::testing::HasSubstr;

constexpr char kCreated[] = R"({"id":"RF-1"})";

class TokenTest : public SkipPayTest {
 protected:
  void SetUp() override {
    SkipPayTest::SetUp();
    shared = client();
  }
  Result<Refund> refund_once() {
    script_refund(test_support::make_json_response(201, kCreated));
    return shared->create_refund(request());
  }
  std::string bearer_of_last_refund() const {
    const std::vector<HttpRequest> posts = refund_posts();
    return posts.empty() ? "" : std::string(find_header(posts.back().headers, "Authorization"));
  }
  std::unique_ptr<RefundClient> shared;
};

TEST_F(TokenTest, TheLoginIsTheDocumentedSecretRequest) {
  ASSERT_THAT(refund_once(), Succeeds());
  const std::vector<HttpRequest> sent = logins();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].method, HttpMethod::post);
  EXPECT_EQ(sent[0].body, R"({"username":"eshop-partner","password":"S3cret-partner-pass"})");
  EXPECT_TRUE(sent[0].body_is_secret);
  EXPECT_EQ(find_header(sent[0].headers, "Content-Type"), "application/json");
  EXPECT_EQ(find_header(sent[0].headers, "Authorization"), "");
  EXPECT_EQ(bearer_of_last_refund(), "Bearer token-1");
}

TEST_F(TokenTest, TheTokenIsReusedUntilTheMarginBeforeItsExpiry) {
  ASSERT_THAT(refund_once(), Succeeds());
  clock.advance(seconds(7200 - 60 - 1));  // one second before the 60 s margin
  ASSERT_THAT(refund_once(), Succeeds());
  EXPECT_EQ(logins().size(), 1u);
  EXPECT_EQ(bearer_of_last_refund(), "Bearer token-1");

  clock.advance(seconds(1));  // the margin is reached: renewed before the vendor expires it
  ASSERT_THAT(refund_once(), Succeeds());
  EXPECT_EQ(logins().size(), 2u);
  EXPECT_EQ(bearer_of_last_refund(), "Bearer token-2");
}

TEST_F(TokenTest, TheMarginIsConfigurable) {
  SkipPayOptions wide = options();
  wide.token_refresh_margin = seconds(3600);
  shared = client_with(wide);
  ASSERT_THAT(refund_once(), Succeeds());
  clock.advance(seconds(3600));
  ASSERT_THAT(refund_once(), Succeeds());
  EXPECT_EQ(logins().size(), 2u);
}

TEST_F(TokenTest, ExpiresInMayBeAStringOrADecimal) {
  script_login(test_support::make_json_response(200, R"({"accessToken":"t-s","expiresIn":"600"})"));
  ASSERT_THAT(refund_once(), Succeeds());
  clock.advance(seconds(539));
  ASSERT_THAT(refund_once(), Succeeds());
  EXPECT_EQ(logins().size(), 1u);
  clock.advance(seconds(1));
  script_login(test_support::make_json_response(200, R"({"accessToken":"t-d","expiresIn":600.9})"));
  ASSERT_THAT(refund_once(), Succeeds());
  EXPECT_EQ(bearer_of_last_refund(), "Bearer t-d");
  clock.advance(seconds(540));  // 600.9 counts as 600: never longer than it lives
  ASSERT_THAT(refund_once(), Succeeds());
  EXPECT_EQ(logins().size(), 3u);
}

TEST_F(TokenTest, WithoutExpiresInATokenServesOnlyItsOwnCall) {
  script_login(test_support::make_json_response(200, R"({"accessToken":"once-1"})"));
  script_login(test_support::make_json_response(200, R"({"accessToken":"once-2"})"));
  ASSERT_THAT(refund_once(), Succeeds());
  EXPECT_EQ(bearer_of_last_refund(), "Bearer once-1");
  ASSERT_THAT(refund_once(), Succeeds());
  EXPECT_EQ(bearer_of_last_refund(), "Bearer once-2");
  EXPECT_EQ(logins().size(), 2u);
}

TEST_F(TokenTest, A401RenewsTheTokenOnceAndResends) {
  script_refund(test_support::make_json_response(
      401, R"({"error":"invalid_token","error_description":"Token revoked"})"));
  const Result<Refund> refund = refund_once();
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(logins().size(), 2u);
  const std::vector<HttpRequest> posts = refund_posts();
  ASSERT_EQ(posts.size(), 2u);
  EXPECT_EQ(find_header(posts[0].headers, "Authorization"), "Bearer token-1");
  EXPECT_EQ(find_header(posts[1].headers, "Authorization"), "Bearer token-2");
  EXPECT_EQ(posts[0].body, posts[1].body);
  // The renewed token is the one kept.
  ASSERT_THAT(refund_once(), Succeeds());
  EXPECT_EQ(logins().size(), 2u);
  EXPECT_EQ(bearer_of_last_refund(), "Bearer token-2");
}

TEST_F(TokenTest, ARefusedLoginIsAnAuthenticationErrorThatNeverQuotesThePassword) {
  const std::string body = R"({"error":"invalid_grant","error_description":"Bad credentials for )"
                           R"(eshop-partner with password S3cret-partner-pass"})";
  for (int status : {400, 401, 403}) {
    SCOPED_TRACE(status);
    script_login(test_support::make_json_response(status, body));
    const Result<Refund> refund = shared->create_refund(request());
    ASSERT_THAT(refund, FailsWith(ErrorKind::authentication));
    const Error& error = refund.error();
    EXPECT_FALSE(any_field_contains(error, kPassword)) << describe(error);
    EXPECT_EQ(error.vendor_code, "invalid_grant");
    EXPECT_THAT(error.vendor_message, HasSubstr("Bad credentials"));
    EXPECT_THAT(error.message, HasSubstr("username or password was refused"));
    EXPECT_THAT(error.message, HasSubstr("not sent"));
    EXPECT_EQ(error.http_status, 0);  // no refund request was answered
  }
  EXPECT_TRUE(refund_posts().empty());
}

TEST_F(TokenTest, ABrokenLoginSendsNoRefundAndReadsAsNeverSent) {
  const std::vector<Result<HttpResponse>> replies = {
      test_support::make_json_response(200, R"({"expiresIn":7200})"),
      test_support::make_json_response(200, R"({"accessToken":"","expiresIn":7200})"),
      test_support::make_json_response(200, R"({"accessToken":"a\r\nb","expiresIn":7200})"),
      test_support::make_response(200, "<html></html>"),
      test_support::make_json_response(503, R"({"error":"maintenance"})"),
      test_support::make_transport_error(ErrorKind::outcome_unknown, "timeout"),
  };
  for (const Result<HttpResponse>& reply : replies) {
    script_login(reply);
    const Result<Refund> refund = shared->create_refund(request());
    // network: the refund certainly never left, so a retry is safe.
    ASSERT_THAT(refund, FailsWith(ErrorKind::network));
    EXPECT_THAT(refund.error().message, HasSubstr("partner login"));
  }
  EXPECT_TRUE(refund_posts().empty());
}

TEST_F(TokenTest, AThrottledLoginIsRetriedByThePolicy) {
  SkipPayOptions retrying = options();
  retrying.retry.max_attempts = 2;
  retrying.retry.sleep = [](std::chrono::milliseconds) {};
  retrying.retry.random = [] { return std::uint64_t{0}; };
  shared = client_with(retrying);
  script_login(test_support::make_json_response(429, R"({"error":"slow_down"})"));
  ASSERT_THAT(refund_once(), Succeeds());
  EXPECT_EQ(logins().size(), 2u);
  EXPECT_EQ(refund_posts().size(), 1u);
}

TEST(SkipPayTokenParse, HugeOrOddExpiriesDoNotOverflow) {
  using vendors::skippay::parse_token_response;
  const auto expiry = [](const char* expires_in) {
    const HttpResponse response = test_support::make_json_response(
        200, std::string(R"({"accessToken":"t","expiresIn":)") + expires_in + "}");
    const Result<internal::FetchedToken> token = parse_token_response(response, kPassword);
    EXPECT_TRUE(token.ok());
    return token.ok() ? token->expires_in.count() : -1;
  };
  EXPECT_EQ(expiry("7200"), 7200);
  EXPECT_EQ(expiry("\"7200\""), 7200);
  EXPECT_EQ(expiry("7.2e3"), 7200);
  EXPECT_EQ(expiry("99999999999999999999999"), INT64_MAX);
  EXPECT_EQ(expiry("-5"), 0);
  EXPECT_EQ(expiry("\"soon\""), 0);
  EXPECT_EQ(expiry("null"), 0);
  EXPECT_EQ(expiry("[1]"), 0);
}

}  // namespace
}  // namespace refundkit::skippay_test
