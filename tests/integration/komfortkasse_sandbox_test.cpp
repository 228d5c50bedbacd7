// Komfortkasse through the real stack: the adapter, CurlTransport and the sandbox on 127.0.0.1.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "refundkit/refundkit.hpp"
#include "refundkit/sandbox/sandbox.hpp"
#include "refundkit/test_support/outcome_matchers.hpp"

namespace refundkit {
namespace {

using test_support::FailsWith;
using test_support::Succeeds;

constexpr char kApiKey[] = "integration-secret-key-7c1e";
const Date kToday{2030, 6, 14};

class KomfortkasseSandboxTest : public ::testing::Test {
 protected:
  KomfortkasseSandboxTest() : sandbox_(sandbox_options()) {
    CurlTransportOptions transport_options;
    transport_options.allow_http_for_loopback = true;
    transport_options.log_hook = [this](const HttpExchangeLog& log) {
      std::lock_guard<std::mutex> lock(log_mutex_);
      log_lines_.push_back(log.url + " " + std::to_string(log.status) + " " + log.error);
      for (const auto& header : log.request_headers) log_lines_.push_back(header.value);
      log_lines_.push_back(log.request_body);
      log_lines_.push_back(log.response_body);
    };
    transport_ = make_curl_transport(transport_options);
    client_ = make_client(kApiKey);
  }

  static sandbox::SandboxOptions sandbox_options() {
    sandbox::SandboxOptions options;
    options.komfortkasse_api_key = kApiKey;
    options.today = [] { return kToday.to_iso(); };
    return options;
  }

  std::unique_ptr<RefundClient> make_client(const std::string& api_key) {
    KomfortkasseOptions options;
    options.api_key = api_key;
    options.base_url = sandbox_.komfortkasse_base_url();
    options.today = [] { return kToday; };
    return make_komfortkasse_client(options, transport_);
  }

  static RefundRequest request(const std::string& order, const std::string& amount,
                               const std::string& currency, const std::string& reference) {
    RefundRequest request;
    request.order_id = order;
    request.reference = reference;
    request.amount = Money::parse_positive(amount, currency).value();
    request.reason = "integration test";
    return request;
  }

  void TearDown() override {
    std::lock_guard<std::mutex> lock(log_mutex_);
    for (const auto& line : log_lines_) {
      EXPECT_EQ(line.find(kApiKey), std::string::npos) << "the API key reached the log: " << line;
    }
  }

  sandbox::Sandbox sandbox_;
  std::shared_ptr<Transport> transport_;
  std::unique_ptr<RefundClient> client_;
  std::mutex log_mutex_;
  std::vector<std::string> log_lines_;
};

TEST_F(KomfortkasseSandboxTest, CreatesARefundWithEveryField) {
  auto refund = client_->create_refund(request("KK-1001", "12.30", "EUR", "it-1"));
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->provider, "komfortkasse");
  EXPECT_FALSE(refund->id.empty());
  EXPECT_EQ(refund->vendor_reference.rfind("KKBT", 0), 0u);
  EXPECT_EQ(refund->order_id, "KK-1001");
  EXPECT_EQ(refund->reference, "it-1");
  EXPECT_EQ(refund->status, RefundStatus::pending);
  EXPECT_EQ(refund->vendor_status, "NEW");
  EXPECT_EQ(refund->amount, Money::parse("12.30", "EUR").value());
  EXPECT_EQ(refund->planned_date, kToday.next_day());
  EXPECT_FALSE(refund->executed_date.has_value());
  EXPECT_EQ(refund->http_status, 200);
  EXPECT_THAT(refund->raw_body, ::testing::HasSubstr("\"amount\":12.30"));

  const auto stored = sandbox_.refunds();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].id, refund->id);
  EXPECT_EQ(stored[0].amount, refund->amount.to_decimal_string());
  EXPECT_EQ(stored[0].currency, refund->amount.currency().code());
}

TEST_F(KomfortkasseSandboxTest, PlannedDateTravelsAsSent) {
  RefundRequest planned = request("KK-1001", "1.00", "EUR", "it-planned");
  planned.planned_date = Date{2030, 12, 31};
  auto refund = client_->create_refund(planned);
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->planned_date, (Date{2030, 12, 31}));
  EXPECT_EQ(sandbox_.refunds().at(0).planned_date, (Date{2030, 12, 31}).to_iso());
}

