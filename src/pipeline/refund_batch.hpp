#pragma once

#include <cstddef>
#include <functional>

#include "core/batch_ledger.hpp"
#include "pipeline/refund_codec.hpp"
#include "refundkit/retry_policy.hpp"
#include "transport/exchange_loop.hpp"

namespace refundkit::internal {

/// Runs a batch: up to `concurrency` CreateCalls at once, each exactly the call create_refund
/// drives, their requests sent through `loop` and their waits kept as timers, all on this
/// thread. Outcomes pass through `finish` (the pipeline's scrubbing) into the ledger, which
/// delivers them in input order; stops admitting when the ledger is stopping, and returns once
/// every admitted call has ended (the caller then closes the ledger).
///
/// A RetryPolicy with an injected `sleep` is honoured: it is called in place of the timer, and
/// blocks the batch meanwhile (it is meant for tests).
void run_refund_batch(const RefundCodec& codec, const RetryPolicy& policy, ExchangeLoop& loop,
                      std::size_t concurrency, BatchLedger& ledger,
                      const std::function<Result<Refund>(Result<Refund>)>& finish);

}  // namespace refundkit::internal
