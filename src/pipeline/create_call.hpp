#pragma once

#include <optional>

#include "pipeline/call_step.hpp"
#include "pipeline/read_back.hpp"
#include "pipeline/refund_codec.hpp"
#include "pipeline/retry_budget.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/result.hpp"
#include "refundkit/retry_policy.hpp"

namespace refundkit::internal {

/// One create_refund, as a call (see CallStep): validate and build (codec) -> send -> interpret
/// (codec) -> retry what cannot pay twice, settle doubts by reading back.
///
/// What is sent again, by what the attempt's outcome proves:
///   certainly never sent (ErrorKind::network)    resent, for every vendor
///   429                                          resent after Retry-After, for every vendor
///   may have been executed (5xx, timeout, drop,  idempotency_key: resent under the same key;
///     an unreadable or mismatching 2xx)          unique_reference: read back; absent -> resent,
///                                                  found -> settled; none: never resent
///   refused with another 4xx (not 401/403/404)   read back: found -> settled, else the refusal
/// A read-back that finds the refund asked for (same order, amount, currency) returns it with
/// Refund::already_existed; one that finds another refund under the reference returns
/// duplicate_reference; one that fails leaves outcome_unknown, never a definite failure. One
/// that shows no such refund, or cannot identify refunds by reference at all, lets a refusal
/// stand, unless an earlier attempt of the call was in doubt: then the refusal may be the vendor
/// refusing that attempt's reference, and the outcome is unknown (duplicate_reference if the
/// vendor said so).
class CreateCall {
 public:
  /// The codec and the policy must outlive the call.
  CreateCall(const RefundCodec& codec, const RetryPolicy& policy);

  /// Starts the call (and its deadline); `request` is copied as needed.
  CallStep begin(const RefundRequest& request);
  CallStep on_answer(Result<HttpResponse> answer);
  CallStep on_waited();

  /// After a done step: the outcome, with its attempts counted (not yet scrubbed of secrets).
  Result<Refund> take_outcome() { return std::move(*outcome_); }

 private:
  /// What one attempt's outcome proves about the refund, which decides what happens next.
  enum class Proof {
    final,          ///< A definite answer: a Refund, or an Error that settles it.
    not_sent,       ///< The request certainly never left.
    not_processed,  ///< 429: the vendor refused to process it for now.
    maybe_made,     ///< It may have been executed: no definite answer.
    refused,        ///< Refused with a 4xx that proves nothing about the reference.
  };
  /// What a wait is for.
  enum class Next { resend, read_back_after_doubt };

  static Proof proof_of(const Error& error);
  CallStep send_attempt();
  CallStep on_create_answer(Result<HttpResponse> answer);
  CallStep on_read_back_done();
  CallStep start_read_back();
  CallStep settle_refusal(Settlement settlement);
  CallStep settle_doubt(Settlement settlement);
  bool may_read_back() const noexcept;
  CallStep finish(Result<Refund> outcome);

  const RefundCodec& codec_;
  const RetryPolicy& policy_;
  std::optional<PreparedRefund> prepared_;
  std::optional<RetryBudget> budget_;
  bool earlier_attempt_in_doubt_ = false;

  // The attempt being settled (by a wait or a read-back), and what it proved.
  std::optional<Result<Refund>> attempt_;
  Proof proof_ = Proof::final;
  /// After a doubtful attempt: whether the budget allows the resend a read-back may call for.
  bool may_resend_ = false;
  Next after_wait_ = Next::resend;
  std::optional<ReadBackCall> read_back_;

  std::optional<Result<Refund>> outcome_;
};

}  // namespace refundkit::internal
