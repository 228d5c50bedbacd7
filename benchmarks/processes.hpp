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
  /// User and system CPU seconds of the command and its shell (getrusage of the children).
  double user_seconds = 0;
  double system_seconds = 0;
};

/// Runs `arguments` (each quoted for the shell) and waits for it. Call it from one thread at a
/// time: the CPU seconds are what this process's waited-for children used meanwhile.
CommandOutput run_command(const std::vector<std::string>& arguments);

/// The number after the first `key` in `text` ("Requests/sec:", "seconds="), if any.
std::optional<double> number_after(const std::string& text, const std::string& key);

/// User plus system CPU seconds this process has used so far, all its threads.
double own_cpu_seconds();

/// This program's own path, to run it again as a child.
std::string own_executable();

}  // namespace refundkit::bench
