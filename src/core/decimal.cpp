#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>

#include "core/decimal_syntax.hpp"
#include "core/invalid_request.hpp"
#include "core/printable.hpp"
#include "refundkit/decimal.hpp"

namespace refundkit {
namespace {

constexpr std::size_t kMaxFractionDigits = 18;
constexpr auto kMaxMagnitude =
    static_cast<unsigned long long>(std::numeric_limits<std::int64_t>::max());

// |value| without overflow, also for INT64_MIN.
unsigned long long magnitude_of(std::int64_t value) noexcept {
  const auto bits = static_cast<unsigned long long>(value);
  return value < 0 ? 0ULL - bits : bits;
}

int sign_of(std::int64_t value) noexcept { return (value > 0) - (value < 0); }

int three_way(unsigned long long a, unsigned long long b) noexcept { return (a > b) - (a < b); }

// Compares magnitude * 10^shift with other, shift >= 0, without overflow: once the scaled
// value exceeds other (which fits in 64 bits) the answer is known.
int compare_scaled(unsigned long long magnitude, long long shift,
                   unsigned long long other) noexcept {
  for (long long i = 0; i < shift; ++i) {
    if (magnitude > other / 10) return 1;
    magnitude *= 10;
  }
  return three_way(magnitude, other);
}

// Compares |a| with |b| as numbers (coefficient * 10^-scale), for non-zero coefficients.
int compare_magnitudes(const Decimal& a, const Decimal& b) noexcept {
  const unsigned long long ma = magnitude_of(a.coefficient());
  const unsigned long long mb = magnitude_of(b.coefficient());
  // long long: the difference of two ints cannot overflow it.
  const long long scale_difference =
      static_cast<long long>(b.scale()) - static_cast<long long>(a.scale());
  if (scale_difference >= 0) return compare_scaled(ma, scale_difference, mb);
  return -compare_scaled(mb, -scale_difference, ma);
}

int compare(const Decimal& a, const Decimal& b) noexcept {
  const int sa = sign_of(a.coefficient());
  const int sb = sign_of(b.coefficient());
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  const int by_magnitude = compare_magnitudes(a, b);
  return sa > 0 ? by_magnitude : -by_magnitude;
}

}  // namespace

Result<Decimal> Decimal::parse(std::string_view text) {
  const std::string shown = detail::printable_excerpt(text);
  if (text.empty()) return detail::invalid_request("decimal number is empty");
  const auto parts = detail::split_plain_decimal(text);
  if (!parts) {
    return detail::invalid_request("'" + shown +
                                   "' is not a plain decimal number (expected e.g. 12.5 or -3)");
  }
  if (parts->fraction_digits.size() > kMaxFractionDigits) {
    return detail::invalid_request("'" + shown + "' has more than 18 decimal places");
  }
  // The range is symmetric (|value| <= INT64_MAX) so that negating a parsed value is always safe.
  unsigned long long magnitude = 0;
  for (std::string_view digits : {parts->integer_digits, parts->fraction_digits}) {
    for (char digit : digits) {
      if (!detail::append_digit(magnitude, digit, kMaxMagnitude)) {
        return detail::invalid_request("'" + shown + "' has too many digits to be represented");
      }
    }
  }
  auto coefficient = static_cast<std::int64_t>(magnitude);
  if (parts->negative) coefficient = -coefficient;
  return Decimal(coefficient, static_cast<int>(parts->fraction_digits.size()));
}

std::string Decimal::to_string() const {
  std::string digits = std::to_string(magnitude_of(coefficient_));
  if (scale_ < 0) {
    digits.append(static_cast<std::size_t>(-static_cast<long long>(scale_)), '0');
  } else if (scale_ > 0) {
    const auto scale = static_cast<std::size_t>(scale_);
    if (digits.size() <= scale) digits.insert(0, scale + 1 - digits.size(), '0');
    digits.insert(digits.size() - scale, 1, '.');
  }
  if (coefficient_ < 0) digits.insert(0, 1, '-');
  return digits;
}

bool operator==(const Decimal& a, const Decimal& b) noexcept { return compare(a, b) == 0; }

bool operator<(const Decimal& a, const Decimal& b) noexcept { return compare(a, b) < 0; }

}  // namespace refundkit
