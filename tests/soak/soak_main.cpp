// refundkit-soak [refunds] [threads] [seed] [provider]: the soak at full size (default
// komfortkasse), printing its figures.
// Exits 1 if any refund was doubled, lost or invented.
#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "soak.hpp"
#include "soak_vendors.hpp"

int main(int argc, char** argv) {
  refundkit::soak::SoakOptions options;
  if (argc > 1) options.refunds = std::atoi(argv[1]);
  if (argc > 2) options.threads = std::atoi(argv[2]);
  if (argc > 3) options.seed = std::strtoull(argv[3], nullptr, 10);
  if (argc > 4) options.provider = argv[4];
  const auto providers = refundkit::soak::soak_providers();
  if (options.refunds <= 0 || options.threads <= 0 ||
      std::find(providers.begin(), providers.end(), options.provider) == providers.end()) {
    std::cerr << "usage: refundkit-soak [refunds] [threads] [seed] "
                 "[komfortkasse|optty|afterpay|skippay]\n";
    return 2;
  }
  const refundkit::soak::SoakReport report = refundkit::soak::run_soak(options);
  std::cout << refundkit::soak::format_report(report);
  const bool exact = report.doubles == 0 && report.losses == 0 && report.phantoms == 0;
  std::cout << (exact ? "exactly once: yes\n" : "exactly once: NO\n");
  return exact ? 0 : 1;
}
