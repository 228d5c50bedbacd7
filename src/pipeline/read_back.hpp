#pragma once

#include <optional>
#include <string_view>

#include "pipeline/refund_codec.hpp"
#include "pipeline/retry_budget.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/result.hpp"
#include "refundkit/retry_policy.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::internal {

/// Reads the refund with `reference` back from the vendor: a read, so transient failures (never
/// sent, 429, 5xx, no answer) are retried within `budget`. What the codec makes of the answer; a
/// transport failure is unreadable.
FindAnswer read_back(const RefundCodec& codec, Transport& transport, std::string_view order_id,
                     std::string_view reference, RetryBudget& budget);

/// What a read-back says about a create request whose outcome is in doubt.
struct Settlement {
  enum class Verdict {
    made,          ///< The refund asked for exists: `refund`, marked already_existed.
    other_refund,  ///< The reference names another refund: `error` is duplicate_reference.
    absent,        ///< No refund with the reference: the request was not executed (yet).
    /// The vendor's read-back cannot identify refunds by reference (FindAnswer::unidentifiable):
    /// like absent, it proves nothing was made only when no attempt was in doubt.
    unidentifiable,
    cannot_tell,  ///< The read-back failed: `error` is why.
  };
  Verdict verdict = Verdict::cannot_tell;
  std::optional<Refund> refund;
  std::optional<Error> error;
};

/// Reads back and compares with what was asked: the same order, amount and currency is this
/// refund; anything else under the reference (or an amount the answer does not give) is not.
Settlement settle_by_read_back(const RefundCodec& codec, Transport& transport,
                               const RefundRequest& asked, RetryBudget& budget);

}  // namespace refundkit::internal
