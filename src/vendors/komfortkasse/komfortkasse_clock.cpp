#include "vendors/komfortkasse/komfortkasse_clock.hpp"

#include "core/civil_days.hpp"

namespace refundkit::vendors::komfortkasse {
namespace {

// Berlin's largest offset from UTC (CEST); see berlin_today for why the largest.
constexpr long long kBerlinMaxOffsetSeconds = 2 * 60 * 60;
constexpr long long kSecondsPerDay = 24 * 60 * 60;

}  // namespace

Date berlin_today(std::chrono::system_clock::time_point now) {
  const long long unix_seconds =
      std::chrono::floor<std::chrono::seconds>(now.time_since_epoch()).count() +
      kBerlinMaxOffsetSeconds;
  // Floor division: an instant before 1970 belongs to the previous day, not the next.
  long long days = unix_seconds / kSecondsPerDay;
  if (unix_seconds % kSecondsPerDay < 0) --days;
  return detail::civil_from_days(days);
}

Date berlin_today() { return berlin_today(std::chrono::system_clock::now()); }

}  // namespace refundkit::vendors::komfortkasse
