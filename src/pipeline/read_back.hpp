#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pipeline/call_step.hpp"
#include "pipeline/refund_codec.hpp"
#include "pipeline/retry_budget.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/result.hpp"

namespace refundkit::internal {

/// Reading the refund with a reference back from the vendor, as a call (see CallStep): a read,
/// so transient failures (never sent, 429, 5xx, no answer) are asked again within its budget.
/// Its answer is what the codec makes of the vendor's; a transport failure is unreadable.
class ReadBackCall {
 public:
  /// The codec and the budget's policy must outlive the call.
  ReadBackCall(const RefundCodec& codec, std::string order_id, std::string reference,
               RetryBudget budget);

  CallStep begin();
  CallStep on_answer(Result<HttpResponse> answer);
  CallStep on_waited();

  /// After a done step.
  FindAnswer take_answer() { return std::move(answer_); }

 private:
  CallStep ask();

  const RefundCodec& codec_;
  const std::string order_id_;
  const std::string reference_;
  RetryBudget budget_;
  std::optional<HttpRequest> request_;
  FindAnswer answer_;
};

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

/// Compares a read-back's answer with what was asked: the same order, amount and currency is
/// this refund; anything else under the reference (or an amount the answer does not give) is
/// not.
Settlement settle(const RefundCodec& codec, const RefundRequest& asked, FindAnswer answer);

}  // namespace refundkit::internal
