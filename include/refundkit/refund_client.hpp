#pragma once

#include <string_view>
#include <vector>

#include "refundkit/batch.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/result.hpp"

namespace refundkit {

/// The provider-neutral refund interface. Every adapter implements it; merchant code depends on
/// it alone, and tests substitute refundkit::testing::MockRefundClient.
///
/// Implementations are safe to call from several threads at once. New calls get a default
/// implementation, so that a merchant's own implementation or mock keeps compiling.
class RefundClient {
 public:
  virtual ~RefundClient() = default;

  /// "komfortkasse", "optty", "afterpay" or "skippay".
  virtual std::string_view provider() const noexcept = 0;

  /// Validates the request, sends it, and maps the answer. Expected outcomes (declined, over
  /// limit, unknown order) come back as an Error, never as an exception.
  ///
  /// Retries only what cannot pay twice (the client's RetryPolicy). A refund this call finds
  /// already made under the same reference, for the same order, amount and currency, comes back
  /// as a value with Refund::already_existed set: retrying after outcome_unknown is how a
  /// merchant settles it. The same reference on a different refund is duplicate_reference.
  /// outcome_unknown means the refund may exist: call again with the same reference (never a
  /// new one), or look it up with find_refund. Except Skip Pay, which cannot recognise a refund
  /// it has made: there calling again sends a second refund, so check with the vendor first.
  /// duplicate_reference means a refund with the reference exists: never refund again under a
  /// new reference without checking which it is (with Optty it may be this call's own).
  virtual Result<Refund> create_refund(const RefundRequest& request) = 0;

  /// Reads back the refund made with the merchant's `reference` for `order_id`: the refund, or
  /// ErrorKind::not_found when the vendor shows no refund with that reference.
  /// ErrorKind::outcome_unknown when it cannot tell (the read failed, or the vendor offers no
  /// read-back, which is what this default says).
  virtual Result<Refund> find_refund(std::string_view order_id, std::string_view reference);

  /// Many refunds, each made exactly as create_refund makes it (validation, retries, read-back,
  /// the same outcomes), several at once: up to BatchOptions::concurrency in flight on one
  /// thread, the calling one. Outcomes reach `sink` in input order as soon as they and all before
  /// them have ended; memory stays bounded by the concurrency, not by the number of requests.
  /// Tokens are shared as by create_refund: one fetch serves the batch, and a 401 renews once.
  ///
  /// Every request the source gives reaches the sink exactly once, cancelled or not. The
  /// source and the sink should not throw: if one does, the batch stops as if cancelled (what
  /// is in flight still finishes and reaches the sink, which keeps getting every outcome) and
  /// the first exception is rethrown at the end. What on_progress throws is ignored.
  ///
  /// Everything runs on the calling thread, the callbacks too: while the source, the sink or a
  /// token renewal works, the refunds in flight wait, and their request_timeout runs on. Keep
  /// the callbacks fast (hand outcomes to a queue rather than write each to a database).
  ///
  /// The adapters run the batch on libcurl's multi interface when they send through the built-in
  /// transport; with a Transport of the merchant's own, and in this default, the refunds are
  /// made one after another through create_refund.
  virtual void stream_refunds(const RefundSource& next, const RefundSink& sink,
                              const BatchOptions& options = {});

  /// stream_refunds over a vector: the outcomes in the requests' order. BatchOptions::total is
  /// the vector's size.
  std::vector<Result<Refund>> create_refunds(const std::vector<RefundRequest>& requests,
                                             BatchOptions options = {});
};

}  // namespace refundkit
