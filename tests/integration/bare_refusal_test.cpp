// The vendor's documented answer to a reused reference is a bare 400 {"error": "Invalid
// request"}. A retry after a lost answer must end as the refund that exists, decided by reading
// the order back, not by the wording. A cpp-httplib server on 127.0.0.1 plays Komfortkasse with
// exactly those texts, through the real CurlTransport.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "refundkit/refundkit.hpp"
#include "refundkit/sandbox/loopback_server.hpp"
#include "refundkit/test_support/outcome_matchers.hpp"

namespace refundkit {
namespace {

using test_support::FailsWith;
using test_support::Succeeds;

/// Komfortkasse reduced to its documented texts. A refund is recorded before the answer is
/// written, so a slow answer is a refund whose answer the client never reads; while
/// `reads_down` is set, the order read answers 503.
class BareKomfortkasse {
 public:
  BareKomfortkasse() : loopback_(prepare()) {}

  std::string base_url() const { return loopback_.base_url() + "/api/v2"; }
  std::size_t refunds() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return refunds_.size();
  }

  std::atomic<bool> answer_slowly{false};
  std::atomic<bool> reads_down{false};

 private:
  httplib::Server& prepare() {
    server_.Post(R"(/api/v2/order/([^/]+)/refund)",
                 [this](const httplib::Request& request, httplib::Response& response) {
                   create(request, response);
                 });
    server_.Get(R"(/api/v2/order/([^/]+))",
                [this](const httplib::Request& request, httplib::Response& response) {
                  read(request, response);
                });
    return server_;
  }

  void create(const httplib::Request& request, httplib::Response& response) {
    const nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
    const std::string reference = body.value("externalReference", "");
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (reference.empty() || refunds_.count(reference) != 0) {
        response.status = 400;
        response.set_content(R"({"error":"Invalid request"})", "application/json");
        return;
      }
      refunds_[reference] = request.body;
    }
    if (answer_slowly) std::this_thread::sleep_for(std::chrono::milliseconds(800));
    // The request's own text keeps the amount exact (12.30, not 12.3).
    std::string text = request.body;
    text.pop_back();
    text += R"(,"id":"r-)" + reference + R"(","status":"NEW"})";
    response.set_content(text, "application/json");
  }

  void read(const httplib::Request& request, httplib::Response& response) {
    if (reads_down) {
      response.status = 503;
      response.set_content("<html>Service Unavailable</html>", "text/html");
      return;
    }
    std::string list;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (const auto& entry : refunds_) {
        if (!list.empty()) list += ",";
        std::string refund = entry.second;
        refund.pop_back();
        list += refund + R"(,"id":"r-)" + entry.first + R"(","status":"NEW"})";
      }
    }
    (void)request;
    response.set_content(R"({"number":"1001","currency":"EUR","refunds":[)" + list + "]}",
                         "application/json");
  }

  httplib::Server server_;
  mutable std::mutex mutex_;
  std::map<std::string, std::string> refunds_;  // reference -> request body
  sandbox::LoopbackServer loopback_;
};

class BareRefusalTest : public ::testing::Test {
 protected:
  std::unique_ptr<RefundClient> client(RetryPolicy retry) {
    CurlTransportOptions transport;
    transport.allow_http_for_loopback = true;
    transport.request_timeout = std::chrono::milliseconds(300);
    KomfortkasseOptions options;
    options.api_key = "bare-refusal-key";
    options.base_url = server.base_url();
    options.today = [] { return Date{2030, 6, 14}; };
    retry.sleep = [](std::chrono::milliseconds) {};
    options.retry = std::move(retry);
    return make_komfortkasse_client(options, make_curl_transport(transport));
  }

  static RefundRequest request() {
    RefundRequest request;
    request.order_id = "1001";
    request.reference = "RMA-bare-1";
    request.amount = Money::parse("12.30", "EUR").value();
    return request;
  }

  BareKomfortkasse server;
};

TEST_F(BareRefusalTest, ARetryMeetingTheBareInvalidRequestEndsAsTheExistingRefund) {
  // First call: the refund is made, its answer is lost and the read-back is down: unknown.
  server.answer_slowly = true;
  server.reads_down = true;
  const Result<Refund> first = client(RetryPolicy::none())->create_refund(request());
  ASSERT_THAT(first, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_EQ(server.refunds(), 1u);

  // The merchant retries with the same reference, as the contract says: the vendor answers the
  // bare documented text, and the read-back finds the refund.
  server.answer_slowly = false;
  server.reads_down = false;
  const Result<Refund> retry = client(RetryPolicy{})->create_refund(request());
  ASSERT_THAT(retry, Succeeds());
  EXPECT_TRUE(retry->already_existed);
  EXPECT_EQ(retry->reference, "RMA-bare-1");
  EXPECT_EQ(retry->amount, request().amount);
  EXPECT_EQ(retry->id, "r-RMA-bare-1");
  EXPECT_EQ(server.refunds(), 1u);
}

TEST_F(BareRefusalTest, TheClientsOwnRetrySettlesALostAnswerWithoutASecondRefund) {
  server.answer_slowly = true;
  const Result<Refund> refund = client(RetryPolicy{})->create_refund(request());
  ASSERT_THAT(refund, Succeeds());
  EXPECT_TRUE(refund->already_existed);
  EXPECT_EQ(refund->attempts, 1);
  EXPECT_EQ(server.refunds(), 1u);
}

TEST_F(BareRefusalTest, ABareRefusalOfAnotherRefundIsDuplicateReference) {
  ASSERT_THAT(client(RetryPolicy{})->create_refund(request()), Succeeds());
  RefundRequest other = request();
  other.amount = Money::parse("99.00", "EUR").value();
  const Result<Refund> refund = client(RetryPolicy{})->create_refund(other);
  ASSERT_THAT(refund, FailsWith(ErrorKind::duplicate_reference));
  EXPECT_THAT(refund.error().message, ::testing::HasSubstr("12.30 EUR"));
  EXPECT_EQ(server.refunds(), 1u);
}

}  // namespace
}  // namespace refundkit
