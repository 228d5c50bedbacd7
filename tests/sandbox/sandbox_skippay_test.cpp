// The Skip Pay emulator's rules, exercised over raw HTTP.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "sandbox_test_support.hpp"

namespace refundkit::sandbox::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr const char* kTokenPath = "/skippay/authentication/v1/partner";
constexpr const char* kApplicationsPath = "/skippay/financing/v1/applications/";
constexpr const char* kUsername = "sandbox-skippay-partner";
constexpr const char* kPassword = "sandbox-skippay-password";
// 2030-06-15T10:00:00Z
constexpr std::int64_t kStartSeconds = 1907748000;

std::string refunds_path(const std::string& application) {
  return kApplicationsPath + application + "/refunds";
}

std::string login_body(const std::string& username = kUsername,
                       const std::string& password = kPassword) {
  return R"({"username":")" + username + R"(","password":")" + password + R"("})";
}

/// A refund body with totalPrice only; `amount` is raw JSON text ("12590").
std::string refund_body(const std::string& amount, const std::string& currency = "CZK",
                        const std::string& rest = "") {
  return R"({"totalPrice":{"amount":)" + amount + R"(,"currency":")" + currency + R"("})" + rest +
         "}";
}

httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

/// The sandbox clock of a test: starts at kStartSeconds and moves only when told to.
struct TestClock {
  std::shared_ptr<std::atomic<std::int64_t>> seconds =
      std::make_shared<std::atomic<std::int64_t>>(kStartSeconds);

  std::function<std::chrono::system_clock::time_point()> function() const {
    return [seconds = seconds] {
      return std::chrono::system_clock::time_point(std::chrono::seconds(seconds->load()));
    };
  }
  void advance(std::chrono::seconds by) { *seconds += by.count(); }
};

SandboxOptions options_with(const TestClock& clock) {
  SandboxOptions options = test_options();
  options.now = clock.function();
  return options;
}

std::string login(SandboxClient& client) {
  const Reply reply = client.post(kTokenPath, login_body());
  EXPECT_EQ(reply.status, 200) << reply.body;
  if (!reply.json.is_object() || !reply.json.contains("accessToken")) return "";
  return reply.json.at("accessToken").get<std::string>();
}

class SkipPaySandboxTest : public ::testing::Test {
 protected:
  TestClock clock_;
  Sandbox sandbox_{options_with(clock_)};
  SandboxClient client_{sandbox_.port()};
  std::string token_ = login(client_);

  Reply refund(const std::string& application, const std::string& body) {
    return client_.post(refunds_path(application), body, bearer(token_));
  }
  Reply application(const std::string& application) {
    return client_.get(kApplicationsPath + application, bearer(token_));
  }

  // Asserts one error of the documented shape: the code, its status, the attribute (nullopt:
  // null) and a ticketId; returns the ticketId.
  std::string expect_error(const Reply& reply, int status, const std::string& code,
                           const std::optional<std::string>& attribute) {
    EXPECT_EQ(reply.status, status) << reply.body;
    if (!reply.json.is_object() || !reply.json.contains("errors") ||
        !reply.json.at("errors").is_array() || reply.json.at("errors").size() != 1) {
      ADD_FAILURE() << "not one error in: " << reply.body;
      return "";
    }
    const Json& error = reply.json.at("errors").at(0);
    EXPECT_EQ(error.value("code", ""), code) << reply.body;
    EXPECT_EQ(error.value("severity", ""), "ERROR") << reply.body;
    EXPECT_FALSE(error.value("message", "").empty()) << reply.body;
    if (attribute) {
      EXPECT_EQ(error.value("attribute", Json()), Json(*attribute)) << reply.body;
    } else {
      EXPECT_TRUE(error.contains("attribute") && error.at("attribute").is_null()) << reply.body;
    }
    EXPECT_EQ(error.size(), 5u) << reply.body;
    const std::string ticket = error.value("ticketId", "");
    EXPECT_FALSE(ticket.empty()) << reply.body;
    return ticket;
  }

  void expect_invalid_token(const Reply& reply) {
    EXPECT_EQ(reply.status, 401) << reply.body;
    ASSERT_TRUE(reply.json.is_object()) << reply.body;
    EXPECT_EQ(reply.json.value("error", ""), "invalid_token");
    EXPECT_FALSE(reply.json.value("error_description", "").empty()) << reply.body;
  }
};

