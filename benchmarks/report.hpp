#pragma once

// The end of a run: the machine it ran on and one table of every figure against its baseline.

#include <string>
#include <vector>

namespace refundkit::bench {

struct Figure {
  std::string name;
  std::string measured;
  std::string baseline;
  std::string ratio;
  std::string target;
};

/// "nproc 2, <CPU model>, libcurl 7.88.1": what the figures depend on.
std::string machine_description();

void print_table(const std::vector<Figure>& figures);

/// printf into a std::string.
std::string format(const char* pattern, ...) __attribute__((format(printf, 1, 2)));

}  // namespace refundkit::bench
