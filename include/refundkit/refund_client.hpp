#pragma once

#include <string_view>

#include "refundkit/refund.hpp"
#include "refundkit/result.hpp"

namespace refundkit {

/// The provider-neutral refund interface. Every adapter implements it; merchant code depends on
/// it alone, and tests substitute refundkit::testing::MockRefundClient.
///
/// Implementations are safe to call from several threads at once.
class RefundClient {
 public:
  virtual ~RefundClient() = default;

  /// "komfortkasse", "optty", "afterpay" or "skippay".
  virtual std::string_view provider() const noexcept = 0;

  /// Validates the request, sends it once, and maps the answer. Expected outcomes (declined,
  /// over limit, unknown order) come back as an Error, never as an exception. An Error of kind
  /// outcome_unknown means the refund may exist: reconcile, or retry with the same reference.
  virtual Result<Refund> create_refund(const RefundRequest& request) = 0;
};

}  // namespace refundkit
