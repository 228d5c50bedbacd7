#include "pipeline/refund_pipeline.hpp"

#include <optional>
#include <string>
#include <utility>

#include "internal/http_errors.hpp"
#include "internal/refund_validation.hpp"
#include "internal/secrets.hpp"
#include "pipeline/read_back.hpp"
#include "pipeline/retry_budget.hpp"

namespace refundkit::internal {
namespace {

/// What one attempt's outcome proves about the refund, which decides what happens next.
enum class Proof {
  final,          ///< A definite answer: a Refund, or an Error that settles it.
  not_sent,       ///< The request certainly never left.
  not_processed,  ///< 429: the vendor refused to process it for now.
  maybe_made,     ///< It may have been executed: no definite answer.
  refused,        ///< Refused with a 4xx that proves nothing about the reference.
};

struct Attempt {
  Result<Refund> outcome;
  Proof proof = Proof::final;
  std::optional<std::chrono::seconds> retry_after;
};

constexpr std::string_view kRequestIdHeaders[] = {"X-Request-Id", "Request-Id", "X-Correlation-Id"};

std::string request_id_of(const HttpResponse& response) {
  for (std::string_view name : kRequestIdHeaders) {
    if (std::string_view value = response.header(name); !value.empty()) return std::string(value);
  }
  return "";
}

Proof proof_of(const Error& error) {
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

Attempt attempt_create(const RefundCodec& codec, Transport& transport, const PreparedRefund& sent,
                       const RetryPolicy& policy) {
  Result<HttpResponse> response = transport.send(sent.http);
  if (!response) {
    Error error = transport_failure(codec.vendor_name(), std::move(response).error());
    const Proof proof = proof_of(error);
    return {std::move(error), proof, std::nullopt};
  }
  Result<Refund> outcome = codec.interpret_create(sent, *response);
  if (outcome) return {std::move(outcome), Proof::final, std::nullopt};
  Error error = std::move(outcome).error();
  error.retry_after = retry_after_of(policy, *response);
  // The codec's own id (Skip Pay's ticketId in the body) wins over a header.
  if (error.request_id.empty()) error.request_id = request_id_of(*response);
  const Proof proof = proof_of(error);
  const std::optional<std::chrono::seconds> retry_after = error.retry_after;
  return {std::move(error), proof, retry_after};
}

/// The read-back failed after a refusal or a doubtful attempt: the refund may exist.
Error unknown_after_failed_read(const Error& attempt_error, const Error& read_error) {
  Error error = attempt_error;
  error.kind = ErrorKind::outcome_unknown;
  error.message = attempt_error.message + "; reading the refund back to settle it failed (" +
                  read_error.message +
                  "), so a refund with this reference may exist: call again with the same "
                  "reference, or look it up before refunding any other way";
  return error;
}

/// A resend was refused after an attempt that may have been executed, and the read-back does not
/// show the refund (it may lag behind, or cannot identify it).
Error unknown_after_doubtful_attempt(const Error& refusal) {
  Error error = refusal;
  error.kind = ErrorKind::outcome_unknown;
  error.message = refusal.message +
                  "; an earlier attempt of this call may have been executed and this refusal may "
                  "be the vendor refusing its reference, so the refund may exist: call again with "
                  "the same reference, or look it up before refunding any other way";
  return error;
}

/// The call ends on an attempt that never left or was not processed (a network failure, a 429),
/// after an earlier attempt that may have been executed: that one's doubt is the outcome.
Error unknown_after_earlier_doubt(const Error& last) {
  Error error = last;
  error.kind = ErrorKind::outcome_unknown;
  error.message = last.message +
                  "; an earlier attempt of this call may have been executed, so the refund may "
                  "exist: call again with the same reference, or look it up before refunding any "
                  "other way";
  return error;
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

Result<Refund> with_attempts(Result<Refund> outcome, int attempts) {
  if (outcome) {
    outcome->attempts = attempts;
    return outcome;
  }
  Error error = std::move(outcome).error();
  error.attempts = attempts;
  return error;
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

Result<Refund> RefundPipeline::create(const RefundRequest& request) const {
  using Verdict = Settlement::Verdict;
  Result<PreparedRefund> prepared = codec_->prepare_create(request);
  if (!prepared) return std::move(prepared).error();
  const RefundRequest& asked = prepared->request;

  RetryBudget budget(policy_);
  bool earlier_attempt_in_doubt = false;
  for (;;) {
    budget.count_attempt();
    Attempt attempt = attempt_create(*codec_, *transport_, *prepared, policy_);
    const auto finish = [&](Result<Refund> outcome) {
      return with_attempts(std::move(outcome), budget.attempts());
    };
    const auto settle = [&](RetryBudget& reads) -> std::optional<Settlement> {
      // Without deduplication a refusal cannot be the vendor refusing a reused reference, and
      // nothing is ever resent: a read-back could only turn a definite refusal into a doubt.
      if (!codec_->can_find() || codec_->deduplication() == Deduplication::none) {
        return std::nullopt;
      }
      return settle_by_read_back(*codec_, *transport_, asked, reads);
    };

    switch (attempt.proof) {
      case Proof::final:
        // A definite answer to this attempt (404, 403, a refused token renewal...) says nothing
        // of an earlier one that may have been executed.
        if (!attempt.outcome && earlier_attempt_in_doubt &&
            attempt.outcome.error().kind != ErrorKind::outcome_unknown) {
          return finish(unknown_after_earlier_doubt(attempt.outcome.error()));
        }
        return finish(std::move(attempt.outcome));

      case Proof::not_sent:
      case Proof::not_processed:
        if (budget.wait_before_retry(attempt.retry_after)) continue;
        // The last attempt proves nothing about an earlier one that may have been executed.
        if (earlier_attempt_in_doubt) {
          return finish(unknown_after_earlier_doubt(attempt.outcome.error()));
        }
        return finish(std::move(attempt.outcome));

      case Proof::refused: {
        RetryBudget reads(policy_, budget.deadline());
        std::optional<Settlement> settlement = settle(reads);
        if (!settlement || settlement->verdict == Verdict::absent ||
            settlement->verdict == Verdict::unidentifiable) {
          // After an attempt that may have been executed, a refusal is most likely the vendor
          // refusing the reference that attempt used, even when the read-back does not show the
          // refund yet: never a definite failure then.
          if (earlier_attempt_in_doubt &&
              attempt.outcome.error().kind != ErrorKind::duplicate_reference) {
            return finish(unknown_after_doubtful_attempt(attempt.outcome.error()));
          }
          return finish(std::move(attempt.outcome));
        }
        if (settlement->verdict == Verdict::made) return finish(std::move(*settlement->refund));
        if (settlement->verdict == Verdict::other_refund) {
          return finish(refusal_naming_the_other_refund(attempt.outcome.error(),
                                                        std::move(*settlement->error)));
        }
        return finish(unknown_after_failed_read(attempt.outcome.error(), *settlement->error));
      }

      case Proof::maybe_made: {
        earlier_attempt_in_doubt = true;
        const Deduplication deduplication = codec_->deduplication();
        if (deduplication == Deduplication::none) return finish(std::move(attempt.outcome));
        const bool may_resend = budget.wait_before_retry(attempt.retry_after);
        if (deduplication == Deduplication::idempotency_key) {
          if (may_resend) continue;
          return finish(std::move(attempt.outcome));
        }
        // unique_reference: a resend is safe (the vendor refuses the reference a second time),
        // but reading back first settles the common case without one.
        RetryBudget reads(policy_, budget.deadline());
        std::optional<Settlement> settlement = settle(reads);
        if (settlement && settlement->verdict == Verdict::made) {
          return finish(std::move(*settlement->refund));
        }
        if (settlement && settlement->verdict == Verdict::other_refund) {
          return finish(std::move(*settlement->error));
        }
        if (may_resend) continue;
        return finish(std::move(attempt.outcome));
      }
    }
  }
}

Result<Refund> RefundPipeline::find(std::string_view order_id, std::string_view reference) const {
  const std::string_view vendor = codec_->vendor_name();
  if (auto error = check_identifier(vendor, order_id, "the order id (order_id)")) return *error;
  if (auto error = check_identifier(vendor, reference, "the reference (reference)")) {
    return *error;
  }
  RetryBudget reads(policy_);
  return read_back(*codec_, *transport_, order_id, reference, reads).to_result();
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
