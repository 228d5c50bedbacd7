#pragma once

#include "refundkit/date.hpp"

namespace refundkit::detail {

/// The proleptic Gregorian date that is days_since_epoch days after 1970-01-01 (negative:
/// before). Howard Hinnant's civil_from_days: pure arithmetic, so no gmtime() and no shared
/// static buffer.
Date civil_from_days(long long days_since_epoch) noexcept;

/// The inverse: days from 1970-01-01 to `date` (Howard Hinnant's days_from_civil).
long long days_from_civil(const Date& date) noexcept;

/// 0 for Sunday .. 6 for Saturday.
int weekday_from_days(long long days_since_epoch) noexcept;

}  // namespace refundkit::detail
