#pragma once

// Small text helpers the benchmark's files share.

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>

namespace refundkit::bench {

inline constexpr std::string_view kReferenceKey = "\"externalReference\":";

// The raw JSON token after "key": in a flat object we wrote ourselves (a string with its quotes,
// a number): the echo must be the very text sent, so it is never parsed and re-written.
inline std::string_view token_after(std::string_view body, std::string_view key) {
  const std::size_t at = body.find(key);
  if (at == std::string_view::npos) return {};
  std::size_t begin = at + key.size();
  while (begin < body.size() && body[begin] == ' ') ++begin;
  if (begin >= body.size()) return {};
  std::size_t end = begin;
  if (body[begin] == '"') {
    end = body.find('"', begin + 1);
    if (end == std::string_view::npos) return {};
    ++end;
  } else {
    end = body.find_first_of(",}", begin);
    if (end == std::string_view::npos) return {};
  }
  return body.substr(begin, end - begin);
}

inline std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace refundkit::bench
