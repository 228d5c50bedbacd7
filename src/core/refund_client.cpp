#include "refundkit/refund_client.hpp"

#include <string>
#include <utility>

#include "core/batch_ledger.hpp"
#include "core/printable.hpp"

namespace refundkit {

Result<Refund> RefundClient::find_refund(std::string_view order_id, std::string_view reference) {
  Error error;
  error.kind = ErrorKind::outcome_unknown;
  error.message = "the " + std::string(provider()) +
                  " client cannot read refunds back, so whether a refund with reference \"" +
                  detail::printable_excerpt(reference, 64) + "\" exists for order \"" +
                  detail::printable_excerpt(order_id, 64) +
                  "\" cannot be told here: check with the vendor";
  return error;
}

void RefundClient::stream_refunds(const RefundSource& next, const RefundSink& sink,
                                  const BatchOptions& options) {
  internal::BatchLedger ledger(next, sink, options);
  while (std::optional<internal::BatchLedger::Admitted> admitted = ledger.admit(1)) {
    ledger.settle(admitted->index, create_refund(admitted->request));
  }
  ledger.close();
}

std::vector<Result<Refund>> RefundClient::create_refunds(const std::vector<RefundRequest>& requests,
                                                         BatchOptions options) {
  options.total = requests.size();
  std::size_t position = 0;
  const RefundSource next = [&]() -> std::optional<RefundRequest> {
    if (position == requests.size()) return std::nullopt;
    return requests[position++];
  };
  std::vector<Result<Refund>> outcomes;
  outcomes.reserve(requests.size());
  const RefundSink keep = [&](std::size_t, Result<Refund> outcome) {
    outcomes.push_back(std::move(outcome));
  };
  stream_refunds(next, keep, options);
  return outcomes;
}

}  // namespace refundkit
