// The client secret goes into the token form and nowhere else, and neither it nor a bearer token
// reaches any field of any outcome, even when the vendor or the transport quotes them back.
#include <string>
#include <vector>

#include "optty_fixture.hpp"

namespace refundkit::optty_test {
namespace {

using test_support::any_field_contains;
using test_support::describe;
using test_support::Succeeds;

const std::string kSecret(kClientSecret);

TEST_F(OpttyTest, TheSecretIsSentOnlyInTheTokenForm) {
  api->respond_json(201, std::string(kSampleAnswer));
  ASSERT_THAT(create(request()), Succeeds());
  const HttpRequest refund_post = api->last_request();
  EXPECT_EQ(refund_post.url.find(kSecret), std::string::npos);
  EXPECT_EQ(refund_post.body.find(kSecret), std::string::npos);
  for (const HttpHeader& header : refund_post.headers) {
    EXPECT_EQ(header.value.find(kSecret), std::string::npos) << header.name;
  }
  EXPECT_TRUE(token_endpoint->last_request().body_is_secret);
}

TEST_F(OpttyTest, NeitherSecretNorTokenAppearsInAnyErrorField) {
  const std::string echoed =
      R"({"statusCode":400,"message":"client_secret )" + kSecret + R"( with token-1 rejected"})";
  struct Scripted {
    const char* name;
    Result<HttpResponse> reply;
  };
  const std::vector<Scripted> replies = {
      {"400 echoing", test_support::make_json_response(400, echoed)},
      {"500 echoing", test_support::make_json_response(500, echoed)},
      {"html echoing", test_support::make_response(502, "<html>" + kSecret + " token-1</html>")},
      {"2xx unreadable echoing", test_support::make_json_response(200, echoed)},
      {"transport quoting",
       test_support::make_transport_error(ErrorKind::outcome_unknown,
                                          "timeout after sending Bearer token-1 " + kSecret)},
  };
  for (const Scripted& scripted : replies) {
    SCOPED_TRACE(scripted.name);
    api->enqueue(scripted.reply);
    const Result<Refund> refund = create(request());
    ASSERT_FALSE(refund.ok());
    EXPECT_FALSE(any_field_contains(refund.error(), kSecret)) << describe(refund.error());
    EXPECT_FALSE(any_field_contains(refund.error(), "token-1")) << describe(refund.error());
  }
}

TEST_F(OpttyTest, TheTokenEndpointQuotingTheSecretLeaksNothing) {
  const std::string echoed =
      R"({"error":"invalid_client","error_description":"bad secret )" + kSecret + R"("})";
  for (int status : {401, 400, 500, 200}) {
    SCOPED_TRACE(status);
    token_endpoint->respond_json(status, echoed);
    const Result<Refund> refund = make(options())->create_refund(request());
    ASSERT_FALSE(refund.ok());
    EXPECT_FALSE(any_field_contains(refund.error(), kSecret)) << describe(refund.error());
  }
  token_endpoint->fail(ErrorKind::network, "could not connect (" + kSecret + ")");
  const Result<Refund> refund = make(options())->create_refund(request());
  ASSERT_FALSE(refund.ok());
  EXPECT_FALSE(any_field_contains(refund.error(), kSecret)) << describe(refund.error());
  EXPECT_EQ(api->request_count(), 0u);
}

TEST_F(OpttyTest, SecretAndTokenEchoedInASuccessfulAnswerAreRedacted) {
  const Result<Refund> refund =
      answer(201, R"({"refundReference":"RMA-1","refundStatus":"SUCCESSFUL","bnplRefundId":")" +
                      kSecret + R"(","note":"token-1"})");
  ASSERT_THAT(refund, Succeeds());
  EXPECT_FALSE(any_field_contains(*refund, kSecret));
  EXPECT_FALSE(any_field_contains(*refund, "token-1"));
  EXPECT_EQ(refund->id, "[REDACTED]");
}

TEST_F(OpttyTest, TheReadBackQuotingSecretAndTokenLeaksNothing) {
  OpttyOptions with = options();
  with.merchant_id = "M-1";
  api->respond_json(500, "{\"message\":\"" + kSecret + " token-1\"}");
  const Result<Refund> refund = make(with)->find_refund("ORD-1001", "RMA-1");
  ASSERT_FALSE(refund.ok());
  EXPECT_FALSE(any_field_contains(refund.error(), kSecret)) << describe(refund.error());
  EXPECT_FALSE(any_field_contains(refund.error(), "token-1")) << describe(refund.error());
}

}  // namespace
}  // namespace refundkit::optty_test
