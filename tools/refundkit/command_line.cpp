#include "command_line.hpp"

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "providers.hpp"
#include "refundkit/decimal.hpp"

namespace refundkit::cli {
namespace {

using StringField = std::string RefundCommand::*;
using ListField = std::vector<std::string> RefundCommand::*;

struct ValueFlag {
  const char* name;
  StringField field;
  /// Repeatable flags collect their values here instead (e.g. one --item per line item).
  ListField list = nullptr;
  /// Only for this provider; empty: any.
  std::string_view provider = {};
};

const ValueFlag kValueFlags[] = {
    {"--order", &RefundCommand::order},
    {"--amount", &RefundCommand::amount},
    {"--currency", &RefundCommand::currency},
    {"--reference", &RefundCommand::reference},
    {"--reason", &RefundCommand::reason},
    {"--planned-date", &RefundCommand::planned_date, nullptr, "komfortkasse"},
    {"--capture-number", &RefundCommand::capture_number, nullptr, "afterpay"},
    {"--item", nullptr, &RefundCommand::items, "afterpay"},
    {"--items-file", &RefundCommand::items_file, nullptr, "afterpay"},
    {"--refund-type", &RefundCommand::refund_type, nullptr, "afterpay"},
    {"--credit-note-number", &RefundCommand::credit_note_number, nullptr, "afterpay"},
    {"--vat", nullptr, &RefundCommand::vat, "skippay"},
    {"--variable-symbol", &RefundCommand::variable_symbol, nullptr, "skippay"},
    {"--base-url", &RefundCommand::base_url},
    {"--auth-url", &RefundCommand::auth_url, nullptr, "optty"},
    {"--timeout", nullptr},  // checked and converted once all flags are read
};

constexpr std::int64_t kMaxTimeoutMilliseconds = 3600 * 1000;

std::optional<std::chrono::milliseconds> parse_timeout(const std::string& seconds) {
  auto parsed = Decimal::parse(seconds);
  if (!parsed || parsed->scale() > 3 || parsed->coefficient() <= 0) return std::nullopt;
  std::int64_t milliseconds = parsed->coefficient();
  for (int digits = parsed->scale(); digits < 3; ++digits) {
    if (milliseconds > kMaxTimeoutMilliseconds) return std::nullopt;
    milliseconds *= 10;
  }
  if (milliseconds > kMaxTimeoutMilliseconds) return std::nullopt;
  return std::chrono::milliseconds(milliseconds);
}

// The flags `refundkit status` understands; the others only make sense for a new refund.
bool is_status_flag(std::string_view name) {
  return name == "--order" || name == "--reference" || name == "--base-url" ||
         name == "--auth-url" || name == "--timeout";
}

std::variant<Invocation, UsageError> parse_provider_command(const std::vector<std::string>& args,
                                                            Action action) {
  const bool status = action == Action::status;
  Invocation invocation{action, {}};
  RefundCommand& command = invocation.refund;
  std::string timeout_text;
  std::set<std::string> seen;
  std::vector<const ValueFlag*> given;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      return Invocation{status ? Action::show_status_help : Action::show_refund_help, {}};
    }
    if (arg == "--sandbox") {
      if (command.use_sandbox) return UsageError{"option --sandbox given twice"};
      command.use_sandbox = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0) {
      if (!command.provider.empty()) return UsageError{"unexpected argument '" + arg + "'"};
      command.provider = arg;
      continue;
    }
    const auto equals = arg.find('=');
    const std::string name = arg.substr(0, equals);
    const auto flag = std::find_if(std::begin(kValueFlags), std::end(kValueFlags),
                                   [&](const ValueFlag& f) { return name == f.name; });
    if (flag == std::end(kValueFlags) || (status && !is_status_flag(name))) {
      return UsageError{"unknown option " + name};
    }
    // "--amount 1.00 ... --amount 100.00" is a typo waiting to refund the wrong amount.
    if (!seen.insert(name).second && flag->list == nullptr) {
      return UsageError{"option " + name + " given twice"};
    }
    given.push_back(&*flag);
    std::string value;
    if (equals != std::string::npos) {
      value = arg.substr(equals + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return UsageError{"option " + name + " needs a value"};
    }
    if (flag->list != nullptr) {
      (command.*(flag->list)).push_back(value);
    } else if (flag->field == nullptr) {
      timeout_text = value;
    } else {
      command.*(flag->field) = value;
    }
  }

  if (command.provider.empty()) return UsageError{"missing <provider>"};
  if (!is_known_provider(command.provider)) {
    return UsageError{"unknown provider '" + command.provider + "' (expected one of " +
                      known_providers_text() + ")"};
  }
  const std::pair<const char*, const std::string*> required[] = {
      {"--order", &command.order},
      {"--amount", status ? nullptr : &command.amount},
      {"--currency", status ? nullptr : &command.currency},
      {"--reference", &command.reference}};
  for (const auto& [flag, value] : required) {
    if (value != nullptr && value->empty()) {
      return UsageError{std::string("missing required option ") + flag};
    }
  }
  for (const ValueFlag* flag : given) {
    if (!flag->provider.empty() && flag->provider != command.provider) {
      return UsageError{std::string(flag->name) + " applies to " + std::string(flag->provider) +
                        " only"};
    }
  }
  if (command.provider == "afterpay" && !status && command.capture_number.empty()) {
    return UsageError{"missing required option --capture-number (afterpay)"};
  }
  if (!command.refund_type.empty() && command.refund_type != "refund" &&
      command.refund_type != "return") {
    return UsageError{"--refund-type must be refund or return"};
  }
  if (!command.items.empty() && !command.items_file.empty()) {
    return UsageError{"--item and --items-file cannot be combined"};
  }
  if (command.use_sandbox && (!command.base_url.empty() || !command.auth_url.empty())) {
    return UsageError{"--sandbox and --base-url/--auth-url cannot be combined"};
  }
  if (!timeout_text.empty()) {
    command.timeout = parse_timeout(timeout_text);
    if (!command.timeout) {
      return UsageError{
          "--timeout must be a number of seconds > 0 and <= 3600 (at most 3 decimals)"};
    }
  }
  return invocation;
}

}  // namespace

std::variant<Invocation, UsageError> parse_command_line(const std::vector<std::string>& args) {
  if (args.empty()) return UsageError{"missing command"};
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    return Invocation{Action::show_help, {}};
  }
  if (args[0] == "--version") return Invocation{Action::show_version, {}};
  if (args[0] == "refund") return parse_provider_command(args, Action::refund);
  if (args[0] == "status") return parse_provider_command(args, Action::status);
  return UsageError{"unknown command '" + args[0] + "'"};
}

}  // namespace refundkit::cli
