#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "json_text.hpp"

namespace refundkit::sandbox::detail::optty {

/// How the vendor's Node/Express stack (NestJS error shapes, body-parser, V8's JSON.parse) turns
/// request bytes into a JSON value, so that a malformed body is answered with the vendor's own
/// text ("Unexpected token a in JSON at position 157").

/// The body as body-parser decodes it: UTF-8, every invalid byte sequence replaced by U+FFFD.
std::string decode_utf8_lossy(std::string_view bytes);

/// The message JSON.parse (Node 16/18, V8) plus body-parser's strict mode (the top level must
/// be an object or an array) give for `text`, or nullopt when it parses. `text` must be valid
/// UTF-8 (decode_utf8_lossy()). Positions count UTF-16 code units, as JavaScript strings do.
/// Texts: "Unexpected token X in JSON at position N", "Unexpected number in JSON at position N",
/// "Unexpected string in JSON at position N", "Unexpected end of JSON input".
std::optional<std::string> node_json_syntax_error(std::string_view text);

}  // namespace refundkit::sandbox::detail::optty
