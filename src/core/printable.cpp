#include "core/printable.hpp"

namespace refundkit::detail {

std::string printable_excerpt(std::string_view text, std::size_t max_chars) {
  std::string out;
  const bool cut = text.size() > max_chars;
  const std::size_t kept = cut ? max_chars : text.size();
  out.reserve(kept + 3);
  for (std::size_t i = 0; i < kept; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    out.push_back(c >= 0x20 && c <= 0x7e ? static_cast<char>(c) : '?');
  }
  if (cut) out += "...";
  return out;
}

}  // namespace refundkit::detail
