// The sandbox's own loopback check: it listens nowhere else (its admin API has no
// authentication).
#include <cctype>
#include <string_view>

#include "refundkit/sandbox/sandbox.hpp"

namespace refundkit::sandbox {

namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// "127.a.b.c" with four decimal octets of at most three digits, each <= 255.
bool is_ipv4_loopback(std::string_view host) {
  int octets = 0;
  std::size_t position = 0;
  int first = -1;
  while (position <= host.size()) {
    const std::size_t dot = host.find('.', position);
    const std::string_view part = host.substr(
        position, dot == std::string_view::npos ? std::string_view::npos : dot - position);
    if (part.empty() || part.size() > 3) return false;
    int value = 0;
    for (char c : part) {
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    if (value > 255) return false;
    if (octets == 0) first = value;
    ++octets;
    if (dot == std::string_view::npos) break;
    position = dot + 1;
  }
  return octets == 4 && first == 127;
}

}  // namespace

bool is_loopback_host(std::string_view host) noexcept {
  if (equals_ignoring_case(host, "localhost")) return true;
  if (host == "::1") return true;
  return is_ipv4_loopback(host);
}

}  // namespace refundkit::sandbox
