#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/currency_table.hpp"
#include "refundkit/money.hpp"

namespace refundkit {
namespace {

int exponent_of(const char* code) {
  auto currency = Currency::from_code(code);
  EXPECT_TRUE(currency.ok()) << code;
  return currency ? currency->exponent() : -1;
}

TEST(Currency, DefaultIsUnset) {
  Currency currency;
  EXPECT_FALSE(currency.is_set());
  EXPECT_EQ(currency.code(), "");
  EXPECT_EQ(currency.exponent(), 0);
}

TEST(Currency, KnownExponents) {
  EXPECT_EQ(exponent_of("EUR"), 2);
  EXPECT_EQ(exponent_of("USD"), 2);
  EXPECT_EQ(exponent_of("AED"), 2);
  EXPECT_EQ(exponent_of("VES"), 2);
  EXPECT_EQ(exponent_of("VED"), 2);
  EXPECT_EQ(exponent_of("ZWG"), 2);
  EXPECT_EQ(exponent_of("SLE"), 2);
  EXPECT_EQ(exponent_of("XCG"), 2);
  EXPECT_EQ(exponent_of("MRU"), 2);
  EXPECT_EQ(exponent_of("STN"), 2);
  EXPECT_EQ(exponent_of("HUF"), 2);
  EXPECT_EQ(exponent_of("IDR"), 2);
  for (const char* code : {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"}) {
    EXPECT_EQ(exponent_of(code), 3) << code;
  }
  for (const char* code : {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF",
                           "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"}) {
    EXPECT_EQ(exponent_of(code), 0) << code;
  }
  EXPECT_EQ(exponent_of("CLF"), 4);
  EXPECT_EQ(exponent_of("UYW"), 4);
}

TEST(Currency, FundCodesWithMinorUnitsAreKnown) {
  for (const char* code : {"BOV", "CHE", "CHW", "COU", "MXV", "USN", "UYI"}) {
    EXPECT_TRUE(Currency::from_code(code).ok()) << code;
  }
}

TEST(Currency, CodesWithoutMinorUnitAreRejected) {
  for (const char* code : {"XAU", "XAG", "XPD", "XPT", "XDR", "XSU", "XUA", "XBA", "XBB", "XBC",
                           "XBD", "XTS", "XXX"}) {
    auto currency = Currency::from_code(code);
    ASSERT_FALSE(currency.ok()) << code;
    EXPECT_EQ(currency.error().kind, ErrorKind::invalid_request);
    EXPECT_NE(currency.error().message.find(code), std::string::npos);
  }
}

TEST(Currency, WithdrawnCodesAreRejected) {
  for (const char* code : {"HRK", "SLL", "ZWL", "VEF", "MRO", "STD", "DEM", "ANG", "CUC"}) {
    EXPECT_FALSE(Currency::from_code(code).ok()) << code;
  }
}

TEST(Currency, OnlyExactUpperCaseCodes) {
  for (const char* code : {"eur", "Eur", "EUR ", " EUR", "EU", "EURO", "", "E1R", "XYZ"}) {
    auto currency = Currency::from_code(code);
    ASSERT_FALSE(currency.ok()) << code;
    EXPECT_EQ(currency.error().kind, ErrorKind::invalid_request);
    EXPECT_FALSE(currency.error().message.empty());
  }
  EXPECT_EQ(Currency::from_code("XYZ").error().message, "unknown currency code 'XYZ'");
}

TEST(Currency, ErrorMessageEchoesOnlyAShortPrintableExcerpt) {
  const std::string hostile = std::string("E\nU\x01R") + std::string(500, 'A');
  auto currency = Currency::from_code(hostile);
  ASSERT_FALSE(currency.ok());
  const std::string& message = currency.error().message;
  EXPECT_LT(message.size(), 200u);
  for (char c : message) {
    EXPECT_TRUE(c >= 0x20 && c <= 0x7e) << static_cast<int>(c);
  }
}

TEST(Currency, TableIsSortedUniqueAndWellFormed) {
  const auto& currencies = internal::all_currencies();
  ASSERT_GE(currencies.size(), 150u);
  std::set<std::string> seen;
  std::string previous;
  for (const Currency& currency : currencies) {
    const std::string code(currency.code());
    ASSERT_EQ(code.size(), 3u);
    for (char c : code) EXPECT_TRUE(c >= 'A' && c <= 'Z') << code;
    EXPECT_TRUE(currency.is_set());
    EXPECT_GE(currency.exponent(), 0) << code;
    EXPECT_LE(currency.exponent(), 4) << code;
    EXPECT_LT(previous, code);
    EXPECT_TRUE(seen.insert(code).second) << code;
    previous = code;
  }
}

TEST(Currency, EveryTableEntryIsFoundByItsCode) {
  for (const Currency& currency : internal::all_currencies()) {
    auto found = Currency::from_code(currency.code());
    ASSERT_TRUE(found.ok()) << currency.code();
    EXPECT_EQ(*found, currency);
    EXPECT_EQ(found->exponent(), currency.exponent());
  }
}

TEST(Currency, Equality) {
  EXPECT_EQ(*Currency::from_code("EUR"), *Currency::from_code("EUR"));
  EXPECT_NE(*Currency::from_code("EUR"), *Currency::from_code("USD"));
  EXPECT_NE(*Currency::from_code("EUR"), Currency());
}

}  // namespace
}  // namespace refundkit
