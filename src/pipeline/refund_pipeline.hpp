#pragma once

#include <memory>

#include "pipeline/refund_codec.hpp"
#include "refundkit/refund_client.hpp"
#include "refundkit/retry_policy.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::internal {

/// The one RefundClient every vendor shares. Per call:
///   validate and build (codec) -> send (transport, with its layers) -> interpret (codec)
///   -> retry what cannot pay twice, settle doubts by reading back -> scrub credentials.
///
/// What is sent again, by what the attempt's outcome proves:
///   certainly never sent (ErrorKind::network)    resent, for every vendor
///   429                                          resent after Retry-After, for every vendor
///   may have been executed (5xx, timeout, drop,  idempotency_key: resent under the same key;
///     an unreadable or mismatching 2xx)          unique_reference: read back; absent -> resent,
///                                                  found -> settled; none: never resent
///   refused with another 4xx (not 401/403/404)   read back: found -> settled, else the refusal
/// A read-back that finds the refund asked for (same order, amount, currency) returns it with
/// Refund::already_existed; one that finds another refund under the reference returns
/// duplicate_reference; one that fails leaves outcome_unknown, never a definite failure. One
/// that shows no such refund, or cannot identify refunds by reference at all, lets a refusal
/// stand, unless an earlier attempt of the call was in doubt: then the refusal may be the vendor
/// refusing that attempt's reference, and the outcome is unknown (duplicate_reference if the
/// vendor said so).
class RefundPipeline final : public RefundClient {
 public:
  RefundPipeline(std::unique_ptr<const RefundCodec> codec, std::shared_ptr<Transport> transport,
                 RetryPolicy policy);

  std::string_view provider() const noexcept override;
  Result<Refund> create_refund(const RefundRequest& request) override;
  Result<Refund> find_refund(std::string_view order_id, std::string_view reference) override;

 private:
  Result<Refund> create(const RefundRequest& request) const;
  Result<Refund> find(std::string_view order_id, std::string_view reference) const;
  Result<Refund> scrubbed(Result<Refund> outcome) const;

  const std::unique_ptr<const RefundCodec> codec_;
  const std::shared_ptr<Transport> transport_;
  const RetryPolicy policy_;
};

}  // namespace refundkit::internal
