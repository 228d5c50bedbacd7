#pragma once

#include <string>
#include <string_view>

#include "refundkit/result.hpp"

namespace refundkit {

/// A calendar date (proleptic Gregorian), with no time zone: what vendors call a "date".
struct Date {
  int year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..31

  /// Parses "YYYY-MM-DD" and checks that the day exists (no 2026-02-30).
  static Result<Date> parse_iso(std::string_view text);
  /// Today's date in UTC, from the system clock.
  static Date today_utc();

  bool is_valid() const noexcept;
  /// "YYYY-MM-DD".
  std::string to_iso() const;
  Date next_day() const noexcept;

  friend bool operator==(const Date& a, const Date& b) noexcept {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
  friend bool operator!=(const Date& a, const Date& b) noexcept { return !(a == b); }
  friend bool operator<(const Date& a, const Date& b) noexcept {
    if (a.year != b.year) return a.year < b.year;
    if (a.month != b.month) return a.month < b.month;
    return a.day < b.day;
  }
  friend bool operator>(const Date& a, const Date& b) noexcept { return b < a; }
  friend bool operator<=(const Date& a, const Date& b) noexcept { return !(b < a); }
  friend bool operator>=(const Date& a, const Date& b) noexcept { return !(a < b); }
};

}  // namespace refundkit
