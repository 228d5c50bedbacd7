// The client-credentials token: the exact form sent, how the answer is read, how the cache
// renews it (expiry crossed on an injected clock, once on a 401), and a refused token request.
#include <string>
#include <vector>

#include "optty_fixture.hpp"
#include "vendors/optty/optty_token.hpp"

namespace refundkit::optty_test {
namespace {

using test_support::any_field_contains;
using test_support::describe;
using test_support::FailsWith;
using test_support::Succeeds;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Not;

using vendors::optty::build_token_request;
using vendors::optty::form_encode;
using vendors::optty::parse_token_response;

auto header(std::string name, std::string value) {
  return AllOf(Field(&HttpHeader::name, name), Field(&HttpHeader::value, value));
}

Result<internal::FetchedToken> token_from(int status, std::string body) {
  return parse_token_response(test_support::make_json_response(status, std::move(body)));
}

TEST_F(OpttyTest, TokenRequestIsTheExactClientCredentialsForm) {
  api->respond_json(201, std::string(kSampleAnswer));
  ASSERT_THAT(create(request()), Succeeds());
  ASSERT_EQ(token_fetches(), 1u);
  const HttpRequest http = token_endpoint->last_request();
  EXPECT_EQ(http.method, HttpMethod::post);
  EXPECT_EQ(http.url, kTokenUrl);
  EXPECT_THAT(http.headers, ElementsAre(header("Content-Type", "application/x-www-form-urlencoded"),
                                        header("Accept", "application/json")));
  EXPECT_EQ(http.body,
            "client_id=optty-client-42&client_secret=s3cr3t%2BOptty%26key%3D9f2c"
            "&grant_type=client_credentials&scope=api-user");
  EXPECT_TRUE(http.body_is_secret);
  EXPECT_EQ(find_header(http.headers, "Authorization"), "");
}

TEST(OpttyFormEncoding, EscapesEverythingThatCouldChangeTheFormsShape) {
  EXPECT_EQ(form_encode("Az09-._~*"), "Az09-._~*");
  EXPECT_EQ(form_encode("a b"), "a+b");
  EXPECT_EQ(form_encode("a+b&c=d%e/f?g#h"), "a%2Bb%26c%3Dd%25e%2Ff%3Fg%23h");
  EXPECT_EQ(form_encode("\xC3\xBC"), "%C3%BC");
  OpttyOptions options;
  options.client_id = "id with space";
  options.client_secret = "=&";
  EXPECT_EQ(build_token_request(options).body,
            "client_id=id+with+space&client_secret=%3D%26&grant_type=client_credentials"
            "&scope=api-user");
  EXPECT_EQ(build_token_request(options).url, "https://auth.optty.com/token");
}

TEST(OpttyTokenAnswer, ReadsTheTokenAndExpiresInAsNumberOrString) {
  struct Case {
    const char* expires_in;
    long long seconds;
  };
  const Case cases[] = {
      {R"(,"expires_in":86400)", 86400},
      {R"(,"expires_in":"86400")", 86400},
      {R"(,"expires_in":3599.9)", 3599},
      {R"(,"expires_in":"3.6e3")", 3600},
      {"", 0},
      {R"(,"expires_in":null)", 0},
      {R"(,"expires_in":"soon")", 0},
      {R"(,"expires_in":-5)", 0},
      {R"(,"expires_in":{})", 0},
      {R"(,"expires_in":true)", 0},
      {R"(,"expires_in":99999999999999999999)", 2147483647},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.expires_in);
    const Result<internal::FetchedToken> token =
        token_from(200, std::string(R"({"access_token":"abc.def")") + c.expires_in +
                            R"(,"token_type":"Bearer","scope":"api-user"})");
    ASSERT_TRUE(token.ok()) << describe(token.error());
    EXPECT_EQ(token->value, "abc.def");
    EXPECT_EQ(token->expires_in.count(), c.seconds);
  }
}

TEST(OpttyTokenAnswer, TokenTypeMayBeAbsentOrAnyCaseOfBearer) {
  for (const char* type : {"", R"(,"token_type":"bearer")", R"(,"token_type":null)"}) {
    EXPECT_TRUE(token_from(201, std::string(R"({"access_token":"x")") + type + "}").ok()) << type;
  }
  EXPECT_FALSE(token_from(200, R"({"access_token":"x","token_type":"mac"})").ok());
}

TEST(OpttyTokenAnswer, AnUnusable2xxIsAProtocolError) {
  for (const char* body :
       {"", "<html>login</html>", "[]", R"({"expires_in":86400})", R"({"access_token":""})",
        R"({"access_token":42})", R"({"access_token":"a\nb"})"}) {
    SCOPED_TRACE(body);
    const Result<internal::FetchedToken> token = token_from(200, body);
    ASSERT_FALSE(token.ok());
    EXPECT_EQ(token.error().kind, ErrorKind::protocol);
    EXPECT_EQ(token.error().raw_body, body);
  }
}

TEST(OpttyTokenAnswer, ARefusedTokenRequestIsAuthenticationWithTheEndpointsOwnMessage) {
  struct Case {
    int status;
    const char* body;
    const char* text;
  };
  const Case cases[] = {
      {401, R"({"statusCode":401,"message":"Unauthorized"})", "Unauthorized"},
      {400, R"({"error":"invalid_client","error_description":"Client authentication failed"})",
       "Client authentication failed"},
      {403, R"({"error":"unauthorized_client"})", "unauthorized_client"},
      {401, "", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.body);
    const Result<internal::FetchedToken> token = token_from(c.status, c.body);
    ASSERT_FALSE(token.ok());
    EXPECT_EQ(token.error().kind, ErrorKind::authentication);
    EXPECT_EQ(token.error().vendor_message, c.text);
    EXPECT_THAT(token.error().message, HasSubstr(c.text));
    EXPECT_THAT(token.error().message, HasSubstr("token endpoint"));
    EXPECT_EQ(token.error().http_status, c.status);
  }
}

TEST(OpttyTokenAnswer, OtherFailuresKeepTheirKindAndSayNothingAboutARefund) {
  const Result<internal::FetchedToken> server = token_from(503, "<html>busy</html>");
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.error().kind, ErrorKind::outcome_unknown);
  EXPECT_THAT(server.error().message, Not(HasSubstr("refund")));
  const Result<internal::FetchedToken> limited = token_from(429, "{}");
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().kind, ErrorKind::rate_limited);
}

