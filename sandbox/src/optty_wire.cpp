#include "optty_wire.hpp"

#include <algorithm>
#include <cctype>

#include "calendar.hpp"
#include "router.hpp"

namespace refundkit::sandbox::detail::optty {

namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

std::string padded(std::int64_t value, std::size_t width) {
  std::string digits = std::to_string(value);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return digits;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t quotient = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient;
}

// The UTC calendar parts of an instant, to the millisecond.
struct UtcParts {
  std::int64_t days = 0;  // since 1970-01-01
  CivilDate date;
  std::int64_t hour = 0;
  std::int64_t minute = 0;
  std::int64_t second = 0;
  std::int64_t millisecond = 0;
};

UtcParts utc_parts(std::chrono::system_clock::time_point instant) {
  const std::int64_t millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(instant.time_since_epoch()).count();
  const std::int64_t seconds = floor_div(millis, 1000);
  UtcParts parts;
  parts.millisecond = millis - seconds * 1000;
  parts.days = floor_div(seconds, kSecondsPerDay);
  const std::int64_t second_of_day = seconds - parts.days * kSecondsPerDay;
  parts.date = civil_from_days(parts.days);
  parts.hour = second_of_day / 3600;
  parts.minute = second_of_day / 60 % 60;
  parts.second = second_of_day % 60;
  return parts;
}

std::string clock_time(const UtcParts& parts) {
  return padded(parts.hour, 2) + ":" + padded(parts.minute, 2) + ":" + padded(parts.second, 2);
}

std::string hex(std::uint64_t value, int digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text(static_cast<std::size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i, value >>= 4) {
    text[static_cast<std::size_t>(i)] = kDigits[value & 0xF];
  }
  return text;
}

}  // namespace

std::optional<FormFields> parse_form(std::string_view text) {
  FormFields fields;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('&', start), text.size());
    const std::string_view piece = text.substr(start, end - start);
    start = end + 1;
    if (piece.empty()) continue;
    const std::size_t equals = piece.find('=');
    std::optional<std::string> name =
        percent_decode(piece.substr(0, equals), /*plus_is_space=*/true);
    std::optional<std::string> value =
        equals == std::string_view::npos
            ? std::optional<std::string>("")
            : percent_decode(piece.substr(equals + 1), /*plus_is_space=*/true);
    if (!name || !value) return std::nullopt;
    fields.emplace_back(std::move(*name), std::move(*value));
  }
  return fields;
}

std::string_view query_of(std::string_view target) {
  const std::size_t question = target.find('?');
  return question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
}

bool has_media_type(std::string_view content_type, std::string_view media_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  if (type.size() != media_type.size()) return false;
  for (std::size_t i = 0; i < type.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(type[i])) !=
        std::tolower(static_cast<unsigned char>(media_type[i]))) {
      return false;
    }
  }
  return true;
}

std::string rfc1123_date(std::chrono::system_clock::time_point instant) {
  static constexpr const char* kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const UtcParts parts = utc_parts(instant);
  return std::string(kWeekdays[weekday_from_days(parts.days)]) + ", " + padded(parts.date.day, 2) +
         " " + kMonths[parts.date.month - 1] + " " + padded(parts.date.year, 4) + " " +
         clock_time(parts) + " GMT";
}

std::string iso8601_utc(std::chrono::system_clock::time_point instant) {
  const UtcParts parts = utc_parts(instant);
  return padded(parts.date.year, 4) + "-" + padded(parts.date.month, 2) + "-" +
         padded(parts.date.day, 2) + "T" + clock_time(parts) + "." + padded(parts.millisecond, 3) +
         "Z";
}

std::string uuid_text(std::uint64_t high, std::uint64_t low) {
  high = (high & ~std::uint64_t{0xF000}) | 0x4000;                         // version 4
  low = (low & ~(std::uint64_t{0x3} << 62)) | (std::uint64_t{0x2} << 62);  // RFC 4122 variant
  return hex(high >> 32, 8) + "-" + hex(high >> 16, 4) + "-" + hex(high, 4) + "-" +
         hex(low >> 48, 4) + "-" + hex(low, 12);
}

}  // namespace refundkit::sandbox::detail::optty
