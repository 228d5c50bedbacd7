#include "pipeline/retry_after.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

#include "core/civil_days.hpp"

namespace refundkit::internal {
namespace {

using std::chrono::seconds;

constexpr long long kSecondsPerDay = 86400;

constexpr std::array<std::string_view, 7> kDayNames = {"Mon", "Tue", "Wed", "Thu",
                                                       "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 7> kLongDayNames = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
constexpr std::array<std::string_view, 12> kMonthNames = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// Reads a date left to right. Every read after a failed one fails too, so that a parser can
// chain its reads and check at_end() once.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : rest_(text) {}

  bool at_end() const { return ok_ && rest_.empty(); }

  void expect(std::string_view literal) {
    if (ok_ && rest_.substr(0, literal.size()) == literal) {
      rest_.remove_prefix(literal.size());
    } else {
      ok_ = false;
    }
  }

  // Exactly `count` ASCII digits.
  int number(std::size_t count) {
    int value = 0;
    if (!ok_ || rest_.size() < count) {
      ok_ = false;
      return 0;
    }
    for (std::size_t i = 0; i < count; ++i) {
      if (!is_digit(rest_[i])) {
        ok_ = false;
        return 0;
      }
      value = value * 10 + (rest_[i] - '0');
    }
    rest_.remove_prefix(count);
    return value;
  }

  // The index of the name `rest_` starts with. Names within one list never prefix each other.
  template <std::size_t N>
  int name(const std::array<std::string_view, N>& names) {
    for (std::size_t i = 0; ok_ && i < N; ++i) {
      if (rest_.substr(0, names[i].size()) == names[i]) {
        rest_.remove_prefix(names[i].size());
        return static_cast<int>(i);
      }
    }
    ok_ = false;
    return 0;
  }

  // asctime's day of the month: two digits, or a space and one digit.
  int padded_day() {
    if (ok_ && !rest_.empty() && rest_.front() == ' ') {
      rest_.remove_prefix(1);
      return number(1);
    }
    return number(2);
  }

 private:
  std::string_view rest_;
  bool ok_ = true;
};

struct DateTime {
  Date date;
  int hour = 0;
  int minute = 0;
  int second = 0;
};

// time-of-day = hour ":" minute ":" second; 60 is a leap second.
void read_time(Cursor& cursor, DateTime& moment) {
  moment.hour = cursor.number(2);
  cursor.expect(":");
  moment.minute = cursor.number(2);
  cursor.expect(":");
  moment.second = cursor.number(2);
}

bool is_valid(const DateTime& moment) {
  return moment.date.is_valid() && moment.hour <= 23 && moment.minute <= 59 && moment.second <= 60;
}

long long to_epoch_seconds(const DateTime& moment) {
  return detail::days_from_civil(moment.date) * kSecondsPerDay + moment.hour * 3600LL +
         moment.minute * 60LL + moment.second;
}

long long floor_div(long long value, long long divisor) {
  const long long quotient = value / divisor;
  return quotient * divisor > value ? quotient - 1 : quotient;
}

// IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
std::optional<DateTime> read_imf_fixdate(std::string_view text) {
  DateTime moment;
  Cursor cursor(text);
  (void)cursor.name(kDayNames);
  cursor.expect(", ");
  moment.date.day = cursor.number(2);
  cursor.expect(" ");
  moment.date.month = cursor.name(kMonthNames) + 1;
  cursor.expect(" ");
  moment.date.year = cursor.number(4);
  cursor.expect(" ");
  read_time(cursor, moment);
  cursor.expect(" GMT");
  if (!cursor.at_end()) return std::nullopt;
  return moment;
}

// RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT". The century is the one that puts the year in the
// 100-year window ending 50 years after `now_year` (RFC 9110: a year that appears to be more than
// 50 years in the future is the most recent past one with those digits).
std::optional<DateTime> read_rfc850_date(std::string_view text, int now_year) {
  DateTime moment;
  Cursor cursor(text);
  (void)cursor.name(kLongDayNames);
  cursor.expect(", ");
  moment.date.day = cursor.number(2);
  cursor.expect("-");
  moment.date.month = cursor.name(kMonthNames) + 1;
  cursor.expect("-");
  const int two_digit_year = cursor.number(2);
  cursor.expect(" ");
  read_time(cursor, moment);
  cursor.expect(" GMT");
  if (!cursor.at_end()) return std::nullopt;
  moment.date.year = now_year - now_year % 100 + two_digit_year;  // now_year > 0
  if (moment.date.year > now_year + 50) moment.date.year -= 100;
  if (moment.date.year <= now_year - 50) moment.date.year += 100;
  return moment;
}

// asctime: "Sun Nov  6 08:49:37 1994".
std::optional<DateTime> read_asctime_date(std::string_view text) {
  DateTime moment;
  Cursor cursor(text);
  (void)cursor.name(kDayNames);
  cursor.expect(" ");
  moment.date.month = cursor.name(kMonthNames) + 1;
  cursor.expect(" ");
  moment.date.day = cursor.padded_day();
  cursor.expect(" ");
  read_time(cursor, moment);
  cursor.expect(" ");
  moment.date.year = cursor.number(4);
  if (!cursor.at_end()) return std::nullopt;
  return moment;
}

std::optional<DateTime> read_http_date(std::string_view text, int now_year) {
  if (std::optional<DateTime> moment = read_imf_fixdate(text)) return moment;
  if (std::optional<DateTime> moment = read_rfc850_date(text, now_year)) return moment;
  return read_asctime_date(text);
}

std::optional<seconds> parse_delta_seconds(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  for (const char c : text) {
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
    if (value > kMaxRetryAfter.count()) return std::nullopt;  // before it can overflow
  }
  return seconds(value);
}

}  // namespace

std::optional<seconds> parse_retry_after(std::string_view value,
                                         std::chrono::system_clock::time_point now) {
  value = trim(value);
  if (!value.empty() && is_digit(value.front())) return parse_delta_seconds(value);

  // In whole seconds from here on: a time_point in system_clock's own unit (nanoseconds) cannot
  // hold every four-digit year.
  const long long now_seconds = std::chrono::floor<seconds>(now.time_since_epoch()).count();
  const int now_year = detail::civil_from_days(floor_div(now_seconds, kSecondsPerDay)).year;
  const std::optional<DateTime> moment = read_http_date(value, now_year);
  if (!moment || !is_valid(*moment)) return std::nullopt;
  // The date is in whole seconds and `now` rounded down: a fractional wait rounds up, never early.
  const long long wait = to_epoch_seconds(*moment) - now_seconds;
  if (wait <= 0) return seconds(0);
  if (wait > kMaxRetryAfter.count()) return std::nullopt;
  return seconds(wait);
}

}  // namespace refundkit::internal
