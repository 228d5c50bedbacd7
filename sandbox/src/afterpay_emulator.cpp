#include "afterpay_emulator.hpp"

#include <utility>

namespace refundkit::sandbox::detail {

AfterPayEmulator::AfterPayEmulator(StateStore& store, const SandboxOptions& options,
                                   SandboxClock now)
    : store_(store), options_(options), now_(std::move(now)) {}

// Placeholder: the routes land with the emulator.
void AfterPayEmulator::register_routes(Router&) {}

}  // namespace refundkit::sandbox::detail
