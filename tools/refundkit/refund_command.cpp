#include "refund_command.hpp"

#include <utility>

#include "client_session.hpp"
#include "json_output.hpp"

namespace refundkit::cli {
namespace {

Result<RefundRequest> build_request(const RefundCommand& command) {
  auto amount = Money::parse_positive(command.amount, command.currency);
  if (!amount) return std::move(amount).error();
  RefundRequest request;
  request.order_id = command.order;
  request.reference = command.reference;
  request.amount = *amount;
  request.reason = command.reason;
  if (!command.planned_date.empty()) {
    auto planned = Date::parse_iso(command.planned_date);
    if (!planned) return std::move(planned).error();
    request.planned_date = *planned;
  }
  return request;
}

ExitCode report(const Error& error, std::ostream& out, ExitCode code) {
  out << error_json(error) << '\n';
  return code;
}

}  // namespace

ExitCode run_refund(const RefundCommand& command, std::ostream& out) {
  auto request = build_request(command);
  if (!request) return report(request.error(), out, exit_code_for(request.error()));
  auto session = open_client_session(command);
  if (!session) return report(session.error(), out, exit_code_for(session.error()));

  const Result<Refund> refund = (*session)->client->create_refund(*request);
  if (!refund) return report(refund.error(), out, exit_code_for(refund.error()));
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
