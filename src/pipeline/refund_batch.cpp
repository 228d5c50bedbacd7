#include "pipeline/refund_batch.hpp"

#include <algorithm>
#include <chrono>
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
    bool busy = false;
    std::size_t index = 0;
    std::optional<RefundRequest> request;
    std::optional<CreateCall> call;
    std::optional<Clock::time_point> wake_at;  // set while the call waits
  };

  void fill_free_slots() {
    for (Slot& slot : slots_) {
      while (!slot.busy) {
        std::optional<BatchLedger::Admitted> admitted = ledger_.admit(window_);
        if (!admitted) return;
        slot.busy = true;
        ++busy_;
        slot.index = admitted->index;
        slot.request = std::move(admitted->request);
        slot.call.emplace(codec_, policy_);
        advance(slot, slot.call->begin(*slot.request));  // may end at once (an invalid request)
      }
    }
  }

  void advance(Slot& slot, CallStep step) {
    for (;;) {
      switch (step.kind) {
        case CallStep::Kind::send:
          loop_.start(*step.request, [this, &slot](Result<HttpResponse> answer) {
            advance(slot, slot.call->on_answer(std::move(answer)));
          });
          return;
        case CallStep::Kind::wait:
          if (policy_.sleep) {
            policy_.sleep(step.delay);
            step = slot.call->on_waited();
            continue;
          }
          slot.wake_at = Clock::now() + step.delay;
          return;
        case CallStep::Kind::done: {
          Result<Refund> outcome = finish_(slot.call->take_outcome());
          slot.call.reset();
          slot.request.reset();
          slot.busy = false;
          --busy_;
          ledger_.settle(slot.index, std::move(outcome));
          return;
        }
      }
    }
  }

  void wake_due_slots() {
    const Clock::time_point now = Clock::now();
    for (Slot& slot : slots_) {
      if (slot.wake_at && *slot.wake_at <= now) {
        slot.wake_at.reset();
        advance(slot, slot.call->on_waited());
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
  Batch(codec, policy, loop, std::max<std::size_t>(1, concurrency), ledger, finish).run();
}

}  // namespace refundkit::internal
