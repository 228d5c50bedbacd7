#pragma once

#include "pipeline/refund_codec.hpp"
#include "refundkit/afterpay.hpp"

namespace refundkit::vendors::afterpay {

/// Riverty's wire format for the shared pipeline. Deduplication by X-Idempotency-Key (a resend
/// after a doubtful attempt is replayed, not executed again); read-back through the order's
/// refunds, matched on transactionReference.
class AfterPayCodec final : public internal::RefundCodec {
 public:
  explicit AfterPayCodec(AfterPayOptions options);

  std::string_view provider() const noexcept override;
  std::string_view vendor_name() const noexcept override;
  internal::Deduplication deduplication() const noexcept override;

  Result<internal::PreparedRefund> prepare_create(const RefundRequest& request) const override;
  Result<Refund> interpret_create(const internal::PreparedRefund& sent,
                                  const HttpResponse& response) const override;

  bool can_find() const noexcept override { return true; }
  Result<HttpRequest> prepare_find(std::string_view order_id,
                                   std::string_view reference) const override;
  internal::FindAnswer interpret_find(std::string_view order_id, std::string_view reference,
                                      const HttpResponse& response) const override;

  std::vector<std::string> secrets() const override;

 private:
  const AfterPayOptions options_;
};

}  // namespace refundkit::vendors::afterpay
