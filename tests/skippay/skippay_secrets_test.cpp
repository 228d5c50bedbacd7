// The password goes into the login body and nowhere else, and the tokens it buys only into the
// Authorization header: no outcome field quotes either, whoever echoes them.
#include <string>
#include <vector>

#include "skippay_fixture.hpp"

namespace refundkit::skippay_test {
namespace {

using test_support::any_field_contains;
using test_support::describe;
using test_support::Succeeds;

const std::string kSecret(kPassword);

TEST_F(SkipPayTest, ThePasswordIsSentOnlyInTheSecretLoginBody) {
  script_refund(test_support::make_json_response(201, "{}"));
  RefundRequest refund_request = request();
  refund_request.reason = "vada";
  ASSERT_THAT(create(refund_request), Succeeds());
  for (const HttpRequest& http : transport->requests()) {
    SCOPED_TRACE(http.url);
    EXPECT_EQ(http.url.find(kSecret), std::string::npos);
    for (const HttpHeader& header : http.headers) {
      EXPECT_EQ(header.value.find(kSecret), std::string::npos) << header.name;
    }
    const bool is_login = http.url == kLoginUrl;
    EXPECT_EQ(http.body.find(kSecret) != std::string::npos, is_login);
    EXPECT_EQ(http.body_is_secret, is_login);
  }
}

TEST_F(SkipPayTest, NeitherThePasswordNorATokenAppearsInAnyOutcome) {
  const std::string echo = "{\"errors\":[{\"code\":\"INVALID_REQUEST\",\"message\":\"password " +
                           kSecret + " token token-1\",\"attribute\":\"" + kSecret +
                           "\",\"ticketId\":\"" + kSecret + "\"}]}";
  const std::vector<std::pair<const char*, Result<HttpResponse>>> replies = {
      {"400 echo", test_support::make_json_response(400, echo)},
      {"422 echo", test_support::make_json_response(422, echo)},
      {"404 echo", test_support::make_json_response(404, echo)},
      {"500 echo", test_support::make_json_response(500, echo)},
      {"html echo", test_support::make_response(502, "<html>" + kSecret + " token-1</html>")},
      {"unreadable 201 echo", test_support::make_response(201, "pw=" + kSecret + " token-1")},
      {"drop quoting both",
       test_support::make_transport_error(ErrorKind::outcome_unknown,
                                          "timeout after Bearer token-1 / " + kSecret)},
      {"never sent quoting both",
       test_support::make_transport_error(ErrorKind::network, "refused " + kSecret + " token-1")},
  };
  const auto shared = client();  // one token, token-1, for every call
  for (const auto& [name, reply] : replies) {
    SCOPED_TRACE(name);
    script_refund(reply);
    const Result<Refund> refund = shared->create_refund(request());
    ASSERT_FALSE(refund.ok());
    EXPECT_FALSE(any_field_contains(refund.error(), kSecret)) << describe(refund.error());
    EXPECT_FALSE(any_field_contains(refund.error(), "token-1")) << describe(refund.error());
  }
}

TEST_F(SkipPayTest, AnEchoInASuccessOrARefusedLoginIsRedacted) {
  const Result<Refund> refund = answer(201, "{\"id\":\"" + kSecret + "\",\"state\":\"token-1\"}");
  ASSERT_THAT(refund, Succeeds());
  EXPECT_FALSE(any_field_contains(*refund, kSecret));
  EXPECT_FALSE(any_field_contains(*refund, "token-1"));
  EXPECT_EQ(refund->id, "[REDACTED]");

  // A password with characters the login body escapes is scrubbed in its escaped form too.
  SkipPayOptions quoting = options();
  quoting.password = "pa\"ss\\word-42";
  script_login(test_support::make_json_response(
      401, R"({"error":"invalid_grant","error_description":"wrong pa\\\"ss\\\\word-42"})"));
  script_login(test_support::make_json_response(
      401, R"({"error":"invalid_grant","error_description":"wrong pa\"ss\\word-42"})"));
  for (int i = 0; i < 2; ++i) {
    const Result<Refund> refused = client_with(quoting)->create_refund(request());
    ASSERT_FALSE(refused.ok());
    EXPECT_FALSE(any_field_contains(refused.error(), "pa\"ss\\word-42"))
        << describe(refused.error());
    EXPECT_FALSE(any_field_contains(refused.error(), "pa\\\"ss\\\\word-42"))
        << describe(refused.error());
  }
}

TEST_F(SkipPayTest, FindRefundNeverQuotesThePasswordOrToken) {
  script_read(test_support::make_json_response(
      200, "{\"state\":\"" + kSecret + "\",\"stateReason\":\"token-1\"}"));
  const Result<Refund> found = client()->find_refund("APP-1001", "RMA-1");
  ASSERT_FALSE(found.ok());
  EXPECT_FALSE(any_field_contains(found.error(), kSecret)) << describe(found.error());
  EXPECT_FALSE(any_field_contains(found.error(), "token-1")) << describe(found.error());
}

}  // namespace
}  // namespace refundkit::skippay_test
