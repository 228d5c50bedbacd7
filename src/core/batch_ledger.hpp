#pragma once

#include <cstddef>
#include <deque>
#include <exception>
#include <optional>

#include "refundkit/batch.hpp"

namespace refundkit::internal {

/// The bookkeeping every batch driver shares: numbering the source's requests, handing outcomes
/// to the sink in input order, progress, cancellation, and a source or sink that throws.
class BatchLedger {
 public:
  BatchLedger(const RefundSource& next, const RefundSink& sink, const BatchOptions& options);

  BatchLedger(const BatchLedger&) = delete;
  BatchLedger& operator=(const BatchLedger&) = delete;

  /// The next request to send and its index, or nullopt when the source is exhausted, the batch
  /// is stopping, or `window` requests already wait for an outcome (which keeps the outcomes
  /// held back for input order bounded).
  struct Admitted {
    std::size_t index;
    RefundRequest request;
  };
  std::optional<Admitted> admit(std::size_t window);

  /// Records the outcome of request `index`, and hands every outcome now in order to the sink.
  void settle(std::size_t index, Result<Refund> outcome);

  /// True once cancelled (latched) or after the source or the sink threw: nothing more may be
  /// sent.
  bool stopping() noexcept;

  /// Stops the batch for `failure`, which close() rethrows (the first one, if several).
  void stop(std::exception_ptr failure) noexcept;

  /// Ends the batch: once stopping, every request the source still holds reaches the sink as
  /// cancelled (unless the source itself failed); then rethrows what stopped the batch, if
  /// anything. Call it once, after every admitted request has been settled.
  void close();

 private:
  void deliver_ready();
  void cancel_rest();

  const RefundSource& next_;
  const RefundSink& sink_;
  const BatchOptions& options_;
  bool exhausted_ = false;
  bool cancelled_ = false;
  std::size_t admitted_ = 0;
  /// Outcomes from index `delivered_` on, in order; empty slots have not ended yet.
  std::deque<std::optional<Result<Refund>>> held_;
  BatchProgress progress_;
  std::exception_ptr thrown_;
};

/// The outcome of a request the batch never sent because it was cancelled.
Error cancelled_before_sending();

}  // namespace refundkit::internal
