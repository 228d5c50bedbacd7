#pragma once

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>

#include "refundkit/result.hpp"

namespace refundkit {

/// An active ISO 4217 currency and its minor-unit exponent (JPY 0, EUR 2, KWD 3, CLF 4).
class Currency {
 public:
  /// The unset currency: empty code. A Money in it is never valid for a refund.
  constexpr Currency() noexcept = default;

  /// Looks the code up in the ISO 4217 table (upper-case, three letters). Unknown codes, and
  /// codes without a minor unit (XAU, XXX, ...), are invalid_request errors.
  static Result<Currency> from_code(std::string_view code);

  std::string_view code() const noexcept { return std::string_view(code_, code_length_); }
  /// Digits after the decimal point in the currency's minor unit.
  int exponent() const noexcept { return exponent_; }
  bool is_set() const noexcept { return code_length_ != 0; }

  friend bool operator==(const Currency& a, const Currency& b) noexcept {
    return a.code() == b.code();
  }
  friend bool operator!=(const Currency& a, const Currency& b) noexcept { return !(a == b); }

 private:
  constexpr Currency(const char (&code)[4], int exponent) noexcept
      : code_{code[0], code[1], code[2], '\0'}, code_length_(3), exponent_(exponent) {}
  friend struct CurrencyTable;

  char code_[4] = {};
  std::size_t code_length_ = 0;
  int exponent_ = 0;
};

/// An exact amount of money: integer minor units of one currency. No binary floating point.
class Money {
 public:
  /// Zero in the unset currency; a placeholder that refund validation rejects.
  Money() noexcept = default;

  /// Builds from minor units (1230 EUR = 12.30 EUR). Fails for an unknown currency and for
  /// INT64_MIN (amounts are symmetric: |minor units| <= INT64_MAX, so negating never overflows).
  static Result<Money> from_minor_units(std::int64_t minor_units, std::string_view currency_code);
  /// As above for a known currency; throws std::invalid_argument for INT64_MIN.
  static Money from_minor_units(std::int64_t minor_units, Currency currency) {
    if (minor_units == std::numeric_limits<std::int64_t>::min()) {
      throw std::invalid_argument("refundkit::Money: minor units out of range");
    }
    return Money(minor_units, currency);
  }

  /// Parses a decimal string in major units ("12.30", "12.3", "12", "-5.00"). Rejects more
  /// fractional digits than the currency allows ("12.345" EUR, "1.5" JPY), anything that is not
  /// a plain decimal, unknown currencies, and amounts that do not fit in int64 minor units.
  static Result<Money> parse(std::string_view decimal, std::string_view currency_code);

  /// As parse(), and additionally rejects zero and negative amounts: a refund amount.
  static Result<Money> parse_positive(std::string_view decimal, std::string_view currency_code);

  std::int64_t minor_units() const noexcept { return minor_units_; }
  const Currency& currency() const noexcept { return currency_; }

  /// Major units with exactly the currency's exponent digits: "12.30" EUR, "1500" JPY,
  /// "1.250" KWD, "-0.05" EUR.
  std::string to_decimal_string() const;

  /// "12.30 EUR", for messages.
  std::string to_string() const;

  friend bool operator==(const Money& a, const Money& b) noexcept {
    return a.minor_units_ == b.minor_units_ && a.currency_ == b.currency_;
  }
  friend bool operator!=(const Money& a, const Money& b) noexcept { return !(a == b); }

 private:
  Money(std::int64_t minor_units, Currency currency) noexcept
      : minor_units_(minor_units), currency_(currency) {}

  std::int64_t minor_units_ = 0;
  Currency currency_;
};

}  // namespace refundkit
