#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "json_text.hpp"
#include "refundkit/sandbox/sandbox.hpp"
#include "state_store.hpp"

namespace refundkit::sandbox::detail::afterpay {

/// What a Riverty refund has beyond the shared ledger row (SandboxRefund), for the read-back.
struct RefundDetails {
  std::vector<JsonNode> items;  ///< As sent; empty for a full refund.
  std::optional<std::string> transaction_reference;
  std::optional<std::string> parent_transaction_reference;
  std::string inserted_at;  ///< utc_timestamp()
};

/// By refundId, which the ledger row carries as SandboxRefund::vendor_reference. Keyed by a
/// GUID that never repeats, so the details of refunds a replaced order lost are never mistaken
/// for a new refund's.
using RefundDetailsById = std::map<std::string, RefundDetails>;

/// GET /api/v3/orders/{orderNumber}: {orderDetails, captures, cancellations, refunds}.
std::string order_read_json(const StoredOrder& order,
                            const std::vector<const SandboxRefund*>& refunds,
                            const RefundDetailsById& details);

/// GET .../refunds and .../refunds/{refundNumber}: {"refunds": [...]}.
std::string refunds_read_json(const StoredOrder& order,
                              const std::vector<const SandboxRefund*>& refunds,
                              const RefundDetailsById& details);

}  // namespace refundkit::sandbox::detail::afterpay
