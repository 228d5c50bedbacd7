#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace refundkit::bench {

/// The value below which `fraction` of the samples lie (nearest rank); 0 for no samples.
inline double percentile(std::vector<double> samples, double fraction) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  const auto rank = static_cast<std::size_t>(fraction * static_cast<double>(samples.size() - 1));
  return samples[rank];
}

inline double median(const std::vector<double>& samples) { return percentile(samples, 0.5); }

}  // namespace refundkit::bench
