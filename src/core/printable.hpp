#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace refundkit::detail {

/// A short, printable rendering of caller-supplied text for error messages: bytes outside
/// printable ASCII become '?', and long input is cut with "..." so a message never carries
/// control characters or an unbounded copy of what the caller passed.
std::string printable_excerpt(std::string_view text, std::size_t max_chars = 32);

}  // namespace refundkit::detail
