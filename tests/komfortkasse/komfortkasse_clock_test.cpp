// Komfortkasse's "today" (Europe/Berlin) without a time-zone database: CET, and CEST from the last
// Sunday of March to the last Sunday of October (01:00 UTC). The default plannedDate and the local
// "in the future" check use it.
#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "komfortkasse_fixture.hpp"
#include "vendors/komfortkasse/komfortkasse_clock.hpp"
#include "vendors/komfortkasse/komfortkasse_wire.hpp"

namespace refundkit::komfortkasse_test {
namespace {

using test_support::FailsWith;
using test_support::Succeeds;
using vendors::komfortkasse::berlin_today;

std::chrono::system_clock::time_point at_unix(long long seconds) {
  return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

TEST(BerlinToday, FollowsCetAndCestExactly) {
  struct Case {
    const char* what;
    long long unix_seconds;
    Date expected;
  };
  const Case cases[] = {
      {"2026-03-14 22:59:59Z (23:59:59 CET)", 1773529199, Date{2026, 3, 14}},
      {"2026-03-14 23:00Z (00:00 CET)", 1773529200, Date{2026, 3, 15}},
      // Summer time starts on the last Sunday of March, 2026-03-29, at 01:00 UTC.
      {"2026-03-28 22:59:59Z (23:59:59 CET)", 1774738799, Date{2026, 3, 28}},
      {"2026-03-28 23:00Z (00:00 CET)", 1774738800, Date{2026, 3, 29}},
      {"2026-03-29 00:59:59Z (01:59:59 CET)", 1774745999, Date{2026, 3, 29}},
      {"2026-03-29 01:00Z (03:00 CEST)", 1774746000, Date{2026, 3, 29}},
      {"2026-03-29 21:59:59Z (23:59:59 CEST)", 1774821599, Date{2026, 3, 29}},
      {"2026-03-29 22:00Z (00:00 CEST)", 1774821600, Date{2026, 3, 30}},
      {"2026-07-01 21:59:59Z (23:59:59 CEST)", 1782943199, Date{2026, 7, 1}},
      {"2026-07-01 22:00Z (00:00 CEST)", 1782943200, Date{2026, 7, 2}},
      // Summer time ends on the last Sunday of October, 2026-10-25, at 01:00 UTC.
      {"2026-10-24 21:59:59Z (23:59:59 CEST)", 1792879199, Date{2026, 10, 24}},
      {"2026-10-24 22:00Z (00:00 CEST)", 1792879200, Date{2026, 10, 25}},
      {"2026-10-25 00:59:59Z (02:59:59 CEST)", 1792889999, Date{2026, 10, 25}},
      {"2026-10-25 01:00Z (02:00 CET)", 1792890000, Date{2026, 10, 25}},
      {"2026-10-25 22:59:59Z (23:59:59 CET)", 1792969199, Date{2026, 10, 25}},
      {"2026-10-25 23:00Z (00:00 CET)", 1792969200, Date{2026, 10, 26}},
      {"2026-12-31 22:59:59Z", 1798757999, Date{2026, 12, 31}},
      {"2026-12-31 23:00Z", 1798758000, Date{2027, 1, 1}},
      {"1969-12-31 22:59:59Z", -3601, Date{1969, 12, 31}},
      {"1969-12-31 23:00Z", -3600, Date{1970, 1, 1}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(berlin_today(at_unix(c.unix_seconds)), c.expected) << c.what;
  }
}

TEST(BerlinToday, IsTheUtcDateOrTheDayAfter) {
  const auto now = std::chrono::system_clock::now();
  const Date utc = Date::today_utc();
  const Date berlin = berlin_today(now);
  EXPECT_TRUE(berlin == utc || berlin == utc.next_day())
      << berlin.to_iso() << " vs " << utc.to_iso();
}

// Without an injected today(), the client uses berlin_today(): the default plannedDate is the
// day after it and the same date as planned_date is refused locally.
class DefaultClockTest : public KomfortkasseTest {
 protected:
  KomfortkasseOptions options_without_clock() const {
    KomfortkasseOptions without_clock = options();
    without_clock.today = nullptr;
    return without_clock;
  }
};

TEST_F(DefaultClockTest, DefaultPlannedDateIsTheDayAfterBerlinToday) {
  RefundRequest without_date = request();
  without_date.planned_date.reset();
  transport->respond_json(200, R"({"status":"NEW"})");

  const Date before = berlin_today();
  const Result<Refund> refund =
      make_komfortkasse_client(options_without_clock(), transport)->create_refund(without_date);
  const Date after = berlin_today();

  ASSERT_THAT(refund, Succeeds());
  const std::string sent = nlohmann::json::parse(transport->last_request().body)["plannedDate"];
  // before == after except when Berlin's conservative day turns during the call.
  EXPECT_TRUE(sent == vendors::komfortkasse::format_date(before.next_day()) ||
              sent == vendors::komfortkasse::format_date(after.next_day()))
      << sent;
}

TEST_F(DefaultClockTest, BerlinTodayIsNotInTheFuture) {
  RefundRequest today_request = request();
  const Date today = berlin_today();
  today_request.planned_date = today;

  const Result<Refund> refund =
      make_komfortkasse_client(options_without_clock(), transport)->create_refund(today_request);

  // Unless Berlin's day turned during the call, in which case the date is in the past: refused too.
  ASSERT_THAT(refund, FailsWith(ErrorKind::invalid_request));
  EXPECT_EQ(transport->request_count(), 0u);
}

}  // namespace
}  // namespace refundkit::komfortkasse_test
