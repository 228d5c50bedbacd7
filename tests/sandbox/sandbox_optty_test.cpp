// The Optty emulator's rules, exercised over raw HTTP: the token endpoint, the refund endpoint,
// the order status and details reads, faults and concurrency.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "sandbox_test_support.hpp"

namespace refundkit::sandbox::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr const char* kTokenPath = "/optty/auth/token";
constexpr const char* kOrdersPath = "/optty/api/orders/";
constexpr const char* kFormType = "application/x-www-form-urlencoded";
constexpr const char* kJsonType = "application/json";
constexpr const char* kClientId = "sandbox-optty-client";
constexpr const char* kClientSecret = "sandbox-optty-secret";
constexpr const char* kMerchantId = "sandbox-optty-merchant";
constexpr const char* kUnauthorizedBody = R"({"statusCode":401,"message":"Unauthorized"})";
constexpr const char* kNotFoundBody = R"({"statusCode":404,"message":"Not Found"})";
// Fri, 08 Oct 2021 06:22:20 GMT: the vendor sample's refundDate.
constexpr std::int64_t kSampleInstant = 1633674140;

std::string token_form(const std::string& client_id = kClientId,
                       const std::string& client_secret = kClientSecret,
                       const std::string& extra = "") {
  return "client_id=" + client_id + "&client_secret=" + client_secret +
         "&grant_type=client_credentials&scope=api-user" + extra;
}

// An OrderRefundDto; `amount` is raw JSON text ("12.30").
std::string refund_body(const std::string& reference, const std::string& amount,
                        const std::string& currency = "AUD",
                        const std::string& description = "Please refund this order") {
  return R"({"refundReference":")" + reference + R"(","refundAmount":{"amount":)" + amount +
         R"(,"currency":")" + currency + R"("},"refundDescription":")" + description +
         R"(","isActivatedViaOAuth":false})";
}

httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

/// Raw HTTP with any content type; paths are sent exactly as written.
class OpttyClient {
 public:
  explicit OpttyClient(int port) : client_("127.0.0.1", port) {
    client_.set_url_encode(false);
    client_.set_connection_timeout(5);
    client_.set_read_timeout(10);
  }

  Reply post(const std::string& path, const std::string& body, const std::string& content_type,
             const httplib::Headers& headers = {}) {
    return to_reply(client_.Post(path.c_str(), headers, body, content_type.c_str()));
  }
  Reply get(const std::string& path, const httplib::Headers& headers = {}) {
    return to_reply(client_.Get(path.c_str(), headers));
  }

  Reply request_token(const std::string& form) { return post(kTokenPath, form, kFormType); }
  std::string token() {
    const Reply reply = request_token(token_form());
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json.value("access_token", "");
  }
  Reply refund(const std::string& token, const std::string& encoded_order, const std::string& body,
               const httplib::Headers& extra = {}) {
    httplib::Headers headers = bearer(token);
    headers.insert(extra.begin(), extra.end());
    return post(kOrdersPath + encoded_order + "/refund", body, kJsonType, headers);
  }
  Reply order(const std::string& token, const std::string& encoded_order) {
    return get(kOrdersPath + encoded_order, bearer(token));
  }
  Reply details(const std::string& token, const std::string& encoded_order,
                const std::string& query = std::string("?merchantId=") + kMerchantId) {
    return post(kOrdersPath + encoded_order + "/details" + query, "", kJsonType, bearer(token));
  }

  /// Cached lazily: many tests need one token and nothing about it.
  const std::string& default_token() {
    if (default_token_.empty()) default_token_ = token();
    return default_token_;
  }

  /// The Cache-Control header of the last answer ("" if none).
  const std::string& last_cache_control() const { return last_cache_control_; }

 private:
  Reply to_reply(const httplib::Result& result) {
    Reply reply;
    last_cache_control_.clear();
    if (!result) return reply;
    reply.status = result->status;
    reply.body = result->body;
    reply.json = Json::parse(result->body, nullptr, false);
    last_cache_control_ = result->get_header_value("Cache-Control");
    return reply;
  }

  httplib::Client client_;
  std::string default_token_;
  std::string last_cache_control_;
};

/// The sandbox's clock, set by the test; readable from the server's threads.
class TestClock {
 public:
  explicit TestClock(std::int64_t unix_milliseconds) : milliseconds_(unix_milliseconds) {}
  std::chrono::system_clock::time_point now() const {
    return std::chrono::system_clock::time_point(std::chrono::milliseconds(milliseconds_.load()));
  }
  void advance(std::chrono::milliseconds by) { milliseconds_ += by.count(); }

 private:
  std::atomic<std::int64_t> milliseconds_;
};

