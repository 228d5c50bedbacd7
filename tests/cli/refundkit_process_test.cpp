// The refundkit executable, run as a process against the sandbox: its JSON and exit codes.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "child_process.hpp"
#include "refundkit/sandbox/loopback_server.hpp"
#include "refundkit/sandbox/sandbox.hpp"

namespace refundkit {
namespace {

using test::ProcessResult;
using test::run_process;

constexpr char kApiKey[] = "cli-test-secret-key-9f3a";

class RefundkitProcess : public ::testing::Test {
 protected:
  RefundkitProcess() : sandbox_(make_options()) {}

  static sandbox::SandboxOptions make_options() {
    sandbox::SandboxOptions options;
    options.komfortkasse_api_key = kApiKey;
    return options;
  }

  ProcessResult refund(std::vector<std::string> args, std::string api_key = kApiKey) {
    args.insert(args.begin(), {"refund", "komfortkasse"});
    std::vector<std::string> environment;
    if (!api_key.empty()) environment.push_back("KOMFORTKASSE_API_KEY=" + api_key);
    ProcessResult result = run_process(REFUNDKIT_CLI_PATH, args, environment);
    EXPECT_EQ(result.out.find(kApiKey), std::string::npos) << "the API key leaked to stdout";
    EXPECT_EQ(result.err.find(kApiKey), std::string::npos) << "the API key leaked to stderr";
    return result;
  }

  std::vector<std::string> order(const std::string& id, const std::string& amount,
                                 const std::string& currency, const std::string& reference) {
    return {"--order",     id,
            "--amount",    amount,
            "--currency",  currency,
            "--reference", reference,
            "--base-url",  sandbox_.komfortkasse_base_url()};
  }

  static nlohmann::json parse(const ProcessResult& result) {
    EXPECT_TRUE(nlohmann::json::accept(result.out)) << result.out << result.err;
    return nlohmann::json::parse(result.out, nullptr, false);
  }

