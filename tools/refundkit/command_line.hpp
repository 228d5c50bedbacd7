#pragma once

#include <chrono>
#include <cstddef>
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

/// `refundkit batch <provider> --file FILE ...`: one refund per row of the file. The provider,
/// base URL, Optty token URL, timeout and sandbox are in `session`; its refund fields stay empty.
struct BatchCommand {
  RefundCommand session;
  std::string file;
  std::size_t concurrency = 16;
};

enum class Action {
  show_help,
  show_refund_help,
  show_status_help,
  show_batch_help,
  show_version,
  refund,
  status,
  batch,
};

struct Invocation {
  Action action = Action::show_help;
  RefundCommand refund;  ///< refund, status
  BatchCommand batch;    ///< batch
};

/// Why the command line could not be understood (exit code 2).
struct UsageError {
  std::string message;
};

std::variant<Invocation, UsageError> parse_command_line(const std::vector<std::string>& args);

/// How a message names a refund's option: as the flag of `refundkit refund` (--capture-number)
/// or as the column of a batch file (capture_number).
enum class OptionNames { flags, columns };

/// The rules that tie a refund's options to its provider and to each other: a vendor's option
/// set for another provider, AfterPay without a capture number, a refund type other than refund
/// or return, items given both ways. `refund` (its flags) and `batch` (each row's cells) both
/// check them here, so that the two can never disagree. An empty value counts as not given.
std::optional<std::string> check_refund_options(const RefundCommand& command, OptionNames names);

}  // namespace refundkit::cli
