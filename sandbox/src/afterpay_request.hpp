#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "afterpay_decimal.hpp"
#include "afterpay_messages.hpp"
#include "json_text.hpp"

namespace refundkit::sandbox::detail::afterpay {

/// One refunded item: kept as sent for the read-back, with the two numbers the total needs.
struct RefundItem {
  JsonNode as_sent;
  WideInt gross_unit_price_micros = 0;
  WideInt quantity_micros = 0;
};

/// RefundOrderRequest (vendor-docs/002, vendor-notes.md), checked field by field.
struct RefundOrderRequest {
  std::optional<std::string> capture_number;
  std::vector<RefundItem> items;  ///< Empty: a full refund (of the capture, or of the order).
  std::optional<std::string> refund_type;  ///< "Refund" or "Return"
  std::optional<std::string> credit_note_number;
  std::optional<std::string> transaction_reference;
  std::optional<std::string> parent_transaction_reference;
};

/// Reads the body (empty or blank: a full refund of the order). On failure, every field error
/// found, each naming its field ("orderItems[0].grossUnitPrice", with the item array's name as
/// sent).
std::variant<RefundOrderRequest, std::vector<ResponseMessage>> read_refund_request(
    std::string_view body);

/// True for a body that carries nothing (the vendor's full refund).
bool is_blank(std::string_view body);

/// "application/json", any case, with or without parameters ("; charset=utf-8").
bool is_json_content_type(std::string_view content_type);

/// Letters, digits, '-' and '_', 1 to 50 characters (vendor-notes.md).
bool is_valid_idempotency_key(std::string_view key);

}  // namespace refundkit::sandbox::detail::afterpay
