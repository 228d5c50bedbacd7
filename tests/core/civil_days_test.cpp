#include <gtest/gtest.h>

#include "core/civil_days.hpp"

namespace refundkit {
namespace {

TEST(CivilFromDays, KnownDays) {
  EXPECT_EQ(detail::civil_from_days(0), (Date{1970, 1, 1}));
  EXPECT_EQ(detail::civil_from_days(-1), (Date{1969, 12, 31}));
  EXPECT_EQ(detail::civil_from_days(59), (Date{1970, 3, 1}));
  EXPECT_EQ(detail::civil_from_days(10957), (Date{2000, 1, 1}));
  EXPECT_EQ(detail::civil_from_days(11016), (Date{2000, 2, 29}));
  EXPECT_EQ(detail::civil_from_days(19782), (Date{2024, 2, 29}));
  EXPECT_EQ(detail::civil_from_days(20454), (Date{2026, 1, 1}));
  EXPECT_EQ(detail::civil_from_days(-719162), (Date{1, 1, 1}));
  EXPECT_EQ(detail::civil_from_days(2932896), (Date{9999, 12, 31}));
}

// Every day of years 0001..9999 in order: civil_from_days and next_day must agree everywhere.
TEST(CivilFromDays, AgreesWithNextDayOverTheWholeSupportedRange) {
  Date expected{1, 1, 1};
  for (long long days = -719162; days <= 2932896; ++days) {
    const Date actual = detail::civil_from_days(days);
    if (actual != expected) {
      FAIL() << "day " << days << ": got " << actual.to_iso() << ", expected " << expected.to_iso();
    }
    expected = expected.next_day();
  }
  EXPECT_EQ(expected, (Date{10000, 1, 1}));
}

}  // namespace
}  // namespace refundkit