SandboxOptions options_with(TestClock& clock) {
  SandboxOptions options = test_options();
  options.now = [&clock] { return clock.now(); };
  return options;
}

class OpttySandboxTest : public ::testing::Test {
 protected:
  // Declared first: the sandbox reads it.
  TestClock clock_{kSampleInstant * 1000};
  Sandbox sandbox_{options_with(clock_)};
  OpttyClient client_{sandbox_.port()};

  Reply refund(const std::string& order, const std::string& body) {
    return client_.refund(client_.default_token(), order, body);
  }

  // The status, NestJS's 400 shape and the exact message.
  static void expect_bad_request(const Reply& reply, const std::string& message) {
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_EQ(reply.json,
              Json({{"statusCode", 400}, {"message", message}, {"error", "Bad Request"}}))
        << reply.body;
  }
};

// "8ba78198-bc4c-48ae-9040-57c687bed51d": lowercase hex in 8-4-4-4-12, version 4, RFC 4122
// variant. (No std::regex: GCC 12 warns inside it under the sanitizers.)
bool is_uuid(const std::string& text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash_here = i == 8 || i == 13 || i == 18 || i == 23;
    const char c = text[i];
    if (dash_here != (c == '-')) return false;
    if (!dash_here && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return text[14] == '4' && std::string("89ab").find(text[19]) != std::string::npos;
}

// ----- the token endpoint -----

TEST_F(OpttySandboxTest, IssuesABearerTokenForTheConfiguredClient) {
  const Reply reply = client_.request_token(token_form());
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_THAT(reply.json.at("access_token").get<std::string>(), StartsWith("optty-sandbox-"));
  EXPECT_EQ(reply.json.at("expires_in"), 86400);
  EXPECT_EQ(reply.json.at("token_type"), "Bearer");
  EXPECT_EQ(reply.json.at("scope"), "api-user");
  EXPECT_EQ(reply.json.size(), 4u);
  EXPECT_EQ(client_.last_cache_control(), "no-store");
}

TEST_F(OpttySandboxTest, ToleratesResponseTypeTokenAndAnyFieldOrder) {
  EXPECT_EQ(
      client_.request_token(token_form(kClientId, kClientSecret, "&response_type=token")).status,
      200);
  const Reply reordered = client_.request_token(
      "scope=api-user&grant_type=client_credentials&client_secret=sandbox-optty-secret&"
      "client_id=sandbox-optty-client");
  EXPECT_EQ(reordered.status, 200) << reordered.body;
  // Form decoding: %2D is '-'.
  EXPECT_EQ(client_.request_token(token_form("sandbox%2Doptty%2Dclient")).status, 200);
}

TEST_F(OpttySandboxTest, IssuesADifferentTokenEachTime) {
  EXPECT_NE(client_.token(), client_.token());
}

TEST_F(OpttySandboxTest, RefusesAWrongClient) {
  for (const std::string& form :
       {token_form(kClientId, "wrong-secret"), token_form("wrong-client", kClientSecret),
        token_form(kClientId, ""), std::string("grant_type=client_credentials&scope=api-user"),
        token_form(kClientId, std::string(kClientSecret) + "x")}) {
    const Reply reply = client_.request_token(form);
    EXPECT_EQ(reply.status, 401) << form;
    EXPECT_EQ(reply.body, kUnauthorizedBody) << form;
  }
}

TEST_F(OpttySandboxTest, RefusesAMissingOrWrongGrantType) {
  const std::string credentials =
      "client_id=sandbox-optty-client&client_secret=sandbox-optty-secret";
  for (const std::string& form :
       {credentials + "&scope=api-user", credentials + "&scope=api-user&grant_type=password",
        credentials + "&scope=api-user&grant_type=",
        credentials + "&scope=api-user&grant_type=client_credentials&grant_type=password"}) {
    const Reply reply = client_.request_token(form);
    EXPECT_EQ(reply.status, 400) << form;
    EXPECT_EQ(reply.json.value("statusCode", 0), 400) << form;
    EXPECT_EQ(reply.json.value("error", ""), "Bad Request") << form;
    EXPECT_THAT(reply.json.value("message", ""), HasSubstr("grant_type")) << form;
  }
}

TEST_F(OpttySandboxTest, RefusesAScopeOtherThanApiUser) {
  const std::string start =
      "client_id=sandbox-optty-client&client_secret=sandbox-optty-secret&"
      "grant_type=client_credentials";
  expect_bad_request(client_.request_token(start), "scope must be api-user");
  expect_bad_request(client_.request_token(start + "&scope=admin"), "scope must be api-user");
}

TEST_F(OpttySandboxTest, ReadsCredentialsOnlyFromAFormBody) {
  // As JSON, or in the query: the form is empty, so the grant type is missing.
  const Reply json = client_.post(kTokenPath,
                                  R"({"client_id":"sandbox-optty-client","client_secret":)"
                                  R"("sandbox-optty-secret","grant_type":"client_credentials",)"
                                  R"("scope":"api-user"})",
                                  kJsonType);
  expect_bad_request(json, "grant_type must be client_credentials");
  const Reply query = client_.post(std::string(kTokenPath) + "?" + token_form(), "", kFormType);
  expect_bad_request(query, "grant_type must be client_credentials");
  expect_bad_request(client_.request_token(token_form() + "&x=%zz"),
                     "The form body has a malformed %-escape");
}

TEST_F(OpttySandboxTest, AnswersTheConfiguredLifetime) {
  TestClock clock(kSampleInstant * 1000);
  SandboxOptions options = options_with(clock);
  options.optty_token_lifetime = std::chrono::seconds(60);
  options.optty_client_id = "my-client";
  options.optty_client_secret = "my-secret";
  Sandbox sandbox(options);
  OpttyClient client(sandbox.port());
  EXPECT_EQ(client.request_token(token_form()).status, 401);
  const Reply reply = client.request_token(token_form("my-client", "my-secret"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json.at("expires_in"), 60);
}

TEST_F(OpttySandboxTest, TokensExpireByTheSandboxClock) {
  TestClock clock(kSampleInstant * 1000);
  SandboxOptions options = options_with(clock);
  options.optty_token_lifetime = std::chrono::seconds(60);
  Sandbox sandbox(options);
  OpttyClient client(sandbox.port());
  const std::string token = client.token();

  clock.advance(std::chrono::milliseconds(59'999));
  EXPECT_EQ(client.order(token, "OP-2001").status, 200);
  clock.advance(std::chrono::milliseconds(1));  // issue time + 60 s: expired
  const Reply expired = client.order(token, "OP-2001");
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(expired.body, kUnauthorizedBody);
  EXPECT_EQ(client.refund(token, "OP-2001", refund_body("R-1", "1.00")).status, 401);
  EXPECT_TRUE(sandbox.refunds().empty());
  // A fresh token works again.
  EXPECT_EQ(client.order(client.token(), "OP-2001").status, 200);
}

TEST_F(OpttySandboxTest, UsesTheSystemClockByDefault) {
  Sandbox sandbox;
  OpttyClient client(sandbox.port());
  EXPECT_EQ(client.order(client.token(), "OP-2001").status, 200);
}

TEST_F(OpttySandboxTest, ResetForgetsIssuedTokens) {
  const std::string token = client_.token();
  ASSERT_EQ(client_.order(token, "OP-2001").status, 200);
  sandbox_.reset();
  EXPECT_EQ(client_.order(token, "OP-2001").body, kUnauthorizedBody);
  EXPECT_EQ(client_.order(client_.token(), "OP-2001").status, 200);
}

// ----- the bearer token on the API -----

TEST_F(OpttySandboxTest, EveryApiCallNeedsAValidBearerToken) {
  const std::string token = client_.token();
  const std::vector<httplib::Headers> refused = {
      {},
      {{"Authorization", "Bearer not-a-token"}},
      {{"Authorization", "Bearer " + token + "x"}},
      {{"Authorization", "Basic " + token}},
      {{"Authorization", "Bearer"}},
      {{"Authorization", "Bearer " + token + " extra"}},
      {{"Authorization", token}},
  };
  const std::string details_path =
      std::string(kOrdersPath) + "OP-2001/details?merchantId=" + kMerchantId;
  for (std::size_t i = 0; i < refused.size(); ++i) {
    const Reply create = client_.post(std::string(kOrdersPath) + "OP-2001/refund",
                                      refund_body("R-1", "1.00"), kJsonType, refused[i]);
    EXPECT_EQ(create.status, 401) << i;
    EXPECT_EQ(create.body, kUnauthorizedBody) << i;
    const Reply status = client_.get(std::string(kOrdersPath) + "OP-2001", refused[i]);
    EXPECT_EQ(status.body, kUnauthorizedBody) << i;
    const Reply details = client_.post(details_path, "", kJsonType, refused[i]);
    EXPECT_EQ(details.body, kUnauthorizedBody) << i;
  }
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(OpttySandboxTest, AcceptsTheBearerSchemeInAnyCase) {
  const std::string token = client_.token();
  EXPECT_EQ(
      client_.get(std::string(kOrdersPath) + "OP-2001", {{"Authorization", "bearer " + token}})
          .status,
      200);
  EXPECT_EQ(
      client_.get(std::string(kOrdersPath) + "OP-2001", {{"Authorization", "BEARER  " + token}})
          .status,
      200);
}

// ----- POST /orders/{orderReference}/refund -----

TEST_F(OpttySandboxTest, AnswersARefundInTheSamplesShape) {
  const Reply reply = refund("OP-2001", refund_body("TgEHcPtpN2HSrTMK-0", "12.30"));

  ASSERT_EQ(reply.status, 201) << reply.body;
  const std::string id = reply.json.at("bnplRefundId");
  EXPECT_TRUE(is_uuid(id)) << id;
  EXPECT_EQ(reply.body, R"({"refundReference":"TgEHcPtpN2HSrTMK-0-00","bnplProvider":"KLARNA_AU",)"
                        R"("refundedAmount":"12.30","refundStatus":"SUCCESSFUL","description":{},)"
                        R"("refundDate":"Fri, 08 Oct 2021 06:22:20 GMT","bnplRefundId":")" +
                            id + R"("})");
}

TEST_F(OpttySandboxTest, AcceptsTheVendorsSampleRequestWithoutIsActivatedViaOAuth) {
  const Reply reply = refund("OP-2001", R"({
    "refundReference": "TgEHcPtpN2HSrTMK-0",
    "refundAmount": {
        "amount": 100,
        "currency": "AUD"
    },
    "refundDescription": "Please refund this order"
})");
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.json.at("refundedAmount"), "100.00");
  EXPECT_EQ(reply.json.at("refundReference"), "TgEHcPtpN2HSrTMK-0-00");
}

TEST_F(OpttySandboxTest, AcceptsAJsonContentTypeWithParameters) {
  const Reply reply =
      client_.post(std::string(kOrdersPath) + "OP-2001/refund", refund_body("R-1", "1.00"),
                   "Application/JSON; charset=utf-8", bearer(client_.default_token()));
  EXPECT_EQ(reply.status, 201) << reply.body;
}

TEST_F(OpttySandboxTest, DatesTheRefundByTheSandboxClock) {
  clock_.advance(std::chrono::hours(24 * 365));  // 2022-10-08 was a Saturday
  const Reply reply = refund("OP-2001", refund_body("R-1", "1.00"));
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.json.at("refundDate"), "Sat, 08 Oct 2022 06:22:20 GMT");
}

