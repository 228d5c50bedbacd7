#include "vendors/skippay/skippay_wire.hpp"

#include <charconv>

#include "internal/decimal_text.hpp"
#include "internal/url.hpp"

namespace refundkit::vendors::skippay {
namespace {

std::optional<std::int64_t> parse_integer_text(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool is_signed_digits(std::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

std::string token_url(std::string_view base_url) {
  return internal::url_with_path_segments(base_url, {"authentication", "v1", "partner"});
}

std::string refunds_url(std::string_view base_url, std::string_view application_id) {
  return internal::url_with_path_segments(
      base_url, {"financing", "v1", "applications", application_id, "refunds"});
}

std::string application_url(std::string_view base_url, std::string_view application_id) {
  return internal::url_with_path_segments(base_url,
                                          {"financing", "v1", "applications", application_id});
}

Decimal normalized_rate(const Decimal& rate) {
  std::int64_t coefficient = rate.coefficient();
  int scale = rate.scale();
  while (scale > 0 && coefficient % 10 == 0) {
    coefficient /= 10;
    --scale;
  }
  return Decimal(coefficient, scale);
}

std::optional<std::int64_t> read_whole_number(const internal::Json& value) {
  std::optional<std::string> text;
  if (value.is_string()) {
    // Only plain digits in a string: "12590", never "125.90" or " 12590".
    const std::string& string = value.get_ref<const std::string&>();
    if (!is_signed_digits(string)) return std::nullopt;
    text = string;
  } else {
    text = internal::number_text(value);
  }
  if (!text) return std::nullopt;
  // 1.259e4 and 12590.0 are whole; 125.9 is not.
  const std::optional<std::string> plain = internal::to_plain_decimal(*text);
  if (!plain || plain->find('.') != std::string::npos) return std::nullopt;
  return parse_integer_text(*plain);
}

}  // namespace refundkit::vendors::skippay
