#pragma once

#include <chrono>
#include <functional>
#include <string_view>

#include "router.hpp"

namespace refundkit::sandbox::detail {

/// The sandbox's clock (SandboxOptions::now, or the system clock): token expiry and dates.
using SandboxClock = std::function<std::chrono::system_clock::time_point()>;

/// One emulated vendor API. Each vendor serves the orders of its provider name from the shared
/// StateStore, under its own path prefix on the one server. To add a vendor (Optty, AfterPay,
/// Skip Pay): implement this, add it to make_vendor_emulators() and hosted_providers(), and
/// register its routes (including any token endpoint) under its prefix.
class VendorEmulator {
 public:
  virtual ~VendorEmulator() = default;

  /// The provider name its orders carry, e.g. "komfortkasse".
  virtual std::string_view provider() const = 0;
  /// Where its API lives, e.g. "/komfortkasse/api/v2".
  virtual std::string_view path_prefix() const = 0;
  virtual void register_routes(Router& router) = 0;
  /// Forgets vendor-specific state kept outside the StateStore (issued tokens, idempotency
  /// keys) when the sandbox is reset.
  virtual void reset() {}
};

}  // namespace refundkit::sandbox::detail
