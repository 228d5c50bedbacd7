#include "command_line.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

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
  EXPECT_EQ(usage_error(args), "--sandbox and --base-url/--auth-url cannot be combined");
}

TEST(CommandLine, RejectsWhatItCannotUnderstand) {
  EXPECT_EQ(usage_error({}), "missing command");
  EXPECT_EQ(usage_error({"refnud"}), "unknown command 'refnud'");
  EXPECT_EQ(usage_error({"refund"}), "missing <provider>");
  EXPECT_NE(usage_error({"refund", "paypal"}).find("unknown provider 'paypal'"), std::string::npos);
  EXPECT_EQ(usage_error({"refund", "optty"}), "missing required option --order");

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

std::vector<std::string> command_for(const char* provider,
                                     std::initializer_list<const char*> extra = {}) {
  std::vector<std::string> args = kMinimal;
  args[1] = provider;
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

TEST(CommandLine, ParsesTheVendorOptions) {
  const RefundCommand optty =
      invocation(command_for("optty", {"--auth-url", "http://127.0.0.1:1/t"})).refund;
  EXPECT_EQ(optty.auth_url, "http://127.0.0.1:1/t");

  const RefundCommand afterpay =
      invocation(command_for("afterpay", {"--capture-number", "000000001", "--item", R"({"a":1})",
                                          "--item", R"({"b":2})", "--refund-type", "return",
                                          "--credit-note-number", "CN-1"}))
          .refund;
  EXPECT_EQ(afterpay.capture_number, "000000001");
  EXPECT_EQ(afterpay.items, (std::vector<std::string>{R"({"a":1})", R"({"b":2})"}));
  EXPECT_EQ(afterpay.refund_type, "return");
  EXPECT_EQ(afterpay.credit_note_number, "CN-1");
  EXPECT_EQ(invocation(command_for("afterpay", {"--capture-number=1", "--items-file", "f.json"}))
                .refund.items_file,
            "f.json");

  const RefundCommand skippay =
      invocation(command_for("skippay",
                             {"--vat", "21=10.50", "--vat=12=1.00", "--variable-symbol", "123"}))
          .refund;
  EXPECT_EQ(skippay.vat, (std::vector<std::string>{"21=10.50", "12=1.00"}));
  EXPECT_EQ(skippay.variable_symbol, "123");
}

TEST(CommandLine, VendorOptionsBelongToTheirVendor) {
  EXPECT_EQ(usage_error(command_for("komfortkasse", {"--vat", "21=1.00"})),
            "--vat applies to skippay only");
  EXPECT_EQ(usage_error(command_for("optty", {"--planned-date", "2030-01-01"})),
            "--planned-date applies to komfortkasse only");
  EXPECT_EQ(usage_error(command_for("skippay", {"--auth-url", "http://127.0.0.1:1"})),
            "--auth-url applies to optty only");
  EXPECT_EQ(usage_error(command_for("skippay", {"--capture-number", "1"})),
            "--capture-number applies to afterpay only");
  EXPECT_EQ(usage_error(command_for("afterpay")),
            "missing required option --capture-number (afterpay)");
  EXPECT_EQ(usage_error(command_for("afterpay", {"--capture-number=1", "--refund-type=gift"})),
            "--refund-type must be refund or return");
  EXPECT_EQ(usage_error(command_for("afterpay",
                                    {"--capture-number=1", "--item={}", "--items-file=f.json"})),
            "--item and --items-file cannot be combined");
  EXPECT_EQ(usage_error(command_for("optty", {"--sandbox", "--auth-url=http://127.0.0.1:1"})),
            "--sandbox and --base-url/--auth-url cannot be combined");
  EXPECT_EQ(usage_error(command_for("skippay", {"--variable-symbol=1", "--variable-symbol=2"})),
            "option --variable-symbol given twice");
}

TEST(CommandLine, StatusTakesTheTokenEndpoint) {
  const Invocation parsed = invocation(
      {"status", "optty", "--order", "O", "--reference", "R", "--auth-url", "http://127.0.0.1:1"});
  EXPECT_EQ(parsed.action, Action::status);
  EXPECT_EQ(parsed.refund.auth_url, "http://127.0.0.1:1");
  EXPECT_EQ(usage_error({"status", "skippay", "--order", "O", "--reference", "R", "--vat", "1=1"}),
            "unknown option --vat");
}

TEST(CommandLine, ParsesTheBatchCommand) {
  const Invocation parsed =
      invocation({"batch", "optty", "--file", "refunds.csv", "--concurrency=32", "--auth-url",
                  "http://127.0.0.1:1/t", "--base-url", "http://127.0.0.1:1/o", "--timeout", "5"});
  ASSERT_EQ(parsed.action, Action::batch);
  const BatchCommand& batch = parsed.batch;
  EXPECT_EQ(batch.file, "refunds.csv");
  EXPECT_EQ(batch.concurrency, 32u);
  EXPECT_EQ(batch.session.provider, "optty");
  EXPECT_EQ(batch.session.auth_url, "http://127.0.0.1:1/t");
  EXPECT_EQ(batch.session.base_url, "http://127.0.0.1:1/o");
  EXPECT_EQ(batch.session.timeout->count(), 5000);

  const Invocation defaults = invocation({"batch", "skippay", "--file=r.csv", "--sandbox"});
  EXPECT_EQ(defaults.batch.concurrency, 16u);
  EXPECT_TRUE(defaults.batch.session.use_sandbox);
  EXPECT_EQ(invocation({"batch", "--help"}).action, Action::show_batch_help);
  EXPECT_EQ(invocation({"batch", "afterpay", "--file", "r.csv", "-h"}).action,
            Action::show_batch_help);
}

TEST(CommandLine, BatchConcurrencyIsOneTo256) {
  for (const char* bad : {"0", "257", "-1", "1.5", "abc", "", "1000", "+4"}) {
    EXPECT_EQ(usage_error({"batch", "komfortkasse", "--file", "r.csv", "--concurrency", bad}),
              "--concurrency must be a whole number from 1 to 256")
        << bad;
  }
  EXPECT_EQ(invocation({"batch", "komfortkasse", "--file", "r.csv", "--concurrency", "1"})
                .batch.concurrency,
            1u);
  EXPECT_EQ(invocation({"batch", "komfortkasse", "--file", "r.csv", "--concurrency", "256"})
                .batch.concurrency,
            256u);
}

TEST(CommandLine, BatchTakesItsRefundsFromTheFileOnly) {
  EXPECT_EQ(usage_error({"batch", "komfortkasse"}), "missing required option --file");
  EXPECT_EQ(usage_error({"batch", "--file", "r.csv"}), "missing <provider>");
  EXPECT_EQ(usage_error({"batch", "komfortkasse", "--file", "r.csv", "--order", "1"}),
            "unknown option --order");
  EXPECT_EQ(usage_error({"batch", "afterpay", "--file", "r.csv", "--capture-number", "1"}),
            "unknown option --capture-number");
  EXPECT_EQ(usage_error({"batch", "komfortkasse", "--file", "a.csv", "--file", "b.csv"}),
            "option --file given twice");
  EXPECT_EQ(usage_error({"batch", "komfortkasse", "--file", "r.csv", "--auth-url", "http://x"}),
            "--auth-url applies to optty only");
  EXPECT_EQ(usage_error({"batch", "optty", "--file", "r.csv", "--sandbox", "--base-url=http://x"}),
            "--sandbox and --base-url/--auth-url cannot be combined");
  EXPECT_NE(
      usage_error({"batch", "komfortkasse", "--file", "r.csv", "--timeout", "0"}).find("--timeout"),
      std::string::npos);
  auto with_file = kMinimal;
  with_file.insert(with_file.end(), {"--file", "r.csv"});
  EXPECT_EQ(usage_error(with_file), "unknown option --file");
}

// One set of rules for flags and batch columns; only the names in the messages differ.
TEST(CommandLine, RefundOptionRulesNameFlagsOrColumns) {
  RefundCommand command;
  command.provider = "komfortkasse";
  command.vat = {"21=1.00"};
  EXPECT_EQ(check_refund_options(command, OptionNames::flags), "--vat applies to skippay only");
  EXPECT_EQ(check_refund_options(command, OptionNames::columns), "vat applies to skippay only");

  command = RefundCommand{};
  command.provider = "skippay";
  command.items = {"[]"};
  EXPECT_EQ(check_refund_options(command, OptionNames::flags), "--item applies to afterpay only");
  EXPECT_EQ(check_refund_options(command, OptionNames::columns), "items applies to afterpay only");
  command.items.clear();
  command.planned_date = "2030-01-01";
  EXPECT_EQ(check_refund_options(command, OptionNames::columns),
            "planned_date applies to komfortkasse only");

  command = RefundCommand{};
  command.provider = "afterpay";
  EXPECT_EQ(check_refund_options(command, OptionNames::flags),
            "missing required option --capture-number (afterpay)");
  EXPECT_EQ(check_refund_options(command, OptionNames::columns),
            "capture_number is required for afterpay");
  command.capture_number = "000000001";
  EXPECT_EQ(check_refund_options(command, OptionNames::columns), std::nullopt);
  command.refund_type = "gift";
  EXPECT_EQ(check_refund_options(command, OptionNames::columns),
            "refund_type must be refund or return");
  command.refund_type = "return";
  command.credit_note_number = "CN-1";
  EXPECT_EQ(check_refund_options(command, OptionNames::flags), std::nullopt);
}

}  // namespace
}  // namespace refundkit::cli
