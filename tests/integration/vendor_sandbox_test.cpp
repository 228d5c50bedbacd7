// Optty, AfterPay (Riverty) and Skip Pay through the real stack: the adapters, CurlTransport and
// the sandbox on 127.0.0.1, which shares no code with them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "refundkit/test_support/outcome_matchers.hpp"
#include "vendor_sandbox_test_support.hpp"

namespace refundkit::integration {
namespace {

using test_support::FailsWith;
using test_support::Succeeds;
using ::testing::HasSubstr;

// --- Optty ---------------------------------------------------------------------------------

constexpr char kOpttySecret[] = "integration-optty-secret-41d2";

sandbox::SandboxOptions optty_sandbox() {
  sandbox::SandboxOptions options;
  options.optty_client_secret = kOpttySecret;
  options.optty_token_lifetime = std::chrono::seconds(600);
  return options;
}

class OpttySandboxTest : public VendorSandboxTest {
 protected:
  OpttySandboxTest() : VendorSandboxTest(optty_sandbox()) {}
  std::vector<std::string> secrets() const override { return {kOpttySecret}; }

  std::unique_ptr<RefundClient> client(std::string secret = kOpttySecret) {
    OpttyOptions options;
    options.client_id = sandbox_.options().optty_client_id;
    options.client_secret = std::move(secret);
    options.merchant_id = sandbox_.options().optty_merchant_id;
    options.base_url = sandbox_.optty_base_url();
    options.token_url = sandbox_.optty_token_url();
    options.retry = quick_retries();
    return make_optty_client(options, transport_);
  }
};

TEST_F(OpttySandboxTest, RefundsAndReadsTheSampleShape) {
  const Result<Refund> refund = client()->create_refund(request("OP-2001", "12.30", "AUD", "o-1"));
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->status, RefundStatus::succeeded);
  EXPECT_EQ(refund->vendor_status, "SUCCESSFUL");
  EXPECT_EQ(refund->reference, "o-1");
  EXPECT_EQ(refund->vendor_reference, "o-1-00");  // the sandbox answers in the page's shape
  EXPECT_EQ(refund->amount, Money::parse("12.30", "AUD").value());
  EXPECT_FALSE(refund->id.empty());
  EXPECT_EQ(refunds_of("optty"), 1u);
}

TEST_F(OpttySandboxTest, TheVendorsRefusalsMapOntoTheTaxonomy) {
  auto optty = client();
  EXPECT_THAT(optty->create_refund(request("OP-2002", "30.00", "AUD", "o-2")),
              FailsWith(ErrorKind::amount_exceeds_refundable));
  EXPECT_THAT(optty->create_refund(request("OP-2003", "1.00", "AUD", "o-3")),
              FailsWith(ErrorKind::currency_mismatch));
  EXPECT_THAT(optty->create_refund(request("OP-9999", "1.00", "AUD", "o-4")),
              FailsWith(ErrorKind::not_found));
  EXPECT_THAT(client("not-the-secret")->create_refund(request("OP-2001", "1.00", "AUD", "o-5")),
              FailsWith(ErrorKind::authentication));
  EXPECT_EQ(refunds_of("optty"), 0u);
}

// The sandbox's token expires (its clock jumps): the client's cached token is refused with a 401,
// renewed once, and the refund goes through, made once.
TEST_F(OpttySandboxTest, AnExpiredTokenIsRenewedOnce) {
  auto optty = client();
  count_requests("POST", "/optty/auth/");
  ASSERT_THAT(optty->create_refund(request("OP-2001", "1.00", "AUD", "o-6")), Succeeds());
  advance_sandbox_clock(std::chrono::seconds(601));
  ASSERT_THAT(optty->create_refund(request("OP-2001", "2.00", "AUD", "o-7")), Succeeds());
  EXPECT_EQ(counted(), 2u);
  EXPECT_EQ(refunds_of("optty"), 2u);
}

TEST_F(OpttySandboxTest, SixteenThreadsShareOneToken) {
  auto optty = client();
  count_requests("POST", "/optty/auth/");
  std::vector<std::thread> threads;
  std::atomic<int> made{0};
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      const auto refund =
          optty->create_refund(request("OP-2001", "1.00", "AUD", "o-thread-" + std::to_string(t)));
      made += refund ? 1 : 0;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(made.load(), 16);
  EXPECT_EQ(counted(), 1u);
}

// A lost answer is settled without a double: the resend is refused (the reference is used), and
// the order details cannot say which refund it is, so the call reports the reference as taken.
TEST_F(OpttySandboxTest, ALostAnswerIsNeverDoubled) {
  inject("drop_after", "POST", "/optty/api/orders/OP-2001/refund");
  const Result<Refund> refund = client()->create_refund(request("OP-2001", "4.00", "AUD", "o-8"));
  ASSERT_FALSE(refund);
  EXPECT_TRUE(refund.error().kind == ErrorKind::duplicate_reference ||
              refund.error().kind == ErrorKind::outcome_unknown)
      << refund.error().message;
  EXPECT_EQ(refunds_of("optty"), 1u);
}

TEST_F(OpttySandboxTest, FindRefundSaysWhatTheOrderDetailsCanTell) {
  auto optty = client();
  EXPECT_THAT(optty->find_refund("OP-2003", "o-none"), FailsWith(ErrorKind::not_found));
  ASSERT_THAT(optty->create_refund(request("OP-2003", "5.00", "USD", "o-9")), Succeeds());
  EXPECT_THAT(optty->find_refund("OP-2003", "o-9"), FailsWith(ErrorKind::outcome_unknown));
}

// --- AfterPay / Riverty ---------------------------------------------------------------------

constexpr char kAfterPayKey[] = "integration-afterpay-key-93b0";

sandbox::SandboxOptions afterpay_sandbox() {
  sandbox::SandboxOptions options;
  options.afterpay_api_key = kAfterPayKey;
  return options;
}

class AfterPaySandboxTest : public VendorSandboxTest {
 protected:
  AfterPaySandboxTest() : VendorSandboxTest(afterpay_sandbox()) {}
  std::vector<std::string> secrets() const override { return {kAfterPayKey}; }

