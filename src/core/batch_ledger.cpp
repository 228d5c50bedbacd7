#include "core/batch_ledger.hpp"

#include <utility>

namespace refundkit::internal {

BatchLedger::BatchLedger(const RefundSource& next, const RefundSink& sink,
                         const BatchOptions& options)
    : next_(next), sink_(sink), options_(options) {
  progress_.total = options.total;
}

std::optional<BatchLedger::Admitted> BatchLedger::admit(std::size_t window) {
  if (exhausted_ || stopping() || held_.size() >= window) return std::nullopt;
  std::optional<RefundRequest> request;
  try {
    request = next_();
  } catch (...) {
    // A source that fails (a file that cannot be read further) ends the batch like a throwing
    // sink: what is in flight finishes and reaches the sink, then the exception comes out.
    stop(std::current_exception());
    exhausted_ = true;
    return std::nullopt;
  }
  if (!request) {
    exhausted_ = true;
    return std::nullopt;
  }
  held_.emplace_back();
  return Admitted{admitted_++, std::move(*request)};
}

void BatchLedger::settle(std::size_t index, Result<Refund> outcome) {
  const std::size_t first_held = admitted_ - held_.size();
  held_[index - first_held] = std::move(outcome);
  deliver_ready();
}

bool BatchLedger::stopping() noexcept {
  // Latched: a flag cleared again (reused for the next batch) must not leave this one's
  // remaining requests undelivered.
  if (options_.cancel != nullptr && options_.cancel->load(std::memory_order_relaxed)) {
    cancelled_ = true;
  }
  return cancelled_ || thrown_ != nullptr;
}

void BatchLedger::stop(std::exception_ptr failure) noexcept {
  if (!thrown_) thrown_ = std::move(failure);
}

void BatchLedger::close() {
  if (stopping()) cancel_rest();
  if (thrown_) std::rethrow_exception(thrown_);
}

void BatchLedger::deliver_ready() {
  while (!held_.empty() && held_.front().has_value()) {
    Result<Refund> outcome = std::move(*held_.front());
    held_.pop_front();
    const std::size_t index = admitted_ - held_.size() - 1;
    ++progress_.done;
    if (!outcome) ++progress_.failed;
    // After a throw the sink still gets every outcome: a refund it never hears of might be made
    // again. The first exception is the one rethrown.
    try {
      sink_(index, std::move(outcome));
    } catch (...) {
      stop(std::current_exception());
    }
    // A progress display must never stop refunds, nor lose create_refunds' outcomes.
    try {
      if (options_.on_progress) options_.on_progress(progress_);
    } catch (...) {
    }
  }
}

void BatchLedger::cancel_rest() {
  while (!exhausted_) {
    std::optional<RefundRequest> request;
    try {
      request = next_();
    } catch (...) {
      stop(std::current_exception());
      break;
    }
    if (!request) break;
    held_.emplace_back(cancelled_before_sending());
    ++admitted_;
    deliver_ready();
  }
  exhausted_ = true;
}

Error cancelled_before_sending() {
  return Error{ErrorKind::cancelled,
               "the batch was cancelled before this refund was sent; nothing was sent"};
}

}  // namespace refundkit::internal
