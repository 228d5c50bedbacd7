#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace refundkit::sandbox::detail::optty {

/// The small formats of Optty's wire: form-encoded bodies and queries, the dates of its answers,
/// media types and UUID-shaped ids.

using FormFields = std::vector<std::pair<std::string, std::string>>;

/// An application/x-www-form-urlencoded text ("a=1&b=x+y%21"): '+' is a space, %XX a byte, a
/// name without '=' has an empty value, empty pieces are skipped. In order, repeats kept.
/// nullopt for a malformed %-escape.
std::optional<FormFields> parse_form(std::string_view text);
/// The query of a raw request target ("/a?b=1" -> "b=1"); empty if it has none.
std::string_view query_of(std::string_view target);

/// Whether a Content-Type header value names `media_type` ("application/json"), ignoring case
/// and parameters ("application/json; charset=utf-8").
bool has_media_type(std::string_view content_type, std::string_view media_type);

/// RFC 1123 / IMF-fixdate, as the vendor's refundDate: "Fri, 08 Oct 2021 06:22:20 GMT".
std::string rfc1123_date(std::chrono::system_clock::time_point instant);
/// ISO 8601 in UTC with milliseconds, as JavaScript's toISOString(): "2021-10-08T06:22:20.000Z".
std::string iso8601_utc(std::chrono::system_clock::time_point instant);

/// A version-4 UUID text ("8ba78198-bc4c-48ae-9040-57c687bed51d") from 128 bits; the version and
/// variant bits are overwritten.
std::string uuid_text(std::uint64_t high, std::uint64_t low);

}  // namespace refundkit::sandbox::detail::optty
