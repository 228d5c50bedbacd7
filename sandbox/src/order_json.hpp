#pragma once

#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "internal/json_writer.hpp"
#include "refundkit/sandbox/sandbox.hpp"

namespace refundkit::sandbox::detail {

using Json = nlohmann::json;

/// Why the sandbox cannot host `order`, or an empty string if it can.
std::string order_problem(const SandboxOrder& order);

/// Reads one order as the admin API and seed files write it:
/// {"provider", "order_id", "amount" (decimal string), "currency", "bank_details_missing"?}.
/// On failure returns a message naming the offending field.
std::variant<SandboxOrder, std::string> order_from_json(const Json& object);

/// Writes the admin API's view of an order and its refunds (amounts as decimal strings).
void write_order(internal::JsonWriter& json, const SandboxOrder& order,
                 const std::vector<const SandboxRefund*>& refunds);

}  // namespace refundkit::sandbox::detail
