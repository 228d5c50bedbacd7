#include "afterpay_decimal.hpp"

#include <limits>

#include "money.hpp"

namespace refundkit::sandbox::detail::afterpay {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

WideInt power_of_ten(int exponent) {
  WideInt value = 1;
  for (int i = 0; i < exponent; ++i) value *= 10;
  return value;
}

}  // namespace

std::optional<WideInt> parse_micros(std::string_view text, int max_integer_digits) {
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  const std::size_t point = text.find('.');
  const std::string_view whole = text.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
  if (whole.empty() || whole.size() > static_cast<std::size_t>(max_integer_digits)) {
    return std::nullopt;
  }
  if (point != std::string_view::npos && fraction.empty()) return std::nullopt;
  WideInt value = 0;
  for (char c : whole) {
    if (!is_digit(c)) return std::nullopt;  // an exponent or anything else
    value = value * 10 + (c - '0');
  }
  for (std::size_t i = 0; i < fraction.size(); ++i) {
    const char c = fraction[i];
    if (!is_digit(c)) return std::nullopt;
    if (i < static_cast<std::size_t>(kMicroDecimals)) {
      value = value * 10 + (c - '0');
    } else if (c != '0') {
      return std::nullopt;  // not exact in millionths
    }
  }
  for (std::size_t i = fraction.size(); i < static_cast<std::size_t>(kMicroDecimals); ++i) {
    value *= 10;
  }
  return negative ? -value : value;
}

bool ItemTotal::add(WideInt unit_price_micros, WideInt quantity_micros) {
  WideInt line = 0;
  if (overflowed_ || __builtin_mul_overflow(unit_price_micros, quantity_micros, &line) ||
      __builtin_add_overflow(sum_, line, &sum_)) {
    overflowed_ = true;
  }
  return !overflowed_;
}

std::optional<std::int64_t> ItemTotal::minor_units(int decimals) const {
  if (overflowed_ || decimals < 0 || decimals > 2 * kMicroDecimals) return std::nullopt;
  const WideInt divisor = power_of_ten(2 * kMicroDecimals - decimals);
  const WideInt magnitude = sum_ < 0 ? -sum_ : sum_;
  const WideInt rounded = (magnitude + divisor / 2) / divisor;  // half away from zero
  if (rounded > std::numeric_limits<std::int64_t>::max()) return std::nullopt;
  const auto minor = static_cast<std::int64_t>(rounded);
  return sum_ < 0 ? -minor : minor;
}

std::string trimmed_decimal(std::int64_t minor_units, int decimals) {
  const bool negative = minor_units < 0;
  // Refund amounts are far from INT64_MIN; the magnitude is safe to negate.
  std::string text = format_minor_units(negative ? -minor_units : minor_units, decimals);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return negative && text != "0" ? "-" + text : text;
}

}  // namespace refundkit::sandbox::detail::afterpay
