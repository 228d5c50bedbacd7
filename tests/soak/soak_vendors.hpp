#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "refundkit/refundkit.hpp"
#include "refundkit/sandbox/sandbox.hpp"

namespace refundkit::soak {

/// How one vendor takes part in the soak: its orders, its client, its requests, and how its
/// sandbox ledger names a refund.
struct SoakVendor {
  std::string provider;     ///< "komfortkasse", "optty", "afterpay", "skippay"
  std::string path_prefix;  ///< Faults apply to this vendor's paths only, token endpoint included.
  /// Adds the soak's orders (enough for `refunds` refunds) to a sandbox without default orders.
  std::function<void(sandbox::Sandbox&, int refunds)> add_orders;
  std::function<std::unique_ptr<RefundClient>(const sandbox::Sandbox&, std::shared_ptr<Transport>,
                                              RetryPolicy)>
      make_client;
  std::function<RefundRequest(int index)> request_for;
  /// The vendor recognises a resent refund (a reference it refuses, a key it replays), so a
  /// merchant may call again after outcome_unknown. Skip Pay: false, and every order gets one
  /// refund, so that the ledger can tell a double without a reference.
  bool merchant_may_retry = true;
  /// The ledger names a refund by its order (Skip Pay, one refund per application) rather than
  /// by the merchant reference.
  bool refunds_named_by_order = false;
};

/// The four vendors; throws std::invalid_argument for another name.
SoakVendor soak_vendor(const std::string& provider);
std::vector<std::string> soak_providers();

}  // namespace refundkit::soak
