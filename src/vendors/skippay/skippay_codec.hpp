#pragma once

#include "pipeline/refund_codec.hpp"
#include "refundkit/skippay.hpp"

namespace refundkit::vendors::skippay {

/// Skip Pay's wire format for the shared pipeline. No deduplication: the vendor has neither an
/// idempotency key nor a merchant reference, so a refund that may have left is never resent.
/// The read-back is the application detail, which can never identify a refund (see
/// interpret_application_read). The only secret is the password (the bearer layer scrubs the
/// tokens it adds).
class SkipPayCodec final : public internal::RefundCodec {
 public:
  explicit SkipPayCodec(SkipPayOptions options);

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
  const SkipPayOptions options_;
};

}  // namespace refundkit::vendors::skippay
