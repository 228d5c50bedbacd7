#include "internal/url.hpp"

namespace refundkit::internal {
namespace {

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

void append_percent_encoded(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 0x0F];
}

}  // namespace

std::string percent_encode_path_segment(std::string_view segment) {
  const bool only_dots =
      !segment.empty() && segment.find_first_not_of('.') == std::string_view::npos;
  std::string out;
  out.reserve(segment.size() * 3);
  for (char ch : segment) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_unreserved(c) && !(only_dots && c == '.')) {
      out += ch;
    } else {
      append_percent_encoded(out, c);
    }
  }
  return out;
}

std::string join_url(std::string_view base_url, std::string_view encoded_path) {
  while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
  while (!encoded_path.empty() && encoded_path.front() == '/') encoded_path.remove_prefix(1);
  std::string url(base_url);
  url += '/';
  url += encoded_path;
  return url;
}

std::string url_with_path_segments(std::string_view base_url,
                                   std::initializer_list<std::string_view> segments) {
  std::string path;
  for (std::string_view segment : segments) {
    if (!path.empty()) path += '/';
    path += percent_encode_path_segment(segment);
  }
  return join_url(base_url, path);
}

}  // namespace refundkit::internal
