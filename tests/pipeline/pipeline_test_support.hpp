#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <vector>

#include "refundkit/retry_policy.hpp"

namespace refundkit::pipeline_test {

/// A clock that moves only when the code under test sleeps, and records every sleep: retry
/// tests never wait.
class FakeClock {
 public:
  RetryPolicy policy(int max_attempts = 3) {
    RetryPolicy policy;
    policy.max_attempts = max_attempts;
    policy.now = [this] {
      std::lock_guard<std::mutex> lock(mutex_);
      return now_;
    };
    policy.sleep = [this](std::chrono::milliseconds delay) {
      std::lock_guard<std::mutex> lock(mutex_);
      sleeps_.push_back(delay);
      now_ += delay;
    };
    policy.random = [this] {
      std::lock_guard<std::mutex> lock(mutex_);
      return random_bits_;
    };
    return policy;
  }

  void set_random_bits(std::uint64_t bits) {
    std::lock_guard<std::mutex> lock(mutex_);
    random_bits_ = bits;
  }
  void advance(std::chrono::milliseconds by) {
    std::lock_guard<std::mutex> lock(mutex_);
    now_ += by;
  }
  std::chrono::system_clock::time_point now() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return now_;
  }
  std::vector<std::chrono::milliseconds> sleeps() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return sleeps_;
  }

 private:
  mutable std::mutex mutex_;
  // 2026-06-01T00:00:00Z: Retry-After dates are written relative to it.
  std::chrono::system_clock::time_point now_{std::chrono::seconds(1780272000)};
  std::vector<std::chrono::milliseconds> sleeps_;
  std::uint64_t random_bits_ = 400;
};

}  // namespace refundkit::pipeline_test
