#pragma once

#include "refundkit/sandbox/sandbox.hpp"
#include "state_store.hpp"
#include "vendor_emulator.hpp"

namespace refundkit::sandbox::detail {

inline constexpr const char* kAfterPayProvider = "afterpay";

/// AfterPay / Riverty Checkout API v3 (vendor-docs/002): refunds against captures, idempotent
/// replay, the order read.
class AfterPayEmulator : public VendorEmulator {
 public:
  AfterPayEmulator(StateStore& store, const SandboxOptions& options, SandboxClock now);

  std::string_view provider() const override { return kAfterPayProvider; }
  std::string_view path_prefix() const override { return "/afterpay"; }
  void register_routes(Router& router) override;

 private:
  StateStore& store_;
  const SandboxOptions& options_;
  SandboxClock now_;
};

}  // namespace refundkit::sandbox::detail
