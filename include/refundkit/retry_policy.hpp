#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace refundkit {

/// How a client retries. Only what cannot pay a customer twice is ever retried:
///  - a request that certainly never left (DNS, connect, TLS: ErrorKind::network);
///  - a 429 (the vendor refused to process it), after its Retry-After when it gives one;
///  - only where the vendor deduplicates (Komfortkasse by the unique reference, after a
///    read-back; Riverty by its idempotency key): a 5xx, a timeout or a drop after sending.
/// A vendor without deduplication (Skip Pay) is never sent a refund twice.
///
/// Delays are exponential with full jitter: before retry n (n = 1, 2, ...) a uniform random time
/// in [0, min(max_backoff, initial_backoff * 2^(n-1))], or the vendor's Retry-After when that is
/// longer. No attempt starts after total_deadline (measured from the call's start on `now`): a
/// Retry-After beyond it ends the call with the vendor's answer and Error::retry_after set.
struct RetryPolicy {
  /// Attempts in all, the first included: 1 never retries.
  int max_attempts = 3;
  std::chrono::milliseconds initial_backoff{500};
  std::chrono::milliseconds max_backoff{std::chrono::seconds(5)};
  std::chrono::milliseconds total_deadline{std::chrono::seconds(60)};

  // Injectable so that tests never sleep; empty means the real one. Must be thread-safe.
  /// The clock for deadlines and for Retry-After dates (default: std::chrono::system_clock).
  std::function<std::chrono::system_clock::time_point()> now;
  /// Waits before a retry (default: std::this_thread::sleep_for).
  std::function<void(std::chrono::milliseconds)> sleep;
  /// Uniform random bits for the jitter (default: a per-thread generator seeded from
  /// std::random_device).
  std::function<std::uint64_t()> random;

  /// A policy that never retries.
  static RetryPolicy none() {
    RetryPolicy policy;
    policy.max_attempts = 1;
    return policy;
  }
};

}  // namespace refundkit
