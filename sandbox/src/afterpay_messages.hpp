#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace refundkit::sandbox::detail::afterpay {

/// Riverty's error model: every answer other than 200 is an array of these (vendor-docs/002).
struct ResponseMessage {
  std::string type;  ///< "BusinessError", "ValidationError" or "TechnicalError"
  std::string code;  ///< "<status>.<nnn>", e.g. "400.005"
  std::string message;
  std::string customer_facing_message;
  std::string action_code = "Unavailable";
  std::optional<std::string> field_reference;  ///< e.g. "orderItems[0].grossUnitPrice"
};

/// One answer as sent: what an idempotency key replays byte for byte.
struct Answer {
  int status = 200;
  std::string body;
};

Answer error_answer(int status, const std::vector<ResponseMessage>& messages);
Answer error_answer(int status, const ResponseMessage& message);

// Field errors (400, "ValidationError").
ResponseMessage missing_field(const std::string& field);
ResponseMessage invalid_field(const std::string& field, std::string_view why);
ResponseMessage not_json();
ResponseMessage both_item_fields();
ResponseMessage invalid_idempotency_key();
ResponseMessage unsupported_content_type();  // 415

// Business errors (400 unless said otherwise).
ResponseMessage unauthorized();      // 401
ResponseMessage order_not_found();   // 404
ResponseMessage refund_not_found();  // 404
ResponseMessage exceeds_remaining_amount();
ResponseMessage amount_not_positive();
ResponseMessage unknown_capture();
ResponseMessage unsupported_currency(const std::string& currency);
ResponseMessage order_not_captured();
ResponseMessage idempotency_key_reused();

}  // namespace refundkit::sandbox::detail::afterpay
