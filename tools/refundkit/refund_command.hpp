#pragma once

#include <ostream>

#include "command_line.hpp"
#include "exit_codes.hpp"

namespace refundkit::cli {

/// Runs `refundkit refund ...`: builds the request, sends it once, writes one JSON object to out.
ExitCode run_refund(const RefundCommand& command, std::ostream& out);

}  // namespace refundkit::cli
