#include <chrono>
#include <cstdio>
#include <string>

#include "core/civil_days.hpp"
#include "core/invalid_request.hpp"
#include "core/printable.hpp"
#include "refundkit/date.hpp"

namespace refundkit {
namespace {

constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;

constexpr bool is_leap_year(int year) noexcept {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

constexpr int days_in_month(int year, int month) noexcept {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Reads text[from, from + count) as digits; false if any is not a digit.
bool read_number(std::string_view text, std::size_t from, std::size_t count, int& out) noexcept {
  int value = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    if (!is_digit(text[i])) return false;
    value = value * 10 + (text[i] - '0');
  }
  out = value;
  return true;
}

}  // namespace

Result<Date> Date::parse_iso(std::string_view text) {
  const auto invalid = [&text] {
    return detail::invalid_request("'" + detail::printable_excerpt(text) +
                                   "' is not a valid date (expected YYYY-MM-DD)");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return invalid();
  Date date;
  if (!read_number(text, 0, 4, date.year) || !read_number(text, 5, 2, date.month) ||
      !read_number(text, 8, 2, date.day)) {
    return invalid();
  }
  if (!date.is_valid()) return invalid();
  return date;
}

Date Date::today_utc() {
  const long long unix_seconds =
      std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  // Floor division: instants before 1970 belong to the previous day, not the next.
  long long days = unix_seconds / 86400;
  if (unix_seconds % 86400 < 0) --days;
  return detail::civil_from_days(days);
}

bool Date::is_valid() const noexcept {
  return year >= kMinYear && year <= kMaxYear && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

std::string Date::to_iso() const {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

Date Date::next_day() const noexcept {
  if (!is_valid()) return *this;
  if (day < days_in_month(year, month)) return Date{year, month, day + 1};
  if (month < 12) return Date{year, month + 1, 1};
  return Date{year + 1, 1, 1};
}

}  // namespace refundkit
