// The sandbox's own date rule: Europe/Berlin's calendar date, CET/CEST computed exactly.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>

#include "sandbox_test_support.hpp"

namespace refundkit::sandbox::testing {
namespace {

using std::chrono::hours;
using std::chrono::seconds;
using Instant = std::chrono::system_clock::time_point;

// An instant given in UTC, computed without any date library: days since 1970-01-01.
Instant utc(long long days_since_epoch, int hour, int minute = 0, int second = 0) {
  return Instant(seconds(days_since_epoch * 86400 + hour * 3600 + minute * 60 + second));
}

// Known day numbers (days since 1970-01-01).
constexpr long long k2024_03_31 = 19813;  // a Sunday: CEST starts at 01:00 UTC
constexpr long long k2024_10_27 = 20023;  // a Sunday: CEST ends at 01:00 UTC
constexpr long long k2030_03_31 = 22004;  // a Sunday: CEST starts
constexpr long long k2030_10_27 = 22214;  // a Sunday: CEST ends
constexpr long long k2025_12_31 = 20453;
constexpr long long k2028_02_28 = 21242;

TEST(BerlinDateTest, SwitchesToSummerTimeAtOneUtcOnTheLastSundayOfMarch) {
  EXPECT_EQ(berlin_utc_offset(utc(k2024_03_31, 0, 59, 59)), hours(1));
  EXPECT_EQ(berlin_utc_offset(utc(k2024_03_31, 1)), hours(2));
  EXPECT_EQ(berlin_utc_offset(utc(k2030_03_31, 0, 59, 59)), hours(1));
  EXPECT_EQ(berlin_utc_offset(utc(k2030_03_31, 1)), hours(2));
  // The Sunday before is still winter time all day.
  EXPECT_EQ(berlin_utc_offset(utc(k2024_03_31 - 7, 12)), hours(1));
}

TEST(BerlinDateTest, SwitchesBackAtOneUtcOnTheLastSundayOfOctober) {
  EXPECT_EQ(berlin_utc_offset(utc(k2024_10_27, 0, 59, 59)), hours(2));
  EXPECT_EQ(berlin_utc_offset(utc(k2024_10_27, 1)), hours(1));
  EXPECT_EQ(berlin_utc_offset(utc(k2030_10_27, 0, 59, 59)), hours(2));
  EXPECT_EQ(berlin_utc_offset(utc(k2030_10_27, 1)), hours(1));
  EXPECT_EQ(berlin_utc_offset(utc(k2024_10_27 - 7, 12)), hours(2));
}

TEST(BerlinDateTest, MidnightMovesWithTheOffset) {
  // Saturday 30 March 2024, winter time: Berlin's midnight is 23:00 UTC.
  EXPECT_EQ(berlin_date(utc(k2024_03_31 - 1, 22, 59, 59)), "2024-03-30");
  EXPECT_EQ(berlin_date(utc(k2024_03_31 - 1, 23)), "2024-03-31");
  // Sunday 31 March 2024, summer time since 01:00 UTC: midnight is 22:00 UTC.
  EXPECT_EQ(berlin_date(utc(k2024_03_31, 21, 59, 59)), "2024-03-31");
  EXPECT_EQ(berlin_date(utc(k2024_03_31, 22)), "2024-04-01");
  // Saturday 26 October 2024, summer time: midnight is 22:00 UTC.
  EXPECT_EQ(berlin_date(utc(k2024_10_27 - 1, 21, 59, 59)), "2024-10-26");
  EXPECT_EQ(berlin_date(utc(k2024_10_27 - 1, 22)), "2024-10-27");
  // Sunday 27 October 2024, winter time since 01:00 UTC: midnight is 23:00 UTC again.
  EXPECT_EQ(berlin_date(utc(k2024_10_27, 22, 59, 59)), "2024-10-27");
  EXPECT_EQ(berlin_date(utc(k2024_10_27, 23)), "2024-10-28");
}

TEST(BerlinDateTest, CrossesYearsAndLeapDays) {
  EXPECT_EQ(berlin_date(utc(k2025_12_31, 22, 59, 59)), "2025-12-31");
  EXPECT_EQ(berlin_date(utc(k2025_12_31, 23)), "2026-01-01");
  EXPECT_EQ(berlin_date(utc(k2028_02_28, 23)), "2028-02-29");
  EXPECT_EQ(berlin_date(utc(k2028_02_28 + 1, 23)), "2028-03-01");
  EXPECT_EQ(berlin_date(utc(0, 0)), "1970-01-01");
  EXPECT_EQ(berlin_date(utc(-1, 22, 59, 59)), "1969-12-31");
  EXPECT_EQ(berlin_date(utc(-1, 23)), "1970-01-01");
}

// The rule through HTTP, with an injected clock: late on the evening before, Berlin's "today" is
// already the next day, so that day is no longer in the future.
TEST(BerlinDateTest, KomfortkasseJudgesPlannedDatesByBerlinsDate) {
  // Read on the server's threads, set on this one.
  std::atomic<Instant::rep> now{utc(k2030_03_31, 21, 30).time_since_epoch().count()};
  const auto set_now = [&now](Instant instant) { now = instant.time_since_epoch().count(); };
  // 23:30 CEST on Sunday 31 March 2030.
  SandboxOptions options;
  options.now = [&now] { return Instant(Instant::duration(now.load())); };
  Sandbox sandbox(options);
  SandboxClient client(sandbox.port());

  EXPECT_EQ(client.refund("KK-1001", refund_body("R-1", "1.00", "EUR", "31-03-2030")).status, 400);
  EXPECT_EQ(client.refund("KK-1001", refund_body("R-2", "1.00", "EUR", "01-04-2030")).status, 200);

  set_now(utc(k2030_03_31, 22, 30));  // 00:30 CEST on Monday 1 April
  const Reply late = client.refund("KK-1001", refund_body("R-3", "1.00", "EUR", "01-04-2030"));
  EXPECT_EQ(late.status, 400);
  EXPECT_EQ(late.json.value("error", ""), kInvalidRequest);
  EXPECT_EQ(client.refund("KK-1001", refund_body("R-4", "1.00", "EUR", "02-04-2030")).status, 200);

  // In winter the same UTC time is still the evening before.
  set_now(utc(k2030_10_27 + 7, 22, 30));  // 23:30 CET on Sunday 3 November 2030
  EXPECT_EQ(client.refund("KK-1001", refund_body("R-5", "1.00", "EUR", "04-11-2030")).status, 200);
  EXPECT_EQ(sandbox.refunds().size(), 3u);
}

TEST(BerlinDateTest, AnInjectedTodayWinsOverTheClock) {
  SandboxOptions options;
  options.today = [] { return std::string("2030-06-15"); };
  options.now = [] { return utc(0, 0); };
  Sandbox sandbox(options);
  SandboxClient client(sandbox.port());
  EXPECT_EQ(client.refund("KK-1001", refund_body("R-1", "1.00", "EUR", "15-06-2030")).status, 400);
  EXPECT_EQ(client.refund("KK-1001", refund_body("R-2", "1.00", "EUR", "16-06-2030")).status, 200);
}

TEST(LoopbackHostTest, AcceptsOnlyLoopbackAddresses) {
  for (const char* host :
       {"127.0.0.1", "127.1.2.3", "127.255.255.255", "::1", "localhost", "LocalHost"}) {
    EXPECT_TRUE(is_loopback_host(host)) << host;
  }
  for (const char* host : {"", "0.0.0.0", "128.0.0.1", "127.0.0", "127.0.0.1.", "127.0.0.256",
                           "127.0.0.0001", "1270.0.0.1", "::", "::2", "example.com",
                           "localhost.example.com", " 127.0.0.1", "127.0.0.1 "}) {
    EXPECT_FALSE(is_loopback_host(host)) << host;
  }
}

}  // namespace
}  // namespace refundkit::sandbox::testing
