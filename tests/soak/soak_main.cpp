// refundkit-soak [refunds] [threads] [seed] [provider] [--batch[=CONCURRENCY]]: the soak at full
// size (default komfortkasse), printing its figures. With --batch the refunds go out as `threads`
// batches at once (stream_refunds), drawing from one queue, with up to CONCURRENCY (default 16)
// in flight each.
// Exits 1 if any refund was doubled, lost or invented.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "soak.hpp"
#include "soak_vendors.hpp"

int main(int argc, char** argv) {
  refundkit::soak::SoakOptions options;
  std::vector<std::string> positional;
  bool usage_error = false;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--batch") {
      options.batch = true;
    } else if (argument.rfind("--batch=", 0) == 0) {
      options.batch = true;
      const long concurrency = std::atol(argument.c_str() + 8);
      usage_error = usage_error || concurrency <= 0;
      options.batch_concurrency = concurrency > 0 ? static_cast<std::size_t>(concurrency) : 1;
    } else if (argument.rfind("--", 0) == 0) {
      usage_error = true;
    } else {
      positional.push_back(argument);
    }
  }
  if (positional.size() > 0) options.refunds = std::atoi(positional[0].c_str());
  if (positional.size() > 1) options.threads = std::atoi(positional[1].c_str());
  if (positional.size() > 2) options.seed = std::strtoull(positional[2].c_str(), nullptr, 10);
  if (positional.size() > 3) options.provider = positional[3];
  const auto providers = refundkit::soak::soak_providers();
  if (usage_error || positional.size() > 4 || options.refunds <= 0 || options.threads <= 0 ||
      std::find(providers.begin(), providers.end(), options.provider) == providers.end()) {
    std::cerr << "usage: refundkit-soak [refunds] [threads] [seed] "
                 "[komfortkasse|optty|afterpay|skippay] [--batch[=CONCURRENCY]]\n";
    return 2;
  }
  const refundkit::soak::SoakReport report = refundkit::soak::run_soak(options);
  std::cout << refundkit::soak::format_report(report);
  const bool exact = report.exactly_once();
  std::cout << (exact ? "exactly once: yes\n" : "exactly once: NO\n");
  return exact ? 0 : 1;
}
