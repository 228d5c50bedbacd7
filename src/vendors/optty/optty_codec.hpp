#pragma once

#include "pipeline/refund_codec.hpp"
#include "refundkit/optty.hpp"

namespace refundkit::vendors::optty {

/// Optty's wire format for the shared pipeline. Deduplication by the refundReference, unique per
/// merchant; read-back through the order details when a merchant id is configured. The bearer
/// token is not the codec's: the client's BearerTokenTransport adds it (and scrubs it).
class OpttyCodec final : public internal::RefundCodec {
 public:
  explicit OpttyCodec(OpttyOptions options);

  std::string_view provider() const noexcept override;
  std::string_view vendor_name() const noexcept override;
  internal::Deduplication deduplication() const noexcept override;

  Result<internal::PreparedRefund> prepare_create(const RefundRequest& request) const override;
  Result<Refund> interpret_create(const internal::PreparedRefund& sent,
                                  const HttpResponse& response) const override;

  /// Only with OpttyOptions::merchant_id: the order details call needs it.
  bool can_find() const noexcept override;
  Result<HttpRequest> prepare_find(std::string_view order_id,
                                   std::string_view reference) const override;
  internal::FindAnswer interpret_find(std::string_view order_id, std::string_view reference,
                                      const HttpResponse& response) const override;

  std::vector<std::string> secrets() const override;

 private:
  const OpttyOptions options_;
};

}  // namespace refundkit::vendors::optty
