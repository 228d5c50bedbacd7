// Date::parse_iso: the whole input is the text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "refundkit/date.hpp"
#include "refundkit/error.hpp"

using refundkit::Date;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const refundkit::Result<Date> parsed = Date::parse_iso(text);
  if (!parsed) {
    REFUNDKIT_FUZZ_CHECK(parsed.error().kind == refundkit::ErrorKind::invalid_request);
    return 0;
  }
  const Date& date = *parsed;
  REFUNDKIT_FUZZ_CHECK(date.is_valid());
  // The format is fixed-width, so formatting gives back exactly the input.
  REFUNDKIT_FUZZ_CHECK(date.to_iso() == text);
  const refundkit::Result<Date> again = Date::parse_iso(date.to_iso());
  REFUNDKIT_FUZZ_CHECK(again && *again == date);

  // The next day is a later, valid date, except after the last representable one (9999-12-31).
  const Date next = date.next_day();
  if (date.year < 9999 || date.month < 12 || date.day < 31) {
    REFUNDKIT_FUZZ_CHECK(next.is_valid());
    REFUNDKIT_FUZZ_CHECK(next > date && date < next && date != next);
    REFUNDKIT_FUZZ_CHECK(next.day == 1 || (next.year == date.year && next.month == date.month &&
                                           next.day == date.day + 1));
  }
  return 0;
}
