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

}  // namespace refundkit::cli