// --- The partner token ---

TEST_F(SkipPaySandboxTest, IssuesATokenForThePartnerLogin) {
  const Reply reply = client_.post(kTokenPath, login_body());
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_FALSE(reply.json.at("accessToken").get<std::string>().empty());
  EXPECT_EQ(reply.json.at("expiresIn"), 7200);
  EXPECT_EQ(reply.json.size(), 2u);
  EXPECT_NE(reply.json.at("accessToken"), token_);
}

TEST(SkipPayTokenTest, AnswersTheConfiguredLoginAndLifetime) {
  SandboxOptions options = test_options();
  options.skippay_username = "partner-7";
  options.skippay_password = "s3cret";
  options.skippay_token_lifetime = std::chrono::seconds(60);
  Sandbox sandbox(options);
  SandboxClient client(sandbox.port());

  EXPECT_EQ(client.post(kTokenPath, login_body()).status, 401);
  const Reply reply = client.post(kTokenPath, login_body("partner-7", "s3cret"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json.at("expiresIn"), 60);
}

TEST_F(SkipPaySandboxTest, RefusesAWrongLogin) {
  for (const std::string& body :
       {login_body(kUsername, "wrong"), login_body("someone", kPassword), login_body("", "")}) {
    const Reply reply = client_.post(kTokenPath, body);
    EXPECT_EQ(reply.status, 401) << body;
    EXPECT_EQ(reply.body, R"({"error":"invalid_grant","error_description":"Bad credentials"})");
  }
}

TEST_F(SkipPaySandboxTest, RefusesALoginThatIsNotUsernameAndPassword) {
  for (const std::string body : {"", "not json", "[]", R"({"username":"sandbox-skippay-partner"})",
                                 R"({"username":"sandbox-skippay-partner","password":7})"}) {
    const Reply reply = client_.post(kTokenPath, body);
    EXPECT_EQ(reply.status, 400) << body;
    EXPECT_EQ(reply.json.value("error", ""), "invalid_request") << body;
  }
}

TEST_F(SkipPaySandboxTest, RefusesACallWithoutAValidToken) {
  const std::string body = refund_body("100");
  expect_invalid_token(client_.post(refunds_path("SP-4001"), body));
  expect_invalid_token(client_.post(refunds_path("SP-4001"), body, bearer("made-up")));
  expect_invalid_token(
      client_.post(refunds_path("SP-4001"), body, {{"Authorization", "Basic " + token_}}));
  expect_invalid_token(client_.post(refunds_path("SP-4001"), body, {{"Authorization", token_}}));
  expect_invalid_token(client_.get(std::string(kApplicationsPath) + "SP-4001"));
  EXPECT_TRUE(sandbox_.refunds().empty());
  // The scheme is case-insensitive (RFC 6750).
  EXPECT_EQ(
      client_.post(refunds_path("SP-4001"), body, {{"Authorization", "bearer " + token_}}).status,
      201);
}

TEST_F(SkipPaySandboxTest, ExpiresTokensByTheSandboxClock) {
  clock_.advance(std::chrono::seconds(7199));
  EXPECT_EQ(refund("SP-4001", refund_body("100")).status, 201);

  clock_.advance(std::chrono::seconds(1));
  const Reply expired = refund("SP-4001", refund_body("100"));
  expect_invalid_token(expired);
  EXPECT_EQ(expired.json.value("error_description", ""), "Access token expired");
  expect_invalid_token(application("SP-4001"));
  EXPECT_EQ(sandbox_.refunds().size(), 1u);

  token_ = login(client_);
  EXPECT_EQ(refund("SP-4001", refund_body("100")).status, 201);
}

// --- Creating refunds ---

TEST_F(SkipPaySandboxTest, CreatesARefundAndRecordsIt) {
  const Reply reply = refund("SP-4001", refund_body("12590"));
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.body, R"({"id":"SP-R-000001","totalPrice":{"amount":12590,"currency":"CZK"},)"
                        R"("totalVat":[],"reason":null,"variableSymbol":null,)"
                        R"("createdAt":"2030-06-15T10:00:00Z"})");

  const std::vector<SandboxRefund> refunds = sandbox_.refunds();
  ASSERT_EQ(refunds.size(), 1u);
  EXPECT_EQ(refunds[0].provider, "skippay");
  EXPECT_EQ(refunds[0].order_id, "SP-4001");
  EXPECT_EQ(refunds[0].id, "SP-R-000001");
  EXPECT_EQ(refunds[0].reference, "");
  EXPECT_EQ(refunds[0].amount, "125.90");
  EXPECT_EQ(refunds[0].amount_minor, 12590);
  EXPECT_EQ(refunds[0].currency, "CZK");
}

