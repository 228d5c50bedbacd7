#pragma once

#include <optional>
#include <string_view>

namespace refundkit::detail {

/// The parts of a plain decimal literal: optional '-', at least one integer digit, and
/// optionally '.' followed by at least one digit. Views point into the parsed text.
struct DecimalParts {
  bool negative = false;
  std::string_view integer_digits;
  std::string_view fraction_digits;  ///< Empty when there is no '.'.
};

/// Splits text by the one grammar shared by Decimal and Money, so both reject the same
/// things ('+', exponents, spaces, "1.", ".5", "1,50"). Returns nothing when text does not match.
std::optional<DecimalParts> split_plain_decimal(std::string_view text) noexcept;

/// Appends one decimal digit to an unsigned magnitude if the result stays <= limit.
/// Returns false (leaving magnitude unchanged) when it would not.
bool append_digit(unsigned long long& magnitude, char digit, unsigned long long limit) noexcept;

}  // namespace refundkit::detail
