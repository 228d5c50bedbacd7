#include "calendar.hpp"

#include <chrono>

#include "refundkit/sandbox/sandbox.hpp"

namespace refundkit::sandbox {
namespace detail {

namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

// Floor division: -1 / 86400 is day -1, not day 0.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t quotient = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient;
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

// Midnight UTC of the last Sunday of `month` in `year`, plus 01:00: when Berlin's clocks change.
std::int64_t last_sunday_0100_utc(int year, int month) {
  const std::int64_t last_day = days_from_civil({year, month, days_in_month(year, month)});
  const std::int64_t sunday = last_day - weekday_from_days(last_day);
  return sunday * kSecondsPerDay + 3600;
}

bool all_digits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return !text.empty();
}

int to_int(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

std::string padded(int value, std::size_t width) {
  std::string digits = std::to_string(value);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return digits;
}

std::optional<CivilDate> checked(int year, int month, int day) {
  if (!is_valid_date(year, month, day)) return std::nullopt;
  return CivilDate{year, month, day};
}

}  // namespace

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms), in eras of
// 400 years so that every step is integer arithmetic without tables.
std::int64_t days_from_civil(const CivilDate& date) {
  const std::int64_t year = static_cast<std::int64_t>(date.year) - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = floor_div(year, 400);
  const std::int64_t year_of_era = year - era * 400;                                 // [0, 399]
  const std::int64_t month_from_march = (date.month + 9) % 12;                       // March = 0
  const std::int64_t day_of_year = (153 * month_from_march + 2) / 5 + date.day - 1;  // [0, 365]
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;  // [0, 146096]
  return era * 146097 + day_of_era - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
  const std::int64_t shifted = days + 719468;
  const std::int64_t era = floor_div(shifted, 146097);
  const std::int64_t day_of_era = shifted - era * 146097;  // [0, 146096]
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);  // [0, 365]
  const std::int64_t month_from_march = (5 * day_of_year + 2) / 153;           // [0, 11]
  const int day = static_cast<int>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  const int month =
      static_cast<int>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return CivilDate{static_cast<int>(year), month, day};
}

int weekday_from_days(std::int64_t days) {
  // 1970-01-01 was a Thursday (4).
  const std::int64_t weekday = (days + 4) % 7;
  return static_cast<int>(weekday < 0 ? weekday + 7 : weekday);
}

bool is_valid_date(int year, int month, int day) {
  return year >= 0 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

std::optional<CivilDate> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const std::string_view year = text.substr(0, 4);
  const std::string_view month = text.substr(5, 2);
  const std::string_view day = text.substr(8, 2);
  if (!all_digits(year) || !all_digits(month) || !all_digits(day)) return std::nullopt;
  return checked(to_int(year), to_int(month), to_int(day));
}

std::string format_iso_date(const CivilDate& date) {
  return padded(date.year, 4) + "-" + padded(date.month, 2) + "-" + padded(date.day, 2);
}

std::optional<CivilDate> parse_komfortkasse_date(std::string_view text) {
  if (text.size() != 10 || text[2] != '-' || text[5] != '-') return std::nullopt;
  const std::string_view day = text.substr(0, 2);
  const std::string_view month = text.substr(3, 2);
  const std::string_view year = text.substr(6, 4);
  if (!all_digits(day) || !all_digits(month) || !all_digits(year)) return std::nullopt;
  return checked(to_int(year), to_int(month), to_int(day));
}

std::string format_komfortkasse_date(const CivilDate& date) {
  return padded(date.day, 2) + "-" + padded(date.month, 2) + "-" + padded(date.year, 4);
}

std::int64_t berlin_offset_seconds(std::int64_t unix_seconds) {
  // The UTC year decides: both changes happen well away from New Year.
  const int year = civil_from_days(floor_div(unix_seconds, kSecondsPerDay)).year;
  const bool summer = unix_seconds >= last_sunday_0100_utc(year, 3) &&
                      unix_seconds < last_sunday_0100_utc(year, 10);
  return summer ? 7200 : 3600;
}

CivilDate berlin_date_at(std::int64_t unix_seconds) {
  return civil_from_days(
      floor_div(unix_seconds + berlin_offset_seconds(unix_seconds), kSecondsPerDay));
}

}  // namespace detail

namespace {

std::int64_t unix_seconds(std::chrono::system_clock::time_point instant) {
  return std::chrono::floor<std::chrono::seconds>(instant.time_since_epoch()).count();
}

}  // namespace

std::chrono::seconds berlin_utc_offset(std::chrono::system_clock::time_point instant) {
  return std::chrono::seconds(detail::berlin_offset_seconds(unix_seconds(instant)));
}

std::string berlin_date(std::chrono::system_clock::time_point instant) {
  return detail::format_iso_date(detail::berlin_date_at(unix_seconds(instant)));
}

}  // namespace refundkit::sandbox
