#include <gtest/gtest.h>

#include "internal/decimal_text.hpp"

namespace refundkit::internal {
namespace {

TEST(ToPlainDecimal, RewritesEveryJsonNumberFormExactly) {
  struct Case {
    const char* json;
    const char* plain;
  };
  const Case cases[] = {
      {"0", "0"},
      {"-0", "0"},
      {"-0.0", "0"},
      {"7", "7"},
      {"12.30", "12.3"},
      {"12.300", "12.3"},
      {"0.1", "0.1"},
      {"0.10", "0.1"},
      {"-5.00", "-5"},
      {"1e2", "100"},
      {"1E2", "100"},
      {"1e+2", "100"},
      {"1e-2", "0.01"},
      {"1.23e1", "12.3"},
      {"1230e-2", "12.3"},
      {"0.5e1", "5"},
      {"12.5e-3", "0.0125"},
      {"-1.5E-1", "-0.15"},
      {"0e10", "0"},
      {"100e-2", "1"},
      {"1e40", "10000000000000000000000000000000000000000"},
      {"123456789012345678901234567890", "123456789012345678901234567890"},
      {"0.000000000000000000000001", "0.000000000000000000000001"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    EXPECT_EQ(to_plain_decimal(c.json), std::optional<std::string>(c.plain));
  }
}

TEST(ToPlainDecimal, RejectsAnythingOutsideTheJsonGrammar) {
  for (const char* text : {"",
                           "-",
                           "+1",
                           " 1",
                           "1 ",
                           "01",
                           "-01",
                           "1.",
                           ".5",
                           "1.e2",
                           "1e",
                           "1e+",
                           "e2",
                           "1,5",
                           "0x10",
                           "NaN",
                           "Infinity",
                           "1.2.3",
                           "1e2.5",
                           "12.30 EUR",
                           "1e41",
                           "1e-41",
                           "1e99999999999999999999"}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(to_plain_decimal(text), std::nullopt);
  }
}

}  // namespace
}  // namespace refundkit::internal
