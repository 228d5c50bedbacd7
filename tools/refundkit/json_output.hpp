#pragma once

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

}  // namespace refundkit::cli
