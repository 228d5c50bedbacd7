// The API key goes into one header and nowhere else: not into the URL or body, and not into any
// field of any outcome, even when Riverty or the transport quotes it back.
#include <string>
#include <vector>

#include "afterpay_fixture.hpp"

namespace refundkit::afterpay_test {
namespace {

using test_support::any_field_contains;
using test_support::describe;
using test_support::FailsWith;
using test_support::Succeeds;

const std::string kKey(kApiKey);

/// any_field_contains and the fields it does not look at.
bool leaks(const Error& error, std::string_view secret) {
  return any_field_contains(error, secret) ||
         error.vendor_field.find(secret) != std::string::npos ||
         error.customer_message.find(secret) != std::string::npos ||
         error.request_id.find(secret) != std::string::npos;
}

TEST_F(AfterPayTest, ApiKeyIsSentOnlyInItsHeader) {
  transport->respond_json(200, std::string(kRefunded));
  ASSERT_THAT(create(request()), Succeeds());
  const HttpRequest http = transport->last_request();
  EXPECT_EQ(find_header(http.headers, "x-auth-key"), kKey);
  EXPECT_EQ(http.url.find(kKey), std::string::npos);
  EXPECT_EQ(http.body.find(kKey), std::string::npos);
  for (const HttpHeader& header : http.headers) {
    if (header.name != "X-Auth-Key") {
      EXPECT_EQ(header.value.find(kKey), std::string::npos);
    }
  }
}

TEST_F(AfterPayTest, ApiKeyAppearsInNoOutcomeField) {
  const std::string messages = R"([{"type":"BusinessError","code":")" + kKey +
                               R"(","message":"X-Auth-Key )" + kKey +
                               R"( is invalid","customerFacingMessage":"key )" + kKey +
                               R"(","fieldReference":")" + kKey + R"("}])";
  const std::vector<std::pair<const char*, Result<HttpResponse>>> replies = {
      {"401 echoing the key", test_support::make_json_response(401, messages)},
      {"400 echoing the key", test_support::make_json_response(400, messages)},
      {"500 echoing the key", test_support::make_json_response(500, messages)},
      {"html echoing the key", test_support::make_response(502, "<html>key=" + kKey + "</html>")},
      {"request id echoing the key",
       test_support::make_response(503, "", {{"X-Request-Id", "req-" + kKey}})},
      {"2xx unreadable echoing the key", test_support::make_json_response(200, messages)},
      {"transport quoting the key",
       test_support::make_transport_error(ErrorKind::outcome_unknown,
                                          "timeout after sending X-Auth-Key: " + kKey)},
      {"network error quoting the key",
       test_support::make_transport_error(ErrorKind::network, "refused (" + kKey + ")")},
  };
  for (const auto& [name, reply] : replies) {
    SCOPED_TRACE(name);
    transport->enqueue(reply);
    const Result<Refund> refund = create(request());
    ASSERT_FALSE(refund.ok());
    EXPECT_FALSE(leaks(refund.error(), kKey)) << describe(refund.error());
    EXPECT_FALSE(leaks(refund.error(), kKey.substr(0, 12)));
  }

  for (const std::string& spoiled_key : {std::string("\n") + kKey, kKey + "\r\n"}) {
    AfterPayOptions bad = options();
    bad.api_key = spoiled_key;
    const Result<Refund> refund = make_afterpay_client(bad, transport)->create_refund(request());
    ASSERT_THAT(refund, FailsWith(ErrorKind::authentication));
    EXPECT_FALSE(leaks(refund.error(), kKey)) << describe(refund.error());
  }
}

TEST_F(AfterPayTest, ApiKeyEchoedInASuccessfulAnswerIsRedacted) {
  const Result<Refund> refund =
      answer(200, R"({"refundNumbers":[")" + kKey + R"(","2"],"note":")" + kKey + R"("})");
  ASSERT_THAT(refund, Succeeds());
  EXPECT_FALSE(any_field_contains(*refund, kKey));
  EXPECT_EQ(refund->id, "[REDACTED]");
  EXPECT_NE(refund->raw_body.find("[REDACTED]"), std::string::npos);
}

TEST_F(AfterPayTest, ApiKeyNeverLeavesInAReadBack) {
  transport->respond_json(
      200, R"({"orderDetails":{"currency":"EUR"},"refunds":[{"transactionReference":"RMA-1",)"
           R"("amount":"-12.5","refundNumber":")" +
               kKey + R"(","refundId":")" + kKey + R"("}]})");
  const Result<Refund> refund = client()->find_refund("ORD-1001", "RMA-1");
  ASSERT_THAT(refund, Succeeds());
  EXPECT_FALSE(any_field_contains(*refund, kKey));

  transport->respond_json(401, R"([{"message":"bad key )" + kKey + R"("}])");
  const Result<Refund> refused = client()->find_refund("ORD-1001", "RMA-1");
  ASSERT_THAT(refused, FailsWith(ErrorKind::authentication));
  EXPECT_FALSE(leaks(refused.error(), kKey));
}

}  // namespace
}  // namespace refundkit::afterpay_test
