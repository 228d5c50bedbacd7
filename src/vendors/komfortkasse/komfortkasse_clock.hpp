#pragma once

#include <chrono>

#include "refundkit/date.hpp"

namespace refundkit::vendors::komfortkasse {

/// Today's date in Komfortkasse's time zone, Europe/Berlin: UTC+1 (CET), and UTC+2 (CEST) from
/// the last Sunday of March, 01:00 UTC, to the last Sunday of October, 01:00 UTC (the EU rule
/// since 1996). Computed without a time-zone database, so it does not depend on the host's tz
/// data; a plain UTC date would send a "tomorrow" that is already today in Berlin late in the
/// evening, which Komfortkasse refuses as not in the future.
Date berlin_today(std::chrono::system_clock::time_point now);

/// berlin_today() of the system clock: KomfortkasseOptions::today when none is injected.
Date berlin_today();

}  // namespace refundkit::vendors::komfortkasse
