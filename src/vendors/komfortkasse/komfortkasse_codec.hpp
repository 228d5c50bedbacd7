#pragma once

#include "pipeline/refund_codec.hpp"
#include "refundkit/komfortkasse.hpp"

namespace refundkit::vendors::komfortkasse {

/// Komfortkasse's wire format for the shared pipeline. Deduplication by the unique
/// externalReference; read-back through the order's refunds.
class KomfortkasseCodec final : public internal::RefundCodec {
 public:
  explicit KomfortkasseCodec(KomfortkasseOptions options);

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
  // Komfortkasse judges "in the future" by Berlin's date, not UTC's.
  Date today() const;

  const KomfortkasseOptions options_;
};

}  // namespace refundkit::vendors::komfortkasse
