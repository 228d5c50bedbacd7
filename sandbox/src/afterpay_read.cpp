#include "afterpay_read.hpp"

#include "afterpay_decimal.hpp"
#include "afterpay_ids.hpp"
#include "afterpay_json.hpp"
#include "money.hpp"

namespace refundkit::sandbox::detail::afterpay {

namespace {

void optional_string(JsonText& json, const std::optional<std::string>& value) {
  if (value) {
    json.string(*value);
  } else {
    json.null();
  }
}

// Amounts in the read-back are strings in their shortest form ("-12.5"), as a public client's
// sandbox run shows for refunds; the sandbox writes the order's and captures' amounts alike.
std::string read_amount(std::int64_t minor_units, int decimals) {
  return trimmed_decimal(minor_units, decimals);
}

void write_capture(JsonText& json, const StoredOrder& order, const StoredCapture& capture) {
  json.begin_object()
      .key("captureNumber")
      .string(capture.capture_number)
      .key("orderNumber")
      .string(order.order_id)
      .key("reservationId")
      .string(reservation_guid(order.order_id))
      .key("amount")
      .string(read_amount(capture.amount_minor, order.decimals))
      .key("currency")
      .string(order.currency)
      .key("captureItems")
      .begin_array();
  for (const SandboxItem& item : capture.items) {
    json.begin_object()
        .key("productId")
        .string(item.product_id)
        .key("description")
        .string(item.description)
        .key("quantity")
        .number_text(item.quantity)
        .key("grossUnitPrice")
        .string(item.gross_unit_price)
        .end_object();
  }
  json.end_array().end_object();
}

void write_refund(JsonText& json, const StoredOrder& order, const SandboxRefund& refund,
                  const RefundDetailsById& all_details) {
  static const RefundDetails kNone;
  const auto found = all_details.find(refund.vendor_reference);
  const RefundDetails& details = found == all_details.end() ? kNone : found->second;
  // Refunded amounts come back negative (vendor-notes.md); a refund's balance is its amount.
  const std::string amount = read_amount(-refund.amount_minor, order.decimals);
  json.begin_object()
      .key("refundId")
      .string(refund.vendor_reference)
      .key("refundNumber")
      .string(refund.id)
      .key("refundItems")
      .begin_array();
  for (const JsonNode& item : details.items) write_node(json, item);
  json.end_array()
      .key("amount")
      .string(amount)
      .key("balance")
      .string(amount)
      .key("captureNumber")
      .string(refund.capture_number)
      .key("currency")
      .string(refund.currency)
      .key("insertedAt")
      .string(details.inserted_at)
      .key("orderNumber")
      .string(refund.order_id)
      .key("transactionReference");
  optional_string(json, details.transaction_reference);
  json.key("parentTransactionReference");
  optional_string(json, details.parent_transaction_reference);
  json.key("reservationId")
      .string(reservation_guid(order.order_id))
      .key("updatedAt")
      .string(details.inserted_at)
      .end_object();
}

void write_refunds(JsonText& json, const StoredOrder& order,
                   const std::vector<const SandboxRefund*>& refunds,
                   const RefundDetailsById& details) {
  json.key("refunds").begin_array();
  for (const SandboxRefund* refund : refunds) write_refund(json, order, *refund, details);
  json.end_array();
}

}  // namespace

std::string order_read_json(const StoredOrder& order,
                            const std::vector<const SandboxRefund*>& refunds,
                            const RefundDetailsById& details) {
  std::int64_t captured = 0;
  for (const StoredCapture& capture : order.captures) captured += capture.amount_minor;
  std::int64_t refunded = 0;
  for (const SandboxRefund* refund : refunds) refunded += refund->amount_minor;

  JsonText json;
  json.begin_object()
      .key("orderDetails")
      .begin_object()
      .key("orderNumber")
      .string(order.order_id)
      .key("reservationId")
      .string(reservation_guid(order.order_id))
      .key("totalGrossAmount")
      .string(read_amount(order.amount_minor, order.decimals))
      .key("totalCapturedAmount")
      .string(read_amount(captured, order.decimals))
      .key("totalRefundedAmount")
      .string(read_amount(refunded, order.decimals))
      .key("currency")
      .string(order.currency)
      .end_object()
      .key("captures")
      .begin_array();
  for (const StoredCapture& capture : order.captures) write_capture(json, order, capture);
  json.end_array().key("cancellations").begin_array().end_array();
  write_refunds(json, order, refunds, details);
  json.end_object();
  return std::move(json).take();
}

std::string refunds_read_json(const StoredOrder& order,
                              const std::vector<const SandboxRefund*>& refunds,
                              const RefundDetailsById& details) {
  JsonText json;
  json.begin_object();
  write_refunds(json, order, refunds, details);
  json.end_object();
  return std::move(json).take();
}

}  // namespace refundkit::sandbox::detail::afterpay