TEST_F(SkipPaySandboxTest, EchoesVatReasonAndVariableSymbol) {
  const Reply reply =
      refund("SP-4001",
             refund_body("12100", "CZK",
                         R"(,"totalVat":[{"amount":2100,"currency":"CZK","vatRate":21},)"
                         R"({"amount":0,"currency":"CZK","vatRate":0}],"reason":"Goodwill \u00e9",)"
                         R"("variableSymbol":"0123456789")"));
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_THAT(reply.body, HasSubstr(R"("totalVat":[{"amount":2100,"currency":"CZK","vatRate":21},)"
                                    R"({"amount":0,"currency":"CZK","vatRate":0}])"));
  EXPECT_EQ(reply.json.at("reason"), "Goodwill \xC3\xA9");
  EXPECT_EQ(reply.json.at("variableSymbol"), "0123456789");
}

TEST_F(SkipPaySandboxTest, GivesEveryRefundItsOwnId) {
  const Reply first = refund("SP-4001", refund_body("100"));
  const Reply second = refund("SP-4004", refund_body("100"));
  ASSERT_EQ(first.status, 201);
  ASSERT_EQ(second.status, 201);
  EXPECT_NE(first.json.at("id"), second.json.at("id"));
}

TEST_F(SkipPaySandboxTest, AcceptsACancelledApplication) {
  EXPECT_EQ(refund("SP-4004", refund_body("80000")).status, 201);
}

TEST_F(SkipPaySandboxTest, IgnoresUnknownFieldsAndNullOptionals) {
  EXPECT_EQ(refund("SP-4001", refund_body("100", "CZK",
                                          R"(,"totalVat":null,"reason":null,)"
                                          R"("variableSymbol":null,"extra":{"x":[1]})"))
                .status,
            201);
}

// --- 400 INVALID_REQUEST ---

struct SyntaxCase {
  const char* body;
  std::optional<std::string> attribute;
};

class SkipPaySyntaxTest : public SkipPaySandboxTest,
                          public ::testing::WithParamInterface<SyntaxCase> {};

TEST_P(SkipPaySyntaxTest, RefusesTheRequestAsInvalid) {
  // An unknown application: syntax is judged before the application is looked up.
  for (const char* application : {"SP-4001", "SP-9999"}) {
    expect_error(refund(application, GetParam().body), 400, "INVALID_REQUEST",
                 GetParam().attribute);
  }
  EXPECT_TRUE(sandbox_.refunds().empty());
}