TEST_F(KomfortkasseSandboxTest, BankDetailsMissingAwaitsTheCustomer) {
  auto refund = client_->create_refund(request("KK-1004", "10.00", "EUR", "it-bank"));
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->status, RefundStatus::awaiting_customer);
  EXPECT_EQ(refund->vendor_status, "BANKDETAILS_MISSING");
}

TEST_F(KomfortkasseSandboxTest, ARetryWithTheSameReferenceNeverPaysTwice) {
  const auto first = client_->create_refund(request("KK-1001", "10.00", "EUR", "it-dup"));
  ASSERT_THAT(first, Succeeds());
  auto retry = client_->create_refund(request("KK-1001", "10.00", "EUR", "it-dup"));
  ASSERT_THAT(retry, Succeeds());
  EXPECT_TRUE(retry->already_existed);
  EXPECT_EQ(retry->id, first->id);
  EXPECT_EQ(sandbox_.refunds().size(), 1u);

  auto other = client_->create_refund(request("KK-1001", "11.00", "EUR", "it-dup"));
  ASSERT_THAT(other, FailsWith(ErrorKind::duplicate_reference));
  EXPECT_THAT(other.error().message, ::testing::HasSubstr("10.00 EUR"));
  EXPECT_EQ(sandbox_.refunds().size(), 1u);
}

TEST_F(KomfortkasseSandboxTest, VendorRulesComeBackAsErrorKinds) {
  EXPECT_THAT(client_->create_refund(request("KK-9999", "1.00", "EUR", "it-e1")),
              FailsWith(ErrorKind::not_found));
  // Komfortkasse answers every 400 with the one documented text, "Invalid request": over the
  // limit and the wrong currency cannot be told apart, and the adapter does not pretend to.
  const auto over_limit = client_->create_refund(request("KK-1002", "99.81", "EUR", "it-e2"));
  ASSERT_THAT(over_limit, FailsWith(ErrorKind::invalid_request));
  EXPECT_EQ(over_limit.error().vendor_message, "Invalid request");
  EXPECT_THAT(client_->create_refund(request("KK-1003", "1.00", "EUR", "it-e3")),
              FailsWith(ErrorKind::invalid_request));
  EXPECT_THAT(make_client("wrong-key")->create_refund(request("KK-1001", "1.00", "EUR", "it-e4")),
              FailsWith(ErrorKind::authentication));
  EXPECT_TRUE(sandbox_.refunds().empty());
  // The limit is twice the order amount: exactly up to it is fine.
  EXPECT_THAT(client_->create_refund(request("KK-1002", "99.80", "EUR", "it-e5")), Succeeds());
}

TEST_F(KomfortkasseSandboxTest, OrderNumbersCannotChangeThePath) {
  for (const char* order : {"A/../1", "a b", "..", "50%", "x?y#z", "Bestellung-\xC3\xBC"}) {
    SCOPED_TRACE(order);
    sandbox_.add_order({"komfortkasse", order, "10.00", "EUR"});
    auto refund = client_->create_refund(
        request(order, "1.00", "EUR", std::string("it-path-") + std::to_string(order[0])));
    ASSERT_THAT(refund, Succeeds());
    EXPECT_EQ(sandbox_.refunds().back().order_id, order);
  }
}

TEST_F(KomfortkasseSandboxTest, ConcurrentCallersShareOneClient) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 10;
  std::atomic<int> created{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string reference = "it-par-" + std::to_string(t) + "-" + std::to_string(i);
        if (client_->create_refund(request("KK-1003", "1.00", "CHF", reference))) ++created;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(created.load(), kThreads * kPerThread);
  std::set<std::string> ids;
  for (const auto& refund : sandbox_.refunds()) ids.insert(refund.id);
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kThreads * kPerThread));
}

TEST_F(KomfortkasseSandboxTest, AStoppedSandboxIsANetworkErrorNotAFailure) {
  sandbox_.stop();
  auto refund = client_->create_refund(request("KK-1001", "1.00", "EUR", "it-down"));
  EXPECT_THAT(refund, FailsWith(ErrorKind::network));
  EXPECT_FALSE(refund.error().may_have_been_executed());
}

}  // namespace
}  // namespace refundkit
