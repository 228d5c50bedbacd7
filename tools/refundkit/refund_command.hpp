#pragma once

#include <ostream>

#include "command_line.hpp"
#include "exit_codes.hpp"

namespace refundkit::cli {

/// Runs `refundkit refund ...`: builds the request, sends it (retrying what is safe), writes one
/// JSON object to out; after an outcome_unknown, what to do next (per vendor) to err.
ExitCode run_refund(const RefundCommand& command, std::ostream& out, std::ostream& err);

/// Runs `refundkit status ...`: reads the refund back by reference and writes it (or the error)
/// as one JSON object: exit 0 found, 1 no such refund, 3 cannot tell.
ExitCode run_status(const RefundCommand& command, std::ostream& out);

}  // namespace refundkit::cli
