#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace refundkit::internal {

/// The longest wait parse_retry_after() reports (2^31 - 1 s, about 68 years). Anything longer
/// counts as overflow, so that every caller may convert the result to nanoseconds and add it to a
/// time_point without overflowing.
inline constexpr std::chrono::seconds kMaxRetryAfter{2147483647};

/// How long a Retry-After header value (RFC 9110 §10.2.3) asks to wait, seen from `now`:
///  - delta-seconds ("120"; leading zeros allowed), optionally surrounded by spaces or tabs;
///  - an HTTP-date (§5.6.7) in any of its three forms: IMF-fixdate
///    ("Sun, 06 Nov 1994 08:49:37 GMT"), the obsolete RFC 850 form
///    ("Sunday, 06-Nov-94 08:49:37 GMT", whose two-digit year is the one that is not more than 50
///    years after now's) and asctime ("Sun Nov  6 08:49:37 1994"). Case-sensitive, as the RFC
///    says; the day name must be a valid one but need not match the date. A date in the past
///    waits 0 s; a date a fraction of a second ahead waits a whole second (never too early).
/// std::nullopt for anything else: empty, junk, signs, fractions, a number or wait beyond
/// kMaxRetryAfter, a partial date, a day the month does not have, an hour past 23. Never throws
/// and uses no locale.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      std::chrono::system_clock::time_point now);

}  // namespace refundkit::internal
