#include "vendor_registry.hpp"

#include "komfortkasse_emulator.hpp"

namespace refundkit::sandbox {

std::vector<std::string> hosted_providers() { return {detail::kKomfortkasseProvider}; }

namespace detail {

std::vector<std::unique_ptr<VendorEmulator>> make_vendor_emulators(StateStore& store,
                                                                   const SandboxOptions& options) {
  std::vector<std::unique_ptr<VendorEmulator>> vendors;
  vendors.push_back(std::make_unique<KomfortkasseEmulator>(
      store, options.komfortkasse_api_key, options.today));  // empty: the emulator's own clock
  return vendors;
}

}  // namespace detail
}  // namespace refundkit::sandbox
