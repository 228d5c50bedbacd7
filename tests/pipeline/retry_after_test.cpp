// Retry-After in every form RFC 9110 allows, and everything else refused without throwing.
#include "pipeline/retry_after.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "core/civil_days.hpp"

namespace refundkit::internal {
namespace {

using std::chrono::seconds;
using std::chrono::system_clock;

// Sun, 06 Nov 1994 08:49:37 GMT: RFC 9110's example.
constexpr long long kExample = 784111777;
constexpr const char* kImfExample = "Sun, 06 Nov 1994 08:49:37 GMT";
constexpr const char* kRfc850Example = "Sunday, 06-Nov-94 08:49:37 GMT";
constexpr const char* kAsctimeExample = "Sun Nov  6 08:49:37 1994";

system_clock::time_point at(long long epoch_seconds) {
  return system_clock::time_point(seconds(epoch_seconds));
}

std::optional<seconds> parse(std::string_view value, long long now_epoch_seconds = kExample) {
  return parse_retry_after(value, at(now_epoch_seconds));
}

TEST(RetryAfterTest, ReadsDeltaSeconds) {
  EXPECT_EQ(parse("120"), seconds(120));
  EXPECT_EQ(parse("0"), seconds(0));
  EXPECT_EQ(parse("007"), seconds(7));
  EXPECT_EQ(parse(" \t120 \t"), seconds(120));
  EXPECT_EQ(parse("2147483647"), kMaxRetryAfter);
}

TEST(RetryAfterTest, DeltaSecondsDoNotDependOnNow) {
  EXPECT_EQ(parse_retry_after("30", system_clock::time_point::min()), seconds(30));
  EXPECT_EQ(parse_retry_after("30", system_clock::time_point::max()), seconds(30));
}

TEST(RetryAfterTest, RefusesNumbersThatAreNotDeltaSeconds) {
  for (const char* value :
       {"", " ", "\t", "-1", "-0", "+5", "1.5", "1,5", "12a", "1 2", "0x10", "1e3", "\xef\xbc\x91",
        "2147483648", "99999999999999999999", "184467440737095516160", "120\r\n", "\n120"}) {
    EXPECT_EQ(parse(value), std::nullopt) << '"' << value << '"';
  }
}

TEST(RetryAfterTest, ReadsAnImfFixdate) {
  EXPECT_EQ(parse(kImfExample, kExample - 90), seconds(90));
  EXPECT_EQ(parse("  Sun, 06 Nov 1994 08:49:37 GMT\t", kExample - 1), seconds(1));
}

TEST(RetryAfterTest, ReadsTheObsoleteRfc850Form) {
  EXPECT_EQ(parse(kRfc850Example, kExample - 90), seconds(90));
}

TEST(RetryAfterTest, ReadsTheObsoleteAsctimeForm) {
  EXPECT_EQ(parse(kAsctimeExample, kExample - 90), seconds(90));
  EXPECT_EQ(parse("Sun Nov 06 08:49:37 1994", kExample - 90), seconds(90));
  EXPECT_EQ(parse("Thu Nov 16 08:49:37 1994", kExample - 90), seconds(90 + 10 * 86400));
}

TEST(RetryAfterTest, ADateInThePastOrNowWaitsNothing) {
  EXPECT_EQ(parse(kImfExample, kExample), seconds(0));
  EXPECT_EQ(parse(kImfExample, kExample + 1), seconds(0));
  EXPECT_EQ(parse("Thu, 01 Jan 1970 00:00:00 GMT", kExample), seconds(0));
  EXPECT_EQ(parse("Mon, 01 Jan 0001 00:00:00 GMT", kExample), seconds(0));
  EXPECT_EQ(parse(kImfExample, 0).value_or(seconds(-1)), seconds(kExample));
}

TEST(RetryAfterTest, AFractionOfASecondAheadWaitsAWholeSecond) {
  const auto now = at(kExample) - std::chrono::milliseconds(1);
  EXPECT_EQ(parse_retry_after(kImfExample, now), seconds(1));
  EXPECT_EQ(parse_retry_after(kImfExample, at(kExample) - std::chrono::nanoseconds(1)), seconds(1));
  EXPECT_EQ(parse_retry_after(kImfExample, at(kExample) + std::chrono::nanoseconds(1)), seconds(0));
}

TEST(RetryAfterTest, AWaitBeyondTheLimitIsRefused) {
  EXPECT_EQ(parse("Fri, 31 Dec 9999 23:59:59 GMT", kExample), std::nullopt);
  // 2^31 - 1 s after the epoch is 2038-01-19 03:14:07.
  EXPECT_EQ(parse("Tue, 19 Jan 2038 03:14:07 GMT", 0), kMaxRetryAfter);
  EXPECT_EQ(parse("Tue, 19 Jan 2038 03:14:08 GMT", 0), std::nullopt);
}

TEST(RetryAfterTest, ExtremeClocksDoNotOverflow) {
  EXPECT_EQ(parse_retry_after(kImfExample, system_clock::time_point::max()), seconds(0));
  EXPECT_EQ(parse_retry_after(kImfExample, system_clock::time_point::min()), std::nullopt);
  // Seen from 2262, "94" is 2294.
  EXPECT_EQ(parse_retry_after(kRfc850Example, system_clock::time_point::max()),
            seconds(1027846941));
  EXPECT_EQ(parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", system_clock::time_point::max()),
            std::nullopt);
}

TEST(RetryAfterTest, ATwoDigitYearIsAtMostFiftyYearsAhead) {
  const long long y2026 = 1767225600;                                     // 2026-01-01 00:00:00
  EXPECT_EQ(parse("Sunday, 06-Nov-94 08:49:37 GMT", y2026), seconds(0));  // 1994
  // 2076 is 50 years ahead: still the future. 2077 would be more than 50: it is 1977.
  EXPECT_EQ(parse("Wednesday, 01-Jan-76 00:00:00 GMT", y2026), seconds(1577836800));
  EXPECT_EQ(parse("Friday, 01-Jan-77 00:00:00 GMT", y2026), seconds(0));
  EXPECT_EQ(parse("Thursday, 01-Jan-26 00:01:00 GMT", y2026), seconds(60));
  // Late in a century the window reaches into the next one: from 2070, "10" is 2110 and "20"
  // is 2120, but "21" is 2021.
  const long long y2070 = 3155760000;  // 2070-01-01 00:00:00
  EXPECT_EQ(parse("Wednesday, 01-Jan-70 00:01:00 GMT", y2070), seconds(60));
  EXPECT_EQ(parse("Wednesday, 01-Jan-10 00:00:00 GMT", y2070), seconds(1262217600));
  EXPECT_EQ(parse("Wednesday, 01-Jan-20 00:00:00 GMT", y2070), seconds(1577750400));
  EXPECT_EQ(parse("Wednesday, 01-Jan-21 00:00:00 GMT", y2070), seconds(0));
}

TEST(RetryAfterTest, ChecksTheCalendar) {
  EXPECT_TRUE(parse("Thu, 29 Feb 2024 00:00:00 GMT", 0).has_value());  // leap year
  EXPECT_TRUE(parse("Tue, 29 Feb 2000 00:00:00 GMT", 0).has_value());  // divisible by 400
  EXPECT_TRUE(parse("Sat, 31 Dec 2016 23:59:60 GMT", 0).has_value());  // a leap second
  for (const char* value : {
           "Sat, 29 Feb 2025 00:00:00 GMT",  // not a leap year
           "Thu, 29 Feb 1900 00:00:00 GMT",  // divisible by 100, not 400
           "Mon, 30 Feb 2024 00:00:00 GMT",
           "Mon, 31 Apr 2024 00:00:00 GMT",
           "Mon, 31 Jun 2024 00:00:00 GMT",
           "Mon, 31 Sep 2024 00:00:00 GMT",
           "Mon, 31 Nov 2024 00:00:00 GMT",
           "Mon, 32 Jan 2024 00:00:00 GMT",
           "Mon, 00 Jan 2024 00:00:00 GMT",
           "Mon, 01 Jan 0000 00:00:00 GMT",
           "Mon, 01 Jan 2024 24:00:00 GMT",
           "Mon, 01 Jan 2024 23:60:00 GMT",
           "Mon, 01 Jan 2024 23:59:61 GMT",
           "Monday, 30-Feb-24 00:00:00 GMT",
           "Mon Feb 30 00:00:00 2024",
           "Mon Jan  0 00:00:00 2024",
       }) {
    EXPECT_EQ(parse(value, 0), std::nullopt) << value;
  }
}

bool is_delta_seconds(std::string text) {
  while (!text.empty() && text.front() == ' ') text.erase(0, 1);
  return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
}

TEST(RetryAfterTest, RefusesEveryPartOfADate) {
  for (const std::string full : {kImfExample, kRfc850Example, kAsctimeExample}) {
    for (std::size_t length = 1; length < full.size(); ++length) {
      const std::string head = full.substr(0, length);
      const std::string tail = full.substr(length);
      EXPECT_EQ(parse(head, 0), std::nullopt) << '"' << head << '"';
      // asctime ends in its year, which alone is a valid delta-seconds.
      if (!is_delta_seconds(tail)) {
        EXPECT_EQ(parse(tail, 0), std::nullopt) << '"' << tail << '"';
      }
    }
  }
}

TEST(RetryAfterTest, RefusesDatesThatAreAlmostRight) {
  for (const char* value : {
           "sun, 06 nov 1994 08:49:37 gmt",  // case-sensitive, as RFC 9110 says
           "SUN, 06 NOV 1994 08:49:37 GMT",
           "Sun, 06 Nov 1994 08:49:37 UTC",
           "Sun, 06 Nov 1994 08:49:37 +0000",
           "Sun, 06 Nov 1994 08:49:37",
           "Sun, 06 Nov 1994 08:49:37 GMT x",
           "Sun, 06 Nov 1994 08:49:37 GMTGMT",
           "Sun, 6 Nov 1994 08:49:37 GMT",
           "Sun, 06 Nov 94 08:49:37 GMT",
           "Sun, 06 Nov 1994 8:49:37 GMT",
           "Sun, 06 Nov 1994 08:49 GMT",
           "Sun,  06 Nov 1994 08:49:37 GMT",
           "Sun 06 Nov 1994 08:49:37 GMT",
           "Sux, 06 Nov 1994 08:49:37 GMT",
           "Sunday, 06 Nov 1994 08:49:37 GMT",  // long day name in the IMF form
           "Sun, 06-Nov-94 08:49:37 GMT",       // short day name in the RFC 850 form
           "Sunday, 06-Nov-1994 08:49:37 GMT",
           "Sunday, 06-November-94 08:49:37 GMT",
           "Sun Nov 6 08:49:37 1994",  // asctime pads the day with a space
           "Sun Nov  6 08:49:37 1994 GMT",
           "Sun Nov  6 08:49:37 94",
           "Sun, 06 Xyz 1994 08:49:37 GMT",
           "Sun, 06 Nov 1994 08:49:37\tGMT",
           "Sun, 0x Nov 1994 08:49:37 GMT",
           "Sun, -6 Nov 1994 08:49:37 GMT",
           "GMT",
           ",",
       }) {
    EXPECT_EQ(parse(value, 0), std::nullopt) << '"' << value << '"';
  }
  EXPECT_EQ(parse(std::string_view("Sun, 06 Nov 1994 08:49:37 GMT\0", 30), 0), std::nullopt);
  EXPECT_EQ(parse(std::string_view("12\0", 3), 0), std::nullopt);
}

TEST(RetryAfterTest, IgnoresTheDayNameButRequiresAValidOne) {
  // RFC 9110 calls the day name redundant: a wrong one does not change the date.
  EXPECT_EQ(parse("Mon, 06 Nov 1994 08:49:37 GMT", kExample - 5), seconds(5));
  EXPECT_EQ(parse("Wed Nov  6 08:49:37 1994", kExample - 5), seconds(5));
  EXPECT_EQ(parse("Friday, 06-Nov-94 08:49:37 GMT", kExample - 5), seconds(5));
}

std::string imf_fixdate(long long days, const char* time) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Date date = detail::civil_from_days(days);
  const long long weekday = ((days + 4) % 7 + 7) % 7;  // 1970-01-01 was a Thursday
  char text[64];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %s GMT",
                kDays[static_cast<std::size_t>(weekday)], date.day,
                kMonths[static_cast<std::size_t>(date.month - 1)], date.year, time);
  return text;
}

