#include "pipeline/retry_budget.hpp"

#include <algorithm>

#include "pipeline/backoff.hpp"
#include "pipeline/retry_after.hpp"

namespace refundkit::internal {
namespace {

using TimePoint = std::chrono::system_clock::time_point;

/// `from + by` without overflowing the clock's representation (nanoseconds here), so that a
/// policy saying "no deadline" with milliseconds::max() means just that.
TimePoint later_by(TimePoint from, std::chrono::milliseconds by) {
  if (by <= std::chrono::milliseconds::zero()) return from;
  const auto room = std::chrono::duration_cast<std::chrono::milliseconds>(TimePoint::max() - from);
  return by >= room ? TimePoint::max() : from + by;
}

}  // namespace

RetryBudget::RetryBudget(const RetryPolicy& policy)
    : RetryBudget(policy, later_by(policy_now(policy), policy.total_deadline)) {}

RetryBudget::RetryBudget(const RetryPolicy& policy, std::chrono::system_clock::time_point deadline)
    : policy_(policy), deadline_(deadline) {}

std::optional<std::chrono::milliseconds> RetryBudget::delay_before_retry(
    std::optional<std::chrono::seconds> retry_after) const {
  if (attempts_ >= policy_.max_attempts) return std::nullopt;
  std::chrono::milliseconds delay = backoff_delay(policy_, attempts_, policy_random(policy_));
  if (retry_after) delay = std::max<std::chrono::milliseconds>(delay, *retry_after);
  if (later_by(policy_now(policy_), delay) > deadline_) return std::nullopt;
  return delay;
}

std::optional<std::chrono::seconds> retry_after_of(const RetryPolicy& policy,
                                                   const HttpResponse& response) {
  const std::string_view value = response.header("Retry-After");
  if (value.empty()) return std::nullopt;
  return parse_retry_after(value, policy_now(policy));
}

}  // namespace refundkit::internal
