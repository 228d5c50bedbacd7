#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace refundkit::internal {

/// ASCII-only lower-casing: vendor texts are matched without locale surprises.
std::string ascii_lower(std::string_view text);
std::string ascii_upper(std::string_view text);

/// Case-insensitive (ASCII) substring test.
bool contains_ignore_case(std::string_view haystack, std::string_view needle);

/// Strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

/// True if the text has a C0 control character or DEL: such bytes do not belong in identifiers,
/// references or header values (CR/LF would split a header).
bool has_control_characters(std::string_view text);

/// For human-readable messages: at most max_bytes, cut on a UTF-8 boundary, "..." appended
/// when cut. Never used for fields that must stay verbatim (raw_body, vendor_message).
std::string shorten_for_message(std::string_view text, std::size_t max_bytes = 300);

}  // namespace refundkit::internal
