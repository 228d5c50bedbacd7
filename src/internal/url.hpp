#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace refundkit::internal {

/// Percent-encodes one URL path segment (RFC 3986): the unreserved characters
/// A-Z a-z 0-9 - . _ ~ stay, every other byte becomes %XX (upper-case hex), so '/', '?', '#',
/// '%', spaces (%20) and each byte of UTF-8 ("ü" -> %C3%BC) can never change the URL's shape.
/// A segment made only of dots ("." or "..") is encoded entirely (%2E, %2E%2E): left as is, it
/// would be a dot-segment that walks up the path ("/order/../refund").
std::string percent_encode_path_segment(std::string_view segment);

/// Joins a base URL and a path: exactly one '/' between them, whatever trailing or leading
/// slashes each has ("https://h/api/v2/" + "/order/1" -> "https://h/api/v2/order/1").
/// The path must already be encoded; the base must not carry a query or fragment.
std::string join_url(std::string_view base_url, std::string_view encoded_path);

/// base_url + "/" + each segment percent-encoded, joined by '/':
/// url_with_path_segments(base, {"order", order_number, "refund"}).
std::string url_with_path_segments(std::string_view base_url,
                                   std::initializer_list<std::string_view> segments);

}  // namespace refundkit::internal
