#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>
#include <string_view>

#include "internal/text.hpp"
#include "refundkit/curl_transport.hpp"

namespace refundkit {
namespace {

bool is_localhost_name(std::string_view host) noexcept {
  return internal::equals_ignore_case(host, "localhost");
}

// Strict dotted quad: exactly four decimal parts 0-255 without leading zeros, so that nothing a
// resolver might read as octal or hex ("0177.1", "127.1") counts as loopback.
bool is_loopback_ipv4(std::string_view host) noexcept {
  int parts = 0;
  int first_part = -1;
  std::size_t pos = 0;
  while (parts < 4) {
    std::size_t digits = 0;
    int value = 0;
    while (pos < host.size() && internal::is_ascii_digit(host[pos])) {
      if (digits == 3) return false;
      if (digits == 1 && value == 0) return false;  // leading zero
      value = value * 10 + (host[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0 || value > 255) return false;
    if (parts == 0) first_part = value;
    ++parts;
    if (parts < 4) {
      if (pos >= host.size() || host[pos] != '.') return false;
      ++pos;
    }
  }
  return pos == host.size() && first_part == 127;
}

bool is_loopback_ipv6(std::string_view host) noexcept {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  char text[INET6_ADDRSTRLEN] = {};
  if (host.empty() || host.size() >= sizeof(text)) return false;
  std::memcpy(text, host.data(), host.size());
  in6_addr address{};
  return inet_pton(AF_INET6, text, &address) == 1 && IN6_IS_ADDR_LOOPBACK(&address);
}

}  // namespace

bool is_loopback_host(std::string_view host) noexcept {
  return is_localhost_name(host) || is_loopback_ipv4(host) || is_loopback_ipv6(host);
}

}  // namespace refundkit