TEST_F(OpttySandboxTest, RecordsTheRefundInTheLedger) {
  const Reply reply = refund("OP-2001", refund_body("RMA-1", "12.3"));
  ASSERT_EQ(reply.status, 201) << reply.body;

  const std::vector<SandboxRefund> refunds = sandbox_.refunds();
  ASSERT_EQ(refunds.size(), 1u);
  EXPECT_EQ(refunds[0].provider, "optty");
  EXPECT_EQ(refunds[0].order_id, "OP-2001");
  EXPECT_EQ(refunds[0].id, reply.json.at("bnplRefundId"));
  EXPECT_EQ(refunds[0].reference, "RMA-1");
  EXPECT_EQ(refunds[0].vendor_reference, "RMA-1-00");
  EXPECT_EQ(refunds[0].amount, "12.30");
  EXPECT_EQ(refunds[0].amount_minor, 1230);
  EXPECT_EQ(refunds[0].currency, "AUD");
  EXPECT_EQ(refunds[0].status, "SUCCESSFUL");
  EXPECT_EQ(refunds[0].planned_date, "");
  EXPECT_EQ(refunds[0].capture_number, "");
}

TEST_F(OpttySandboxTest, GivesEveryRefundItsOwnUuid) {
  std::vector<std::string> ids;
  for (int i = 0; i < 20; ++i) {
    const Reply reply = refund("OP-2001", refund_body("R-" + std::to_string(i), "1.00"));
    ASSERT_EQ(reply.status, 201) << reply.body;
    ids.push_back(reply.json.at("bnplRefundId"));
    EXPECT_TRUE(is_uuid(ids.back())) << ids.back();
  }
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
}

