#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "refundkit/result.hpp"

namespace refundkit {

/// An exact decimal number: coefficient * 10^-scale. Used for quantities and VAT percentages,
/// which are not money but must not pass through binary floating point either.
class Decimal {
 public:
  /// Most fractional digits a Decimal has (what parse() accepts).
  static constexpr int kMaxScale = 18;

  constexpr Decimal() noexcept = default;
  /// Throws std::invalid_argument unless 0 <= scale <= kMaxScale: a scale out of range is a
  /// programming mistake (and would make to_string() allocate without bound).
  constexpr Decimal(std::int64_t coefficient, int scale)
      : coefficient_(coefficient), scale_(checked_scale(scale)) {}
  /// A whole number, e.g. a quantity of 3.
  static constexpr Decimal whole(std::int64_t value) noexcept { return Decimal(value, 0); }

  /// Parses "-12.345", "7", "0.5". Rejects exponents, '+', spaces, empty parts ("1.", ".5"),
  /// more than 18 fractional digits, and values that do not fit.
  static Result<Decimal> parse(std::string_view text);

  constexpr std::int64_t coefficient() const noexcept { return coefficient_; }
  constexpr int scale() const noexcept { return scale_; }

  /// Exact text with exactly scale() fractional digits, e.g. Decimal(1250, 2) -> "12.50".
  std::string to_string() const;

  /// Numeric comparison across scales (Decimal(5, 1) == Decimal(50, 2)).
  friend bool operator==(const Decimal& a, const Decimal& b) noexcept;
  friend bool operator!=(const Decimal& a, const Decimal& b) noexcept { return !(a == b); }
  friend bool operator<(const Decimal& a, const Decimal& b) noexcept;

 private:
  static constexpr int checked_scale(int scale) {
    return scale >= 0 && scale <= kMaxScale
               ? scale
               : throw std::invalid_argument("refundkit::Decimal: scale must be 0 to 18");
  }

  std::int64_t coefficient_ = 0;
  int scale_ = 0;
};

}  // namespace refundkit
