#pragma once

#include <memory>

#include "pipeline/refund_codec.hpp"
#include "refundkit/refund_client.hpp"
#include "refundkit/retry_policy.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::internal {

/// The one RefundClient every vendor shares: a CreateCall (see create_call.hpp for what is
/// retried and how doubts are settled) or a ReadBackCall driven through the transport and its
/// layers, with credentials scrubbed from whatever comes out.
class RefundPipeline final : public RefundClient {
 public:
  RefundPipeline(std::unique_ptr<const RefundCodec> codec, std::shared_ptr<Transport> transport,
                 RetryPolicy policy);

  std::string_view provider() const noexcept override;
  Result<Refund> create_refund(const RefundRequest& request) override;
  Result<Refund> find_refund(std::string_view order_id, std::string_view reference) override;
  /// On the transport's ExchangeLoop (curl multi) when it has one; else the sequential default.
  void stream_refunds(const RefundSource& next, const RefundSink& sink,
                      const BatchOptions& options) override;

 private:
  Result<Refund> create(const RefundRequest& request) const;
  Result<Refund> find(std::string_view order_id, std::string_view reference) const;
  Result<Refund> scrubbed(Result<Refund> outcome) const;

  const std::unique_ptr<const RefundCodec> codec_;
  const std::shared_ptr<Transport> transport_;
  const RetryPolicy policy_;
};

}  // namespace refundkit::internal