TEST_F(OpttySandboxTest, RefusesAnUnknownOrder) {
  const Reply reply = refund("OP-9999", refund_body("R-1", "1.00"));
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(reply.body, kNotFoundBody);
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(OpttySandboxTest, RefusesOtherProvidersOrders) {
  EXPECT_EQ(refund("KK-1001", refund_body("R-1", "1.00", "EUR")).body, kNotFoundBody);
}

TEST_F(OpttySandboxTest, RefusesACurrencyOtherThanTheOrders) {
  expect_bad_request(refund("OP-2001", refund_body("R-1", "1.00", "EUR")),
                     "Refund currency EUR does not match order currency AUD");
  expect_bad_request(refund("OP-2003", refund_body("R-1", "1.00", "aud")),
                     "Refund currency aud does not match order currency USD");
  EXPECT_TRUE(sandbox_.refunds().empty());
  EXPECT_EQ(refund("OP-2003", refund_body("R-1", "1.00", "USD")).status, 201);
}

TEST_F(OpttySandboxTest, RefusesAReusedRefundReferenceOnAnyOrder) {
  ASSERT_EQ(refund("OP-2001", refund_body("RMA-1", "1.00")).status, 201);

  expect_bad_request(refund("OP-2001", refund_body("RMA-1", "1.00")),
                     "Refund reference RMA-1 has already been used");
  expect_bad_request(refund("OP-2003", refund_body("RMA-1", "2.00", "USD")),
                     "Refund reference RMA-1 has already been used");
  // The answered "-00" form is another reference.
  EXPECT_EQ(refund("OP-2001", refund_body("RMA-1-00", "1.00")).status, 201);
  EXPECT_EQ(sandbox_.refunds().size(), 2u);
}

TEST_F(OpttySandboxTest, RefusesMoreThanTheRemainderWithTheVendorsText) {
  // OP-2002 is 24.98 AUD, the amount in the vendor's sample message.
  expect_bad_request(refund("OP-2002", refund_body("R-1", "24.99")),
                     "You can only refund amount up to AUD 24.98");
  ASSERT_EQ(refund("OP-2002", refund_body("R-2", "10")).status, 201);
  expect_bad_request(refund("OP-2002", refund_body("R-3", "14.99")),
                     "You can only refund amount up to AUD 14.98");
  ASSERT_EQ(refund("OP-2002", refund_body("R-4", "14.98")).status, 201);
  expect_bad_request(refund("OP-2002", refund_body("R-5", "0.01")),
                     "You can only refund amount up to AUD 0.00");
  EXPECT_EQ(sandbox_.refunds().size(), 2u);
}

TEST_F(OpttySandboxTest, JudgesAmountsInTheOrdersCurrency) {
  sandbox_.add_order({"optty", "JP-1", "1000", "JPY"});
  expect_bad_request(refund("JP-1", refund_body("R-1", "1.50", "JPY")),
                     "Refund amount 1.50 has more decimals than JPY allows");
  const Reply whole = refund("JP-1", refund_body("R-2", "5", "JPY"));
  ASSERT_EQ(whole.status, 201) << whole.body;
  EXPECT_EQ(whole.json.at("refundedAmount"), "5");
  expect_bad_request(refund("JP-1", refund_body("R-3", "996", "JPY")),
                     "You can only refund amount up to JPY 995");
  EXPECT_EQ(refund("JP-1", refund_body("R-4", "995.00", "JPY")).status, 201);
}

// Amounts are judged and written as text: one cent more than 2^53 cents is no problem.
TEST_F(OpttySandboxTest, KeepsAmountsBeyondDoublePrecisionExact) {
  sandbox_.add_order({"optty", "BIG", "90071992547409.93", "AUD"});
  const Reply reply = refund("BIG", refund_body("R-1", "90071992547409.93"));
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.json.at("refundedAmount"), "90071992547409.93");
  EXPECT_EQ(sandbox_.refunds().at(0).amount_minor, 9007199254740993);
}

