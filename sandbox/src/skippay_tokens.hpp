#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <string_view>

namespace refundkit::sandbox::detail {

/// The partner access tokens Skip Pay has issued and when each expires (by the sandbox clock).
/// Thread-safe: the token endpoint and every API call use it concurrently.
class SkipPayTokens {
 public:
  using TimePoint = std::chrono::system_clock::time_point;
  enum class Verdict { valid, unknown, expired };

  SkipPayTokens();

  /// A new opaque token that is valid from `now` until `now + lifetime` (exclusive).
  std::string issue(TimePoint now, std::chrono::seconds lifetime);
  Verdict check(std::string_view token, TimePoint now) const;
  /// Forgets every token (a sandbox reset).
  void forget_all();

 private:
  mutable std::mutex mutex_;
  std::map<std::string, TimePoint, std::less<>> expiries_;
  std::mt19937_64 random_;
  std::uint64_t issued_ = 0;
};

}  // namespace refundkit::sandbox::detail
