#pragma once

#include <string>
#include <variant>
#include <vector>

#include "json_text.hpp"
#include "refundkit/sandbox/sandbox.hpp"

namespace refundkit::sandbox::detail {

/// Why the sandbox cannot host `order`, or an empty string if it can.
std::string order_problem(const SandboxOrder& order);

/// Reads one order as the admin API and seed files write it:
/// {"provider", "order_id", "amount" (decimal string), "currency", "bank_details_missing"?}.
/// On failure returns a message naming the offending field.
std::variant<SandboxOrder, std::string> order_from_json(const Json& object);

/// The admin API's view of an order and its refunds (amounts as decimal strings).
std::string order_to_json(const SandboxOrder& order,
                          const std::vector<const SandboxRefund*>& refunds);
std::string refund_to_json(const SandboxRefund& refund);

}  // namespace refundkit::sandbox::detail
