#include "vendor_registry.hpp"

#include <chrono>
#include <utility>

#include "komfortkasse_emulator.hpp"

namespace refundkit::sandbox {

std::vector<std::string> hosted_providers() { return {detail::kKomfortkasseProvider}; }

namespace detail {

namespace {

// SandboxOptions::today, or else Berlin's date by SandboxOptions::now (or the system clock).
std::function<std::string()> today_of(const SandboxOptions& options) {
  if (options.today) return options.today;
  auto now = options.now ? options.now : std::function<std::chrono::system_clock::time_point()>([] {
    return std::chrono::system_clock::now();
  });
  return [now = std::move(now)] { return berlin_date(now()); };
}

}  // namespace

std::vector<std::unique_ptr<VendorEmulator>> make_vendor_emulators(StateStore& store,
                                                                   const SandboxOptions& options) {
  std::vector<std::unique_ptr<VendorEmulator>> vendors;
  vendors.push_back(std::make_unique<KomfortkasseEmulator>(store, options.komfortkasse_api_key,
                                                           today_of(options)));
  return vendors;
}

}  // namespace detail
}  // namespace refundkit::sandbox
