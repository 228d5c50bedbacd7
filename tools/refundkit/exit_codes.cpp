#include "exit_codes.hpp"

namespace refundkit::cli {

ExitCode exit_code_for(const Refund& refund) noexcept {
  const bool no_money_moves =
      refund.status == RefundStatus::failed || refund.status == RefundStatus::cancelled;
  return no_money_moves ? kRefundNotMade : kRefundCreated;
}

ExitCode exit_code_for(const Error& error) noexcept {
  if (error.may_have_been_executed()) return kOutcomeUnknown;
  if (error.kind == ErrorKind::duplicate_reference) return kReferenceExists;
  return kRefundNotMade;
}

ExitCode status_exit_code_for(const Error& error) noexcept {
  return error.kind == ErrorKind::not_found ? kRefundNotMade : kOutcomeUnknown;
}

namespace {

// How much a row's code says about money that may have moved, and so must not be hidden by the
// others; a usage error (a bad file) outranks them all.
int batch_rank(ExitCode code) noexcept {
  switch (code) {
    case kRefundCreated:
      return 0;
    case kRefundNotMade:
      return 1;
    case kReferenceExists:
      return 2;
    case kOutcomeUnknown:
      return 3;
    case kUsageError:
      return 4;
  }
  return 4;
}

}  // namespace

ExitCode batch_exit_code(ExitCode so_far, ExitCode row) noexcept {
  return batch_rank(row) > batch_rank(so_far) ? row : so_far;
}

}  // namespace refundkit::cli