TEST_F(OpttyTest, ARefusedTokenFailsTheRefundAsAuthenticationWithoutSendingIt) {
  token_endpoint->respond_json(401, R"({"statusCode":401,"message":"Invalid client secret"})");
  const Result<Refund> refund = create(request());
  ASSERT_THAT(refund, FailsWith(ErrorKind::authentication));
  EXPECT_THAT(refund.error().message, HasSubstr("Invalid client secret"));
  EXPECT_EQ(refund.error().vendor_message, "Invalid client secret");
  EXPECT_EQ(refund.error().http_status, 0);  // the refund itself got no answer: never sent
  EXPECT_FALSE(refund.error().may_have_been_executed());
  EXPECT_FALSE(any_field_contains(refund.error(), kClientSecret));
  EXPECT_EQ(api->request_count(), 0u);
}

TEST_F(OpttyTest, ATokenEndpointOutageReadsAsNeverSentAndIsRetried) {
  OpttyOptions retrying = options();
  retrying.retry = instant_retries(2);
  token_endpoint->respond_json(503, "<html>busy</html>");
  api->respond_json(201, std::string(kSampleAnswer));
  const Result<Refund> refund = make(retrying)->create_refund(request());
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->attempts, 2);
  EXPECT_EQ(token_fetches(), 2u);
  EXPECT_EQ(api->request_count(), 1u);

  // Without retries the outage is reported as never sent (network), never as a refund in doubt.
  token_endpoint->respond_json(503, "<html>busy</html>");
  const Result<Refund> failed = make(options())->create_refund(request());
  ASSERT_THAT(failed, FailsWith(ErrorKind::network));
  EXPECT_THAT(failed.error().message, HasSubstr("not sent"));
  EXPECT_EQ(api->request_count(), 1u);
}

TEST_F(OpttyTest, TheTokenIsReusedUntilItsMarginThenRenewedWhenTheClockCrossesExpiry) {
  api->set_handler([](const HttpRequest&) -> Result<HttpResponse> {
    return test_support::make_json_response(201, std::string(kSampleAnswer));
  });
  expires_in_json = "3600";  // renewed at 3600 - 60 s (the default margin)
  ASSERT_THAT(create(request()), Succeeds());
  advance(std::chrono::seconds(3539));
  ASSERT_THAT(create(request()), Succeeds());
  EXPECT_EQ(token_fetches(), 1u);

  advance(std::chrono::seconds(1));
  ASSERT_THAT(create(request()), Succeeds());
  ASSERT_THAT(create(request()), Succeeds());
  EXPECT_EQ(token_fetches(), 2u);

  const std::vector<HttpRequest> sent = api->requests();
  ASSERT_EQ(sent.size(), 4u);
  EXPECT_EQ(find_header(sent[0].headers, "Authorization"), "Bearer token-1");
  EXPECT_EQ(find_header(sent[1].headers, "Authorization"), "Bearer token-1");
  EXPECT_EQ(find_header(sent[2].headers, "Authorization"), "Bearer token-2");
  EXPECT_EQ(find_header(sent[3].headers, "Authorization"), "Bearer token-2");
}

TEST_F(OpttyTest, ATokenWithoutUsableExpiryServesOnlyTheCallThatFetchedIt) {
  api->set_handler([](const HttpRequest&) -> Result<HttpResponse> {
    return test_support::make_json_response(201, std::string(kSampleAnswer));
  });
  expires_in_json = "\"never\"";
  ASSERT_THAT(create(request()), Succeeds());
  ASSERT_THAT(create(request()), Succeeds());
  EXPECT_EQ(token_fetches(), 2u);
}

TEST_F(OpttyTest, A401RenewsTheTokenAndResendsTheRefundOnce) {
  api->respond_json(401, R"({"statusCode":401,"message":"Unauthorized"})");
  api->respond_json(201, std::string(kSampleAnswer));
  const Result<Refund> refund = create(request());
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(token_fetches(), 2u);
  const std::vector<HttpRequest> sent = api->requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(find_header(sent[0].headers, "Authorization"), "Bearer token-1");
  EXPECT_EQ(find_header(sent[1].headers, "Authorization"), "Bearer token-2");
  EXPECT_EQ(sent[0].body, sent[1].body);
}

TEST_F(OpttyTest, ASecond401IsAuthenticationAndNotSentAThirdTime) {
  api->respond_json(401, R"({"statusCode":401,"message":"Unauthorized"})");
  api->respond_json(401, R"({"statusCode":401,"message":"Unauthorized"})");
  OpttyOptions retrying = options();
  retrying.retry = instant_retries(3);
  const Result<Refund> refund = make(retrying)->create_refund(request());
  ASSERT_THAT(refund, FailsWith(ErrorKind::authentication));
  EXPECT_EQ(refund.error().http_status, 401);
  EXPECT_EQ(refund.error().vendor_message, "Unauthorized");
  EXPECT_EQ(api->request_count(), 2u);
  EXPECT_EQ(token_fetches(), 2u);
}

}  // namespace
}  // namespace refundkit::optty_test
