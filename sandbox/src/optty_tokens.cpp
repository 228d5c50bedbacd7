#include "optty_tokens.hpp"

#include <utility>

namespace refundkit::sandbox::detail::optty {

namespace {

std::string hex64(std::uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4)
    text[static_cast<std::size_t>(i)] = kDigits[value & 0xF];
  return text;
}

std::mt19937_64 seeded_random() {
  std::random_device device;
  std::seed_seq seed{device(), device(), device(), device()};
  return std::mt19937_64(seed);
}

}  // namespace

AccessTokens::AccessTokens(SandboxClock now) : now_(std::move(now)), random_(seeded_random()) {}

std::string AccessTokens::issue(std::chrono::seconds lifetime) {
  const TimePoint now = now_();
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = expiry_by_token_.begin(); it != expiry_by_token_.end();) {
    it = it->second <= now ? expiry_by_token_.erase(it) : std::next(it);
  }
  // Random, so that a client cannot guess one; the count makes it unique.
  std::string token = "optty-sandbox-" + hex64(random_()) + hex64(random_()) + hex64(++issued_);
  expiry_by_token_.emplace(token, now + lifetime);
  return token;
}

bool AccessTokens::is_valid(std::string_view token) const {
  const TimePoint now = now_();
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = expiry_by_token_.find(token);
  return found != expiry_by_token_.end() && now < found->second;
}

void AccessTokens::forget_all() {
  std::lock_guard<std::mutex> lock(mutex_);
  expiry_by_token_.clear();
}

}  // namespace refundkit::sandbox::detail::optty
