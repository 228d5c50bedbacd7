// internal::to_plain_decimal, which turns every JSON number read_money sees into a plain decimal.
// The whole input is the number text.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "internal/decimal_text.hpp"

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// -?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?, and not "-0": what to_plain_decimal promises to return.
bool is_canonical_plain_decimal(std::string_view text) {
  std::size_t pos = 0;
  const bool negative = pos < text.size() && text[pos] == '-';
  if (negative) ++pos;
  const std::size_t integer_start = pos;
  while (pos < text.size() && is_digit(text[pos])) ++pos;
  const std::size_t integer_length = pos - integer_start;
  if (integer_length == 0) return false;
  if (integer_length > 1 && text[integer_start] == '0') return false;
  bool has_fraction = false;
  if (pos < text.size()) {
    if (text[pos] != '.') return false;
    ++pos;
    const std::size_t fraction_start = pos;
    while (pos < text.size() && is_digit(text[pos])) ++pos;
    if (pos != text.size() || pos == fraction_start || text[pos - 1] == '0') return false;
    has_fraction = true;
  }
  if (negative && !has_fraction && text.substr(integer_start) == "0") return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::optional<std::string> plain = refundkit::internal::to_plain_decimal(text);
  const bool has_exponent = text.find_first_of("eE") != std::string_view::npos;

  // An explicit zero exponent changes nothing: "12.30" and "12.30e0" are the same number.
  if (!has_exponent) {
    const std::string with_exponent = std::string(text) + "e0";
    REFUNDKIT_FUZZ_CHECK(refundkit::internal::to_plain_decimal(with_exponent) == plain);
  }
  if (!plain) return 0;

  REFUNDKIT_FUZZ_CHECK(is_canonical_plain_decimal(*plain));
  // Canonical text is a fixed point.
  REFUNDKIT_FUZZ_CHECK(refundkit::internal::to_plain_decimal(*plain) == plain);
  // The sign survives unless the value is zero.
  if (*plain != "0") REFUNDKIT_FUZZ_CHECK((text[0] == '-') == ((*plain)[0] == '-'));
  return 0;
}