TEST(RetryAfterTest, EveryDayFrom1700To2200IsTheRightDay) {
  // From days_from_civil's inverse: a day off anywhere (a leap rule, a month length) shows.
  const long long first = -99'000;  // 1698-12-12
  const long long last = 84'000;    // 2199-12-26
  for (long long days = first; days <= last; ++days) {
    const std::string value = imf_fixdate(days, "00:00:01");
    const std::optional<seconds> wait = parse(value, days * 86400);
    ASSERT_EQ(wait, seconds(1)) << value;
  }
}

TEST(RetryAfterTest, NeverThrowsOnRandomInput) {
  std::mt19937_64 random(20260101);  // fixed: a failure reproduces
  const std::string alphabet = "0123456789 ,:-\tSunMoTeWdhFriaJFbMrApyJlgSOcNvDGTx\xff";
  const std::vector<std::string> seeds = {kImfExample, kRfc850Example, kAsctimeExample, "120"};
  for (int round = 0; round < 20000; ++round) {
    std::string value = seeds[random() % seeds.size()];
    const int edits = static_cast<int>(random() % 4);
    for (int edit = 0; edit < edits && !value.empty(); ++edit) {
      value[random() % value.size()] = alphabet[random() % alphabet.size()];
    }
    if (random() % 5 == 0) value.resize(random() % (value.size() + 1));
    std::optional<seconds> wait;
    ASSERT_NO_THROW(wait = parse(value, static_cast<long long>(random() % 4'000'000'000ULL)))
        << value;
    if (wait) {
      EXPECT_GE(wait->count(), 0) << value;
      EXPECT_LE(*wait, kMaxRetryAfter) << value;
    }
  }
}

}  // namespace
}  // namespace refundkit::internal
