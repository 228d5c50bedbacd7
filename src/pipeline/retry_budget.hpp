#pragma once

#include <chrono>
#include <optional>

#include "refundkit/retry_policy.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::internal {

/// The attempts of one request within one call: how many were started, and whether another may
/// start (RetryPolicy::max_attempts, and a deadline that bounds the whole call, read-backs
/// included).
class RetryBudget {
 public:
  /// The deadline is the policy's total_deadline from now.
  explicit RetryBudget(const RetryPolicy& policy);
  /// A fresh attempt count under an existing deadline (a read-back within a create call).
  RetryBudget(const RetryPolicy& policy, std::chrono::system_clock::time_point deadline);

  const RetryPolicy& policy() const noexcept { return policy_; }
  int attempts() const noexcept { return attempts_; }
  std::chrono::system_clock::time_point deadline() const noexcept { return deadline_; }
  void count_attempt() noexcept { ++attempts_; }

  /// When another attempt is allowed, the wait before it: the backoff, or `retry_after` when
  /// longer. nullopt when max_attempts have been made or the wait would end after the deadline.
  /// The caller does the waiting (policy_sleep, or a timer of the batch's loop).
  std::optional<std::chrono::milliseconds> delay_before_retry(
      std::optional<std::chrono::seconds> retry_after) const;

 private:
  const RetryPolicy& policy_;
  std::chrono::system_clock::time_point deadline_;
  int attempts_ = 0;
};

/// The answer's Retry-After as a duration from now on the policy's clock; nullopt when absent or
/// unreadable (junk is ignored, never an error).
std::optional<std::chrono::seconds> retry_after_of(const RetryPolicy& policy,
                                                   const HttpResponse& response);

}  // namespace refundkit::internal
