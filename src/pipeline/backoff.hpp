#pragma once

#include <chrono>
#include <cstdint>

#include "refundkit/retry_policy.hpp"

namespace refundkit::internal {

/// The full-jitter delay before retry `retry_number` (1 = before the second attempt): uniform in
/// [0, min(max_backoff, initial_backoff * 2^(retry_number - 1))], drawn from `random_bits`
/// (reduced modulo the range: the bias is below range / 2^64, far under anything observable).
/// Saturates instead of overflowing for any retry number; a retry number below 1 counts as 1,
/// and a negative backoff as 0.
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry_number,
                                        std::uint64_t random_bits) noexcept;

/// The policy's injected functions, or the real ones when they are empty.
/// policy.now(), or std::chrono::system_clock::now().
std::chrono::system_clock::time_point policy_now(const RetryPolicy& policy);
/// policy.sleep(delay), or std::this_thread::sleep_for(delay) (nothing for delay <= 0).
void policy_sleep(const RetryPolicy& policy, std::chrono::milliseconds delay);
/// policy.random(), or the next value of this thread's std::mt19937_64, seeded from
/// std::random_device on the thread's first use.
std::uint64_t policy_random(const RetryPolicy& policy);

}  // namespace refundkit::internal
