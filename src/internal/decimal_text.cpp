#include "internal/decimal_text.hpp"

#include <cstddef>

namespace refundkit::internal {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::size_t count_digits(std::string_view text, std::size_t from) {
  std::size_t end = from;
  while (end < text.size() && is_digit(text[end])) ++end;
  return end - from;
}

}  // namespace

std::optional<std::string> to_plain_decimal(std::string_view text) {
  std::size_t pos = 0;
  const bool negative = pos < text.size() && text[pos] == '-';
  if (negative) ++pos;

  const std::size_t int_length = count_digits(text, pos);
  if (int_length == 0) return std::nullopt;
  if (int_length > 1 && text[pos] == '0') return std::nullopt;  // JSON forbids leading zeros
  std::string digits(text.substr(pos, int_length));
  pos += int_length;

  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const std::size_t frac_length = count_digits(text, pos);
    if (frac_length == 0) return std::nullopt;
    digits.append(text.substr(pos, frac_length));
    pos += frac_length;
  }
  // Position of the decimal point within digits, shifted by the exponent below.
  long point = static_cast<long>(int_length);

  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    bool negative_exponent = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      negative_exponent = text[pos] == '-';
      ++pos;
    }
    const std::size_t exp_length = count_digits(text, pos);
    if (exp_length == 0) return std::nullopt;
    long exponent = 0;
    for (std::size_t k = 0; k < exp_length; ++k) {
      exponent = exponent * 10 + (text[pos + k] - '0');
      if (exponent > kMaxDecimalExponent) return std::nullopt;
    }
    pos += exp_length;
    point += negative_exponent ? -exponent : exponent;
  }
  if (pos != text.size()) return std::nullopt;

  // Pad so that the point lies within [1, digits.size()].
  if (point <= 0) {
    digits.insert(0, static_cast<std::size_t>(1 - point), '0');
    point = 1;
  } else if (static_cast<std::size_t>(point) > digits.size()) {
    digits.append(static_cast<std::size_t>(point) - digits.size(), '0');
  }
  std::string integer_part = digits.substr(0, static_cast<std::size_t>(point));
  std::string fraction_part = digits.substr(static_cast<std::size_t>(point));

  const std::size_t first_nonzero = integer_part.find_first_not_of('0');
  integer_part = first_nonzero == std::string::npos ? "0" : integer_part.substr(first_nonzero);
  const std::size_t last_nonzero = fraction_part.find_last_not_of('0');
  fraction_part =
      last_nonzero == std::string::npos ? "" : fraction_part.substr(0, last_nonzero + 1);

  const bool is_zero = integer_part == "0" && fraction_part.empty();
  std::string result = (negative && !is_zero) ? "-" : "";
  result += integer_part;
  if (!fraction_part.empty()) {
    result += '.';
    result += fraction_part;
  }
  return result;
}

}  // namespace refundkit::internal
