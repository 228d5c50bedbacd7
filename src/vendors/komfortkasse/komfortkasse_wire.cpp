#include "vendors/komfortkasse/komfortkasse_wire.hpp"

#include <cstdint>
#include <cstdio>

namespace refundkit::vendors::komfortkasse {
namespace {

bool digits_at(std::string_view text, std::size_t from, std::size_t count) {
  for (std::size_t i = from; i < from + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

}  // namespace

std::optional<Decimal> wire_amount(const Money& amount) {
  constexpr int kWireDecimals = 2;
  std::int64_t cents = amount.minor_units();
  for (int exponent = amount.currency().exponent(); exponent < kWireDecimals; ++exponent) {
    if (__builtin_mul_overflow(cents, 10, &cents)) return std::nullopt;
  }
  for (int exponent = amount.currency().exponent(); exponent > kWireDecimals; --exponent) {
    if (cents % 10 != 0) return std::nullopt;
    cents /= 10;
  }
  return Decimal(cents, kWireDecimals);
}

std::string format_date(const Date& date) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02d-%02d-%04d", date.day, date.month, date.year);
  return buffer;
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  std::string iso;
  if (text[2] == '-' && text[5] == '-' && digits_at(text, 0, 2) && digits_at(text, 3, 2) &&
      digits_at(text, 6, 4)) {
    iso = std::string(text.substr(6, 4)) + "-" + std::string(text.substr(3, 2)) + "-" +
          std::string(text.substr(0, 2));
  } else if (text[4] == '-' && text[7] == '-') {
    iso = std::string(text);
  } else {
    return std::nullopt;
  }
  Result<Date> date = Date::parse_iso(iso);
  if (!date) return std::nullopt;
  return *date;
}

}  // namespace refundkit::vendors::komfortkasse
