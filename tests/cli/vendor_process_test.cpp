// The refundkit executable with Optty, AfterPay (Riverty) and Skip Pay, run as a process against
// the sandbox: the vendor options, the credentials from the environment and the exit codes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "refundkit/sandbox/sandbox.hpp"
#include "sandbox_process_fixture.hpp"

namespace refundkit {
namespace {

using test::ProcessResult;
using test::run_process;
using ::testing::HasSubstr;

class VendorProcess : public test::SandboxProcessTest {
 protected:
  // `refundkit <command> <provider> <args...> <the provider's sandbox URLs>`.
  ProcessResult run(const char* command, const std::string& provider,
                    std::vector<std::string> args) {
    args.insert(args.begin(), {command, provider});
    const std::vector<std::string> urls = sandbox_urls(provider);
    args.insert(args.end(), urls.begin(), urls.end());
    return run_cli(args);
  }

  static nlohmann::json parse(const ProcessResult& result) {
    EXPECT_TRUE(nlohmann::json::accept(result.out)) << result.out << result.err;
    return nlohmann::json::parse(result.out, nullptr, false);
  }
};

const std::vector<std::string> kOpttyRefund = {
    "--order", "OP-2001", "--amount", "10.00", "--currency", "AUD", "--reference", "cli-optty-1"};

TEST_F(VendorProcess, OpttyRefundsWithItsToken) {
  const ProcessResult result = run("refund", "optty", kOpttyRefund);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const auto document = parse(result);
  EXPECT_EQ(document["provider"], "optty");
  EXPECT_EQ(document["status"], "succeeded");
  EXPECT_EQ(document["vendor_status"], "SUCCESSFUL");
  EXPECT_EQ(document["amount"], "10.00");
  EXPECT_EQ(refunds_of("optty").size(), 1u);
}

// Optty refuses a reused refundReference and its order details cannot show which refund holds
// it: the second run says a refund with the reference exists (exit 4), and makes nothing.
TEST_F(VendorProcess, OpttyRunTwiceMakesOneRefund) {
  ASSERT_EQ(run("refund", "optty", kOpttyRefund).exit_code, 0);
  const ProcessResult again = run("refund", "optty", kOpttyRefund);
  EXPECT_EQ(again.exit_code, 4) << again.out;
  EXPECT_EQ(parse(again)["error"]["kind"], "duplicate_reference");
  EXPECT_EQ(refunds_of("optty").size(), 1u);

  const ProcessResult status =
      run("status", "optty", {"--order", "OP-2001", "--reference", "cli-optty-1"});
  EXPECT_EQ(status.exit_code, 3) << status.out;  // listed, but not by reference: cannot tell
  const ProcessResult none =
      run("status", "optty", {"--order", "OP-2003", "--reference", "cli-optty-1"});
  EXPECT_EQ(none.exit_code, 1) << none.out;  // the order has no refunds at all
}

TEST_F(VendorProcess, OpttyWrongSecretIsAuthentication) {
  std::vector<std::string> args = {"refund",      "optty",
                                   "--order",     "OP-2001",
                                   "--amount",    "1.00",
                                   "--currency",  "AUD",
                                   "--reference", "cli-optty-2",
                                   "--base-url",  sandbox_.optty_base_url(),
                                   "--auth-url",  sandbox_.optty_token_url()};
  const ProcessResult result = run_process(
      REFUNDKIT_CLI_PATH, args,
      {"OPTTY_CLIENT_ID=" + sandbox_.options().optty_client_id, "OPTTY_CLIENT_SECRET=wrong-one"});
  EXPECT_EQ(result.exit_code, 1) << result.out;
  EXPECT_EQ(parse(result)["error"]["kind"], "authentication");
  EXPECT_EQ(result.out.find("wrong-one"), std::string::npos);
  EXPECT_EQ(refunds_of("optty").size(), 0u);
}

const std::vector<std::string> kRivertyReturn = {
    "--order",
    "RV-3002",
    "--amount",
    "1190.00",
    "--currency",
    "NOK",
    "--reference",
    "cli-riverty-1",
    "--capture-number",
    "000000001",
    "--refund-type",
    "return",
    "--item",
    R"({"product_id":"SKU-1","description":"Jacket","quantity":"1","gross_unit_price":"1200.00",)"
    R"("net_unit_price":"960.00","vat_percent":"25","vat_amount":"240.00"})",
    "--item",
    R"({"product_id":"FEE","description":"Return fee","quantity":"1","gross_unit_price":"-10.00",)"
    R"("net_unit_price":"-8.00","vat_percent":"25","vat_amount":"-2.00","type":"surcharge"})"};

// The same command twice: the idempotency key replays the first answer, one refund is made.
TEST_F(VendorProcess, AfterPayItemsWithAReturnFeeAndAReplay) {
  const ProcessResult first = run("refund", "afterpay", kRivertyReturn);
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const auto document = parse(first);
  EXPECT_EQ(document["provider"], "afterpay");
  EXPECT_EQ(document["amount"], "1190.00");
  EXPECT_TRUE(document["id"].is_string());

  const ProcessResult again = run("refund", "afterpay", kRivertyReturn);
  EXPECT_EQ(again.exit_code, 0) << again.out;
  EXPECT_EQ(parse(again)["id"], document["id"]);
  EXPECT_EQ(refunds_of("afterpay").size(), 1u);
}

TEST_F(VendorProcess, AfterPayItemsThatDoNotAddUpAreRefusedBeforeSending) {
  std::vector<std::string> args = kRivertyReturn;
  args[3] = "1200.00";  // --amount, without the return fee
  const ProcessResult result = run("refund", "afterpay", args);
  EXPECT_EQ(result.exit_code, 1) << result.out;
  EXPECT_EQ(parse(result)["error"]["kind"], "invalid_request");
  EXPECT_EQ(parse(result)["error"]["attempts"], 0);
  EXPECT_EQ(refunds_of("afterpay").size(), 0u);
}

TEST_F(VendorProcess, SkipPayRefundsInMinorUnitsWithItsVat) {
  const ProcessResult result =
      run("refund", "skippay",
          {"--order", "SP-4001", "--amount", "125.90", "--currency", "CZK", "--reference",
           "cli-skippay-1", "--vat", "21=21.85", "--variable-symbol", "12345"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(parse(result)["provider"], "skippay");
  ASSERT_EQ(refunds_of("skippay").size(), 1u);
  EXPECT_EQ(sandbox_.refunds().back().amount_minor, 12590);
}

// Skip Pay cannot recognise a refund it has made: after a lost answer the tool says to check
// before retrying, and it sent the refund exactly once.
TEST_F(VendorProcess, SkipPayLostAnswerSaysCheckBeforeRetrying) {
  sandbox::FaultRule drop = sandbox::parse_fault_rule("drop_after");
  drop.method = "POST";
  drop.path_prefix = "/skippay/financing/";
  sandbox_.add_fault_rule(drop);
  const ProcessResult result = run(
      "refund", "skippay",
      {"--order", "SP-4001", "--amount", "10.00", "--currency", "CZK", "--reference", "cli-sp-2"});
  EXPECT_EQ(result.exit_code, 3) << result.out;
  EXPECT_EQ(parse(result)["error"]["kind"], "outcome_unknown");
  EXPECT_EQ(parse(result)["error"]["attempts"], 1);
  EXPECT_THAT(result.err, HasSubstr("before retrying"));
  EXPECT_EQ(refunds_of("skippay").size(), 1u);
  EXPECT_EQ(sandbox_.fault_rules().front().applied, 1u);
}

TEST_F(VendorProcess, SkipPayStatusCannotMatchAReference) {
  const ProcessResult status =
      run("status", "skippay", {"--order", "SP-4001", "--reference", "cli-sp-3"});
  EXPECT_EQ(status.exit_code, 3) << status.out;
  EXPECT_EQ(parse(status)["error"]["kind"], "outcome_unknown");
  const ProcessResult unknown =
      run("status", "skippay", {"--order", "SP-9999", "--reference", "cli-sp-3"});
  EXPECT_EQ(unknown.exit_code, 1) << unknown.out;
}

TEST_F(VendorProcess, EmbeddedSandboxServesEveryVendor) {
  const std::vector<std::vector<std::string>> commands = {
      {"refund", "optty", "--order", "OP-2003", "--amount", "5.00", "--currency", "USD",
       "--reference", "cli-embedded-1", "--sandbox"},
      {"refund", "afterpay", "--order", "RV-3001", "--amount", "5.00", "--currency", "EUR",
       "--reference", "cli-embedded-2", "--capture-number", "000000001", "--sandbox"},
      {"refund", "skippay", "--order", "SP-4004", "--amount", "5.00", "--currency", "CZK",
       "--reference", "cli-embedded-3", "--sandbox"},
  };
  for (const auto& args : commands) {
    const ProcessResult result = run_process(REFUNDKIT_CLI_PATH, args, {});
    EXPECT_EQ(result.exit_code, 0) << args[1] << ": " << result.out << result.err;
  }
}

}  // namespace
}  // namespace refundkit
