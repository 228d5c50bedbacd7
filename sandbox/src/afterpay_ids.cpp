#include "afterpay_ids.hpp"

#include <algorithm>
#include <cstdio>

#include "calendar.hpp"

namespace refundkit::sandbox::detail::afterpay {

namespace {

constexpr std::size_t kNumberWidth = 9;

// SplitMix64's finaliser: spreads a counter over 64 bits (fixed, platform independent).
std::uint64_t mixed(std::uint64_t value) {
  value += 0x9E3779B97F4A7C15ULL;
  value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ULL;
  value = (value ^ (value >> 27)) * 0x94D049BB133111EBULL;
  return value ^ (value >> 31);
}

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 0xCBF29CE484222325ULL;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001B3ULL;
  }
  return hash;
}

// 8-4-4-4-12 hex digits, version 4 and RFC 4122 variant bits set as a real GUID has them.
std::string guid_of(std::uint64_t high, std::uint64_t low) {
  char text[37];
  std::snprintf(text, sizeof text, "%08x-%04x-4%03x-%04x-%012llx",
                static_cast<unsigned>(high >> 32), static_cast<unsigned>((high >> 16) & 0xFFFF),
                static_cast<unsigned>(high & 0x0FFF),
                static_cast<unsigned>(0x8000 | ((low >> 48) & 0x3FFF)),
                static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
  return text;
}

std::uint64_t numeric_value(const std::string& text) {
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return 0;
  }
  return std::stoull(text);
}

}  // namespace

std::string padded_number(std::uint64_t number) {
  std::string digits = std::to_string(number);
  if (digits.size() < kNumberWidth) digits.insert(0, kNumberWidth - digits.size(), '0');
  return digits;
}

std::uint64_t next_refund_number(const StoredOrder& order,
                                 const std::vector<const SandboxRefund*>& refunds) {
  std::uint64_t highest = 0;
  for (const StoredCapture& capture : order.captures) {
    highest = std::max(highest, numeric_value(capture.capture_number));
  }
  for (const SandboxRefund* refund : refunds)
    highest = std::max(highest, numeric_value(refund->id));
  return highest + 1;
}

std::string refund_guid(std::uint64_t serial) { return guid_of(mixed(serial), serial); }

std::string reservation_guid(std::string_view order_number) {
  const std::uint64_t hash = fnv1a(order_number);
  return guid_of(mixed(hash), mixed(hash ^ 0x5bd1e995ULL));
}

std::string utc_timestamp(std::chrono::system_clock::time_point instant) {
  const std::int64_t seconds =
      std::chrono::duration_cast<std::chrono::seconds>(instant.time_since_epoch()).count();
  // Floor division, so that instants before 1970 land on the right day.
  std::int64_t days = seconds / 86400;
  std::int64_t second_of_day = seconds % 86400;
  if (second_of_day < 0) {
    second_of_day += 86400;
    --days;
  }
  const CivilDate date = civil_from_days(days);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", date.year, date.month,
                date.day, static_cast<int>(second_of_day / 3600),
                static_cast<int>(second_of_day / 60 % 60), static_cast<int>(second_of_day % 60));
  return text;
}

}  // namespace refundkit::sandbox::detail::afterpay
