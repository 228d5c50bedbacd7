#include "pipeline/refund_pipeline.hpp"

#include <algorithm>
#include <functional>
#include <string>
#include <utility>

#include "internal/refund_validation.hpp"
#include "internal/secrets.hpp"
#include "pipeline/backoff.hpp"
#include "pipeline/create_call.hpp"
#include "pipeline/read_back.hpp"
#include "pipeline/refund_batch.hpp"
#include "transport/exchange_loop.hpp"

namespace refundkit::internal {
namespace {

/// Runs a call to its end on this thread: each request through `transport`, each wait slept.
template <typename Call>
void drive(Call& call, CallStep step, Transport& transport, const RetryPolicy& policy) {
  for (;;) {
    switch (step.kind) {
      case CallStep::Kind::send:
        step = call.on_answer(transport.send(*step.request));
        break;
      case CallStep::Kind::wait:
        if (step.delay.count() > 0) policy_sleep(policy, step.delay);
        step = call.on_waited();
        break;
      case CallStep::Kind::done:
        return;
    }
  }
}

}  // namespace

RefundPipeline::RefundPipeline(std::unique_ptr<const RefundCodec> codec,
                               std::shared_ptr<Transport> transport, RetryPolicy policy)
    : codec_(std::move(codec)), transport_(std::move(transport)), policy_(std::move(policy)) {}

std::string_view RefundPipeline::provider() const noexcept { return codec_->provider(); }

Result<Refund> RefundPipeline::create_refund(const RefundRequest& request) {
  return scrubbed(create(request));
}

Result<Refund> RefundPipeline::find_refund(std::string_view order_id, std::string_view reference) {
  if (!codec_->can_find()) return RefundClient::find_refund(order_id, reference);
  return scrubbed(find(order_id, reference));
}

void RefundPipeline::stream_refunds(const RefundSource& next, const RefundSink& sink,
                                    const BatchOptions& options) {
  const std::size_t concurrency =
      std::clamp<std::size_t>(options.concurrency, 1, kMaxBatchConcurrency);
  std::unique_ptr<ExchangeLoop> loop = open_exchange_loop(*transport_, concurrency);
  if (!loop) return RefundClient::stream_refunds(next, sink, options);
  BatchLedger ledger(next, sink, options);
  const std::function<Result<Refund>(Result<Refund>)> finish = [this](Result<Refund> outcome) {
    return scrubbed(std::move(outcome));
  };
  run_refund_batch(*codec_, policy_, *loop, concurrency, ledger, finish);
  ledger.close();
}

Result<Refund> RefundPipeline::create(const RefundRequest& request) const {
  CreateCall call(*codec_, policy_);
  drive(call, call.begin(request), *transport_, policy_);
  return call.take_outcome();
}

Result<Refund> RefundPipeline::find(std::string_view order_id, std::string_view reference) const {
  const std::string_view vendor = codec_->vendor_name();
  if (auto error = check_identifier(vendor, order_id, "the order id (order_id)")) return *error;
  if (auto error = check_identifier(vendor, reference, "the reference (reference)")) {
    return *error;
  }
  ReadBackCall call(*codec_, std::string(order_id), std::string(reference), RetryBudget(policy_));
  drive(call, call.begin(), *transport_, policy_);
  return call.take_answer().to_result();
}

Result<Refund> RefundPipeline::scrubbed(Result<Refund> outcome) const {
  // Last line of defence: whatever produced the outcome, no credential leaves in it.
  const std::vector<std::string> secrets = codec_->secrets();
  if (outcome) {
    for (const std::string& secret : secrets) redact_secret(outcome.value(), secret);
    return outcome;
  }
  Error error = std::move(outcome).error();
  for (const std::string& secret : secrets) redact_secret(error, secret);
  return error;
}

}  // namespace refundkit::internal