  std::unique_ptr<RefundClient> client(std::string key = kAfterPayKey) {
    AfterPayOptions options;
    options.api_key = std::move(key);
    options.base_url = sandbox_.afterpay_base_url();
    options.retry = quick_retries();
    return make_afterpay_client(options, transport_);
  }

  static RefundRequest page_example(const std::string& reference) {
    RefundRequest refund = request("RV-3001", "60.00", "EUR", reference);
    refund.capture_number = "000000001";
    refund.kind = RefundKind::returned_goods;
    LineItem item;
    item.product_id = "0001";
    item.description = "Item 1 description";
    item.quantity = Decimal::whole(5);
    item.gross_unit_price = Money::parse("12.00", "EUR").value();
    item.net_unit_price = Money::parse("10.00", "EUR").value();
    item.vat_percent = Decimal::whole(20);
    item.vat_amount = Money::parse("2.00", "EUR").value();
    refund.line_items.push_back(item);
    return refund;
  }
};

TEST_F(AfterPaySandboxTest, RefundsThePagesExample) {
  const Result<Refund> refund = client()->create_refund(page_example("rv-1"));
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->status, RefundStatus::succeeded);
  EXPECT_EQ(refund->id.size(), 9u) << refund->id;  // zero-padded, kept verbatim
  ASSERT_EQ(refunds_of("afterpay"), 1u);
  EXPECT_EQ(sandbox_.refunds().back().amount, "60.00");
}

// The answer is lost after the vendor refunded: the client resends under the same idempotency
// key, the vendor replays its first answer, and one refund exists.
TEST_F(AfterPaySandboxTest, ADropAfterProcessingIsResentAndExecutesOnce) {
  inject("drop_after", "POST", "/afterpay/api/v3/orders/RV-3001/refunds");
  const Result<Refund> refund = client()->create_refund(page_example("rv-2"));
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->attempts, 2);
  EXPECT_EQ(refunds_of("afterpay"), 1u);
}

TEST_F(AfterPaySandboxTest, A503AfterProcessingIsResentAndExecutesOnce) {
  inject("status; status=503; phase=after", "POST", "/afterpay/api/v3/orders/RV-3001/refunds");
  ASSERT_THAT(client()->create_refund(page_example("rv-3")), Succeeds());
  EXPECT_EQ(refunds_of("afterpay"), 1u);
}

TEST_F(AfterPaySandboxTest, TheVendorsRefusalsMapOntoTheTaxonomy) {
  auto riverty = client();
  RefundRequest too_much = request("RV-3001", "400.00", "EUR", "rv-4");
  too_much.capture_number = "000000001";
  EXPECT_THAT(riverty->create_refund(too_much), FailsWith(ErrorKind::amount_exceeds_refundable));
  RefundRequest unknown = request("RV-9999", "1.00", "EUR", "rv-5");
  unknown.capture_number = "000000001";
  EXPECT_THAT(riverty->create_refund(unknown), FailsWith(ErrorKind::not_found));
  EXPECT_THAT(client("wrong-key")->create_refund(page_example("rv-6")),
              FailsWith(ErrorKind::authentication));
  EXPECT_EQ(refunds_of("afterpay"), 0u);
}

TEST_F(AfterPaySandboxTest, FindRefundMatchesTheReferenceItSent) {
  auto riverty = client();
  ASSERT_THAT(riverty->create_refund(page_example("rv-7")), Succeeds());
  const Result<Refund> found = riverty->find_refund("RV-3001", "rv-7");
  ASSERT_THAT(found, Succeeds());
  EXPECT_EQ(found->amount, Money::parse("60.00", "EUR").value());
  EXPECT_THAT(riverty->find_refund("RV-3002", "rv-7"), FailsWith(ErrorKind::not_found));
}

// --- Skip Pay --------------------------------------------------------------------------------

constexpr char kSkipPayPassword[] = "integration-skippay-password-0c8e";

