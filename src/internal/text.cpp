#include "internal/text.hpp"

#include <algorithm>
#include <cstddef>

namespace refundkit::internal {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

bool is_continuation(unsigned char c) { return (c & 0xC0U) == 0x80U; }

bool equal_ignore_case(char a, char b) { return lower(a) == lower(b); }

}  // namespace

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

std::string ascii_upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), upper);
  return out;
}

bool contains_ignore_case(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        equal_ignore_case);
  return it != haystack.end();
}

bool contains_word_ignore_case(std::string_view text, std::string_view word) {
  if (word.empty()) return false;
  for (auto from = text.begin();;) {
    const auto it = std::search(from, text.end(), word.begin(), word.end(), equal_ignore_case);
    if (it == text.end()) return false;
    const auto end = it + static_cast<std::ptrdiff_t>(word.size());
    const bool starts_word = it == text.begin() || !is_ascii_alnum(*(it - 1));
    const bool ends_word = end == text.end() || !is_ascii_alnum(*end);
    if (starts_word && ends_word) return true;
    from = it + 1;
  }
}

bool contains_any_word_ignore_case(std::string_view text,
                                   std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [text](std::string_view word) {
    return contains_word_ignore_case(text, word);
  });
}

bool is_valid_utf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    const unsigned char c = bytes[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char min_second = 0x80;
    unsigned char max_second = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) min_second = 0xA0;  // overlong
      if (c == 0xED) max_second = 0x9F;  // UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) min_second = 0x90;  // overlong
      if (c == 0xF4) max_second = 0x8F;  // above U+10FFFF
    } else {
      return false;  // continuation byte first, overlong C0/C1, or F5..FF
    }
    if (i + length > size) return false;
    if (bytes[i + 1] < min_second || bytes[i + 1] > max_second) return false;
    for (std::size_t k = 2; k < length; ++k) {
      if (!is_continuation(bytes[i + k])) return false;
    }
    i += length;
  }
  return true;
}

bool has_control_characters(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7F;
  });
}

std::string shorten_for_message(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  while (cut > 0 && is_continuation(static_cast<unsigned char>(text[cut]))) --cut;
  std::string out(text.substr(0, cut));
  out += "...";
  return out;
}

}  // namespace refundkit::internal
