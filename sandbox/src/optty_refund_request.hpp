#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "json_text.hpp"

namespace refundkit::sandbox::detail::optty {

/// A refund request body (OrderRefundDto) that passed the schema's checks. The order's own
/// rules (currency, remainder, reference reuse) are judged later, against the order.
struct RefundRequest {
  std::string refund_reference;
  std::string amount_text;  ///< As written: a plain decimal, at most 2 decimals, more than zero.
  std::string currency;
  std::string description;
};

/// Why a body is refused: the message of the vendor's 400 answer.
struct BodyRejection {
  std::string message;
};

/// The body as the vendor's stack reads it (body-parser, then JSON.parse): only a JSON
/// Content-Type is parsed, and an unparsed or empty body reads as {}. A syntax error is
/// refused with V8's text ("Unexpected token a in JSON at position 157").
std::variant<JsonNode, BodyRejection> read_json_body(std::string_view content_type,
                                                     std::string_view body);

/// The schema's checks in field order, the first failure answering with a class-validator
/// style text ("refundReference must be a string"). isActivatedViaOAuth is required by the
/// schema but missing from the vendor's sample: it may be absent, but must be a boolean if sent.
std::variant<RefundRequest, BodyRejection> read_refund_request(const JsonNode& body);

}  // namespace refundkit::sandbox::detail::optty
