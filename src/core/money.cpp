#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>
#include <utility>

#include "core/decimal_syntax.hpp"
#include "core/invalid_request.hpp"
#include "core/printable.hpp"
#include "refundkit/decimal.hpp"
#include "refundkit/money.hpp"

namespace refundkit {
namespace {

// Symmetric range (|minor units| <= INT64_MAX): negating or summing signs never overflows.
constexpr auto kMaxMinorUnits =
    static_cast<unsigned long long>(std::numeric_limits<std::int64_t>::max());

}  // namespace

Result<Money> Money::from_minor_units(std::int64_t minor_units, std::string_view currency_code) {
  Result<Currency> currency = Currency::from_code(currency_code);
  if (!currency) return std::move(currency).error();
  if (minor_units == std::numeric_limits<std::int64_t>::min()) {
    return detail::invalid_request("amount out of range: " + std::to_string(minor_units) +
                                   " minor units");
  }
  return Money(minor_units, *currency);
}

Result<Money> Money::parse(std::string_view decimal, std::string_view currency_code) {
  Result<Currency> found = Currency::from_code(currency_code);
  if (!found) return std::move(found).error();
  const Currency currency = *found;
  const std::string shown = detail::printable_excerpt(decimal);
  const std::string code(currency.code());

  if (decimal.empty()) return detail::invalid_request("amount is empty");
  const auto parts = detail::split_plain_decimal(decimal);
  if (!parts) {
    return detail::invalid_request("amount '" + shown +
                                   "' is not a plain decimal number (expected e.g. 12.30)");
  }
  const auto exponent = static_cast<std::size_t>(currency.exponent());
  if (parts->fraction_digits.size() > exponent) {
    return detail::invalid_request(shown + " has more decimals than " + code + " allows (" +
                                   std::to_string(exponent) + ")");
  }

  // Minor units = the digits with the fraction padded to the currency's exponent.
  unsigned long long magnitude = 0;
  bool fits = true;
  for (std::string_view digits : {parts->integer_digits, parts->fraction_digits}) {
    for (char digit : digits) fits = fits && detail::append_digit(magnitude, digit, kMaxMinorUnits);
  }
  for (std::size_t i = parts->fraction_digits.size(); i < exponent; ++i) {
    fits = fits && detail::append_digit(magnitude, '0', kMaxMinorUnits);
  }
  if (!fits) {
    return detail::invalid_request("amount " + shown + " " + code +
                                   " is too large (does not fit in 64-bit minor units)");
  }
  auto minor_units = static_cast<std::int64_t>(magnitude);
  if (parts->negative) minor_units = -minor_units;
  return Money(minor_units, currency);
}

Result<Money> Money::parse_positive(std::string_view decimal, std::string_view currency_code) {
  Result<Money> money = parse(decimal, currency_code);
  if (money && money->minor_units() <= 0) {
    return detail::invalid_request("amount must be greater than zero, got " + money->to_string());
  }
  return money;
}

std::string Money::to_decimal_string() const {
  return Decimal(minor_units_, currency_.exponent()).to_string();
}

std::string Money::to_string() const {
  if (!currency_.is_set()) return to_decimal_string() + " (no currency)";
  return to_decimal_string() + " " + std::string(currency_.code());
}

}  // namespace refundkit
