#pragma once

#include <optional>
#include <vector>

#include "internal/json_writer.hpp"
#include "refundkit/error.hpp"
#include "refundkit/refund.hpp"

namespace refundkit::vendors::afterpay {

/// Riverty's rules for the refunded items, beyond what internal::check_common_fields checks (the
/// gross prices' currency, positive quantities, the items adding up to the amount): each item's
/// productId and description are sendable text (internal::check_identifier), its net price and
/// VAT are in the refund's currency, its VAT percentage is not negative, and its gross unit price
/// is its net unit price plus its VAT per unit within one minor unit (rounding on an invoice).
/// A negative gross price (a return fee kept back) passes. Without line items, the reason (sent as
/// the one item's description) must be sendable text the same way. invalid_request naming the
/// item.
std::optional<Error> check_line_items(const RefundRequest& request);

/// What goes into the items array: request.line_items, or for an amount-only refund the one item
/// {productId "refund", description reason or "Refund", net = gross = amount, VAT 0 %, 0.00,
/// quantity 1}, so that Riverty refunds exactly the amount and never the whole capture (which is
/// what it does for a request without items).
std::vector<LineItem> wire_items(const RefundRequest& request);

/// The items as a JSON array, each with the fields in a fixed order: productId, description,
/// netUnitPrice, grossUnitPrice, quantity, vatPercent, vatAmount (per unit), type (omitted for
/// LineItemType::unspecified), lineNumber (1-based). Amounts in major units with the currency's
/// decimals, quantity and percentage with their own scale, all exact.
void write_items(internal::JsonWriter& json, const std::vector<LineItem>& items);

}  // namespace refundkit::vendors::afterpay
