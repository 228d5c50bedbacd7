#include "vendors/optty/optty_wire.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include "internal/text.hpp"

namespace refundkit::vendors::optty {
namespace {

constexpr int kMaxWireDecimals = 2;

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), internal::is_ascii_digit);
}

int to_int(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

std::optional<Date> checked_date(int year, int month, int day) {
  const Date date{year, month, day};
  if (!date.is_valid()) return std::nullopt;
  return date;
}

// "Fri, 08 Oct 2021 06:22:20 GMT": only the date part matters, but the rest must be there, so
// that junk that happens to start like a date is not read as one.
std::optional<Date> parse_rfc1123_date(std::string_view text) {
  const std::size_t comma = text.find(", ");
  if (comma != 3) return std::nullopt;
  std::string_view rest = text.substr(comma + 2);
  const std::size_t day_end = rest.find(' ');
  if (day_end == std::string_view::npos || day_end > 2) return std::nullopt;
  const std::string_view day = rest.substr(0, day_end);
  rest = rest.substr(day_end + 1);
  if (rest.size() < 9 || rest[3] != ' ' || rest[8] != ' ') return std::nullopt;
  const std::string_view month_name = rest.substr(0, 3);
  const std::string_view year = rest.substr(4, 4);
  const std::string_view time_and_zone = rest.substr(9);
  const auto month = std::find(kMonths.begin(), kMonths.end(), month_name);
  if (!all_digits(day) || !all_digits(year) || month == kMonths.end()) return std::nullopt;
  if (time_and_zone.size() != 12 || time_and_zone.substr(8) != " GMT" || time_and_zone[2] != ':' ||
      time_and_zone[5] != ':' || !all_digits(time_and_zone.substr(0, 2)) ||
      !all_digits(time_and_zone.substr(3, 2)) || !all_digits(time_and_zone.substr(6, 2))) {
    return std::nullopt;
  }
  return checked_date(to_int(year), static_cast<int>(month - kMonths.begin()) + 1, to_int(day));
}

// "2021-10-08", optionally followed by 'T' and a time (whose zone does not change the date as
// the vendor wrote it).
std::optional<Date> parse_iso8601_date(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (text.size() > 10 && text[10] != 'T' && text[10] != 't') return std::nullopt;
  const std::string_view year = text.substr(0, 4);
  const std::string_view month = text.substr(5, 2);
  const std::string_view day = text.substr(8, 2);
  if (!all_digits(year) || !all_digits(month) || !all_digits(day)) return std::nullopt;
  return checked_date(to_int(year), to_int(month), to_int(day));
}

}  // namespace

std::string api_base_url(const OpttyOptions& options) {
  if (!options.base_url.empty()) return options.base_url;
  return std::string(options.environment == OpttyEnvironment::sandbox ? kSandboxApiBase
                                                                      : kProductionApiBase);
}

std::string token_endpoint_url(const OpttyOptions& options) {
  if (!options.token_url.empty()) return options.token_url;
  return std::string(options.environment == OpttyEnvironment::sandbox ? kSandboxTokenUrl
                                                                      : kProductionTokenUrl);
}

std::optional<Decimal> wire_amount(const Money& amount) {
  std::int64_t units = amount.minor_units();
  int decimals = amount.currency().exponent();
  for (; decimals > kMaxWireDecimals; --decimals) {
    if (units % 10 != 0) return std::nullopt;
    units /= 10;
  }
  return Decimal(units, decimals);
}

bool is_echo_of_reference(std::string_view echoed, std::string_view sent) {
  if (echoed == sent) return true;
  if (echoed.size() < sent.size() + 2 || echoed.substr(0, sent.size()) != sent) return false;
  const std::string_view suffix = echoed.substr(sent.size());
  return suffix.front() == '-' && all_digits(suffix.substr(1));
}

std::optional<Date> parse_refund_date(std::string_view text) {
  if (std::optional<Date> date = parse_rfc1123_date(text)) return date;
  return parse_iso8601_date(text);
}

}  // namespace refundkit::vendors::optty
