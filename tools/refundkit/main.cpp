#include <iostream>
#include <string>
#include <vector>

#include "batch_command.hpp"
#include "command_line.hpp"
#include "refund_command.hpp"
#include "refundkit/version.hpp"
#include "usage.hpp"

int main(int argc, char** argv) {
  using namespace refundkit::cli;
  const std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = parse_command_line(args);
  if (const auto* usage_error = std::get_if<UsageError>(&parsed)) {
    std::cerr << "refundkit: " << usage_error->message << "\n"
              << "Try 'refundkit --help' or 'refundkit refund --help'.\n";
    return kUsageError;
  }
  const Invocation& invocation = std::get<Invocation>(parsed);
  switch (invocation.action) {
    case Action::show_help:
      std::cout << kMainHelp;
      return 0;
    case Action::show_refund_help:
      std::cout << kRefundHelp;
      return 0;
    case Action::show_status_help:
      std::cout << kStatusHelp;
      return 0;
    case Action::show_batch_help:
      std::cout << kBatchHelp;
      return 0;
    case Action::show_version:
      std::cout << "refundkit " << refundkit::version_string() << "\n";
      return 0;
    case Action::refund:
    case Action::status:
    case Action::batch:
      try {
        if (invocation.action == Action::batch) {
          return run_batch(invocation.batch, std::cout, std::cerr);
        }
        return invocation.action == Action::refund
                   ? run_refund(invocation.refund, std::cout, std::cerr)
                   : run_status(invocation.refund, std::cout);
      } catch (const std::exception& e) {
        // Outcomes are results, not exceptions: this is a bug or exhaustion (bad_alloc), and
        // whether a request left is unknown.
        std::cerr << "refundkit: internal error: " << e.what() << "\n";
        return kOutcomeUnknown;
      }
  }
  return kUsageError;
}
