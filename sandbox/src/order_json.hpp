#pragma once

#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "json_text.hpp"
#include "refundkit/sandbox/sandbox.hpp"
#include "state_store.hpp"

namespace refundkit::sandbox::detail {

using Json = nlohmann::json;

/// The order as the sandbox keeps it, or a message naming the field it cannot host
/// (provider, order_id, currency, amount).
std::variant<StoredOrder, std::string> to_stored_order(const SandboxOrder& order);
/// The public view: the amount written with exactly the currency's decimals.
SandboxOrder to_public_order(const StoredOrder& order);

/// Reads one order as the admin API and seed files write it:
/// {"provider", "order_id", "amount" (decimal string), "currency", "bank_details_missing"?,
///  "captures"?: [{"capture_number", "amount", "items"?: [{"product_id", "description"?,
///  "quantity"?, "gross_unit_price"}]}], "application_state"?, "invoiced"?, "vat_rates"?}.
/// On failure returns a message naming the offending field.
std::variant<StoredOrder, std::string> order_from_json(const Json& object);

/// Writes the admin API's view of an order and its refunds (amounts as decimal strings).
void write_order(JsonText& json, const StoredOrder& order,
                 const std::vector<const SandboxRefund*>& refunds);

}  // namespace refundkit::sandbox::detail
