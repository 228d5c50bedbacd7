#include "command_line.hpp"

#include <gtest/gtest.h>

namespace refundkit::cli {
namespace {

std::string usage_error(const std::vector<std::string>& args) {
  auto parsed = parse_command_line(args);
  const auto* error = std::get_if<UsageError>(&parsed);
  return error == nullptr ? "<parsed>" : error->message;
}

Invocation invocation(const std::vector<std::string>& args) {
  auto parsed = parse_command_line(args);
  if (const auto* error = std::get_if<UsageError>(&parsed)) {
    ADD_FAILURE() << error->message;
    return {};
  }
  return std::get<Invocation>(parsed);
}

const std::vector<std::string> kMinimal = {"refund",      "komfortkasse", "--order",    "A1",
                                           "--amount",    "12.30",        "--currency", "EUR",
                                           "--reference", "r-1"};

TEST(CommandLine, ParsesEveryRefundOption) {
  auto args = kMinimal;
  for (const char* extra : {"--reason", "Returned goods", "--planned-date", "2030-01-31",
                            "--base-url=http://127.0.0.1:1/kk", "--timeout", "2.5"}) {
    args.push_back(extra);
  }
  const Invocation parsed = invocation(args);
  ASSERT_EQ(parsed.action, Action::refund);
  const RefundCommand& command = parsed.refund;
  EXPECT_EQ(command.provider, "komfortkasse");
  EXPECT_EQ(command.order, "A1");
  EXPECT_EQ(command.amount, "12.30");
  EXPECT_EQ(command.currency, "EUR");
  EXPECT_EQ(command.reference, "r-1");
  EXPECT_EQ(command.reason, "Returned goods");
  EXPECT_EQ(command.planned_date, "2030-01-31");
  EXPECT_EQ(command.base_url, "http://127.0.0.1:1/kk");
  ASSERT_TRUE(command.timeout.has_value());
  EXPECT_EQ(command.timeout->count(), 2500);
  EXPECT_FALSE(command.use_sandbox);
}

TEST(CommandLine, HelpAndVersion) {
  EXPECT_EQ(invocation({"--help"}).action, Action::show_help);
  EXPECT_EQ(invocation({"--version"}).action, Action::show_version);
  EXPECT_EQ(invocation({"refund", "--help"}).action, Action::show_refund_help);
  EXPECT_EQ(invocation({"refund", "komfortkasse", "--order", "1", "-h"}).action,
            Action::show_refund_help);
}

TEST(CommandLine, SandboxFlag) {
  auto args = kMinimal;
  args.push_back("--sandbox");
  EXPECT_TRUE(invocation(args).refund.use_sandbox);
  args.push_back("--base-url=http://127.0.0.1:1");
  EXPECT_EQ(usage_error(args), "--sandbox and --base-url cannot be combined");
}

TEST(CommandLine, RejectsWhatItCannotUnderstand) {
  EXPECT_EQ(usage_error({}), "missing command");
  EXPECT_EQ(usage_error({"refnud"}), "unknown command 'refnud'");
  EXPECT_EQ(usage_error({"refund"}), "missing <provider>");
  EXPECT_NE(usage_error({"refund", "paypal"}).find("unknown provider 'paypal'"), std::string::npos);
  EXPECT_NE(usage_error({"refund", "optty"}).find("not available"), std::string::npos);

  auto unknown_flag = kMinimal;
  unknown_flag.push_back("--amout");
  EXPECT_EQ(usage_error(unknown_flag), "unknown option --amout");

  auto dangling = kMinimal;
  dangling.push_back("--reason");
  EXPECT_EQ(usage_error(dangling), "option --reason needs a value");

  auto extra = kMinimal;
  extra.push_back("surplus");
  EXPECT_EQ(usage_error(extra), "unexpected argument 'surplus'");

  for (const char* required : {"--order", "--amount", "--currency", "--reference"}) {
    std::vector<std::string> args = {"refund", "komfortkasse"};
    for (std::size_t i = 2; i + 1 < kMinimal.size(); i += 2) {
      if (kMinimal[i] != required) {
        args.push_back(kMinimal[i]);
        args.push_back(kMinimal[i + 1]);
      }
    }
    EXPECT_EQ(usage_error(args), std::string("missing required option ") + required);
  }
}

TEST(CommandLine, ARepeatedOptionIsAMistakeNotAnOverride) {
  auto args = kMinimal;
  args.push_back("--amount=100.00");
  EXPECT_EQ(usage_error(args), "option --amount given twice");
  args = kMinimal;
  args.insert(args.end(), {"--sandbox", "--sandbox"});
  EXPECT_EQ(usage_error(args), "option --sandbox given twice");
}

TEST(CommandLine, CredentialsCannotBeGivenAsFlags) {
  auto args = kMinimal;
  args.push_back("--api-key=secret");
  EXPECT_EQ(usage_error(args), "unknown option --api-key");
}

TEST(CommandLine, TimeoutMustBeSensibleSeconds) {
  for (const char* bad : {"0", "-1", "abc", "1e3", "0.0001", "3601", "99999999999999999"}) {
    auto args = kMinimal;
    args.push_back("--timeout");
    args.push_back(bad);
    EXPECT_NE(usage_error(args).find("--timeout"), std::string::npos) << bad;
  }
  auto args = kMinimal;
  args.push_back("--timeout=3600");
  EXPECT_EQ(invocation(args).refund.timeout->count(), 3600000);
}

}  // namespace
}  // namespace refundkit::cli
