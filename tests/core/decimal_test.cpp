#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include "refundkit/decimal.hpp"

namespace refundkit {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

Decimal parsed(std::string_view text) {
  auto decimal = Decimal::parse(text);
  EXPECT_TRUE(decimal.ok()) << text << ": " << (decimal ? std::string() : decimal.error().message);
  return decimal ? *decimal : Decimal(-424242, 0);
}

TEST(Decimal, ParsesCoefficientAndScale) {
  EXPECT_EQ(parsed("-12.345").coefficient(), -12345);
  EXPECT_EQ(parsed("-12.345").scale(), 3);
  EXPECT_EQ(parsed("7").coefficient(), 7);
  EXPECT_EQ(parsed("7").scale(), 0);
  EXPECT_EQ(parsed("0.5").coefficient(), 5);
  EXPECT_EQ(parsed("0.5").scale(), 1);
  EXPECT_EQ(parsed("19.00").coefficient(), 1900);
  EXPECT_EQ(parsed("19.00").scale(), 2);
  EXPECT_EQ(parsed("-0").coefficient(), 0);
  EXPECT_EQ(parsed("0.000000000000000001").coefficient(), 1);
  EXPECT_EQ(parsed("0.000000000000000001").scale(), 18);
  EXPECT_EQ(parsed("9223372036854775807").coefficient(), kMax);
  EXPECT_EQ(parsed("-9223372036854775807").coefficient(), -kMax);
  EXPECT_EQ(parsed("9.223372036854775807").scale(), 18);
}

TEST(Decimal, RejectsMalformedText) {
  for (const char* text : {"", "-", "+1", "1e3", "1E-2", " 1", "1 ", "1.", ".5", "-.5", "1,5",
                           "--1", "1.2.3", "abc", "0x1", "1_0", "∞", "nan"}) {
    auto decimal = Decimal::parse(text);
    ASSERT_FALSE(decimal.ok()) << text;
    EXPECT_EQ(decimal.error().kind, ErrorKind::invalid_request);
    EXPECT_FALSE(decimal.error().message.empty());
  }
}

TEST(Decimal, RejectsMoreThanEighteenDecimalPlaces) {
  EXPECT_FALSE(Decimal::parse("0.0000000000000000001").ok());
  EXPECT_FALSE(Decimal::parse("1.1234567890123456789").ok());
}

TEST(Decimal, RejectsValuesThatDoNotFit) {
  EXPECT_FALSE(Decimal::parse("9223372036854775808").ok());
  EXPECT_FALSE(Decimal::parse("-9223372036854775809").ok());
  EXPECT_FALSE(Decimal::parse("92233720368547758.080").ok());
  EXPECT_FALSE(Decimal::parse("100000000000000000000").ok());
  auto decimal = Decimal::parse("9.999999999999999999");  // 19 digits
  ASSERT_FALSE(decimal.ok());
  EXPECT_EQ(decimal.error().kind, ErrorKind::invalid_request);
}

TEST(Decimal, FormatsWithExactlyScaleDigits) {
  EXPECT_EQ(Decimal(1250, 2).to_string(), "12.50");
  EXPECT_EQ(Decimal(-5, 2).to_string(), "-0.05");
  EXPECT_EQ(Decimal(5, 2).to_string(), "0.05");
  EXPECT_EQ(Decimal(0, 2).to_string(), "0.00");
  EXPECT_EQ(Decimal(0, 0).to_string(), "0");
  EXPECT_EQ(Decimal(-100, 2).to_string(), "-1.00");
  EXPECT_EQ(Decimal(3, 0).to_string(), "3");
  EXPECT_EQ(Decimal(-3, 0).to_string(), "-3");
  EXPECT_EQ(Decimal(1, 18).to_string(), "0.000000000000000001");
  EXPECT_EQ(Decimal::whole(42).to_string(), "42");
  EXPECT_EQ(Decimal().to_string(), "0");
}

TEST(Decimal, FormatsExtremes) {
  EXPECT_EQ(Decimal(kMax, 0).to_string(), "9223372036854775807");
  EXPECT_EQ(Decimal(kMin, 0).to_string(), "-9223372036854775808");
  EXPECT_EQ(Decimal(kMin, 2).to_string(), "-92233720368547758.08");
  EXPECT_EQ(Decimal(kMin, 18).to_string(), "-9.223372036854775808");
}

TEST(Decimal, RefusesAScaleOutOfRange) {
  EXPECT_THROW(Decimal(5, -2), std::invalid_argument);
  EXPECT_THROW(Decimal(1, 19), std::invalid_argument);
  EXPECT_THROW(Decimal(1, std::numeric_limits<int>::min()), std::invalid_argument);
  EXPECT_NO_THROW(Decimal(1, Decimal::kMaxScale));
}

TEST(Decimal, ParseAndFormatRoundTrip) {
  for (const char* text :
       {"0", "1", "-1", "12.50", "-0.05", "0.000000000000000001", "9223372036854775807",
        "-9223372036854775807", "922337203.6854775807", "123.456"}) {
    EXPECT_EQ(parsed(text).to_string(), text);
  }
  EXPECT_EQ(parsed("-0").to_string(), "0");
  EXPECT_EQ(parsed("-0.00").to_string(), "0.00");
}

TEST(Decimal, ComparesAcrossScales) {
  EXPECT_EQ(Decimal(5, 1), Decimal(50, 2));
  EXPECT_EQ(Decimal(0, 0), Decimal(0, 18));
  EXPECT_EQ(Decimal(-5, 1), Decimal(-500, 3));
  EXPECT_NE(Decimal(5, 1), Decimal(51, 2));
  EXPECT_NE(Decimal(5, 1), Decimal(-5, 1));
  EXPECT_LT(Decimal(5, 1), Decimal(51, 2));
  EXPECT_LT(Decimal(-51, 2), Decimal(-5, 1));
  EXPECT_LT(Decimal(-1, 0), Decimal(0, 0));
  EXPECT_LT(Decimal(0, 5), Decimal(1, 18));
  EXPECT_FALSE(Decimal(50, 2) < Decimal(5, 1));
  EXPECT_FALSE(Decimal(5, 1) < Decimal(50, 2));
  EXPECT_EQ(Decimal(500, 0), Decimal(50000, 2));
}

TEST(Decimal, ComparesExtremesWithoutOverflow) {
  // kMax * 10^18 does not fit in 64 bits; the comparison must still be right.
  EXPECT_LT(Decimal(1, 18), Decimal(kMax, 0));
  EXPECT_LT(Decimal(kMax, 18), Decimal(kMax, 0));
  EXPECT_LT(Decimal(kMin, 0), Decimal(kMin, 18));
  EXPECT_LT(Decimal(kMin, 0), Decimal(kMax, 0));
  EXPECT_LT(Decimal(kMin, 0), Decimal(-kMax, 0));
  EXPECT_EQ(Decimal(kMin, 0), Decimal(kMin, 0));
  EXPECT_NE(Decimal(kMax, 0), Decimal(kMax, 1));
  EXPECT_LT(Decimal(1, Decimal::kMaxScale), Decimal(1, 0));
  EXPECT_LT(Decimal(-1, 0), Decimal(-1, Decimal::kMaxScale));
  EXPECT_EQ(Decimal(9223372036854775800, 1), Decimal(922337203685477580, 0));
}

}  // namespace
}  // namespace refundkit
