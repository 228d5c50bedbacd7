#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/currency_table.hpp"
#include "refundkit/money.hpp"

namespace refundkit {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

std::int64_t minor_units_of(std::string_view text, std::string_view code) {
  auto money = Money::parse(text, code);
  EXPECT_TRUE(money.ok()) << text << " " << code << ": "
                          << (money ? std::string() : money.error().message);
  return money ? money->minor_units() : -424242;
}

void expect_rejected(std::string_view text, std::string_view code) {
  auto money = Money::parse(text, code);
  ASSERT_FALSE(money.ok()) << "'" << text << "' " << code << " was accepted";
  EXPECT_EQ(money.error().kind, ErrorKind::invalid_request);
  EXPECT_FALSE(money.error().message.empty());
}

// "1" at the currency's smallest unit: "0.01" EUR, "1" JPY, "0.001" KWD, "0.0001" CLF.
std::string smallest_unit(int exponent) {
  if (exponent == 0) return "1";
  return "0." + std::string(static_cast<std::size_t>(exponent - 1), '0') + "1";
}

std::string one_major_unit(int exponent) {
  if (exponent == 0) return "1";
  return "1." + std::string(static_cast<std::size_t>(exponent), '0');
}

std::int64_t power_of_ten(int exponent) {
  std::int64_t value = 1;
  for (int i = 0; i < exponent; ++i) value *= 10;
  return value;
}

TEST(MoneyAllCurrencies, RoundTripsAtEachExponent) {
  for (const Currency& currency : internal::all_currencies()) {
    SCOPED_TRACE(std::string(currency.code()));
    const std::string code(currency.code());
    const int exponent = currency.exponent();

    const std::string smallest = smallest_unit(exponent);
    auto money = Money::parse(smallest, code);
    ASSERT_TRUE(money.ok());
    EXPECT_EQ(money->minor_units(), 1);
    EXPECT_EQ(money->currency(), currency);
    EXPECT_EQ(money->to_decimal_string(), smallest);
    EXPECT_EQ(money->to_string(), smallest + " " + code);

    EXPECT_EQ(minor_units_of("-" + smallest, code), -1);
    EXPECT_EQ(Money::parse("-" + smallest, code)->to_decimal_string(), "-" + smallest);

    EXPECT_EQ(minor_units_of("1", code), power_of_ten(exponent));
    EXPECT_EQ(Money::parse("1", code)->to_decimal_string(), one_major_unit(exponent));
    EXPECT_EQ(minor_units_of(one_major_unit(exponent), code), power_of_ten(exponent));

    // Any amount formatted by the library parses back to the same minor units.
    for (std::int64_t minor : {std::int64_t{0}, std::int64_t{7}, std::int64_t{-7},
                               std::int64_t{123456789}, std::int64_t{-987654321012}, kMax, -kMax}) {
      const Money original = Money::from_minor_units(minor, currency);
      auto reparsed = Money::parse(original.to_decimal_string(), code);
      ASSERT_TRUE(reparsed.ok()) << original.to_decimal_string();
      EXPECT_EQ(*reparsed, original) << original.to_decimal_string();
    }

    // One more decimal than the currency has is refused, even when it is a zero.
    expect_rejected("1." + std::string(static_cast<std::size_t>(exponent + 1), '0'), code);
    if (exponent > 0) expect_rejected(smallest + "1", code);
  }
}

TEST(MoneyAllCurrencies, LargestAmountFitsAndOneMoreUnitDoesNot) {
  for (const Currency& currency : internal::all_currencies()) {
    SCOPED_TRACE(std::string(currency.code()));
    const std::string code(currency.code());
    const std::string largest = Money::from_minor_units(kMax, currency).to_decimal_string();
    EXPECT_EQ(minor_units_of(largest, code), kMax);
    EXPECT_EQ(minor_units_of("-" + largest, code), -kMax);

    // The largest amount ends in ...807 (as minor units); ...808 overflows.
    std::string one_more = largest;
    ASSERT_EQ(one_more.back(), '7');
    one_more.back() = '8';
    expect_rejected(one_more, code);
    expect_rejected("-" + one_more, code);
    expect_rejected("1" + largest, code);
  }
}

TEST(MoneyAllCurrencies, NegativeZeroIsZero) {
  for (const Currency& currency : internal::all_currencies()) {
    const std::string zero = Money::from_minor_units(0, currency).to_decimal_string();
    EXPECT_EQ(minor_units_of("-" + zero, currency.code()), 0) << currency.code();
  }
}

TEST(Money, ParsesMajorUnits) {
  EXPECT_EQ(minor_units_of("12.30", "EUR"), 1230);
  EXPECT_EQ(minor_units_of("12.3", "EUR"), 1230);
  EXPECT_EQ(minor_units_of("12", "EUR"), 1200);
  EXPECT_EQ(minor_units_of("-5.00", "EUR"), -500);
  EXPECT_EQ(minor_units_of("0.05", "EUR"), 5);
  EXPECT_EQ(minor_units_of("-0.00", "EUR"), 0);
  EXPECT_EQ(minor_units_of("1500", "JPY"), 1500);
  EXPECT_EQ(minor_units_of("1.25", "KWD"), 1250);
  EXPECT_EQ(minor_units_of("0.001", "KWD"), 1);
  EXPECT_EQ(minor_units_of("0.0001", "CLF"), 1);
  EXPECT_EQ(minor_units_of("9223372036854775807", "JPY"), kMax);
  EXPECT_EQ(minor_units_of("92233720368547758.07", "EUR"), kMax);
  EXPECT_EQ(minor_units_of("-92233720368547758.07", "EUR"), -kMax);
}

TEST(Money, FormatsWithExactlyTheCurrencyExponent) {
  EXPECT_EQ(Money::parse("12.3", "EUR")->to_decimal_string(), "12.30");
  EXPECT_EQ(Money::parse("12.3", "EUR")->to_string(), "12.30 EUR");
  EXPECT_EQ(Money::parse("1500", "JPY")->to_decimal_string(), "1500");
  EXPECT_EQ(Money::parse("1.25", "KWD")->to_decimal_string(), "1.250");
  EXPECT_EQ(Money::parse("-0.05", "EUR")->to_decimal_string(), "-0.05");
  EXPECT_EQ(Money::parse("-1", "JPY")->to_decimal_string(), "-1");
  EXPECT_EQ(Money::parse("-0.00", "EUR")->to_decimal_string(), "0.00");
}

// The range is symmetric, so that negating an amount (Riverty reports refunds negative) can
// never overflow.
TEST(Money, RefusesInt64Min) {
  const Currency eur = *Currency::from_code("EUR");
  EXPECT_THROW(Money::from_minor_units(kMin, eur), std::invalid_argument);
  const auto refused = Money::from_minor_units(kMin, "EUR");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::invalid_request);
  EXPECT_EQ(Money::from_minor_units(-kMax, eur).to_decimal_string(), "-92233720368547758.07");
}

