#pragma once

#include <chrono>

#include "refundkit/date.hpp"

namespace refundkit::vendors::komfortkasse {

/// Today's date in Komfortkasse's time zone (Europe/Berlin, UTC+1 in winter, UTC+2 in summer),
/// computed without a time-zone database as the UTC date of now + 2 hours. That is never behind
/// Berlin's date, and at most one hour ahead (23:00-24:00 Berlin time in winter). Being ahead
/// only moves the default plannedDate one day later; being behind (a plain UTC date) would send
/// "tomorrow" that is already today in Berlin, which Komfortkasse refuses as not in the future.
/// The sandbox's Komfortkasse emulator uses the same function, so the two always agree.
Date berlin_today(std::chrono::system_clock::time_point now);

/// berlin_today() of the system clock: KomfortkasseOptions::today when none is injected.
Date berlin_today();

}  // namespace refundkit::vendors::komfortkasse