TEST_F(OpttySandboxTest, DecodesTheOrderReferenceFromOnePathSegment) {
  sandbox_.add_order({"optty", "A/B 7", "10.00", "AUD"});
  const Reply created = refund("A%2FB%207", refund_body("R-1", "1.00"));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(sandbox_.refunds().at(0).order_id, "A/B 7");
  const Reply read = client_.order(client_.default_token(), "A%2FB%207");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json.at("orderReference"), "A/B 7");
}

struct MalformedCase {
  std::string body;
  std::string message;  // V8's JSON.parse text under body-parser's strict mode
};

class OpttyMalformedJsonTest : public OpttySandboxTest,
                               public ::testing::WithParamInterface<MalformedCase> {};

TEST_P(OpttyMalformedJsonTest, AnswersWithNodesSyntaxErrorText) {
  const Reply reply = refund("OP-2001", GetParam().body);
  expect_bad_request(reply, GetParam().message);
  EXPECT_TRUE(sandbox_.refunds().empty());
}

// Positions and characters cross-checked against Node's JSON.parse.
INSTANTIATE_TEST_SUITE_P(
    Optty, OpttyMalformedJsonTest,
    ::testing::Values(
        MalformedCase{R"({"refundReference": a})", "Unexpected token a in JSON at position 20"},
        MalformedCase{R"({"refundReference":"R" "x"})", "Unexpected string in JSON at position 23"},
        MalformedCase{R"({"a":1 2})", "Unexpected number in JSON at position 7"},
        MalformedCase{R"({"a":01})", "Unexpected number in JSON at position 6"},
        MalformedCase{R"({"a":-x})", "Unexpected token x in JSON at position 6"},
        MalformedCase{R"({"a":1.})", "Unexpected token } in JSON at position 7"},
        MalformedCase{R"({"a":trux})", "Unexpected token x in JSON at position 8"},
        MalformedCase{R"({"a":"\x"})", "Unexpected token x in JSON at position 7"},
        MalformedCase{R"({"a":1,})", "Unexpected token } in JSON at position 7"},
        MalformedCase{R"({"a":1}})", "Unexpected token } in JSON at position 7"},
        MalformedCase{R"({"refundReference":"R")", "Unexpected end of JSON input"},
        MalformedCase{"{", "Unexpected end of JSON input"},
        MalformedCase{"   ", "Unexpected end of JSON input"},
        // body-parser's strict mode: the top level must be an object or an array.
        MalformedCase{"not json", "Unexpected token n in JSON at position 0"},
        MalformedCase{"  12.30", "Unexpected token 1 in JSON at position 2"},
        MalformedCase{R"("text")", "Unexpected token \" in JSON at position 0"},
        // Positions count UTF-16 code units: the emoji is two.
        MalformedCase{"{\"a\":\"\xF0\x9F\x98\x80\" x}",
                      "Unexpected token x in JSON at position 10"},
        MalformedCase{"{\"a\":\"\xC3\xA9\" x}", "Unexpected token x in JSON at position 9"},
        // An invalid UTF-8 byte reads as U+FFFD, one code unit.
        MalformedCase{"{\"a\":\"\xFF\" x}", "Unexpected token x in JSON at position 9"}));

