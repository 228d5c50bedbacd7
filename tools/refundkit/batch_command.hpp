#pragma once

#include <atomic>
#include <cstddef>
#include <istream>
#include <ostream>
#include <string>

#include "batch_progress.hpp"
#include "command_line.hpp"
#include "exit_codes.hpp"
#include "refundkit/refund_client.hpp"

namespace refundkit::cli {

/// Runs `refundkit batch <provider> --file FILE ...`: checks the whole file first (a bad row or
/// a repeated order and reference: exit 2, nothing sent), then streams its rows through the
/// provider's client, one JSON line per row on out in input order, progress and a summary on
/// err. SIGINT/SIGTERM stop sending (the rest end as cancelled). Exit 3 if any row ended
/// outcome_unknown, else 4 if any ended duplicate_reference, else 1 if any was not made, else 0.
ExitCode run_batch(const BatchCommand& command, std::ostream& out, std::ostream& err);

/// Where a batch's pass 2 writes, and what stops it.
struct BatchOutput {
  std::ostream& out;
  std::ostream& err;
  BatchProgressReporter::Style progress_style = BatchProgressReporter::Style::plain;
  /// out is a terminal too: the progress line is wiped before each row's line is written.
  bool out_is_terminal = false;
  SteadyClock now = std::chrono::steady_clock::now;
  const std::atomic<bool>* cancel = nullptr;
};

/// Pass 2 of run_batch, over a file check_batch_file has found good with `total` rows (its
/// stream at the start): the requests, read again one at a time, go through client.
ExitCode send_batch(RefundClient& client, std::istream& file, const BatchCommand& command,
                    std::size_t total, const BatchOutput& output);

/// While it lives, the first SIGINT or SIGTERM sets flag() (for BatchOptions::cancel: in-flight
/// refunds finish, the rest are not sent) and gives both signals their default disposition back,
/// so that a second one ends the process at once. Restores the previous dispositions when it
/// ends. One at a time: the flag is the process's.
class CancelOnSignals {
 public:
  CancelOnSignals();
  ~CancelOnSignals();
  CancelOnSignals(const CancelOnSignals&) = delete;
  CancelOnSignals& operator=(const CancelOnSignals&) = delete;

  const std::atomic<bool>& flag() const noexcept;
};

}  // namespace refundkit::cli
