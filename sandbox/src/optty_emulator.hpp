#pragma once

#include "refundkit/sandbox/sandbox.hpp"
#include "state_store.hpp"
#include "vendor_emulator.hpp"

namespace refundkit::sandbox::detail {

inline constexpr const char* kOpttyProvider = "optty";

/// Optty Merchant API 1.0 (vendor-docs/001): the client-credentials token endpoint, create a
/// refund, read an order and its details.
class OpttyEmulator : public VendorEmulator {
 public:
  OpttyEmulator(StateStore& store, const SandboxOptions& options, SandboxClock now);

  std::string_view provider() const override { return kOpttyProvider; }
  std::string_view path_prefix() const override { return "/optty"; }
  void register_routes(Router& router) override;

 private:
  StateStore& store_;
  const SandboxOptions& options_;
  SandboxClock now_;
};

}  // namespace refundkit::sandbox::detail
