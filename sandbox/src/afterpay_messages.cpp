#include "afterpay_messages.hpp"

#include <utility>

#include "json_text.hpp"

namespace refundkit::sandbox::detail::afterpay {

namespace {

// The page documents the shape but no codes; these are the sandbox's own, stable ones
// (listed in the README section).
ResponseMessage validation(std::string code, std::string message,
                           std::optional<std::string> field) {
  return ResponseMessage{
      "ValidationError",  std::move(code),
      std::move(message), "The request could not be processed. Please contact the merchant.",
      "Unavailable",      std::move(field)};
}

ResponseMessage business(std::string code, std::string message, std::string customer_message,
                         std::optional<std::string> field = std::nullopt) {
  return ResponseMessage{"BusinessError",    std::move(code),
                         std::move(message), std::move(customer_message),
                         "Unavailable",      std::move(field)};
}

}  // namespace

Answer error_answer(int status, const std::vector<ResponseMessage>& messages) {
  JsonText json;
  json.begin_array();
  for (const ResponseMessage& message : messages) {
    json.begin_object()
        .key("type")
        .string(message.type)
        .key("code")
        .string(message.code)
        .key("message")
        .string(message.message)
        .key("customerFacingMessage")
        .string(message.customer_facing_message)
        .key("actionCode")
        .string(message.action_code)
        .key("fieldReference");
    if (message.field_reference) {
      json.string(*message.field_reference);
    } else {
      json.null();
    }
    json.end_object();
  }
  json.end_array();
  return Answer{status, std::move(json).take()};
}

Answer error_answer(int status, const ResponseMessage& message) {
  return error_answer(status, std::vector<ResponseMessage>{message});
}

ResponseMessage missing_field(const std::string& field) {
  return validation("400.001", "The field " + field + " is required.", field);
}

ResponseMessage invalid_field(const std::string& field, std::string_view why) {
  return validation("400.002", "The field " + field + " is invalid: " + std::string(why) + ".",
                    field);
}

ResponseMessage not_json() {
  return validation("400.003", "The request body is not a valid JSON object.", std::nullopt);
}

ResponseMessage both_item_fields() {
  return validation("400.004",
                    "Send the refunded items either as orderItems or as items, not both.",
                    std::string("items"));
}

ResponseMessage invalid_idempotency_key() {
  return validation("400.011",
                    "The X-Idempotency-Key header must be 1 to 50 letters, digits, '-' or '_'.",
                    std::string("X-Idempotency-Key"));
}

ResponseMessage unsupported_content_type() {
  return validation("415.001", "The request body must be sent as application/json.", std::nullopt);
}

ResponseMessage unauthorized() {
  return ResponseMessage{"BusinessError",
                         "401.001",
                         "API user is unauthorized. Make sure X-Auth-Key header is sent.",
                         "The request could not be processed. Please contact the merchant.",
                         "Unavailable",
                         std::nullopt};
}

ResponseMessage order_not_found() {
  return business("404.001", "Order not found.", "The order could not be found.");
}

ResponseMessage refund_not_found() {
  return business("404.002", "Refund not found.", "The refund could not be found.");
}

ResponseMessage exceeds_remaining_amount() {
  return business("400.005", "The refund amount exceeds the remaining captured amount.",
                  "The refund amount exceeds the amount paid.");
}

ResponseMessage amount_not_positive() {
  return business("400.010", "The refund amount must be greater than zero.",
                  "The refund could not be processed. Please contact the merchant.");
}

ResponseMessage unknown_capture() {
  return business("400.006", "The capture number does not belong to the order.",
                  "The refund could not be processed. Please contact the merchant.",
                  std::string("captureNumber"));
}

ResponseMessage unsupported_currency(const std::string& currency) {
  return business("400.007",
                  "The currency " + currency +
                      " is not supported. Supported currencies: EUR, NOK, SEK, DKK, CHF.",
                  "The refund could not be processed. Please contact the merchant.");
}

ResponseMessage order_not_captured() {
  return business("400.008", "The order has no captures to refund.",
                  "The refund could not be processed. Please contact the merchant.");
}

ResponseMessage idempotency_key_reused() {
  return business("400.009", "The idempotency key has already been used for another request.",
                  "The refund could not be processed. Please contact the merchant.",
                  std::string("X-Idempotency-Key"));
}

}  // namespace refundkit::sandbox::detail::afterpay