TEST_F(OpttySandboxTest, AnswersMalformedJsonBeforeCheckingTheToken) {
  // The vendor's Express stack parses the body before its token guard runs.
  const Reply reply = client_.post(std::string(kOrdersPath) + "OP-2001/refund", "{x", kJsonType);
  expect_bad_request(reply, "Unexpected token x in JSON at position 1");
}

TEST_F(OpttySandboxTest, ReadsABodyWithoutAJsonContentTypeAsEmpty) {
  // body-parser leaves it unparsed: the schema then finds nothing.
  const Reply reply =
      client_.post(std::string(kOrdersPath) + "OP-2001/refund", refund_body("R-1", "1.00"),
                   "text/plain", bearer(client_.default_token()));
  expect_bad_request(reply, "refundReference must be a string");
  expect_bad_request(refund("OP-2001", ""), "refundReference must be a string");
  expect_bad_request(refund("OP-2001", "[1,2]"), "refundReference must be a string");
  EXPECT_TRUE(sandbox_.refunds().empty());
}

struct SchemaCase {
  std::string body;
  std::string message;
};

class OpttySchemaTest : public OpttySandboxTest,
                        public ::testing::WithParamInterface<SchemaCase> {};

TEST_P(OpttySchemaTest, RefusesTheFieldWithItsMessage) {
  expect_bad_request(refund("OP-2001", GetParam().body), GetParam().message);
  EXPECT_TRUE(sandbox_.refunds().empty());
}

constexpr const char* kAmountNotConforming =
    "refundAmount.amount must be a number conforming to the specified constraints";
constexpr const char* kAmountNotPositive = "refundAmount.amount must be a positive number";