sandbox::SandboxOptions skippay_sandbox() {
  sandbox::SandboxOptions options;
  options.skippay_password = kSkipPayPassword;
  options.skippay_token_lifetime = std::chrono::seconds(600);
  return options;
}

class SkipPaySandboxTest : public VendorSandboxTest {
 protected:
  SkipPaySandboxTest() : VendorSandboxTest(skippay_sandbox()) {}
  std::vector<std::string> secrets() const override { return {kSkipPayPassword}; }

  std::unique_ptr<RefundClient> client(std::string password = kSkipPayPassword) {
    SkipPayOptions options;
    options.username = sandbox_.options().skippay_username;
    options.password = std::move(password);
    options.base_url = sandbox_.skippay_base_url();
    options.retry = quick_retries();
    return make_skippay_client(options, transport_);
  }
};

TEST_F(SkipPaySandboxTest, RefundsInMinorUnitsWithItsVat) {
  RefundRequest refund = request("SP-4001", "125.90", "CZK", "sp-1");
  refund.vat_breakdown.push_back({Decimal::whole(21), Money::parse("21.85", "CZK").value()});
  refund.variable_symbol = "2026120101";
  const Result<Refund> made = client()->create_refund(refund);
  ASSERT_THAT(made, Succeeds());
  EXPECT_EQ(made->status, RefundStatus::succeeded);
  ASSERT_EQ(refunds_of("skippay"), 1u);
  EXPECT_EQ(sandbox_.refunds().back().amount_minor, 12590);
}

TEST_F(SkipPaySandboxTest, TheVendorsRefusalsMapOntoTheTaxonomy) {
  auto skippay = client();
  EXPECT_THAT(skippay->create_refund(request("SP-4003", "1.00", "CZK", "sp-2")),
              FailsWith(ErrorKind::not_refundable));  // not invoiced
  EXPECT_THAT(skippay->create_refund(request("SP-4002", "1.00", "CZK", "sp-3")),
              FailsWith(ErrorKind::not_refundable));  // PROCESSING
  EXPECT_THAT(skippay->create_refund(request("SP-4001", "5000.00", "CZK", "sp-4")),
              FailsWith(ErrorKind::amount_exceeds_refundable));
  EXPECT_THAT(skippay->create_refund(request("SP-9999", "1.00", "CZK", "sp-5")),
              FailsWith(ErrorKind::not_found));
  RefundRequest unknown_rate = request("SP-4001", "10.00", "CZK", "sp-6");
  unknown_rate.vat_breakdown.push_back({Decimal::whole(15), Money::parse("1.30", "CZK").value()});
  const Result<Refund> refused = skippay->create_refund(unknown_rate);
  ASSERT_THAT(refused, FailsWith(ErrorKind::invalid_request));  // 422 NOT_FOUND: a VAT rate
  EXPECT_FALSE(refused.error().vendor_field.empty());
  EXPECT_FALSE(refused.error().request_id.empty());  // the ticketId support asks for
  EXPECT_THAT(client("wrong")->create_refund(request("SP-4001", "1.00", "CZK", "sp-7")),
              FailsWith(ErrorKind::authentication));
  EXPECT_EQ(refunds_of("skippay"), 0u);
}

// Skip Pay cannot recognise a refund it made: a lost answer is outcome_unknown after exactly
// one request, never resent.
TEST_F(SkipPaySandboxTest, ADropAfterProcessingIsOutcomeUnknownAfterOneRequest) {
  count_requests("POST", "/skippay/financing/");
  inject("drop_after", "POST", "/skippay/financing/");
  const Result<Refund> lost = client()->create_refund(request("SP-4001", "3.00", "CZK", "sp-8"));
  ASSERT_THAT(lost, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_EQ(lost.error().attempts, 1);
  EXPECT_EQ(sandbox_.fault_rules().front().matched, 1u);  // the counting rule: one POST
  EXPECT_EQ(refunds_of("skippay"), 1u);
}

TEST_F(SkipPaySandboxTest, AnExpiredTokenIsRenewedOnce) {
  auto skippay = client();
  count_requests("POST", "/skippay/authentication/");
  ASSERT_THAT(skippay->create_refund(request("SP-4001", "1.00", "CZK", "sp-9")), Succeeds());
  advance_sandbox_clock(std::chrono::seconds(601));
  ASSERT_THAT(skippay->create_refund(request("SP-4001", "2.00", "CZK", "sp-10")), Succeeds());
  EXPECT_EQ(counted(), 2u);
  EXPECT_EQ(refunds_of("skippay"), 2u);
}

TEST_F(SkipPaySandboxTest, FindRefundCannotMatchAReference) {
  auto skippay = client();
  EXPECT_THAT(skippay->find_refund("SP-9999", "sp-x"), FailsWith(ErrorKind::not_found));
  const Result<Refund> cannot_tell = skippay->find_refund("SP-4001", "sp-x");
  ASSERT_THAT(cannot_tell, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_THAT(cannot_tell.error().message, HasSubstr("READY"));
}

}  // namespace
}  // namespace refundkit::integration
