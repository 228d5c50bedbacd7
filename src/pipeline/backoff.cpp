#include "pipeline/backoff.hpp"

#include <algorithm>
#include <functional>
#include <random>
#include <thread>

namespace refundkit::internal {
namespace {

using std::chrono::milliseconds;

// Several words of entropy: one 32-bit random_device value would leave only 2^32 distinct
// sequences across all threads and processes.
std::mt19937_64 seeded_generator() {
  try {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(),
                       device(), device(), device(), device()};
    return std::mt19937_64(seed);
  } catch (...) {
    // No entropy source: jitter only has to differ between threads and runs, not be secret.
    const auto time =
        static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    const auto thread =
        static_cast<std::uint64_t>(std::hash<std::thread::id>()(std::this_thread::get_id()));
    return std::mt19937_64(time ^ (thread * 0x9e3779b97f4a7c15ULL));
  }
}

}  // namespace

milliseconds backoff_delay(const RetryPolicy& policy, int retry_number,
                           std::uint64_t random_bits) noexcept {
  const milliseconds::rep limit = std::max<milliseconds::rep>(0, policy.max_backoff.count());
  milliseconds::rep ceiling =
      std::min(limit, std::max<milliseconds::rep>(0, policy.initial_backoff.count()));
  // Doubling stops at the limit, so a huge retry number costs at most 63 steps and never
  // overflows.
  for (int doubling = 1; doubling < retry_number && ceiling > 0 && ceiling < limit; ++doubling) {
    ceiling = ceiling > limit / 2 ? limit : ceiling * 2;
  }
  const auto range = static_cast<std::uint64_t>(ceiling) + 1;  // [0, ceiling], both included
  return milliseconds(static_cast<milliseconds::rep>(random_bits % range));
}

std::chrono::system_clock::time_point policy_now(const RetryPolicy& policy) {
  return policy.now ? policy.now() : std::chrono::system_clock::now();
}

void policy_sleep(const RetryPolicy& policy, milliseconds delay) {
  if (policy.sleep) {
    policy.sleep(delay);
  } else if (delay > milliseconds::zero()) {
    std::this_thread::sleep_for(delay);
  }
}

std::uint64_t policy_random(const RetryPolicy& policy) {
  if (policy.random) return policy.random();
  thread_local std::mt19937_64 generator = seeded_generator();
  return generator();
}

}  // namespace refundkit::internal
