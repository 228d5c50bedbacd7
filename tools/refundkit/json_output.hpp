#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "refundkit/error.hpp"
#include "refundkit/refund.hpp"

namespace refundkit::cli {

/// {"provider", "order", "reference", "id", "status", "vendor_status", "amount", "currency",
///  "existing", "attempts", "vendor_response"}; existing is true when nothing new was made (the
/// refund was found already made under the reference). vendor_response is the vendor's body
/// verbatim when it is JSON (numbers keep their exact text), a string when it is not, null when
/// empty.
std::string refund_json(const Refund& refund);

/// {"error": {"kind", "message", "http_status", "vendor_code", "vendor_message", "request_id",
/// "retry_after_seconds", "attempts", "vendor_response"}}; absent values are null.
std::string error_json(const Error& error);

/// One batch row's outcome on one line, without a line break: {"row": N, then the fields of
/// refund_json} or {"row": N, "error": {as error_json}}. The vendor's JSON body keeps its values
/// verbatim, only the whitespace between its tokens removed.
std::string refund_json_line(std::size_t row, const Refund& refund);
std::string error_json_line(std::size_t row, const Error& error);

}  // namespace refundkit::cli
