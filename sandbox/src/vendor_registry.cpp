#include "vendor_registry.hpp"

#include <chrono>
#include <utility>

#include "afterpay_emulator.hpp"
#include "komfortkasse_emulator.hpp"
#include "optty_emulator.hpp"
#include "skippay_emulator.hpp"

namespace refundkit::sandbox {

std::vector<std::string> hosted_providers() {
  return {detail::kKomfortkasseProvider, detail::kOpttyProvider, detail::kAfterPayProvider,
          detail::kSkipPayProvider};
}

namespace detail {

namespace {

SandboxClock clock_of(const SandboxOptions& options) {
  if (options.now) return options.now;
  return [] { return std::chrono::system_clock::now(); };
}

// SandboxOptions::today, or else Berlin's date by the sandbox's clock.
std::function<std::string()> today_of(const SandboxOptions& options) {
  if (options.today) return options.today;
  return [now = clock_of(options)] { return berlin_date(now()); };
}

}  // namespace

std::vector<std::unique_ptr<VendorEmulator>> make_vendor_emulators(StateStore& store,
                                                                   const SandboxOptions& options) {
  std::vector<std::unique_ptr<VendorEmulator>> vendors;
  vendors.push_back(std::make_unique<KomfortkasseEmulator>(store, options.komfortkasse_api_key,
                                                           today_of(options)));
  vendors.push_back(std::make_unique<OpttyEmulator>(store, options, clock_of(options)));
  vendors.push_back(std::make_unique<AfterPayEmulator>(store, options, clock_of(options)));
  vendors.push_back(std::make_unique<SkipPayEmulator>(store, options, clock_of(options)));
  return vendors;
}

}  // namespace detail
}  // namespace refundkit::sandbox
