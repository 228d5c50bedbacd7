#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <string_view>

#include "vendor_emulator.hpp"

namespace refundkit::sandbox::detail::optty {

/// The access tokens Optty's token endpoint has issued, each valid until its expiry by the
/// sandbox's clock. Thread-safe.
class AccessTokens {
 public:
  explicit AccessTokens(SandboxClock now);

  /// A new opaque token that expires `lifetime` from now. Forgets tokens already expired.
  std::string issue(std::chrono::seconds lifetime);
  /// Whether `token` was issued (and not forgotten) and its expiry is still ahead: a token is
  /// refused from the instant now() reaches issue time + lifetime.
  bool is_valid(std::string_view token) const;
  void forget_all();

 private:
  using TimePoint = std::chrono::system_clock::time_point;

  mutable std::mutex mutex_;
  SandboxClock now_;
  std::mt19937_64 random_;
  std::uint64_t issued_ = 0;
  std::map<std::string, TimePoint, std::less<>> expiry_by_token_;
};

}  // namespace refundkit::sandbox::detail::optty
