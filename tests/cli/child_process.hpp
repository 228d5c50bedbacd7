#pragma once

#include <string>
#include <vector>

namespace refundkit::test {

struct ProcessResult {
  int exit_code = -1;  ///< -1 when the process did not exit normally.
  std::string out;
  std::string err;
};

/// Runs program with args and exactly the given environment ("NAME=value"), no stdin, and waits
/// for it; kills it and fails the result (exit_code -1) after timeout_seconds.
ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::vector<std::string>& environment, int timeout_seconds = 60);

}  // namespace refundkit::test
