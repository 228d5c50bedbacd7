#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <ostream>
#include <string>

#include "exit_codes.hpp"
#include "refundkit/batch.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/result.hpp"

namespace refundkit::cli {

using SteadyClock = std::function<std::chrono::steady_clock::time_point()>;

/// "1200/5000 done, 3 failed, 812/s, about 5 s left" after `elapsed`; the rate and the time left
/// only once something is done.
std::string describe_progress(const BatchProgress& progress,
                              std::chrono::steady_clock::duration elapsed);

/// A batch's progress on stderr. On a terminal, one line redrawn in place (\r) at most ten times
/// a second: a bar, done/total, the rate, failures and the time left. Elsewhere (a log file, a
/// pipe) a plain line every 5 s, so a log does not fill with redraws. The clock is injected so
/// that the throttling is tested without waiting.
class BatchProgressReporter {
 public:
  enum class Style { terminal, plain };

  BatchProgressReporter(std::ostream& err, Style style, SteadyClock now);

  /// Each time a row ends (BatchOptions::on_progress): writes when due.
  void update(const BatchProgress& progress);
  /// The batch has ended: on a terminal, the line in its final state and a line break.
  void finish(const BatchProgress& progress);
  /// On a terminal, wipes the line before something else is written to the same terminal (the
  /// rows' JSON lines when stdout is one too); the next update draws it again.
  void erase();

 private:
  void draw(const BatchProgress& progress, std::chrono::steady_clock::time_point now);

  std::ostream& err_;
  Style style_;
  SteadyClock now_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool drawn_ = false;
  std::size_t drawn_width_ = 0;
};

/// The rows' outcomes counted for the summary and the exit code.
class BatchTally {
 public:
  void add(const Result<Refund>& outcome);

  /// As batch_exit_code folds the rows' codes: 3, else 4, else 1, else 0.
  ExitCode exit_code() const noexcept { return exit_code_; }
  std::size_t rows() const noexcept { return rows_; }
  std::size_t unknown() const noexcept { return unknown_; }

  /// "12 rows: 9 created, 1 existing, 2 failed (amount_exceeds_refundable 1, cancelled 1),
  /// 0 unknown". created: made by this run; existing: found already made under its reference
  /// (nothing new made); failed: not made, by error kind (a refund the vendor reports failed or
  /// cancelled as "status failed"/"status cancelled"); unknown: outcome_unknown.
  std::string summary() const;

 private:
  std::size_t rows_ = 0;
  std::size_t created_ = 0;
  std::size_t existing_ = 0;
  std::size_t unknown_ = 0;
  std::map<std::string, std::size_t> failed_;
  ExitCode exit_code_ = kRefundCreated;
};

}  // namespace refundkit::cli
