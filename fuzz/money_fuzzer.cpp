// Money::parse and Money::parse_positive. Input: "<currency code> <decimal>", split at the first
// space ("EUR 12.30"); an input without a space is the decimal, in EUR.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "refundkit/decimal.hpp"
#include "refundkit/error.hpp"
#include "refundkit/money.hpp"

using refundkit::Decimal;
using refundkit::ErrorKind;
using refundkit::Money;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t space = input.find(' ');
  const std::string_view code = space == std::string_view::npos ? "EUR" : input.substr(0, space);
  const std::string_view decimal =
      space == std::string_view::npos ? input : input.substr(space + 1);

  const refundkit::Result<Money> money = Money::parse(decimal, code);
  const refundkit::Result<Money> positive = Money::parse_positive(decimal, code);

  if (!money) {
    REFUNDKIT_FUZZ_CHECK(money.error().kind == ErrorKind::invalid_request);
    REFUNDKIT_FUZZ_CHECK(!positive);
    return 0;
  }
  const Money& m = *money;
  REFUNDKIT_FUZZ_CHECK(m.currency().is_set());
  REFUNDKIT_FUZZ_CHECK(m.currency().code() == code);
  REFUNDKIT_FUZZ_CHECK(m.minor_units() != INT64_MIN);  // the range is symmetric

  // parse_positive is parse plus "> 0".
  if (m.minor_units() > 0) {
    REFUNDKIT_FUZZ_CHECK(positive && *positive == m);
  } else {
    REFUNDKIT_FUZZ_CHECK(!positive && positive.error().kind == ErrorKind::invalid_request);
  }

  // Formatting is exact and round-trips: the text has exactly the currency's decimals and parses
  // back to the same amount; it is also what Decimal makes of the minor units.
  const std::string text = m.to_decimal_string();
  const refundkit::Result<Money> again = Money::parse(text, code);
  REFUNDKIT_FUZZ_CHECK(again && *again == m);
  REFUNDKIT_FUZZ_CHECK(again->to_decimal_string() == text);
  const refundkit::Result<Decimal> as_decimal = Decimal::parse(text);
  REFUNDKIT_FUZZ_CHECK(as_decimal && as_decimal->coefficient() == m.minor_units() &&
                       as_decimal->scale() == m.currency().exponent());
  REFUNDKIT_FUZZ_CHECK(m.to_string() == text + " " + std::string(code));

  const refundkit::Result<Money> from_minor = Money::from_minor_units(m.minor_units(), code);
  REFUNDKIT_FUZZ_CHECK(from_minor && *from_minor == m);

  // Money and Decimal share one grammar: the input is also a Decimal (it has no more digits than
  // the minor units), numerically equal to the formatted amount ("12.3" == "12.30").
  const refundkit::Result<Decimal> input_decimal = Decimal::parse(decimal);
  REFUNDKIT_FUZZ_CHECK(input_decimal && *input_decimal == *as_decimal);
  return 0;
}