INSTANTIATE_TEST_SUITE_P(
    Optty, OpttySchemaTest,
    ::testing::Values(
        SchemaCase{R"({"refundAmount":{"amount":1,"currency":"AUD"},"refundDescription":"d"})",
                   "refundReference must be a string"},
        SchemaCase{R"({"refundReference":7,"refundAmount":{"amount":1,"currency":"AUD"},
                       "refundDescription":"d"})",
                   "refundReference must be a string"},
        SchemaCase{R"({"refundReference":"","refundAmount":{"amount":1,"currency":"AUD"},
                       "refundDescription":"d"})",
                   "refundReference should not be empty"},
        SchemaCase{R"({"refundReference":"R","refundDescription":"d"})",
                   "refundAmount must be an object"},
        SchemaCase{R"({"refundReference":"R","refundAmount":1,"refundDescription":"d"})",
                   "refundAmount must be an object"},
        SchemaCase{refund_body("R", "\"1.00\""), kAmountNotConforming},
        SchemaCase{refund_body("R", "12.345"), kAmountNotConforming},
        SchemaCase{refund_body("R", "1.000"), kAmountNotConforming},
        SchemaCase{refund_body("R", "1e1"), kAmountNotConforming},
        SchemaCase{refund_body("R", "null"), kAmountNotConforming},
        SchemaCase{R"({"refundReference":"R","refundAmount":{"currency":"AUD"},
                       "refundDescription":"d"})",
                   kAmountNotConforming},
        SchemaCase{refund_body("R", "0"), kAmountNotPositive},
        SchemaCase{refund_body("R", "0.00"), kAmountNotPositive},
        SchemaCase{refund_body("R", "-5.00"), kAmountNotPositive},
        SchemaCase{R"({"refundReference":"R","refundAmount":{"amount":1},
                       "refundDescription":"d"})",
                   "refundAmount.currency must be a string"},
        SchemaCase{refund_body("R", "1", ""), "refundAmount.currency should not be empty"},
        SchemaCase{R"({"refundReference":"R","refundAmount":{"amount":1,"currency":"AUD"}})",
                   "refundDescription must be a string"},
        SchemaCase{R"({"refundReference":"R","refundAmount":{"amount":1,"currency":"AUD"},
                       "refundDescription":null})",
                   "refundDescription must be a string"},
        SchemaCase{R"({"refundReference":"R","refundAmount":{"amount":1,"currency":"AUD"},
                       "refundDescription":"d","isActivatedViaOAuth":"false"})",
                   "isActivatedViaOAuth must be a boolean value"}));

TEST_F(OpttySandboxTest, AcceptsAnEmptyDescriptionAndEitherOAuthFlag) {
  EXPECT_EQ(refund("OP-2001", refund_body("R-1", "1.00", "AUD", "")).status, 201);
  EXPECT_EQ(refund("OP-2001", R"({"refundReference":"R-2","refundAmount":{"amount":1,)"
                              R"("currency":"AUD"},"refundDescription":"d",)"
                              R"("isActivatedViaOAuth":true})")
                .status,
            201);
}

// ----- concurrency -----

TEST_F(OpttySandboxTest, ConcurrentRefundsNeverExceedTheOrderAmount) {
  const std::string token = client_.token();
  constexpr int kThreads = 16;
  std::vector<Reply> replies(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      OpttyClient client(sandbox_.port());
      // OP-2001 is 100.00 AUD: ten of these fit.
      replies[static_cast<std::size_t>(i)] =
          client.refund(token, "OP-2001", refund_body("C-" + std::to_string(i), "10.00"));
    });
  }
  for (std::thread& thread : threads) thread.join();

  int created = 0;
  for (const Reply& reply : replies) {
    if (reply.status == 201) {
      ++created;
    } else {
      expect_bad_request(reply, "You can only refund amount up to AUD 0.00");
    }
  }
  EXPECT_EQ(created, 10);
  std::int64_t total = 0;
  for (const SandboxRefund& refund : sandbox_.refunds()) total += refund.amount_minor;
  EXPECT_EQ(total, 10000);
}

TEST_F(OpttySandboxTest, ConcurrentRefundsWithOneReferenceCreateOne) {
  const std::string token = client_.token();
  constexpr int kThreads = 16;
  std::atomic<int> created{0};
  std::atomic<int> refused_as_reused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      const Reply reply =
          OpttyClient(sandbox_.port()).refund(token, "OP-2001", refund_body("SAME", "1.00"));
      if (reply.status == 201) ++created;
      if (reply.status == 400 &&
          reply.json.value("message", "") == "Refund reference SAME has already been used") {
        ++refused_as_reused;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(created, 1);
  EXPECT_EQ(refused_as_reused, kThreads - 1);
  EXPECT_EQ(sandbox_.refunds().size(), 1u);
}

// ----- faults on Optty's routes -----

TEST_F(OpttySandboxTest, DropAfterRecordsTheRefundButLosesTheAnswer) {
  const Reply reply = client_.refund(client_.default_token(), "OP-2001", refund_body("R-1", "1.00"),
                                     {{kFaultHeader, "drop_after"}});
  EXPECT_EQ(reply.status, 0);  // no HTTP response
  ASSERT_EQ(sandbox_.refunds().size(), 1u);
  EXPECT_EQ(sandbox_.refunds()[0].reference, "R-1");
  // The retry is refused as a reuse: the vendor cannot double it.
  expect_bad_request(refund("OP-2001", refund_body("R-1", "1.00")),
                     "Refund reference R-1 has already been used");
  EXPECT_EQ(sandbox_.fault_counts().at("drop_after"), 1u);
}

TEST_F(OpttySandboxTest, AStandingStatusRuleFaultsTheTokenEndpoint) {
  FaultRule rule = parse_fault_rule("status; status=503");
  rule.path_prefix = "/optty/auth/";
  rule.count = 1;
  sandbox_.add_fault_rule(rule);
  EXPECT_EQ(client_.request_token(token_form()).status, 503);
  EXPECT_EQ(client_.request_token(token_form()).status, 200);
}

// ----- GET /orders/{orderReference} -----

TEST_F(OpttySandboxTest, ReadsTheOrderStatusWithoutRefunds) {
  ASSERT_EQ(refund("OP-2001", refund_body("R-1", "12.30")).status, 201);
  const Reply reply = client_.order(client_.default_token(), "OP-2001");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.body, R"({"orderReference":"OP-2001","status":"CAPTURED","amount":100.00,)"
                        R"("currency":"AUD","captureStatus":"CAPTURED"})");
}

