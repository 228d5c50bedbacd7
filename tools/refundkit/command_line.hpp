#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace refundkit::cli {

/// `refundkit refund <provider> ...` or `refundkit status <provider> ...` (which uses the
/// provider, order, reference, base URL, timeout and sandbox), as typed. Values are checked
/// further when the request is built, so that a bad amount or date is reported as an
/// invalid_request JSON error.
struct RefundCommand {
  std::string provider;
  std::string order;
  std::string amount;
  std::string currency;
  std::string reference;
  std::string reason;
  std::string planned_date;        ///< Komfortkasse
  std::string capture_number;      ///< AfterPay / Riverty
  std::vector<std::string> items;  ///< AfterPay: --item, one JSON object each, in order
  std::string items_file;          ///< AfterPay: --items-file, a JSON array of items
  std::string refund_type;         ///< AfterPay: "refund" or "return"
  std::string credit_note_number;  ///< AfterPay
  std::vector<std::string> vat;    ///< Skip Pay: --vat RATE=AMOUNT, in order
  std::string variable_symbol;     ///< Skip Pay
  std::string base_url;
  std::string auth_url;  ///< Optty's token endpoint
  std::optional<std::chrono::milliseconds> timeout;
  bool use_sandbox = false;
};

enum class Action { show_help, show_refund_help, show_status_help, show_version, refund, status };

struct Invocation {
  Action action = Action::show_help;
  RefundCommand refund;
};

/// Why the command line could not be understood (exit code 2).
struct UsageError {
  std::string message;
};

std::variant<Invocation, UsageError> parse_command_line(const std::vector<std::string>& args);

}  // namespace refundkit::cli
