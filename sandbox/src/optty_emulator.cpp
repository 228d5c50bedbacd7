#include "optty_emulator.hpp"

#include <utility>

namespace refundkit::sandbox::detail {

OpttyEmulator::OpttyEmulator(StateStore& store, const SandboxOptions& options, SandboxClock now)
    : store_(store), options_(options), now_(std::move(now)) {}

// Placeholder: the routes land with the emulator.
void OpttyEmulator::register_routes(Router&) {}

}  // namespace refundkit::sandbox::detail
