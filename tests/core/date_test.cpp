#include <gtest/gtest.h>

#include "refundkit/date.hpp"

namespace refundkit {
namespace {

Date parsed(std::string_view text) {
  auto date = Date::parse_iso(text);
  EXPECT_TRUE(date.ok()) << text << ": " << (date ? std::string() : date.error().message);
  return date ? *date : Date{0, 0, 0};
}

TEST(Date, ParsesIsoDates) {
  EXPECT_EQ(parsed("2026-03-15"), (Date{2026, 3, 15}));
  EXPECT_EQ(parsed("0001-01-01"), (Date{1, 1, 1}));
  EXPECT_EQ(parsed("9999-12-31"), (Date{9999, 12, 31}));
  EXPECT_EQ(parsed("2024-02-29"), (Date{2024, 2, 29}));
  EXPECT_EQ(parsed("2000-02-29"), (Date{2000, 2, 29}));
}

TEST(Date, RejectsDaysThatDoNotExist) {
  for (const char* text : {"2026-02-29", "2026-02-30", "1900-02-29", "2100-02-29", "2026-04-31",
                           "2026-06-31", "2026-09-31", "2026-11-31", "2026-13-01", "2026-00-10",
                           "2026-01-00", "2026-01-32", "0000-01-01"}) {
    auto date = Date::parse_iso(text);
    ASSERT_FALSE(date.ok()) << text;
    EXPECT_EQ(date.error().kind, ErrorKind::invalid_request);
  }
}

TEST(Date, RejectsAnythingButYyyyMmDd) {
  for (const char* text : {"", "2026-3-15", "2026-03-5", "26-03-15", "20260315", "2026/03/15",
                           "2026-03-15T00:00:00Z", " 2026-03-15", "2026-03-15 ", "+026-03-15",
                           "-026-03-15", "2026-0a-15", "12026-03-15", "2026-03--1", "2026-+3-15"}) {
    EXPECT_FALSE(Date::parse_iso(text).ok()) << text;
  }
}

TEST(Date, Validity) {
  EXPECT_TRUE((Date{2024, 2, 29}).is_valid());
  EXPECT_FALSE((Date{2023, 2, 29}).is_valid());
  EXPECT_FALSE((Date{1900, 2, 29}).is_valid());
  EXPECT_TRUE((Date{2000, 2, 29}).is_valid());
  EXPECT_FALSE((Date{2026, 4, 31}).is_valid());
  EXPECT_TRUE((Date{2026, 12, 31}).is_valid());
  EXPECT_FALSE((Date{0, 1, 1}).is_valid());
  EXPECT_FALSE((Date{10000, 1, 1}).is_valid());
  EXPECT_FALSE((Date{2026, 0, 1}).is_valid());
  EXPECT_FALSE((Date{2026, 13, 1}).is_valid());
  EXPECT_FALSE((Date{2026, 1, 0}).is_valid());
  EXPECT_FALSE((Date{2026, -1, -1}).is_valid());
  EXPECT_TRUE(Date().is_valid());
}

TEST(Date, FormatsIso) {
  EXPECT_EQ((Date{2026, 3, 5}).to_iso(), "2026-03-05");
  EXPECT_EQ((Date{1, 1, 1}).to_iso(), "0001-01-01");
  EXPECT_EQ((Date{9999, 12, 31}).to_iso(), "9999-12-31");
  for (const char* text : {"2026-03-15", "2024-02-29", "0001-01-01", "1999-12-31"}) {
    EXPECT_EQ(parsed(text).to_iso(), text);
  }
}

TEST(Date, NextDay) {
  EXPECT_EQ((Date{2026, 3, 15}).next_day(), (Date{2026, 3, 16}));
  EXPECT_EQ((Date{2026, 1, 31}).next_day(), (Date{2026, 2, 1}));
  EXPECT_EQ((Date{2026, 4, 30}).next_day(), (Date{2026, 5, 1}));
  EXPECT_EQ((Date{2026, 12, 31}).next_day(), (Date{2027, 1, 1}));
  EXPECT_EQ((Date{2026, 2, 28}).next_day(), (Date{2026, 3, 1}));
  EXPECT_EQ((Date{2024, 2, 28}).next_day(), (Date{2024, 2, 29}));
  EXPECT_EQ((Date{2024, 2, 29}).next_day(), (Date{2024, 3, 1}));
  EXPECT_EQ((Date{1900, 2, 28}).next_day(), (Date{1900, 3, 1}));
  EXPECT_EQ((Date{2000, 2, 28}).next_day(), (Date{2000, 2, 29}));
}

TEST(Date, NextDayWalksAWholeLeapYear) {
  Date date{2024, 1, 1};
  int days = 0;
  while (date.year == 2024) {
    ASSERT_TRUE(date.is_valid()) << date.to_iso();
    const Date next = date.next_day();
    ASSERT_LT(date, next);
    date = next;
    ++days;
  }
  EXPECT_EQ(days, 366);
  EXPECT_EQ(date, (Date{2025, 1, 1}));
}

TEST(Date, NextDayLeavesInvalidDatesAlone) {
  const Date invalid{2026, 2, 30};
  EXPECT_EQ(invalid.next_day(), invalid);
}

TEST(Date, Ordering) {
  EXPECT_LT((Date{2025, 12, 31}), (Date{2026, 1, 1}));
  EXPECT_LT((Date{2026, 1, 31}), (Date{2026, 2, 1}));
  EXPECT_LT((Date{2026, 2, 1}), (Date{2026, 2, 2}));
  EXPECT_GE((Date{2026, 2, 2}), (Date{2026, 2, 2}));
  EXPECT_NE((Date{2026, 2, 2}), (Date{2026, 2, 3}));
}

TEST(Date, TodayUtcIsPlausible) {
  const Date today = Date::today_utc();
  EXPECT_TRUE(today.is_valid()) << today.to_iso();
  EXPECT_GE(today.year, 2024);
  EXPECT_LE(today.year, 9999);
  EXPECT_TRUE(Date::parse_iso(today.to_iso()).ok());
}

}  // namespace
}  // namespace refundkit
