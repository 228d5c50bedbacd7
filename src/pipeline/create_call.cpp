#include "pipeline/create_call.hpp"

#include <string>
#include <utility>

#include "internal/http_errors.hpp"

namespace refundkit::internal {
namespace {

constexpr std::string_view kRequestIdHeaders[] = {"X-Request-Id", "Request-Id", "X-Correlation-Id"};

std::string request_id_of(const HttpResponse& response) {
  for (std::string_view name : kRequestIdHeaders) {
    if (std::string_view value = response.header(name); !value.empty()) return std::string(value);
  }
  return "";
}

/// `cause` turned into outcome_unknown: why the refund may exist, and what to do about it.
Error in_doubt(const Error& cause, const std::string& why) {
  Error error = cause;
  error.kind = ErrorKind::outcome_unknown;
  error.message = cause.message + "; " + why +
                  ": call again with the same reference, or look it up before refunding any other "
                  "way";
  return error;
}

/// The read-back failed after a refusal or a doubtful attempt: the refund may exist.
Error unknown_after_failed_read(const Error& attempt_error, const Error& read_error) {
  return in_doubt(attempt_error, "reading the refund back to settle it failed (" +
                                     read_error.message +
                                     "), so a refund with this reference may exist");
}

/// A resend was refused after an attempt that may have been executed, and the read-back does not
/// show the refund (it may lag behind, or cannot identify it).
Error unknown_after_doubtful_attempt(const Error& refusal) {
  return in_doubt(refusal,
                  "an earlier attempt of this call may have been executed and this refusal may be "
                  "the vendor refusing its reference, so the refund may exist");
}

/// The call ends on an attempt that never left or was not processed (a network failure, a 429),
/// after an earlier attempt that may have been executed: that one's doubt is the outcome.
Error unknown_after_earlier_doubt(const Error& last) {
  return in_doubt(last,
                  "an earlier attempt of this call may have been executed, so the refund "
                  "may exist");
}

/// The vendor refused the create, and the read-back shows another refund under the reference:
/// the vendor's own answer (status, body, message, request id) with the read-back's verdict.
Error refusal_naming_the_other_refund(const Error& refusal, Error duplicate) {
  duplicate.http_status = refusal.http_status;
  duplicate.vendor_code = refusal.vendor_code;
  duplicate.vendor_message = refusal.vendor_message;
  duplicate.raw_body = refusal.raw_body;
  duplicate.request_id = refusal.request_id;
  return duplicate;
}

}  // namespace

CreateCall::CreateCall(const RefundCodec& codec, const RetryPolicy& policy)
    : codec_(codec), policy_(policy) {}

CallStep CreateCall::begin(const RefundRequest& request) {
  Result<PreparedRefund> prepared = codec_.prepare_create(request);
  if (!prepared) {
    outcome_ = std::move(prepared).error();
    return CallStep::done();
  }
  prepared_ = std::move(*prepared);
  budget_.emplace(policy_);
  return send_attempt();
}

CallStep CreateCall::send_attempt() {
  budget_->count_attempt();
  attempt_.reset();
  return CallStep::send(prepared_->http);
}

CallStep CreateCall::on_answer(Result<HttpResponse> answer) {
  if (read_back_) {
    const CallStep step = read_back_->on_answer(std::move(answer));
    return step.kind == CallStep::Kind::done ? on_read_back_done() : step;
  }
  return on_create_answer(std::move(answer));
}

CallStep CreateCall::on_waited() {
  if (read_back_) {
    const CallStep step = read_back_->on_waited();
    return step.kind == CallStep::Kind::done ? on_read_back_done() : step;
  }
  if (after_wait_ == Next::read_back_after_doubt) return start_read_back();
  return send_attempt();
}

CreateCall::Proof CreateCall::proof_of(const Error& error) {
  switch (error.kind) {
    case ErrorKind::network:
      return Proof::not_sent;
    case ErrorKind::rate_limited:
      return Proof::not_processed;
    case ErrorKind::outcome_unknown:
      return Proof::maybe_made;
    default:
      break;
  }
  // 401/403 and 404 prove the refund was not made (and a read-back would fail the same way).
  const int status = error.http_status;
  const bool proves_other_cause = status == 401 || status == 403 || status == 404;
  if (status >= 400 && status <= 499 && !proves_other_cause) return Proof::refused;
  return Proof::final;
}

CallStep CreateCall::on_create_answer(Result<HttpResponse> answer) {
  std::optional<std::chrono::seconds> retry_after;
  if (!answer) {
    attempt_ = transport_failure(codec_.vendor_name(), std::move(answer).error());
  } else if (Result<Refund> outcome = codec_.interpret_create(*prepared_, *answer)) {
    attempt_ = std::move(outcome);
  } else {
    Error error = std::move(outcome).error();
    error.retry_after = retry_after_of(policy_, *answer);
    // The codec's own id (Skip Pay's ticketId in the body) wins over a header.
    if (error.request_id.empty()) error.request_id = request_id_of(*answer);
    retry_after = error.retry_after;
    attempt_ = std::move(error);
  }
  proof_ = *attempt_ ? Proof::final : proof_of(attempt_->error());

  switch (proof_) {
    case Proof::final:
      // A definite answer to this attempt (404, 403, a refused token renewal...) says nothing
      // of an earlier one that may have been executed.
      if (!*attempt_ && earlier_attempt_in_doubt_ &&
          attempt_->error().kind != ErrorKind::outcome_unknown) {
        return finish(unknown_after_earlier_doubt(attempt_->error()));
      }
      return finish(std::move(*attempt_));

    case Proof::not_sent:
    case Proof::not_processed:
      if (auto delay = budget_->delay_before_retry(retry_after)) {
        after_wait_ = Next::resend;
        return CallStep::wait(*delay);
      }
      // The last attempt proves nothing about an earlier one that may have been executed.
      if (earlier_attempt_in_doubt_) return finish(unknown_after_earlier_doubt(attempt_->error()));
      return finish(std::move(*attempt_));

    case Proof::refused:
      if (!may_read_back()) return settle_refusal(Settlement{Settlement::Verdict::absent, {}, {}});
      return start_read_back();

    case Proof::maybe_made: {
      earlier_attempt_in_doubt_ = true;
      const Deduplication deduplication = codec_.deduplication();
      if (deduplication == Deduplication::none) return finish(std::move(*attempt_));
      const std::optional<std::chrono::milliseconds> delay =
          budget_->delay_before_retry(retry_after);
      may_resend_ = delay.has_value();
      if (deduplication == Deduplication::idempotency_key) {
        if (!delay) return finish(std::move(*attempt_));
        after_wait_ = Next::resend;
        return CallStep::wait(*delay);
      }
      // unique_reference: a resend is safe (the vendor refuses the reference a second time),
      // but reading back first settles the common case without one. The wait comes first: it
      // gives the vendor time to show a refund it is still making.
      if (!delay) return may_read_back() ? start_read_back() : finish(std::move(*attempt_));
      after_wait_ = may_read_back() ? Next::read_back_after_doubt : Next::resend;
      return CallStep::wait(*delay);
    }
  }
  return finish(std::move(*attempt_));
}

bool CreateCall::may_read_back() const noexcept {
  // Without deduplication a refusal cannot be the vendor refusing a reused reference, and
  // nothing is ever resent: a read-back could only turn a definite refusal into a doubt.
  return codec_.can_find() && codec_.deduplication() != Deduplication::none;
}

CallStep CreateCall::start_read_back() {
  const RefundRequest& asked = prepared_->request;
  read_back_.emplace(codec_, asked.order_id, asked.reference,
                     RetryBudget(policy_, budget_->deadline()));
  const CallStep step = read_back_->begin();
  return step.kind == CallStep::Kind::done ? on_read_back_done() : step;
}

CallStep CreateCall::on_read_back_done() {
  Settlement settlement = settle(codec_, prepared_->request, read_back_->take_answer());
  read_back_.reset();
  return proof_ == Proof::refused ? settle_refusal(std::move(settlement))
                                  : settle_doubt(std::move(settlement));
}

CallStep CreateCall::settle_refusal(Settlement settlement) {
  using Verdict = Settlement::Verdict;
  const Error& refusal = attempt_->error();
  switch (settlement.verdict) {
    case Verdict::absent:
    case Verdict::unidentifiable:
      // After an attempt that may have been executed, a refusal is most likely the vendor
      // refusing the reference that attempt used, even when the read-back does not show the
      // refund yet: never a definite failure then.
      if (earlier_attempt_in_doubt_ && refusal.kind != ErrorKind::duplicate_reference) {
        return finish(unknown_after_doubtful_attempt(refusal));
      }
      return finish(std::move(*attempt_));
    case Verdict::made:
      return finish(std::move(*settlement.refund));
    case Verdict::other_refund:
      return finish(refusal_naming_the_other_refund(refusal, std::move(*settlement.error)));
    case Verdict::cannot_tell:
      break;
  }
  return finish(unknown_after_failed_read(refusal, *settlement.error));
}

CallStep CreateCall::settle_doubt(Settlement settlement) {
  using Verdict = Settlement::Verdict;
  if (settlement.verdict == Verdict::made) return finish(std::move(*settlement.refund));
  if (settlement.verdict == Verdict::other_refund) return finish(std::move(*settlement.error));
  if (may_resend_) return send_attempt();
  return finish(std::move(*attempt_));
}

CallStep CreateCall::finish(Result<Refund> outcome) {
  const int attempts = budget_->attempts();
  if (outcome) {
    outcome->attempts = attempts;
    outcome_ = std::move(outcome);
  } else {
    Error error = std::move(outcome).error();
    error.attempts = attempts;
    outcome_ = std::move(error);
  }
  return CallStep::done();
}

}  // namespace refundkit::internal
