#include "pipeline/read_back.hpp"

#include <string>
#include <utility>

#include "core/printable.hpp"
#include "internal/http_errors.hpp"

namespace refundkit::internal {
namespace {

/// A GET changes nothing, so whatever did not give a definite answer may be asked again.
bool worth_asking_again(const Result<HttpResponse>& result) {
  if (!result) {
    return result.error().kind == ErrorKind::network ||
           result.error().kind == ErrorKind::outcome_unknown;
  }
  return result->status == 429 || result->status >= 500;
}

std::string describe(const Refund& refund) {
  std::string text = refund.amount.currency().is_set() ? refund.amount.to_string() : "no amount";
  text += ", status " + (refund.vendor_status.empty()
                             ? std::string("unknown")
                             : detail::printable_excerpt(refund.vendor_status, 32));
  if (!refund.id.empty()) text += ", id " + detail::printable_excerpt(refund.id, 64);
  return text;
}

Error duplicate_reference(const RefundCodec& codec, const RefundRequest& asked,
                          const Refund& existing) {
  Error error;
  error.kind = ErrorKind::duplicate_reference;
  error.message = std::string(codec.vendor_name()) + " has a refund with reference \"" +
                  detail::printable_excerpt(asked.reference, 64) + "\" on order \"" +
                  detail::printable_excerpt(asked.order_id, 64) + "\" that is not this one (" +
                  describe(existing) + "; asked for " + asked.amount.to_string() +
                  "): nothing new was made";
  if (!existing.amount.currency().is_set()) {
    error.message += "; its amount could not be compared";
  }
  // The read-back's answer until a refusal replaces it (see RefundPipeline): the vendor's
  // description of the refund that holds the reference.
  error.http_status = existing.http_status;
  error.raw_body = existing.raw_body;
  return error;
}

}  // namespace

ReadBackCall::ReadBackCall(const RefundCodec& codec, std::string order_id, std::string reference,
                           RetryBudget budget)
    : codec_(codec),
      order_id_(std::move(order_id)),
      reference_(std::move(reference)),
      budget_(std::move(budget)) {}

CallStep ReadBackCall::begin() {
  Result<HttpRequest> request = codec_.prepare_find(order_id_, reference_);
  if (!request) {
    answer_ = FindAnswer::of(std::move(request).error());
    return CallStep::done();
  }
  request_ = std::move(*request);
  return ask();
}

CallStep ReadBackCall::ask() {
  budget_.count_attempt();
  return CallStep::send(*request_);
}

CallStep ReadBackCall::on_answer(Result<HttpResponse> answer) {
  const std::optional<std::chrono::seconds> retry_after =
      answer ? retry_after_of(budget_.policy(), *answer) : std::nullopt;
  if (worth_asking_again(answer)) {
    if (std::optional<std::chrono::milliseconds> delay = budget_.delay_before_retry(retry_after)) {
      return CallStep::wait(*delay);
    }
  }
  if (!answer) {
    answer_ = {FindAnswer::Kind::unreadable, std::nullopt,
               transport_failure(codec_.vendor_name(), std::move(answer).error())};
  } else {
    answer_ = codec_.interpret_find(order_id_, reference_, *answer);
  }
  return CallStep::done();
}

CallStep ReadBackCall::on_waited() { return ask(); }

Settlement settle(const RefundCodec& codec, const RefundRequest& asked, FindAnswer answer) {
  using Verdict = Settlement::Verdict;
  switch (answer.kind) {
    case FindAnswer::Kind::found:
      break;
    case FindAnswer::Kind::absent:
      return {Verdict::absent, {}, {}};
    case FindAnswer::Kind::unidentifiable:
      return {Verdict::unidentifiable, {}, std::move(answer.error)};
    case FindAnswer::Kind::unreadable:
      return {Verdict::cannot_tell, {}, std::move(answer.error)};
  }
  Refund refund = std::move(*answer.refund);
  if (refund.order_id != asked.order_id || refund.amount != asked.amount) {
    return {Verdict::other_refund, {}, duplicate_reference(codec, asked, refund)};
  }
  refund.already_existed = true;
  return {Verdict::made, std::move(refund), {}};
}

}  // namespace refundkit::internal
