#include "money.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <utility>
#include <vector>

#include "refundkit/sandbox/sandbox.hpp"

namespace refundkit::sandbox {

namespace {

// The currencies the sandbox hosts (its vendors' markets), sorted by code, with their decimals.
constexpr std::array<std::pair<std::string_view, int>, 10> kCurrencies = {{
    {"AUD", 2},
    {"CHF", 2},
    {"CZK", 2},
    {"DKK", 2},
    {"EUR", 2},
    {"GBP", 2},
    {"JPY", 0},
    {"NOK", 2},
    {"SEK", 2},
    {"USD", 2},
}};

}  // namespace

std::vector<std::string> hosted_currencies() {
  std::vector<std::string> codes;
  for (const auto& entry : kCurrencies) codes.emplace_back(entry.first);
  return codes;
}

std::optional<int> currency_decimals(std::string_view currency) {
  for (const auto& entry : kCurrencies) {
    if (entry.first == currency) return entry.second;
  }
  return std::nullopt;
}

namespace detail {

std::optional<std::int64_t> parse_minor_units(std::string_view text, int decimals,
                                              int max_written_decimals) {
  const std::size_t point = text.find('.');
  const std::string_view whole = text.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
  if (whole.empty()) return std::nullopt;
  if (point != std::string_view::npos && fraction.empty()) return std::nullopt;
  if (fraction.size() > static_cast<std::size_t>(max_written_decimals)) return std::nullopt;
  const auto all_digits = [](std::string_view part) {
    return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (!all_digits(whole) || !all_digits(fraction)) return std::nullopt;

  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  std::int64_t value = 0;
  const auto push_digit = [&](char digit) {
    const int d = digit - '0';
    if (value > (kMax - d) / 10) return false;
    value = value * 10 + d;
    return true;
  };
  for (char c : whole) {
    if (!push_digit(c)) return std::nullopt;
  }
  for (int i = 0; i < decimals; ++i) {
    const char c = static_cast<std::size_t>(i) < fraction.size() ? fraction[i] : '0';
    if (!push_digit(c)) return std::nullopt;
  }
  // Written decimals beyond the currency's own must be zeros: the amount must be exact.
  for (std::size_t i = static_cast<std::size_t>(decimals); i < fraction.size(); ++i) {
    if (fraction[i] != '0') return std::nullopt;
  }
  return value;
}

std::string format_minor_units(std::int64_t minor_units, int decimals) {
  const bool negative = minor_units < 0;
  // Through unsigned so that INT64_MIN has a magnitude too.
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(minor_units)
                                     : static_cast<std::uint64_t>(minor_units);
  std::string digits = std::to_string(magnitude);
  if (decimals > 0) {
    const std::size_t width = static_cast<std::size_t>(decimals) + 1;
    if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
    digits.insert(digits.size() - static_cast<std::size_t>(decimals), 1, '.');
  }
  return negative ? "-" + digits : digits;
}

}  // namespace detail
}  // namespace refundkit::sandbox
