// BatchOptions::concurrency bounds the refunds in flight, and a batch does keep several in flight.
// A cpp-httplib server on 127.0.0.1 answers as Komfortkasse does and holds each refund a moment,
// counting how many it holds at once: the one witness that sees the client's overlap directly.
//
// BatchConcurrencyTest.KeepsSeveralInFlightButNeverMoreThanTheConcurrency FAILS while
// RefundClient::stream_refunds is the sequential default: it needs the curl-multi batch driver.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "batch_test_support.hpp"
#include "refundkit/refundkit.hpp"
#include "refundkit/sandbox/loopback_server.hpp"
#include "refundkit/test_support/loopback.hpp"
#include "refundkit/test_support/outcome_matchers.hpp"

namespace refundkit::batch_test {
namespace {

using test_support::Succeeds;

// Long enough that refunds sent together overlap in the server even on a loaded machine, short
// enough that 40 of them one after another take under half a second.
constexpr std::chrono::milliseconds kHold{10};

/// Komfortkasse's refund endpoint, reduced to its success answer: the request echoed with id,
/// referenceNumber and status, as the sandbox's emulator writes it.
class HoldingKomfortkasse {
 public:
  HoldingKomfortkasse() : loopback_(prepare()) {
    // cpp-httplib 0.11 listens with a backlog of 5: a batch's burst of connects must not overflow.
    (void)test_support::raise_listen_backlog(loopback_.port());
  }

  std::string base_url() const { return loopback_.base_url() + "/api/v2"; }
  int peak() const { return peak_.load(); }
  int served() const { return served_.load(); }

 private:
  httplib::Server& prepare() {
    server_.Post(R"(/api/v2/order/([^/]+)/refund)",
                 [this](const httplib::Request& request, httplib::Response& response) {
                   create(request, response);
                 });
    return server_;
  }

  void create(const httplib::Request& request, httplib::Response& response) {
    const int now = ++in_flight_;
    int seen = peak_.load();
    while (now > seen && !peak_.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(kHold);
    const int number = ++served_;
    // Before the answer is written: the client cannot send its next refund while this one
    // still counts.
    --in_flight_;
    // The request's own text keeps the amount exact (12.30, not 12.3).
    std::string text = request.body;
    text.pop_back();
    text += R"(,"id":"KK-R-)" + std::to_string(number) + R"(","executionDate":null,)" +
            R"("referenceNumber":"KKBT)" + std::to_string(number) + R"(","status":"NEW"})";
    response.set_content(text, "application/json");
  }

  httplib::Server server_;
  std::atomic<int> in_flight_{0};
  std::atomic<int> peak_{0};
  std::atomic<int> served_{0};
  sandbox::LoopbackServer loopback_;
};

class BatchConcurrencyTest : public ::testing::Test {
 protected:
  // The built-in transport with nothing layered on it, the one the multi driver runs on.
  std::unique_ptr<RefundClient> client() {
    CurlTransportOptions transport;
    transport.allow_http_for_loopback = true;
    KomfortkasseOptions options;
    options.api_key = "holding-server-key";
    options.base_url = server_.base_url();
    return make_komfortkasse_client(options, make_curl_transport(transport));
  }

  static std::vector<RefundRequest> refunds(const std::string& prefix, int count) {
    return refunds_on("1001", "1.00", "EUR", prefix, count);
  }

  static void expect_all_made_in_order(const std::vector<RefundRequest>& requests,
                                       const std::vector<Result<Refund>>& outcomes) {
    ASSERT_EQ(outcomes.size(), requests.size());
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      ASSERT_THAT(outcomes[i], Succeeds());
      EXPECT_EQ(outcomes[i]->reference, requests[i].reference);
      EXPECT_EQ(outcomes[i]->attempts, 1);
    }
  }

  HoldingKomfortkasse server_;
};

// NEEDS THE CURL-MULTI DRIVER: fails with the sequential default (peak 1).
TEST_F(BatchConcurrencyTest, KeepsSeveralInFlightButNeverMoreThanTheConcurrency) {
  constexpr std::size_t kConcurrency = 4;
  const std::vector<RefundRequest> requests = refunds("kk-conc", 40);
  BatchOptions options;
  options.concurrency = kConcurrency;
  const std::vector<Result<Refund>> outcomes = client()->create_refunds(requests, options);
  expect_all_made_in_order(requests, outcomes);
  EXPECT_EQ(server_.served(), 40);
  EXPECT_LE(server_.peak(), static_cast<int>(kConcurrency)) << "more in flight than allowed";
  EXPECT_GT(server_.peak(), 1) << "one refund at a time: the batch ran sequentially (has the "
                                  "curl-multi batch driver landed?)";
}

TEST_F(BatchConcurrencyTest, ConcurrencyOneOrZeroSendsOneAtATime) {
  for (const std::size_t concurrency : {std::size_t{1}, std::size_t{0}}) {
    SCOPED_TRACE("concurrency " + std::to_string(concurrency));
    const std::vector<RefundRequest> requests = refunds("kk-one-" + std::to_string(concurrency), 8);
    BatchOptions options;
    options.concurrency = concurrency;
    expect_all_made_in_order(requests, client()->create_refunds(requests, options));
  }
  EXPECT_EQ(server_.served(), 16);
  EXPECT_EQ(server_.peak(), 1);
}

}  // namespace
}  // namespace refundkit::batch_test
