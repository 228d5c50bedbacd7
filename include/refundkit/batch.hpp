#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>

#include "refundkit/refund.hpp"
#include "refundkit/result.hpp"

namespace refundkit {

/// How far a batch has got: handed to BatchOptions::on_progress each time a refund ends.
struct BatchProgress {
  std::size_t done = 0;    ///< Refunds whose outcome has been handed to the sink.
  std::size_t total = 0;   ///< BatchOptions::total (0 when the caller did not say).
  std::size_t failed = 0;  ///< Of `done`, those that ended with an Error (outcome_unknown too).
};

/// The most refunds a batch keeps in flight: beyond it a vendor sees a connection storm, not a
/// faster batch.
inline constexpr std::size_t kMaxBatchConcurrency = 256;

struct BatchOptions {
  /// Refunds in flight at once (0 counts as 1, more than kMaxBatchConcurrency as that). Each
  /// holds one kept-alive connection of its own over HTTP/1.1, or one stream of a shared
  /// connection where the vendor speaks HTTP/2.
  std::size_t concurrency = 16;
  /// Called on the batch's thread after each outcome reaches the sink. Must be cheap; what it
  /// throws is ignored (a progress display never stops refunds).
  std::function<void(const BatchProgress&)> on_progress;
  /// When it becomes true (set it from any thread), no further refund is sent: those in flight
  /// finish (their retries and read-backs included), and every one not yet sent ends as
  /// ErrorKind::cancelled. Must outlive the call.
  const std::atomic<bool>* cancel = nullptr;
  /// How many requests the source will give: only for BatchProgress::total.
  std::size_t total = 0;
};

/// The batch's next request, or nullopt when there are no more. Called on the batch's thread,
/// only when a slot is free: a source that reads a file keeps only what is in flight in memory.
using RefundSource = std::function<std::optional<RefundRequest>()>;

/// Each request's outcome, exactly what create_refund would have returned for it, handed over in
/// input order (`index` counts the source's requests from 0) on the batch's thread.
using RefundSink = std::function<void(std::size_t index, Result<Refund> outcome)>;

}  // namespace refundkit
