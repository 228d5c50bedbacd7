#include "vendors/komfortkasse/komfortkasse_clock.hpp"

#include "core/civil_days.hpp"

namespace refundkit::vendors::komfortkasse {
namespace {

constexpr long long kSecondsPerHour = 60 * 60;
constexpr long long kSecondsPerDay = 24 * kSecondsPerHour;

long long floor_divide(long long value, long long divisor) {
  long long quotient = value / divisor;
  if (value % divisor < 0) --quotient;
  return quotient;
}

/// The instant summer time starts or ends in the EU: the last Sunday of `month` (March or
/// October, both 31 days long), 01:00 UTC.
long long transition_seconds(int year, int month) {
  const long long last_day = detail::days_from_civil(Date{year, month, 31});
  const long long last_sunday = last_day - detail::weekday_from_days(last_day);
  return last_sunday * kSecondsPerDay + kSecondsPerHour;
}

}  // namespace

Date berlin_today(std::chrono::system_clock::time_point now) {
  const long long unix_seconds =
      std::chrono::floor<std::chrono::seconds>(now.time_since_epoch()).count();
  const int year = detail::civil_from_days(floor_divide(unix_seconds, kSecondsPerDay)).year;
  const bool summer =
      unix_seconds >= transition_seconds(year, 3) && unix_seconds < transition_seconds(year, 10);
  const long long offset = summer ? 2 * kSecondsPerHour : kSecondsPerHour;
  return detail::civil_from_days(floor_divide(unix_seconds + offset, kSecondsPerDay));
}

Date berlin_today() { return berlin_today(std::chrono::system_clock::now()); }

}  // namespace refundkit::vendors::komfortkasse
