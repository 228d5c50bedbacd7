#include "command_line.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "providers.hpp"
#include "refundkit/batch.hpp"
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

// A flag with neither a field nor a list is checked and converted once all flags are read.
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
    {"--timeout", nullptr},
    {"--file", nullptr},
    {"--concurrency", nullptr},
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

std::optional<std::size_t> parse_concurrency(const std::string& text) {
  if (text.empty() || text.size() > 3 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  const std::size_t value = std::stoul(text);
  if (value < 1 || value > kMaxBatchConcurrency) return std::nullopt;
  return value;
}

// The flags each command understands: status and batch take no refund fields (a batch's come
// from its file), and only batch takes a file.
bool accepts_flag(Action action, std::string_view name) {
  const bool connection = name == "--base-url" || name == "--auth-url" || name == "--timeout";
  switch (action) {
    case Action::status:
      return connection || name == "--order" || name == "--reference";
    case Action::batch:
      return connection || name == "--file" || name == "--concurrency";
    default:
      return name != "--file" && name != "--concurrency";
  }
}

Action help_for(Action action) {
  if (action == Action::status) return Action::show_status_help;
  if (action == Action::batch) return Action::show_batch_help;
  return Action::show_refund_help;
}

bool is_set(const RefundCommand& command, const ValueFlag& flag) {
  if (flag.list != nullptr) return !(command.*(flag.list)).empty();
  return flag.field != nullptr && !(command.*(flag.field)).empty();
}

// A batch file has one items column (a JSON array) where the command line has two flags.
std::string option_name(std::string_view flag, OptionNames names) {
  if (names == OptionNames::flags) return std::string(flag);
  if (flag == "--item" || flag == "--items-file") return "items";
  std::string column(flag.substr(2));
  std::replace(column.begin(), column.end(), '-', '_');
  return column;
}

struct ParsedFlags {
  RefundCommand command;
  std::map<std::string, std::string> deferred;  ///< --timeout, --file, --concurrency
};

std::variant<ParsedFlags, Invocation, UsageError> parse_flags(const std::vector<std::string>& args,
                                                              Action action) {
  ParsedFlags parsed;
  RefundCommand& command = parsed.command;
  std::set<std::string> seen;
  std::vector<const ValueFlag*> given;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") return Invocation{help_for(action), {}, {}};
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
    if (flag == std::end(kValueFlags) || !accepts_flag(action, name)) {
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
      parsed.deferred[name] = value;
    } else {
      command.*(flag->field) = value;
    }
  }

  if (command.provider.empty()) return UsageError{"missing <provider>"};
  if (!is_known_provider(command.provider)) {
    return UsageError{"unknown provider '" + command.provider + "' (expected one of " +
                      known_providers_text() + ")"};
  }
  const bool refund = action == Action::refund;
  const bool batch = action == Action::batch;
  const std::pair<const char*, const std::string*> required[] = {
      {"--order", batch ? nullptr : &command.order},
      {"--amount", refund ? &command.amount : nullptr},
      {"--currency", refund ? &command.currency : nullptr},
      {"--reference", batch ? nullptr : &command.reference},
      {"--file", batch ? &parsed.deferred["--file"] : nullptr}};
  for (const auto& [flag, value] : required) {
    if (value != nullptr && value->empty()) {
      return UsageError{std::string("missing required option ") + flag};
    }
  }
  // By flag, not by value: "--vat ''" for Komfortkasse is as wrong as "--vat 21=1.00".
  for (const ValueFlag* flag : given) {
    if (!flag->provider.empty() && flag->provider != command.provider) {
      return UsageError{std::string(flag->name) + " applies to " + std::string(flag->provider) +
                        " only"};
    }
  }
  if (refund) {
    if (auto problem = check_refund_options(command, OptionNames::flags)) {
      return UsageError{std::move(*problem)};
    }
  }
  if (command.use_sandbox && (!command.base_url.empty() || !command.auth_url.empty())) {
    return UsageError{"--sandbox and --base-url/--auth-url cannot be combined"};
  }
  if (const auto timeout = parsed.deferred.find("--timeout");
      timeout != parsed.deferred.end() && !timeout->second.empty()) {
    command.timeout = parse_timeout(timeout->second);
    if (!command.timeout) {
      return UsageError{
          "--timeout must be a number of seconds > 0 and <= 3600 (at most 3 decimals)"};
    }
  }
  return parsed;
}

std::variant<Invocation, UsageError> parse_provider_command(const std::vector<std::string>& args,
                                                            Action action) {
  auto flags = parse_flags(args, action);
  if (auto* error = std::get_if<UsageError>(&flags)) return std::move(*error);
  if (auto* help = std::get_if<Invocation>(&flags)) return std::move(*help);
  ParsedFlags& parsed = std::get<ParsedFlags>(flags);
  Invocation invocation{action, {}, {}};
  if (action != Action::batch) {
    invocation.refund = std::move(parsed.command);
    return invocation;
  }
  BatchCommand& batch = invocation.batch;
  batch.session = std::move(parsed.command);
  batch.file = parsed.deferred["--file"];
  if (const auto concurrency = parsed.deferred.find("--concurrency");
      concurrency != parsed.deferred.end()) {
    const std::optional<std::size_t> value = parse_concurrency(concurrency->second);
    if (!value) {
      return UsageError{"--concurrency must be a whole number from 1 to " +
                        std::to_string(kMaxBatchConcurrency)};
    }
    batch.concurrency = *value;
  }
  return invocation;
}

}  // namespace

std::optional<std::string> check_refund_options(const RefundCommand& command, OptionNames names) {
  for (const ValueFlag& flag : kValueFlags) {
    if (!flag.provider.empty() && flag.provider != command.provider && is_set(command, flag)) {
      return option_name(flag.name, names) + " applies to " + std::string(flag.provider) + " only";
    }
  }
  if (command.provider == "afterpay" && command.capture_number.empty()) {
    return names == OptionNames::flags ? "missing required option --capture-number (afterpay)"
                                       : "capture_number is required for afterpay";
  }
  if (!command.refund_type.empty() && command.refund_type != "refund" &&
      command.refund_type != "return") {
    return option_name("--refund-type", names) + " must be refund or return";
  }
  if (!command.items.empty() && !command.items_file.empty()) {
    return std::string("--item and --items-file cannot be combined");
  }
  return std::nullopt;
}

std::variant<Invocation, UsageError> parse_command_line(const std::vector<std::string>& args) {
  if (args.empty()) return UsageError{"missing command"};
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    return Invocation{Action::show_help, {}, {}};
  }
  if (args[0] == "--version") return Invocation{Action::show_version, {}, {}};
  if (args[0] == "refund") return parse_provider_command(args, Action::refund);
  if (args[0] == "status") return parse_provider_command(args, Action::status);
  if (args[0] == "batch") return parse_provider_command(args, Action::batch);
  return UsageError{"unknown command '" + args[0] + "'"};
}

}  // namespace refundkit::cli
