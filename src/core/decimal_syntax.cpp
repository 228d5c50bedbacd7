#include "core/decimal_syntax.hpp"

namespace refundkit::detail {
namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

std::size_t count_digits(std::string_view text, std::size_t from) noexcept {
  std::size_t end = from;
  while (end < text.size() && is_digit(text[end])) ++end;
  return end - from;
}

}  // namespace

std::optional<DecimalParts> split_plain_decimal(std::string_view text) noexcept {
  DecimalParts parts;
  std::size_t pos = 0;
  if (pos < text.size() && text[pos] == '-') {
    parts.negative = true;
    ++pos;
  }
  const std::size_t integer_length = count_digits(text, pos);
  if (integer_length == 0) return std::nullopt;
  parts.integer_digits = text.substr(pos, integer_length);
  pos += integer_length;
  if (pos == text.size()) return parts;

  if (text[pos] != '.') return std::nullopt;
  ++pos;
  const std::size_t fraction_length = count_digits(text, pos);
  if (fraction_length == 0) return std::nullopt;
  parts.fraction_digits = text.substr(pos, fraction_length);
  pos += fraction_length;
  if (pos != text.size()) return std::nullopt;
  return parts;
}

bool append_digit(unsigned long long& magnitude, char digit, unsigned long long limit) noexcept {
  const auto value = static_cast<unsigned long long>(digit - '0');
  if (magnitude > (limit - value) / 10) return false;
  magnitude = magnitude * 10 + value;
  return true;
}

}  // namespace refundkit::detail
