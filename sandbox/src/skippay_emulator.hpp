#pragma once

#include "refundkit/sandbox/sandbox.hpp"
#include "state_store.hpp"
#include "vendor_emulator.hpp"

namespace refundkit::sandbox::detail {

inline constexpr const char* kSkipPayProvider = "skippay";

/// The Skip Pay financing API (vendor-docs/003): the partner token, refunds of applications, the
/// application read.
class SkipPayEmulator : public VendorEmulator {
 public:
  SkipPayEmulator(StateStore& store, const SandboxOptions& options, SandboxClock now);

  std::string_view provider() const override { return kSkipPayProvider; }
  std::string_view path_prefix() const override { return "/skippay"; }
  void register_routes(Router& router) override;

 private:
  StateStore& store_;
  const SandboxOptions& options_;
  SandboxClock now_;
};

}  // namespace refundkit::sandbox::detail
