#include "vendors/afterpay/afterpay_response.hpp"

#include <utility>

#include "core/printable.hpp"
#include "internal/http_errors.hpp"
#include "internal/json_reader.hpp"
#include "internal/text.hpp"
#include "refundkit/date.hpp"
#include "vendors/afterpay/afterpay_errors.hpp"
#include "vendors/afterpay/afterpay_wire.hpp"

namespace refundkit::vendors::afterpay {
namespace {

using internal::FindAnswer;
using internal::Json;

Error problem(std::string text) {
  return internal::local_error(ErrorKind::protocol, std::move(text));
}

std::string describe_unparsable(std::string_view body) {
  if (body.empty()) return "with an empty body";
  if (body.size() > internal::kMaxJsonBodyBytes) {
    return "with a body larger than the " + std::to_string(internal::kMaxJsonBodyBytes) +
           "-byte parse limit";
  }
  return "with a body that is not JSON";
}

std::optional<Money> tolerant_money(const Json& body, std::string_view key,
                                    const Currency& currency) {
  const Json* member = internal::find_member(body, key);
  if (member == nullptr || member->is_null()) return std::nullopt;
  Result<Money> amount = internal::read_money(*member, currency);
  if (!amount) return std::nullopt;
  return *amount;
}

Result<std::vector<std::string>> read_refund_numbers(const Json& body) {
  const Json* numbers = internal::find_member(body, "refundNumbers");
  if (numbers == nullptr || numbers->is_null()) return problem("without \"refundNumbers\"");
  if (!numbers->is_array()) return problem("with \"refundNumbers\" that is not an array");
  if (numbers->empty()) return problem("with no refund number in \"refundNumbers\"");
  std::vector<std::string> read;
  for (const Json& number : *numbers) {
    std::optional<std::string> text;
    if (number.is_string()) {
      text = number.get<std::string>();
    } else {
      text = internal::number_text(number);
    }
    if (!text || text->empty()) {
      return problem("with a refund number that is neither a non-empty string nor a number");
    }
    read.push_back(std::move(*text));
  }
  return read;
}

// An order read that does not answer the question: find_refund's outcome_unknown.
FindAnswer cannot_tell(const HttpResponse& response, std::string_view what) {
  Error error =
      internal::local_error(ErrorKind::outcome_unknown,
                            std::string(kVendorName) + "'s order read answered HTTP " +
                                std::to_string(response.status) + " " + std::string(what) +
                                ", so whether a refund with this reference exists cannot be told");
  error.http_status = response.status;
  error.raw_body = response.body;
  return {FindAnswer::Kind::unreadable, std::nullopt, std::move(error)};
}

FindAnswer answered_without(const HttpResponse& response, FindAnswer::Kind kind,
                            ErrorKind error_kind, std::string message) {
  Error error = internal::local_error(error_kind, std::move(message));
  error.http_status = response.status;
  error.raw_body = response.body;
  return {kind, std::nullopt, std::move(error)};
}

Result<Currency> currency_of(const Json& refund, const Json& order) {
  const Json* details = internal::find_member(order, "orderDetails");
  for (const Json* holder : {&refund, details}) {
    if (holder == nullptr) continue;
    const Json* currency = internal::find_member(*holder, "currency");
    if (currency == nullptr || currency->is_null()) continue;
    if (!currency->is_string()) return problem("its \"currency\" is not a string");
    Result<Currency> read = Currency::from_code(currency->get<std::string>());
    if (!read) return problem("its \"currency\" is not an ISO 4217 currency");
    return read;
  }
  return problem("neither the refund nor the order names its currency");
}

std::optional<Date> date_of(const Json& refund, std::string_view key) {
  const std::optional<std::string> text = internal::get_string(refund, key);
  if (!text || text->size() < 10) return std::nullopt;
  Result<Date> date = Date::parse_iso(std::string_view(*text).substr(0, 10));
  if (!date) return std::nullopt;
  return *date;
}

Result<Refund> read_listed_refund(const Json& refund, const Json& order,
                                  std::string_view order_number, std::string_view reference) {
  Result<Currency> currency = currency_of(refund, order);
  if (!currency) return std::move(currency).error();
  const Json* amount = internal::find_member(refund, "amount");
  if (amount == nullptr || amount->is_null()) return problem("it has no \"amount\"");
  Result<Money> signed_amount = internal::read_money(*amount, *currency);
  if (!signed_amount) {
    return problem("its \"amount\" cannot be read exactly: " + signed_amount.error().message);
  }

  Refund read;
  read.provider = std::string(kProvider);
  read.order_id = std::string(order_number);
  read.reference = std::string(reference);
  read.status = RefundStatus::succeeded;
  // Riverty lists refunds negative (money going out of the invoice); a refund's amount is not.
  read.amount =
      Money::from_minor_units(signed_amount->minor_units() < 0 ? -signed_amount->minor_units()
                                                               : signed_amount->minor_units(),
                              *currency);
  read.id = internal::get_scalar_text(refund, "refundNumber").value_or("");
  read.vendor_reference = internal::get_scalar_text(refund, "refundId").value_or("");
  read.executed_date = date_of(refund, "insertedAt");
  return read;
}

}  // namespace

Result<RefundOrderAnswer> read_refund_order_answer(std::string_view body,
                                                   const Currency& currency) {
  const std::optional<Json> parsed = internal::parse_json_exact(body);
  if (!parsed) return problem(describe_unparsable(body));
  if (!parsed->is_object()) return problem("with a JSON body that is not an object");
  Result<std::vector<std::string>> numbers = read_refund_numbers(*parsed);
  if (!numbers) return std::move(numbers).error();

  RefundOrderAnswer answer;
  answer.refund_numbers = std::move(numbers).value();
  answer.total_captured = tolerant_money(*parsed, "totalCapturedAmount", currency);
  answer.total_authorized = tolerant_money(*parsed, "totalAuthorizedAmount", currency);
  answer.total_refunded = tolerant_money(*parsed, "totalRefundedAmount", currency);
  answer.remaining_authorized = tolerant_money(*parsed, "remainingAuthorizedAmount", currency);
  return answer;
}

Result<Refund> parse_refund_response(const HttpResponse& response, const RefundRequest& sent) {
  Result<RefundOrderAnswer> answer =
      read_refund_order_answer(response.body, sent.amount.currency());
  if (!answer) {
    return internal::unreadable_success(kVendorName, response, answer.error().message);
  }
  std::vector<std::string>& numbers = answer->refund_numbers;

  Refund refund;
  refund.provider = std::string(kProvider);
  refund.id = std::move(numbers.front());
  refund.other_ids.assign(std::make_move_iterator(numbers.begin() + 1),
                          std::make_move_iterator(numbers.end()));
  refund.order_id = sent.order_id;
  refund.reference = sent.reference;
  refund.status = RefundStatus::succeeded;
  refund.amount = sent.amount;
  refund.http_status = response.status;
  refund.raw_body = response.body;
  return refund;
}

FindAnswer parse_order_refunds(const HttpResponse& response, std::string_view order_number,
                               std::string_view reference) {
  if (!internal::is_success_status(response.status)) {
    Error error = map_error_response(response);
    if (error.kind == ErrorKind::not_found) error.message += "; so it has no such refund";
    return FindAnswer::of(std::move(error));
  }
  const std::optional<Json> body = internal::parse_json_exact(response.body);
  if (!body) return cannot_tell(response, describe_unparsable(response.body));
  if (!body->is_object()) return cannot_tell(response, "with a JSON body that is not an object");

  const std::string no_such_refund = std::string(kVendorName) +
                                     " lists no refund with transactionReference \"" +
                                     detail::printable_excerpt(reference, 64) + "\" for order \"" +
                                     detail::printable_excerpt(order_number, 64) + "\"";
  const Json* refunds = internal::find_member(*body, "refunds");
  if (refunds == nullptr || refunds->is_null()) {
    // An order without refunds may leave the list out; anything else is not an order.
    if (internal::find_member(*body, "orderDetails") == nullptr) {
      return cannot_tell(response, "with neither \"refunds\" nor \"orderDetails\"");
    }
    return answered_without(response, FindAnswer::Kind::absent, ErrorKind::not_found,
                            no_such_refund);
  }
  if (!refunds->is_array()) return cannot_tell(response, "with \"refunds\" that is not an array");

  bool any_carries_reference = false;
  for (const Json& refund : *refunds) {
    if (!refund.is_object()) return cannot_tell(response, "with a refund that is not an object");
    if (internal::is_absent_or_null(refund, "transactionReference")) continue;
    any_carries_reference = true;
    const std::optional<std::string> listed =
        internal::get_scalar_text(refund, "transactionReference");
    if (!listed || *listed != reference) continue;
    Result<Refund> read = read_listed_refund(refund, *body, order_number, reference);
    if (!read) {
      return cannot_tell(response,
                         "with a matching refund that cannot be read: " + read.error().message);
    }
    read->http_status = response.status;
    read->raw_body = response.body;
    return FindAnswer::of(std::move(read));
  }
  if (!refunds->empty() && !any_carries_reference) {
    return answered_without(
        response, FindAnswer::Kind::unidentifiable, ErrorKind::outcome_unknown,
        std::string(kVendorName) + " lists refunds for order \"" +
            detail::printable_excerpt(order_number, 64) +
            "\" without their transactionReference, so which of them (if any) was made with "
            "reference \"" +
            detail::printable_excerpt(reference, 64) + "\" cannot be told");
  }
  return answered_without(response, FindAnswer::Kind::absent, ErrorKind::not_found, no_such_refund);
}

}  // namespace refundkit::vendors::afterpay
