#include "vendors/afterpay/afterpay_items.hpp"

#include <cstdint>
#include <string>

#include "internal/refund_validation.hpp"
#include "vendors/afterpay/afterpay_wire.hpp"

namespace refundkit::vendors::afterpay {
namespace {

using internal::invalid_refund_request;

std::optional<Error> check_item(const LineItem& item, std::size_t line_number,
                                const Currency& currency) {
  const std::string line = "line item " + std::to_string(line_number);
  if (auto error = internal::check_identifier(kVendorName, item.product_id,
                                              line + "'s product id (product_id)")) {
    return error;
  }
  if (auto error =
          internal::check_identifier(kVendorName, item.description, line + "'s description")) {
    return error;
  }
  if (item.net_unit_price.currency() != currency || item.vat_amount.currency() != currency) {
    return invalid_refund_request(kVendorName, line +
                                                   " has a net price or VAT amount not in the "
                                                   "refund's currency " +
                                                   std::string(currency.code()));
  }
  if (item.vat_percent.coefficient() < 0) {
    return invalid_refund_request(kVendorName, line + " has a negative VAT percentage");
  }
  std::int64_t net_plus_vat = 0;
  std::int64_t difference = 0;
  if (__builtin_add_overflow(item.net_unit_price.minor_units(), item.vat_amount.minor_units(),
                             &net_plus_vat) ||
      __builtin_sub_overflow(item.gross_unit_price.minor_units(), net_plus_vat, &difference) ||
      difference > 1 || difference < -1) {
    return invalid_refund_request(
        kVendorName, line + "'s gross unit price " + item.gross_unit_price.to_string() +
                         " is not its net unit price " + item.net_unit_price.to_string() +
                         " plus its VAT per unit " + item.vat_amount.to_string());
  }
  return std::nullopt;
}

}  // namespace

std::optional<Error> check_line_items(const RefundRequest& request) {
  if (request.line_items.empty() && !request.reason.empty()) {
    // The one item built from the amount is consistent by construction; only its text is not.
    if (auto error = internal::check_identifier(
            kVendorName, request.reason,
            "the reason (reason), sent as the description of the refund's one item")) {
      return error;
    }
  }
  for (std::size_t i = 0; i < request.line_items.size(); ++i) {
    if (auto error = check_item(request.line_items[i], i + 1, request.amount.currency())) {
      return error;
    }
  }
  return std::nullopt;
}

std::vector<LineItem> wire_items(const RefundRequest& request) {
  if (!request.line_items.empty()) return request.line_items;
  LineItem whole;
  whole.product_id = "refund";
  whole.description = request.reason.empty() ? "Refund" : request.reason;
  whole.quantity = Decimal::whole(1);
  whole.gross_unit_price = request.amount;
  whole.net_unit_price = request.amount;
  whole.vat_percent = Decimal::whole(0);
  whole.vat_amount = Money::from_minor_units(0, request.amount.currency());
  return {whole};
}

void write_items(internal::JsonWriter& json, const std::vector<LineItem>& items) {
  json.begin_array();
  std::int64_t line_number = 0;
  for (const LineItem& item : items) {
    json.begin_object()
        .key("productId")
        .string(item.product_id)
        .key("description")
        .string(item.description)
        .key("netUnitPrice")
        .number(item.net_unit_price)
        .key("grossUnitPrice")
        .number(item.gross_unit_price)
        .key("quantity")
        .number(item.quantity)
        .key("vatPercent")
        .number(item.vat_percent)
        .key("vatAmount")
        .number(item.vat_amount);
    if (std::optional<std::string_view> type = item_type_name(item.type)) {
      json.key("type").string(*type);
    }
    json.key("lineNumber").number(++line_number).end_object();
  }
  json.end_array();
}

}  // namespace refundkit::vendors::afterpay
