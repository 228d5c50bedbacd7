#pragma once

// The other programs of a run (wrk, Python, this program re-executed for a fresh heap), started
// through the shell and read back from their standard output.

#include <optional>
#include <string>
#include <vector>

namespace refundkit::bench {

struct CommandOutput {
  int exit_status = -1;  ///< The exit code, or -1 when it did not exit normally.
  std::string output;    ///< Its standard output (standard error goes to ours).
};

/// Runs `arguments` (each quoted for the shell) and waits for it.
CommandOutput run_command(const std::vector<std::string>& arguments);

/// The number after the first `key` in `text` ("Requests/sec:", "seconds="), if any.
std::optional<double> number_after(const std::string& text, const std::string& key);

/// This program's own path, to run it again as a child.
std::string own_executable();

}  // namespace refundkit::bench