TEST_F(OpttySandboxTest, ReadingAnUnknownOrderIsNotFound) {
  EXPECT_EQ(client_.order(client_.default_token(), "OP-9999").body, kNotFoundBody);
  EXPECT_EQ(client_.order(client_.default_token(), "OP-9999").status, 404);
}

// ----- POST /orders/{orderReference}/details?merchantId=... -----

TEST_F(OpttySandboxTest, ListsTheOrdersRefundsInTheDetails) {
  ASSERT_EQ(refund("OP-2001", refund_body("R-1", "12.30", "AUD", "Damaged")).status, 201);
  clock_.advance(std::chrono::milliseconds(1250));
  ASSERT_EQ(refund("OP-2001", refund_body("R-2", "5", "AUD", "Late")).status, 201);
  ASSERT_EQ(refund("OP-2003", refund_body("R-3", "1.00", "USD")).status, 201);

  const Reply reply = client_.details(client_.default_token(), "OP-2001");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.body,
            R"({"orderReference":"OP-2001","status":"CAPTURED","amount":100.00,"currency":"AUD",)"
            R"("captureStatus":"CAPTURED","refunds":[)"
            // As in the vendor's sample, refundId is the order's reference.
            R"({"refundId":"OP-2001","amount":"12.30","currency":"AUD","status":"SUCCESSFUL",)"
            R"("createdAt":"2021-10-08T06:22:20.000Z","refundReason":"Damaged",)"
            R"("refundFailureReason":null},)"
            R"({"refundId":"OP-2001","amount":"5.00","currency":"AUD","status":"SUCCESSFUL",)"
            R"("createdAt":"2021-10-08T06:22:21.250Z","refundReason":"Late",)"
            R"("refundFailureReason":null}]})");
}

TEST_F(OpttySandboxTest, ListsNoRefundsOfAnOrderWithout) {
  const Reply reply = client_.details(client_.default_token(), "OP-2002");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_TRUE(reply.json.at("refunds").empty());
}

TEST_F(OpttySandboxTest, DetailsNeedTheConfiguredMerchantId) {
  const std::string& token = client_.default_token();
  expect_bad_request(client_.details(token, "OP-2001", ""), "merchantId must be a string");
  expect_bad_request(client_.details(token, "OP-2001", "?merchantId="),
                     "merchantId must be a string");
  expect_bad_request(client_.details(token, "OP-2001", "?merchantId=someone-else"),
                     "merchantId someone-else is not yours");
  EXPECT_EQ(client_.details(token, "OP-9999").body, kNotFoundBody);
  EXPECT_EQ(client_.details(token, "OP-2001", "?merchantId=sandbox%2Doptty%2Dmerchant").status,
            200);
}

TEST_F(OpttySandboxTest, DetailsFollowTheConfiguredMerchantId) {
  TestClock clock(kSampleInstant * 1000);
  SandboxOptions options = options_with(clock);
  options.optty_merchant_id = "M-42";
  Sandbox sandbox(options);
  OpttyClient client(sandbox.port());
  const std::string token = client.token();
  EXPECT_EQ(client.details(token, "OP-2001").status, 400);
  EXPECT_EQ(client.details(token, "OP-2001", "?merchantId=M-42").status, 200);
}

TEST_F(OpttySandboxTest, ResetForgetsRefundsAndFreesTheirReferences) {
  ASSERT_EQ(refund("OP-2001", refund_body("R-1", "100.00")).status, 201);
  sandbox_.reset();
  const std::string token = client_.token();
  EXPECT_TRUE(client_.details(token, "OP-2001").json.at("refunds").empty());
  EXPECT_EQ(client_.refund(token, "OP-2001", refund_body("R-1", "100.00")).status, 201);
}

}  // namespace
}  // namespace refundkit::sandbox::testing