  sandbox::Sandbox sandbox_;
};

TEST_F(RefundkitProcess, CreatesARefundAndPrintsIt) {
  const auto result = refund(order("KK-1001", "12.30", "EUR", "cli-ok-1"));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const auto document = parse(result);
  EXPECT_EQ(document["provider"], "komfortkasse");
  EXPECT_EQ(document["order"], "KK-1001");
  EXPECT_EQ(document["reference"], "cli-ok-1");
  EXPECT_TRUE(document["id"].is_string());
  EXPECT_EQ(document["status"], "pending");
  EXPECT_EQ(document["vendor_status"], "NEW");
  EXPECT_EQ(document["amount"], "12.30");
  EXPECT_EQ(document["currency"], "EUR");
  EXPECT_EQ(document["vendor_response"]["externalReference"], "cli-ok-1");
  EXPECT_NE(result.out.find("12.30"), std::string::npos);
}

TEST_F(RefundkitProcess, AwaitingBankDetailsIsCreated) {
  const auto result = refund(order("KK-1004", "10.00", "EUR", "cli-bank-1"));
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(parse(result)["status"], "awaiting_customer");
}

// After exit 3 the contract says "run the same command again": when the first attempt did create
// the refund, that retry finds it by reading back, and reports it as existing, never as "not made".
TEST_F(RefundkitProcess, TheSameCommandAgainFindsTheRefundItMade) {
  ASSERT_EQ(refund(order("KK-1001", "1.00", "EUR", "cli-dup")).exit_code, 0);
  const auto again = refund(order("KK-1001", "1.00", "EUR", "cli-dup"));
  EXPECT_EQ(again.exit_code, 0) << again.out;
  EXPECT_EQ(parse(again)["existing"], true);
  EXPECT_EQ(parse(again)["reference"], "cli-dup");
  EXPECT_EQ(sandbox_.refunds().size(), 1u);
}

// The contract's promise as a script sees it: exit 3, then the same command again, exit 0 with
// "existing": true, and one refund at the vendor.
TEST_F(RefundkitProcess, AfterExitThreeTheSameCommandEndsInExitZeroAndOneRefund) {
  sandbox::FaultRule drop = sandbox::parse_fault_rule("drop_after");
  drop.method = "POST";
  drop.count = 1;
  sandbox::FaultRule reads_down = sandbox::parse_fault_rule("status; status=503");
  reads_down.method = "GET";
  sandbox_.add_fault_rule(drop);
  sandbox_.add_fault_rule(reads_down);

  const auto lost = refund(order("KK-1001", "3.00", "EUR", "cli-lost-1"));
  ASSERT_EQ(lost.exit_code, 3) << lost.out;
  EXPECT_EQ(parse(lost)["error"]["kind"], "outcome_unknown");
  EXPECT_EQ(sandbox_.refunds().size(), 1u);

  sandbox_.clear_fault_rules();
  const auto again = refund(order("KK-1001", "3.00", "EUR", "cli-lost-1"));
  EXPECT_EQ(again.exit_code, 0) << again.out;
  EXPECT_EQ(parse(again)["existing"], true);
  EXPECT_EQ(sandbox_.refunds().size(), 1u);
}

TEST_F(RefundkitProcess, TheReferenceOfAnotherRefundExitsFour) {
  ASSERT_EQ(refund(order("KK-1001", "1.00", "EUR", "cli-dup-2")).exit_code, 0);
  const auto other = refund(order("KK-1001", "2.00", "EUR", "cli-dup-2"));
  EXPECT_EQ(other.exit_code, 4);
  const auto error = parse(other)["error"];
  EXPECT_EQ(error["kind"], "duplicate_reference");
  EXPECT_NE(error["message"].get<std::string>().find("1.00 EUR"), std::string::npos);
  EXPECT_EQ(sandbox_.refunds().size(), 1u);
}

TEST_F(RefundkitProcess, ErrorsMapToKindsAndExitOne) {
  struct Case {
    std::vector<std::string> args;
    const char* kind;
  };
  const Case cases[] = {
      {order("NO-SUCH", "1.00", "EUR", "cli-e-1"), "not_found"},
      // Komfortkasse documents one text for every 400, "Invalid request", and the sandbox
      // answers exactly that: the kind cannot be refined from it.
      {order("KK-1002", "500.00", "EUR", "cli-e-2"), "invalid_request"},
      {order("KK-1003", "1.00", "EUR", "cli-e-3"), "invalid_request"},
      {order("KK-1001", "1.005", "EUR", "cli-e-4"), "invalid_request"},
      {order("KK-1001", "0", "EUR", "cli-e-5"), "invalid_request"},
      {order("KK-1001", "1.00", "EUX", "cli-e-6"), "invalid_request"},
  };
  for (const Case& c : cases) {
    const auto result = refund(c.args);
    EXPECT_EQ(result.exit_code, 1) << c.kind;
    EXPECT_EQ(parse(result)["error"]["kind"], c.kind);
  }
}

TEST_F(RefundkitProcess, PlannedDateInThePastIsRefusedBeforeSending) {
  auto args = order("KK-1001", "1.00", "EUR", "cli-date-1");
  args.insert(args.end(), {"--planned-date", "2020-01-01"});
  const auto result = refund(args);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(parse(result)["error"]["kind"], "invalid_request");
  EXPECT_TRUE(parse(result)["error"]["http_status"].is_null());
}

TEST_F(RefundkitProcess, WrongOrMissingKeyIsAuthentication) {
  const auto wrong = refund(order("KK-1001", "1.00", "EUR", "cli-auth-1"), "not-the-key");
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_EQ(parse(wrong)["error"]["kind"], "authentication");
  EXPECT_EQ(parse(wrong)["error"]["http_status"], 401);

  const auto missing = refund(order("KK-1001", "1.00", "EUR", "cli-auth-2"), "");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(parse(missing)["error"]["kind"], "authentication");
  EXPECT_TRUE(parse(missing)["error"]["http_status"].is_null());
}

TEST_F(RefundkitProcess, UnderstandsNothingItDoesNotKnow) {
  auto args = order("KK-1001", "1.00", "EUR", "cli-usage-1");
  args.push_back("--frobnicate");
  const auto result = refund(args);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(result.out.empty());
  EXPECT_NE(result.err.find("unknown option --frobnicate"), std::string::npos);

  const auto missing = refund({"--order", "KK-1001"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("missing required option --amount"), std::string::npos);
}

TEST_F(RefundkitProcess, EmbeddedSandboxNeedsNoCredentials) {
  const auto result = refund({"--order", "KK-1001", "--amount", "5.00", "--currency", "EUR",
                              "--reference", "cli-sandbox-1", "--sandbox"},
                             "");
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(parse(result)["status"], "pending");
}

TEST_F(RefundkitProcess, PlainHttpToARemoteHostIsRefused) {
  const auto result =
      refund({"--order", "KK-1001", "--amount", "5.00", "--currency", "EUR", "--reference",
              "cli-http-1", "--base-url", "http://refundkit.invalid/api/v2"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(parse(result)["error"]["kind"], "network");
}

TEST_F(RefundkitProcess, TimeoutAfterSendingIsOutcomeUnknown) {
  httplib::Server slow;
  slow.Post(R"(/.*)", [](const httplib::Request&, httplib::Response& response) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    response.set_content(R"({"status":"NEW"})", "application/json");
  });
  sandbox::LoopbackServer server(slow);
  const auto result =
      refund({"--order", "KK-1001", "--amount", "5.00", "--currency", "EUR", "--reference",
              "cli-slow-1", "--timeout", "0.3", "--base-url", server.base_url()});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(parse(result)["error"]["kind"], "outcome_unknown");
}

ProcessResult status_of(const std::vector<std::string>& args) {
  std::vector<std::string> full{"status", "komfortkasse"};
  full.insert(full.end(), args.begin(), args.end());
  return run_process(REFUNDKIT_CLI_PATH, full, {std::string("KOMFORTKASSE_API_KEY=") + kApiKey});
}

TEST_F(RefundkitProcess, StatusReadsTheRefundBackByReference) {
  ASSERT_EQ(refund(order("KK-1003", "25.00", "CHF", "cli-status-1")).exit_code, 0);
  const auto found = status_of({"--order", "KK-1003", "--reference", "cli-status-1", "--base-url",
                                sandbox_.komfortkasse_base_url()});
  EXPECT_EQ(found.exit_code, 0) << found.out << found.err;
  const auto document = parse(found);
  EXPECT_EQ(document["reference"], "cli-status-1");
  EXPECT_EQ(document["amount"], "25.00");
  EXPECT_EQ(document["currency"], "CHF");
  EXPECT_EQ(document["status"], "pending");
  EXPECT_EQ(document["existing"], true);
  EXPECT_EQ(found.out.find(kApiKey), std::string::npos);
}

TEST_F(RefundkitProcess, StatusOfNoSuchRefundExitsOne) {
  const auto absent = status_of({"--order", "KK-1001", "--reference", "cli-status-none",
                                 "--base-url", sandbox_.komfortkasse_base_url()});
  EXPECT_EQ(absent.exit_code, 1);
  EXPECT_EQ(parse(absent)["error"]["kind"], "not_found");
}

TEST_F(RefundkitProcess, StatusThatCannotTellExitsThree) {
  httplib::Server broken;
  broken.Get(R"(/.*)", [](const httplib::Request&, httplib::Response& response) {
    response.status = 200;
    response.set_content("<html>maintenance</html>", "text/html");
  });
  sandbox::LoopbackServer server(broken);
  const auto unknown =
      status_of({"--order", "KK-1001", "--reference", "r", "--base-url", server.base_url()});
  EXPECT_EQ(unknown.exit_code, 3);
  EXPECT_EQ(parse(unknown)["error"]["kind"], "outcome_unknown");
}

TEST_F(RefundkitProcess, StatusRefusesTheFlagsOfANewRefund) {
  const auto result = status_of({"--order", "KK-1001", "--reference", "r", "--amount", "1.00"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("unknown option --amount"), std::string::npos);
  EXPECT_EQ(status_of({"--order", "KK-1001"}).exit_code, 2);
  const auto help = run_process(REFUNDKIT_CLI_PATH, {"status", "--help"}, {});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("0 found, 1 no refund"), std::string::npos);
}

TEST_F(RefundkitProcess, HelpAndVersion) {
  const auto help = run_process(REFUNDKIT_CLI_PATH, {"--help"}, {});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Exit codes"), std::string::npos);
  const auto refund_help = run_process(REFUNDKIT_CLI_PATH, {"refund", "--help"}, {});
  EXPECT_EQ(refund_help.exit_code, 0);
  EXPECT_NE(refund_help.out.find("KOMFORTKASSE_API_KEY"), std::string::npos);
  const auto version = run_process(REFUNDKIT_CLI_PATH, {"--version"}, {});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("refundkit ", 0), 0u);
  const auto nothing = run_process(REFUNDKIT_CLI_PATH, {}, {});
  EXPECT_EQ(nothing.exit_code, 2);
}

}  // namespace
}  // namespace refundkit
