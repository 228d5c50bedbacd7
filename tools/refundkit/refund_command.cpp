#include "refund_command.hpp"

#include <utility>

#include "client_session.hpp"
#include "json_output.hpp"
#include "providers.hpp"
#include "refund_request_builder.hpp"

namespace refundkit::cli {
namespace {

ExitCode report(const Error& error, std::ostream& out, ExitCode code) {
  out << error_json(error) << '\n';
  return code;
}

}  // namespace

ExitCode run_refund(const RefundCommand& command, std::ostream& out, std::ostream& err) {
  auto request = build_refund_request(command);
  if (!request) return report(request.error(), out, exit_code_for(request.error()));
  auto session = open_client_session(command);
  if (!session) return report(session.error(), out, exit_code_for(session.error()));

  const Result<Refund> refund = (*session)->client->create_refund(*request);
  if (!refund) {
    const ExitCode code = report(refund.error(), out, exit_code_for(refund.error()));
    if (code == kOutcomeUnknown) {
      err << "refundkit: outcome unknown: " << outcome_unknown_advice(command.provider) << '\n';
    }
    return code;
  }
  out << refund_json(*refund) << '\n';
  return exit_code_for(*refund);
}

ExitCode run_status(const RefundCommand& command, std::ostream& out) {
  auto session = open_client_session(command);
  if (!session) return report(session.error(), out, kOutcomeUnknown);

  Result<Refund> refund = (*session)->client->find_refund(command.order, command.reference);
  if (!refund) return report(refund.error(), out, status_exit_code_for(refund.error()));
  refund->already_existed = true;  // a read: nothing new was made
  out << refund_json(*refund) << '\n';
  return kRefundCreated;
}

}  // namespace refundkit::cli
