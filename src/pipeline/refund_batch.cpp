#include "pipeline/refund_batch.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "pipeline/create_call.hpp"

namespace refundkit::internal {
namespace {

using Clock = std::chrono::steady_clock;

/// The longest the loop waits without looking at the cancel flag.
constexpr std::chrono::milliseconds kLongestPoll{50};

/// How many outcomes may wait for an earlier one (for input order) per slot, before the batch
/// stops taking new requests: bounds memory when one refund is slow (a long Retry-After).
constexpr std::size_t kHeldOutcomesPerSlot = 64;

class Batch {
 public:
  Batch(const RefundCodec& codec, const RetryPolicy& policy, ExchangeLoop& loop,
        std::size_t concurrency, BatchLedger& ledger,
        const std::function<Result<Refund>(Result<Refund>)>& finish)
      : codec_(codec),
        policy_(policy),
        loop_(loop),
        ledger_(ledger),
        finish_(finish),
        window_(concurrency * kHeldOutcomesPerSlot),
        slots_(concurrency) {}

  void run() {
    for (;;) {
      fill_free_slots();
      if (busy_ == 0) return;
      wake_due_slots();
      loop_.poll(time_to_next_wake());
    }
  }

 private:
  struct Slot {
    std::size_t index = 0;
    /// Counts the refunds the slot has held: a completion that outlives its refund (its start
    /// threw after the exchange was registered) must not touch the next one.
    std::uint64_t generation = 0;
    std::optional<CreateCall> call;            // set while the slot holds a refund
    std::optional<Clock::time_point> wake_at;  // set while the call waits
  };

  void fill_free_slots() {
    for (Slot& slot : slots_) {
      while (!slot.call) {
        std::optional<BatchLedger::Admitted> admitted = ledger_.admit(window_);
        if (!admitted) return;
        ++busy_;
        ++slot.generation;
        slot.index = admitted->index;
        slot.call.emplace(codec_, policy_);
        // May end at once (a request refused before sending), freeing the slot again.
        guarded(slot, [&] { return slot.call->begin(admitted->request); });
      }
    }
  }

  /// Takes the call one step, and on as far as it can go without waiting. Nothing may escape
  /// from here: a slot left half done would hang the batch, and a refund whose outcome never
  /// reaches the sink might be made again. Whatever is thrown (bad_alloc, an injected sleep)
  /// ends the refund as outcome_unknown, since a request may have left, and stops the batch.
  template <typename Step>
  void guarded(Slot& slot, Step&& next_step) {
    try {
      advance(slot, next_step());
    } catch (...) {
      ledger_.stop(std::current_exception());
      end(slot, Error{ErrorKind::outcome_unknown,
                      "refundkit failed while making this refund in a batch, so it may have "
                      "been sent: look it up, or call again with the same reference"});
    }
  }

  void advance(Slot& slot, CallStep step) {
    for (;;) {
      switch (step.kind) {
        case CallStep::Kind::send:
          loop_.start(*step.request,
                      [this, &slot, generation = slot.generation](Result<HttpResponse> answer) {
                        if (!slot.call || slot.generation != generation) return;
                        guarded(slot, [&] { return slot.call->on_answer(std::move(answer)); });
                      });
          return;
        case CallStep::Kind::wait:
          if (policy_.sleep) {
            if (step.delay.count() > 0) policy_.sleep(step.delay);
            step = slot.call->on_waited();
            continue;
          }
          slot.wake_at = Clock::now() + step.delay;
          return;
        case CallStep::Kind::done:
          end(slot, finish_(slot.call->take_outcome()));
          return;
      }
    }
  }

  void end(Slot& slot, Result<Refund> outcome) {
    if (!slot.call) return;
    slot.call.reset();
    slot.wake_at.reset();
    --busy_;
    ledger_.settle(slot.index, std::move(outcome));
  }

  void wake_due_slots() {
    const Clock::time_point now = Clock::now();
    for (Slot& slot : slots_) {
      if (slot.wake_at && *slot.wake_at <= now) {
        slot.wake_at.reset();
        guarded(slot, [&] { return slot.call->on_waited(); });
      }
    }
  }

  std::chrono::milliseconds time_to_next_wake() const {
    std::optional<Clock::time_point> next;
    for (const Slot& slot : slots_) {
      if (slot.wake_at && (!next || *slot.wake_at < *next)) next = slot.wake_at;
    }
    if (!next) return kLongestPoll;
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(*next - Clock::now());
    return std::clamp(left, std::chrono::milliseconds(0), kLongestPoll);
  }

  const RefundCodec& codec_;
  const RetryPolicy& policy_;
  ExchangeLoop& loop_;
  BatchLedger& ledger_;
  const std::function<Result<Refund>(Result<Refund>)>& finish_;
  const std::size_t window_;
  std::vector<Slot> slots_;  // never resized: completions hold references to slots
  std::size_t busy_ = 0;
};

}  // namespace

void run_refund_batch(const RefundCodec& codec, const RetryPolicy& policy, ExchangeLoop& loop,
                      std::size_t concurrency, BatchLedger& ledger,
                      const std::function<Result<Refund>(Result<Refund>)>& finish) {
  Batch(codec, policy, loop, concurrency, ledger, finish).run();
}

}  // namespace refundkit::internal
