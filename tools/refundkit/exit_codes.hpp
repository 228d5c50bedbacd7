#pragma once

#include "refundkit/error.hpp"
#include "refundkit/refund.hpp"

namespace refundkit::cli {

/// The tool's exit codes: a documented, stable contract for scripts.
enum ExitCode : int {
  kRefundCreated = 0,  ///< Created, in any status but failed/cancelled.
  kRefundNotMade =
      1,  ///< Definitely not made: an error other than outcome_unknown, or failed/cancelled.
  kUsageError = 2,      ///< The command line could not be understood.
  kOutcomeUnknown = 3,  ///< The refund may or may not exist: reconcile before retrying elsewhere.
  /// A refund with this reference already exists (perhaps made by an earlier attempt of this very
  /// refund): nothing new was made, but money may have moved. Never "not made".
  kReferenceExists = 4,
};

ExitCode exit_code_for(const Refund& refund) noexcept;
ExitCode exit_code_for(const Error& error) noexcept;
/// For `refundkit status`: not_found is a definite "no such refund" (1); any other failure means
/// it cannot tell (3).
ExitCode status_exit_code_for(const Error& error) noexcept;

/// For `refundkit batch`: the batch's code from its rows' codes (each from exit_code_for),
/// folded one row at a time from kRefundCreated. 3 if any row may have been executed, else 4 if
/// any row's reference names another refund (a script running a file again must see it), else 1
/// if any row was not made (cancelled included), else 0.
ExitCode batch_exit_code(ExitCode so_far, ExitCode row) noexcept;

}  // namespace refundkit::cli
