#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace refundkit::internal {

// Everything here is ASCII-only: HTTP tokens, header and host names are ASCII, and <cctype>
// depends on the process locale.

inline bool is_ascii_digit(char c) noexcept { return c >= '0' && c <= '9'; }
inline bool is_ascii_alnum(char c) noexcept {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// ASCII-only lower-casing: vendor texts are matched without locale surprises.
std::string ascii_lower(std::string_view text);
std::string ascii_upper(std::string_view text);

/// Case-insensitive (ASCII) substring test.
bool contains_ignore_case(std::string_view haystack, std::string_view needle);

/// Case-insensitive (ASCII) equality.
inline bool equals_ignore_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && contains_ignore_case(a, b);
}

/// Case-insensitive (ASCII) search for a whole word or phrase: the match must not be preceded
/// or followed by an ASCII letter or digit, so "used" is found in "already used" and in
/// "USED." but not in "refused", "unused" or "caused". A phrase's inner spaces match exactly.
/// For classifying vendor error texts, where a stray substring turns into a wrong ErrorKind.
bool contains_word_ignore_case(std::string_view text, std::string_view word);

/// True if contains_word_ignore_case(text, w) for any w in words.
bool contains_any_word_ignore_case(std::string_view text,
                                   std::initializer_list<std::string_view> words);

/// Strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

/// True if the text has a C0 control character or DEL: such bytes do not belong in identifiers,
/// references or header values (CR/LF would split a header).
bool has_control_characters(std::string_view text);

/// For human-readable messages: at most max_bytes, cut on a UTF-8 boundary, "..." appended
/// when cut. Never used for fields that must stay verbatim (raw_body, vendor_message).
std::string shorten_for_message(std::string_view text, std::size_t max_bytes = 300);

}  // namespace refundkit::internal
