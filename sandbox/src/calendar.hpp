#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace refundkit::sandbox::detail {

/// A proleptic Gregorian calendar date: the sandbox's own, with civil-from-days arithmetic.
struct CivilDate {
  int year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..31
};

/// Days since 1970-01-01 (negative before). Valid for any date with a valid month and day.
std::int64_t days_from_civil(const CivilDate& date);
CivilDate civil_from_days(std::int64_t days);
/// 0 = Sunday ... 6 = Saturday.
int weekday_from_days(std::int64_t days);
bool is_valid_date(int year, int month, int day);

/// "YYYY-MM-DD" (exactly ten characters, a real date).
std::optional<CivilDate> parse_iso_date(std::string_view text);
std::string format_iso_date(const CivilDate& date);
/// Komfortkasse's format, "dd-MM-yyyy" (e.g. "01-05-2018").
std::optional<CivilDate> parse_komfortkasse_date(std::string_view text);
std::string format_komfortkasse_date(const CivilDate& date);

/// Europe/Berlin's offset from UTC at `unix_seconds` (3600 or 7200), and its date then.
std::int64_t berlin_offset_seconds(std::int64_t unix_seconds);
CivilDate berlin_date_at(std::int64_t unix_seconds);

}  // namespace refundkit::sandbox::detail