INSTANTIATE_TEST_SUITE_P(
    MissingOrMalformed, SkipPaySyntaxTest,
    ::testing::Values(
        SyntaxCase{"", std::nullopt}, SyntaxCase{"not json", std::nullopt},
        SyntaxCase{"[1]", std::nullopt}, SyntaxCase{R"("text")", std::nullopt},
        SyntaxCase{R"({"totalPrice":{"amount":100,"currency":"CZK"}} trailing)", std::nullopt},
        SyntaxCase{"{}", "totalPrice"}, SyntaxCase{R"({"totalPrice":null})", "totalPrice"},
        SyntaxCase{R"({"totalPrice":12590})", "totalPrice"},
        SyntaxCase{R"({"totalPrice":{"currency":"CZK"}})", "totalPrice.amount"},
        SyntaxCase{R"({"totalPrice":{"amount":"12590","currency":"CZK"}})", "totalPrice.amount"},
        SyntaxCase{R"({"totalPrice":{"amount":125.90,"currency":"CZK"}})", "totalPrice.amount"},
        SyntaxCase{R"({"totalPrice":{"amount":12590.0,"currency":"CZK"}})", "totalPrice.amount"},
        SyntaxCase{R"({"totalPrice":{"amount":1e3,"currency":"CZK"}})", "totalPrice.amount"},
        SyntaxCase{R"({"totalPrice":{"amount":0,"currency":"CZK"}})", "totalPrice.amount"},
        SyntaxCase{R"({"totalPrice":{"amount":-5,"currency":"CZK"}})", "totalPrice.amount"},
        SyntaxCase{R"({"totalPrice":{"amount":null,"currency":"CZK"}})", "totalPrice.amount"},
        SyntaxCase{R"({"totalPrice":{"amount":9223372036854775808,"currency":"CZK"}})",
                   "totalPrice.amount"},
        SyntaxCase{R"({"totalPrice":{"amount":100}})", "totalPrice.currency"},
        SyntaxCase{R"({"totalPrice":{"amount":100,"currency":""}})", "totalPrice.currency"},
        SyntaxCase{R"({"totalPrice":{"amount":100,"currency":203}})", "totalPrice.currency"},
        SyntaxCase{R"({"totalPrice":{"amount":100,"currency":"CZK"},"totalVat":{}})", "totalVat"},
        SyntaxCase{R"({"totalPrice":{"amount":100,"currency":"CZK"},"totalVat":[7]})",
                   "totalVat[0]"},
        SyntaxCase{R"({"totalPrice":{"amount":100,"currency":"CZK"},"totalVat":[)"
                   R"({"amount":1,"currency":"CZK","vatRate":21},)"
                   R"({"amount":1.5,"currency":"CZK","vatRate":21}]})",
                   "totalVat[1].amount"},
        SyntaxCase{R"({"totalPrice":{"amount":100,"currency":"CZK"},"totalVat":[)"
                   R"({"amount":-1,"currency":"CZK","vatRate":21}]})",
                   "totalVat[0].amount"},
        SyntaxCase{R"({"totalPrice":{"amount":100,"currency":"CZK"},"totalVat":[)"
                   R"({"amount":1,"vatRate":21}]})",
                   "totalVat[0].currency"},
        SyntaxCase{R"({"totalPrice":{"amount":100,"currency":"CZK"},"totalVat":[)"
                   R"({"amount":1,"currency":"CZK"}]})",
                   "totalVat[0].vatRate"},
        SyntaxCase{R"({"totalPrice":{"amount":100,"currency":"CZK"},"totalVat":[)"
                   R"({"amount":1,"currency":"CZK","vatRate":"21"}]})",
                   "totalVat[0].vatRate"},
        SyntaxCase{R"({"totalPrice":{"amount":100,"currency":"CZK"},"totalVat":[)"
                   R"({"amount":1,"currency":"CZK","vatRate":-21}]})",
                   "totalVat[0].vatRate"},
        SyntaxCase{R"({"totalPrice":{"amount":100,"currency":"CZK"},"reason":5})", "reason"},
        SyntaxCase{R"({"totalPrice":{"amount":100,"currency":"CZK"},"variableSymbol":123})",
                   "variableSymbol"}));

// --- 404 and the application's rules (422) ---

