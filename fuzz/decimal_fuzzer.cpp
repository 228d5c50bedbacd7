// Decimal::parse: the whole input is the text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "refundkit/decimal.hpp"
#include "refundkit/error.hpp"

using refundkit::Decimal;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const refundkit::Result<Decimal> parsed = Decimal::parse(text);
  if (!parsed) {
    REFUNDKIT_FUZZ_CHECK(parsed.error().kind == refundkit::ErrorKind::invalid_request);
    return 0;
  }
  const Decimal& d = *parsed;
  REFUNDKIT_FUZZ_CHECK(d.scale() >= 0 && d.scale() <= Decimal::kMaxScale);
  REFUNDKIT_FUZZ_CHECK(d.coefficient() != INT64_MIN);  // the range is symmetric
  REFUNDKIT_FUZZ_CHECK(d == d && !(d < d));

  // to_string() is exact: it parses back to the same coefficient and scale, and it is canonical
  // (formatting the re-parsed value gives the same text). Only leading zeros and "-0" differ
  // from the input.
  const std::string formatted = d.to_string();
  const refundkit::Result<Decimal> again = Decimal::parse(formatted);
  REFUNDKIT_FUZZ_CHECK(again && again->coefficient() == d.coefficient() &&
                       again->scale() == d.scale());
  REFUNDKIT_FUZZ_CHECK(again->to_string() == formatted);
  const bool negative = text[0] == '-';
  const std::size_t first_digit = negative ? 1 : 0;
  const bool leading_zero =
      text.size() > first_digit + 1 && text[first_digit] == '0' && text[first_digit + 1] != '.';
  if (!leading_zero && !(negative && d.coefficient() == 0)) {
    REFUNDKIT_FUZZ_CHECK(formatted == text);
  }

  // Comparison is numeric across scales: a trailing zero changes the scale, not the value.
  if (d.scale() < Decimal::kMaxScale) {
    const refundkit::Result<Decimal> padded =
        Decimal::parse(formatted + (d.scale() == 0 ? ".0" : "0"));
    if (padded) {  // fails only when the extra digit does not fit in 64 bits
      REFUNDKIT_FUZZ_CHECK(padded->scale() == d.scale() + 1);
      REFUNDKIT_FUZZ_CHECK(*padded == d && !(*padded < d) && !(d < *padded));
    }
  }
  // Ordering agrees with the sign.
  const Decimal zero;
  REFUNDKIT_FUZZ_CHECK((d < zero) == (d.coefficient() < 0));
  REFUNDKIT_FUZZ_CHECK((zero < d) == (d.coefficient() > 0));
  return 0;
}
