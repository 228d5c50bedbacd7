#include "report.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <fstream>
#include <thread>

namespace refundkit::bench {
namespace {

std::string cpu_model() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0) {
      const std::size_t colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(' ', colon + 1));
    }
  }
  return "unknown CPU";
}

}  // namespace

std::string format(const char* pattern, ...) {
  char buffer[512];
  va_list arguments;
  va_start(arguments, pattern);
  std::vsnprintf(buffer, sizeof buffer, pattern, arguments);
  va_end(arguments);
  return buffer;
}

std::string machine_description() {
  // The version libcurl reports at run time: the one the figures were measured with.
  const curl_version_info_data* curl = curl_version_info(CURLVERSION_NOW);
  return format("nproc %u, %s, libcurl %s", std::thread::hardware_concurrency(),
                cpu_model().c_str(), curl != nullptr ? curl->version : "?");
}

void print_table(const std::vector<Figure>& figures) {
  const Figure header{"figure", "measured", "baseline", "ratio", "target"};
  std::size_t widths[5] = {0, 0, 0, 0, 0};
  const auto widen = [&](const Figure& figure) {
    const std::string* cells[5] = {&figure.name, &figure.measured, &figure.baseline, &figure.ratio,
                                   &figure.target};
    for (int i = 0; i < 5; ++i) widths[i] = std::max(widths[i], cells[i]->size());
  };
  widen(header);
  for (const Figure& figure : figures) widen(figure);
  const auto print = [&](const Figure& figure) {
    std::printf("%-*s | %*s | %-*s | %*s | %s\n", static_cast<int>(widths[0]), figure.name.c_str(),
                static_cast<int>(widths[1]), figure.measured.c_str(), static_cast<int>(widths[2]),
                figure.baseline.c_str(), static_cast<int>(widths[3]), figure.ratio.c_str(),
                figure.target.c_str());
  };
  print(header);
  std::printf(
      "%s\n",
      std::string(widths[0] + widths[1] + widths[2] + widths[3] + widths[4] + 12, '-').c_str());
  for (const Figure& figure : figures) print(figure);
}

}  // namespace refundkit::bench