TEST_F(SkipPaySandboxTest, RefusesAnUnknownApplication) {
  expect_error(refund("SP-9999", refund_body("100")), 404, "OBJECT_NOT_FOUND", std::nullopt);
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(SkipPaySandboxTest, RefusesAnApplicationStateThatAllowsNoRefunds) {
  SandboxOrder rejected("skippay", "SP-REJ", "100.00", "CZK");
  rejected.application_state = "REJECTED";
  sandbox_.add_order(rejected);
  // SP-4002 is PROCESSING and not invoiced: the state answers first.
  for (const char* application : {"SP-4002", "SP-REJ"}) {
    expect_error(refund(application, refund_body("100")), 422, "INVALID_APPLICATION_STATE",
                 std::nullopt);
  }
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(SkipPaySandboxTest, RefusesAnOrderNotInvoiced) {
  expect_error(refund("SP-4003", refund_body("100")), 422, "NOT_INVOICED", std::nullopt);
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(SkipPaySandboxTest, RefusesACurrencyOtherThanTheEshops) {
  for (const char* currency : {"EUR", "czk", "XYZ"}) {
    expect_error(refund("SP-4001", refund_body("100", currency)), 422, "INVALID_CURRENCY_MISMATCH",
                 "totalPrice.currency");
  }
  expect_error(refund("SP-4001", refund_body("100", "CZK",
                                             R"(,"totalVat":[{"amount":10,"currency":"CZK",)"
                                             R"("vatRate":21},{"amount":10,"currency":"EUR",)"
                                             R"("vatRate":12}])")),
               422, "INVALID_CURRENCY_MISMATCH", "totalVat[1].currency");
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST(SkipPayCurrencyTest, FollowsTheConfiguredEshopCurrency) {
  SandboxOptions options = test_options();
  options.skippay_eshop_currency = "EUR";
  Sandbox sandbox(options);
  SandboxOrder euro("skippay", "SP-EUR", "10.00", "EUR");
  euro.vat_rates = {"21"};
  sandbox.add_order(euro);
  SandboxClient client(sandbox.port());
  const std::string token = login(client);

  EXPECT_EQ(client.post(refunds_path("SP-EUR"), refund_body("100", "EUR"), bearer(token)).status,
            201);
  // A CZK application cannot be refunded in the e-shop's EUR, nor in CZK.
  EXPECT_EQ(client.post(refunds_path("SP-4001"), refund_body("100", "EUR"), bearer(token)).status,
            422);
  EXPECT_EQ(client.post(refunds_path("SP-4001"), refund_body("100", "CZK"), bearer(token)).status,
            422);
  EXPECT_EQ(sandbox.refunds().size(), 1u);
}

TEST_F(SkipPaySandboxTest, RefusesAVariableSymbolThatIsNotUpToTenDigits) {
  for (const char* symbol :
       {"12a", "", "12345678901", " 123", "-1", "\xEF\xBC\x91\xEF\xBC\x92" /* fullwidth 12 */}) {
    expect_error(
        refund("SP-4001",
               refund_body("100", "CZK", R"(,"variableSymbol":")" + std::string(symbol) + "\"")),
        422, "INVALID_FORMAT", "variableSymbol");
  }
  EXPECT_TRUE(sandbox_.refunds().empty());
  EXPECT_EQ(
      refund("SP-4001", refund_body("100", "CZK", R"(,"variableSymbol":"1234567890")")).status,
      201);
}

TEST_F(SkipPaySandboxTest, RefusesAVatRateNotOnTheOrderAsNotFound) {
  const Reply reply = refund("SP-4001", refund_body("100", "CZK",
                                                    R"(,"totalVat":[{"amount":10,"currency":"CZK",)"
                                                    R"("vatRate":21},{"amount":5,"currency":"CZK",)"
                                                    R"("vatRate":15}])"));
  expect_error(reply, 422, "NOT_FOUND", "totalVat[1].vatRate");
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(SkipPaySandboxTest, MatchesVatRatesAsNumbersAndIgnoresZeroAmounts) {
  SandboxOrder reduced("skippay", "SP-RED", "100.00", "CZK");
  reduced.vat_rates = {"10.5"};
  sandbox_.add_order(reduced);
  const std::string vat = R"(,"totalVat":[{"amount":10,"currency":"CZK","vatRate":10.50},)"
                          R"({"amount":0,"currency":"CZK","vatRate":15}])";
  EXPECT_EQ(refund("SP-RED", refund_body("100", "CZK", vat)).status, 201);
  EXPECT_EQ(refund("SP-4001",
                   refund_body("100", "CZK",
                               R"(,"totalVat":[{"amount":10,"currency":"CZK","vatRate":21.0}])"))
                .status,
            201);
  expect_error(refund("SP-RED", refund_body("100", "CZK",
                                            R"(,"totalVat":[{"amount":1,"currency":"CZK",)"
                                            R"("vatRate":10.505}])")),
               422, "NOT_FOUND", "totalVat[0].vatRate");
}

TEST_F(SkipPaySandboxTest, RefundsUpToTheRemainingRefundableAmount) {
  // SP-4001 is 1259.00 CZK: 125900 minor units.
  expect_error(refund("SP-4001", refund_body("125901")), 422, "TOTAL_PRICE_LIMIT_EXCEEDED",
               "totalPrice.amount");
  ASSERT_EQ(refund("SP-4001", refund_body("100000")).status, 201);
  expect_error(refund("SP-4001", refund_body("25901")), 422, "TOTAL_PRICE_LIMIT_EXCEEDED",
               "totalPrice.amount");
  ASSERT_EQ(refund("SP-4001", refund_body("25900")).status, 201);
  expect_error(refund("SP-4001", refund_body("1")), 422, "TOTAL_PRICE_LIMIT_EXCEEDED",
               "totalPrice.amount");
  // Another application's remaining amount is its own.
  EXPECT_EQ(refund("SP-4004", refund_body("80000")).status, 201);
  EXPECT_EQ(sandbox_.refunds().size(), 3u);
}

// Each pair fails two rules: the earlier one in the page's order answers.
TEST_F(SkipPaySandboxTest, ChecksTheRulesInThePagesOrder) {
  expect_error(refund("SP-9999", refund_body("100", "EUR")), 404, "OBJECT_NOT_FOUND", std::nullopt);
  expect_error(refund("SP-4002", refund_body("100", "EUR")), 422, "INVALID_APPLICATION_STATE",
               std::nullopt);
  expect_error(refund("SP-4003", refund_body("100", "EUR")), 422, "NOT_INVOICED", std::nullopt);
  expect_error(refund("SP-4001", refund_body("100", "EUR", R"(,"variableSymbol":"x")")), 422,
               "INVALID_CURRENCY_MISMATCH", "totalPrice.currency");
  const std::string bad_vat = R"(,"totalVat":[{"amount":1,"currency":"CZK","vatRate":15}])";
  expect_error(refund("SP-4001", refund_body("100", "CZK", R"(,"variableSymbol":"x")" + bad_vat)),
               422, "INVALID_FORMAT", "variableSymbol");
  expect_error(refund("SP-4001", refund_body("999999", "CZK", bad_vat)), 422, "NOT_FOUND",
               "totalVat[0].vatRate");
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(SkipPaySandboxTest, GivesEveryErrorAnswerItsOwnTicket) {
  std::set<std::string> tickets;
  for (int i = 0; i < 3; ++i) {
    tickets.insert(
        expect_error(refund("SP-9999", refund_body("100")), 404, "OBJECT_NOT_FOUND", std::nullopt));
    tickets.insert(expect_error(refund("SP-4001", "{}"), 400, "INVALID_REQUEST", "totalPrice"));
  }
  EXPECT_EQ(tickets.size(), 6u);
}

TEST_F(SkipPaySandboxTest, AnswersErrorsWithTheDocumentedShape) {
  const Reply reply = refund("SP-4003", refund_body("100"));
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(reply.body, R"({"errors":[{"code":"NOT_INVOICED",)"
                        R"("message":"Refund can be created only for an invoiced order",)"
                        R"("severity":"ERROR","attribute":null,"ticketId":")" +
                            reply.json.at("errors").at(0).at("ticketId").get<std::string>() +
                            R"("}]})");
}

TEST_F(SkipPaySandboxTest, DecodesTheApplicationIdFromOnePathSegment) {
  sandbox_.add_order({"skippay", "SP/5", "10.00", "CZK"});
  ASSERT_EQ(refund("SP%2F5", refund_body("100")).status, 201);
  EXPECT_EQ(sandbox_.refunds().at(0).order_id, "SP/5");
  EXPECT_EQ(application("SP%2F5").json.at("id"), "SP/5");
}

// --- Concurrency ---

// Sixteen clients race refunds of 10.00 against one application of 100.00 CZK: exactly ten
// succeed, the rest are over the limit, and the ledger never exceeds the total.
TEST_F(SkipPaySandboxTest, ConcurrentRefundsNeverExceedTheApplicationTotal) {
  sandbox_.add_order({"skippay", "SP-RACE", "100.00", "CZK"});
  constexpr int kThreads = 16;
  constexpr int kAttemptsEach = 4;
  std::atomic<int> created{0};
  std::atomic<int> limit_refusals{0};
  std::atomic<int> other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      // One kept-alive connection per client: 64 fresh connections at once overflow the
      // server's listen backlog (cpp-httplib's 5), a transport matter this test is not about.
      httplib::Client client("127.0.0.1", sandbox_.port());
      client.set_keep_alive(true);
      client.set_connection_timeout(5);
      client.set_read_timeout(10);
      for (int i = 0; i < kAttemptsEach; ++i) {
        const httplib::Result reply = client.Post(refunds_path("SP-RACE").c_str(), bearer(token_),
                                                  refund_body("1000"), "application/json");
        if (reply && reply->status == 201) {
          ++created;
        } else if (reply && reply->status == 422 &&
                   reply->body.find("TOTAL_PRICE_LIMIT_EXCEEDED") != std::string::npos) {
          ++limit_refusals;
        } else {
          ++other;
          ADD_FAILURE() << "unexpected answer: "
                        << (reply ? std::to_string(reply->status) + " " + reply->body
                                  : httplib::to_string(reply.error()));
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  EXPECT_EQ(created.load(), 10);
  EXPECT_EQ(limit_refusals.load(), kThreads * kAttemptsEach - 10);
  EXPECT_EQ(other.load(), 0);
  std::int64_t total = 0;
  std::set<std::string> ids;
  for (const SandboxRefund& refund : sandbox_.refunds()) {
    total += refund.amount_minor;
    ids.insert(refund.id);
  }
  EXPECT_EQ(total, 10000);
  EXPECT_EQ(ids.size(), 10u);
}

// --- The application read ---

TEST_F(SkipPaySandboxTest, ReadsAnApplicationWithoutRefunds) {
  ASSERT_EQ(refund("SP-4001", refund_body("12590")).status, 201);
  const Reply reply = application("SP-4001");
  ASSERT_EQ(reply.status, 200) << reply.body;
  // As the vendor's: state, stateReason and the order with its total, but no refunds.
  EXPECT_EQ(reply.body, R"({"id":"SP-4001","state":"READY","stateReason":"READY_PAID",)"
                        R"("order":{"number":"SP-4001",)"
                        R"("totalPrice":{"amount":125900,"currency":"CZK"}}})");
}

TEST_F(SkipPaySandboxTest, ReadsEachApplicationStateWithAReason) {
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"SP-4002", "PROCESSING"}, {"SP-4003", "READY"}, {"SP-4004", "CANCELLED"}};
  for (const auto& [id, state] : expected) {
    const Reply reply = application(id);
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.json.at("state"), state) << id;
    EXPECT_THAT(reply.json.at("stateReason").get<std::string>(), StartsWith(state)) << id;
  }
  EXPECT_EQ(application("SP-4003").json.at("stateReason"), "READY_TO_SHIP");
}

