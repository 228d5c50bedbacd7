#pragma once

#include <memory>
#include <vector>

#include "refundkit/sandbox/sandbox.hpp"
#include "state_store.hpp"
#include "vendor_emulator.hpp"

namespace refundkit::sandbox::detail {

/// One emulator per hosted provider (see hosted_providers()), all sharing `store`.
std::vector<std::unique_ptr<VendorEmulator>> make_vendor_emulators(StateStore& store,
                                                                   const SandboxOptions& options);

}  // namespace refundkit::sandbox::detail
