// The API key goes into one header and nowhere else: not into the URL or body, and not into any
// field of any outcome, even when the vendor or the transport quotes it back.
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "komfortkasse_fixture.hpp"

namespace refundkit::komfortkasse_test {
namespace {

using test_support::any_field_contains;
using test_support::describe;
using test_support::FailsWith;
using test_support::Succeeds;

const std::string kKey(kApiKey);

TEST_F(KomfortkasseTest, ApiKeyIsSentOnlyInItsHeader) {
  transport->respond_json(200, R"({"status":"NEW"})");
  ASSERT_THAT(create(request()), Succeeds());
  const HttpRequest http = transport->last_request();
  EXPECT_EQ(find_header(http.headers, "x-komfortkasse-api-key"), kKey);
  EXPECT_EQ(http.url.find(kKey), std::string::npos);
  EXPECT_EQ(http.body.find(kKey), std::string::npos);
}

TEST_F(KomfortkasseTest, ApiKeyAppearsInNoOutcomeField) {
  const std::string echoed = "{\"error\":\"API key " + kKey + " is invalid\"}";
  struct Scripted {
    const char* name;
    Result<HttpResponse> reply;
  };
  const std::vector<Scripted> replies = {
      {"401 echoing the key", test_support::make_json_response(401, echoed)},
      {"400 echoing the key", test_support::make_json_response(400, echoed)},
      {"500 echoing the key", test_support::make_json_response(500, echoed)},
      {"html echoing the key", test_support::make_response(502, "<html>key=" + kKey + "</html>")},
      {"2xx unreadable echoing the key", test_support::make_json_response(200, echoed)},
      {"transport quoting the key",
       test_support::make_transport_error(ErrorKind::outcome_unknown,
                                          "timeout after sending X-Komfortkasse-API-Key: " + kKey)},
      {"network error quoting the key",
       test_support::make_transport_error(ErrorKind::network, "refused (" + kKey + ")")},
  };
  for (const Scripted& scripted : replies) {
    SCOPED_TRACE(scripted.name);
    transport->enqueue(scripted.reply);
    const Result<Refund> refund = create(request());
    ASSERT_FALSE(refund.ok());
    EXPECT_FALSE(any_field_contains(refund.error(), kKey)) << describe(refund.error());
    EXPECT_FALSE(any_field_contains(refund.error(), kKey.substr(0, 12)));
  }

  // Validation errors (every kind of local failure) never quote it either.
  for (const std::string& spoiled_key : {std::string("\n") + kKey, kKey + "\r\n"}) {
    KomfortkasseOptions bad = options();
    bad.api_key = spoiled_key;
    const Result<Refund> refund =
        make_komfortkasse_client(bad, transport)->create_refund(request());
    ASSERT_THAT(refund, FailsWith(ErrorKind::authentication));
    EXPECT_FALSE(any_field_contains(refund.error(), kKey)) << describe(refund.error());
  }
  RefundRequest invalid = request();
  invalid.reference.clear();
  const Result<Refund> refused = create(invalid);
  ASSERT_FALSE(refused.ok());
  EXPECT_FALSE(any_field_contains(refused.error(), kKey));
}

TEST_F(KomfortkasseTest, ApiKeyEchoedInASuccessfulAnswerIsRedacted) {
  const Result<Refund> refund =
      answer(200, "{\"status\":\"NEW\",\"id\":\"" + kKey + "\",\"note\":\"" + kKey + "\"}");
  ASSERT_THAT(refund, Succeeds());
  EXPECT_FALSE(any_field_contains(*refund, kKey));
  EXPECT_EQ(refund->id, "[REDACTED]");
  EXPECT_NE(refund->raw_body.find("[REDACTED]"), std::string::npos);
}

// The client holds no per-call state: concurrent calls each get their own answer.
TEST_F(KomfortkasseTest, ConcurrentCallsAreIndependent) {
  transport->set_handler([](const HttpRequest& http) -> Result<HttpResponse> {
    const auto parsed = nlohmann::json::parse(http.body);
    return test_support::make_json_response(
        200,
        nlohmann::json{{"status", "NEW"}, {"externalReference", parsed.at("externalReference")}}
            .dump());
  });
  const auto shared_client = client();
  constexpr int kThreads = 4;
  constexpr int kCallsPerThread = 25;
  std::vector<std::vector<std::string>> seen(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCallsPerThread; ++i) {
        RefundRequest refund_request = request();
        refund_request.reference = "RMA-" + std::to_string(t) + "-" + std::to_string(i);
        Result<Refund> refund = shared_client->create_refund(refund_request);
        seen[t].push_back(refund ? refund->reference : "error: " + refund.error().message);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kCallsPerThread; ++i) {
      EXPECT_EQ(seen[t][i], "RMA-" + std::to_string(t) + "-" + std::to_string(i));
    }
  }
  EXPECT_EQ(transport->request_count(), static_cast<std::size_t>(kThreads * kCallsPerThread));
}

}  // namespace
}  // namespace refundkit::komfortkasse_test