TEST_F(SkipPaySandboxTest, ReadingAnUnknownApplicationIsObjectNotFound) {
  expect_error(application("SP-9999"), 404, "OBJECT_NOT_FOUND", std::nullopt);
}

// --- Reset and faults ---

TEST_F(SkipPaySandboxTest, ResetForgetsTokensAndRefunds) {
  ASSERT_EQ(refund("SP-4001", refund_body("125900")).status, 201);
  sandbox_.reset();

  expect_invalid_token(refund("SP-4001", refund_body("125900")));
  EXPECT_TRUE(sandbox_.refunds().empty());
  token_ = login(client_);
  const Reply again = refund("SP-4001", refund_body("125900"));
  ASSERT_EQ(again.status, 201) << again.body;
  // Ids keep counting up across a reset.
  EXPECT_EQ(again.json.at("id"), "SP-R-000002");
}

TEST_F(SkipPaySandboxTest, DropAfterRecordsTheRefundButLosesTheAnswer) {
  httplib::Headers headers = bearer(token_);
  headers.emplace(kFaultHeader, "drop_after");
  const Reply reply = client_.post(refunds_path("SP-4001"), refund_body("12590"), headers);
  EXPECT_EQ(reply.status, 0);
  ASSERT_EQ(sandbox_.refunds().size(), 1u);
  EXPECT_EQ(sandbox_.refunds()[0].amount_minor, 12590);
  EXPECT_EQ(sandbox_.fault_counts().at("drop_after"), 1u);
}

TEST_F(SkipPaySandboxTest, AStatusFaultBeforeProcessesNothing) {
  httplib::Headers headers = bearer(token_);
  headers.emplace(kFaultHeader, "status; status=503");
  EXPECT_EQ(client_.post(refunds_path("SP-4001"), refund_body("12590"), headers).status, 503);
  EXPECT_TRUE(sandbox_.refunds().empty());
}

}  // namespace
}  // namespace refundkit::sandbox::testing
