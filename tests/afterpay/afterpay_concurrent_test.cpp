// One client shared by several threads: each call gets its own answer and its own key.
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "afterpay_fixture.hpp"

namespace refundkit::afterpay_test {
namespace {

TEST_F(AfterPayTest, ConcurrentCallsAreIndependent) {
  // Riverty's answer names no reference: number each refund after the key it was sent with.
  transport->set_handler([](const HttpRequest& http) -> Result<HttpResponse> {
    const auto body = nlohmann::json::parse(http.body);
    const std::string key(find_header(http.headers, "X-Idempotency-Key"));
    if (key != body.at("transactionReference").get<std::string>()) {
      return test_support::make_json_response(400, R"([{"message":"key mismatch"}])");
    }
    return test_support::make_json_response(200,
                                            nlohmann::json{{"refundNumbers", {"n-" + key}}}.dump());
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
        seen[t].push_back(refund ? refund->id + "/" + refund->reference
                                 : "error: " + refund.error().message);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kCallsPerThread; ++i) {
      const std::string reference = "RMA-" + std::to_string(t) + "-" + std::to_string(i);
      EXPECT_EQ(seen[t][i], "n-" + reference + "/" + reference);
    }
  }
  EXPECT_EQ(transport->request_count(), static_cast<std::size_t>(kThreads * kCallsPerThread));
}

}  // namespace
}  // namespace refundkit::afterpay_test