TEST(Money, RejectsMoreDecimalsThanTheCurrencyAllows) {
  auto money = Money::parse("12.345", "EUR");
  ASSERT_FALSE(money.ok());
  EXPECT_EQ(money.error().kind, ErrorKind::invalid_request);
  EXPECT_EQ(money.error().message, "12.345 has more decimals than EUR allows (2)");
  expect_rejected("1.5", "JPY");
  expect_rejected("1.0", "JPY");
  expect_rejected("12.300", "EUR");
  expect_rejected("0.0001", "KWD");
  expect_rejected("0.00001", "CLF");
}

TEST(Money, RejectsAnythingButAPlainDecimal) {
  for (const char* text :
       {"",  "abc", "1e3",   "1E3",  "+1",    " 1", "1 ",  "1.",  ".5",  "1,50",     "--1",
        "-", "-.5", "1.2.3", "0x10", "1_000", "١",  "1\n", "NaN", "inf", "12.30EUR", "- 1"}) {
    expect_rejected(text, "EUR");
  }
  expect_rejected(std::string("1\0", 2), "EUR");
}

TEST(Money, RejectsUnknownCurrencies) {
  for (const char* code : {"EUR ", "eur", "XAU", "XXX", "", "EURO", "ABC"}) {
    auto money = Money::parse("1.00", code);
    ASSERT_FALSE(money.ok()) << code;
    EXPECT_EQ(money.error().kind, ErrorKind::invalid_request);
  }
}

TEST(Money, RejectsAmountsThatDoNotFit) {
  expect_rejected("92233720368547758.08", "EUR");
  expect_rejected("-92233720368547758.08", "EUR");
  expect_rejected("9223372036854775808", "JPY");
  expect_rejected("99999999999999999999999999", "JPY");
  expect_rejected("92233720368547758.1", "EUR");
  expect_rejected("92233720368547759", "EUR");
}

TEST(Money, AcceptsLeadingZeros) { EXPECT_EQ(minor_units_of("007.50", "EUR"), 750); }

TEST(Money, ParsePositive) {
  auto money = Money::parse_positive("0.01", "EUR");
  ASSERT_TRUE(money.ok());
  EXPECT_EQ(money->minor_units(), 1);
  for (const char* text : {"0", "0.00", "-0", "-0.00", "-1", "-0.01"}) {
    auto rejected = Money::parse_positive(text, "EUR");
    ASSERT_FALSE(rejected.ok()) << text;
    EXPECT_EQ(rejected.error().kind, ErrorKind::invalid_request);
    EXPECT_NE(rejected.error().message.find("greater than zero"), std::string::npos);
  }
  // Syntax errors keep their own, more precise message.
  auto malformed = Money::parse_positive("12.345", "EUR");
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(malformed.error().message, "12.345 has more decimals than EUR allows (2)");
  EXPECT_FALSE(Money::parse_positive("1", "XAU").ok());
}

TEST(Money, FromMinorUnitsByCode) {
  auto money = Money::from_minor_units(1230, "EUR");
  ASSERT_TRUE(money.ok());
  EXPECT_EQ(money->to_string(), "12.30 EUR");
  auto unknown = Money::from_minor_units(1, "XYZ");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind, ErrorKind::invalid_request);
  EXPECT_FALSE(Money::from_minor_units(1, "XXX").ok());
}

TEST(Money, Equality) {
  EXPECT_EQ(*Money::parse("12.3", "EUR"), *Money::parse("12.30", "EUR"));
  EXPECT_NE(*Money::parse("12.30", "EUR"), *Money::parse("12.30", "USD"));
  EXPECT_NE(*Money::parse("12.30", "EUR"), *Money::parse("12.31", "EUR"));
}

TEST(Money, DefaultIsZeroWithoutCurrency) {
  Money money;
  EXPECT_EQ(money.minor_units(), 0);
  EXPECT_FALSE(money.currency().is_set());
  EXPECT_EQ(money.to_decimal_string(), "0");
}

TEST(Money, ErrorMessagesEchoOnlyAShortPrintableExcerpt) {
  const std::string hostile = std::string("1\x1b[31m") + std::string(1000, '9');
  auto money = Money::parse(hostile, "EUR");
  ASSERT_FALSE(money.ok());
  EXPECT_LT(money.error().message.size(), 200u);
  for (char c : money.error().message) EXPECT_TRUE(c >= 0x20 && c <= 0x7e);
}

}  // namespace
}  // namespace refundkit
