#include "vendors/optty/optty_response.hpp"

#include <optional>
#include <string>
#include <utility>

#include "core/printable.hpp"
#include "internal/http_errors.hpp"
#include "internal/json_reader.hpp"
#include "internal/text.hpp"
#include "vendors/optty/optty_errors.hpp"
#include "vendors/optty/optty_status.hpp"
#include "vendors/optty/optty_wire.hpp"

namespace refundkit::vendors::optty {
namespace {

using internal::FindAnswer;
using internal::Json;

std::string quoted(std::string_view key) { return "\"" + std::string(key) + "\""; }

std::string describe_unparsable(const std::string& body) {
  if (body.empty()) return "with an empty body";
  if (body.size() > internal::kMaxJsonBodyBytes) {
    return "with a body larger than the " + std::to_string(internal::kMaxJsonBodyBytes) +
           "-byte parse limit";
  }
  return "with a body that is not JSON";
}

/// A text member that vendors send as a string or a number; "" when absent or null, nullopt
/// when it is something else.
std::optional<std::string> read_text(const Json& object, std::string_view key) {
  if (internal::is_absent_or_null(object, key)) return std::string();
  return internal::get_scalar_text(object, key);
}

/// True when the member says nothing: absent, null or "".
bool is_blank(const Json& object, std::string_view key) {
  const Json* member = internal::find_member(object, key);
  return member == nullptr || member->is_null() ||
         (member->is_string() && member->get_ref<const std::string&>().empty());
}

Error cannot_tell(const HttpResponse& response, std::string_view what) {
  Error error =
      internal::local_error(ErrorKind::outcome_unknown,
                            std::string(kVendorName) + "'s order details answered HTTP " +
                                std::to_string(response.status) + " " + std::string(what) +
                                ", so whether a refund with this reference exists cannot be told");
  error.http_status = response.status;
  error.raw_body = response.body;
  return error;
}

Error no_refund(const HttpResponse& response, std::string message) {
  Error error = internal::local_error(ErrorKind::not_found, std::move(message));
  error.http_status = response.status;
  error.raw_body = response.body;
  return error;
}

const Json* listed_refund(const Json& refunds, std::string_view reference) {
  for (const Json& element : refunds) {
    const std::optional<std::string> id = internal::get_scalar_text(element, kRefundId);
    if (id && is_echo_of_reference(*id, reference)) return &element;
  }
  return nullptr;
}

/// One element of the order details' refunds, already matched to the reference.
Result<Refund> read_listed_refund(const Json& element, std::string_view order_id,
                                  std::string_view reference) {
  const auto problem = [](std::string text) {
    return internal::local_error(ErrorKind::protocol, std::move(text));
  };
  const std::optional<std::string> vendor_status = internal::get_string(element, kStatus);
  if (!vendor_status || vendor_status->empty()) return problem("the refund has no status");
  const std::optional<std::string> code = internal::get_string(element, kCurrency);
  if (!code) return problem("the refund has no currency");
  Result<Currency> currency = Currency::from_code(*code);
  if (!currency) {
    return problem("the refund's currency \"" + detail::printable_excerpt(*code, 16) +
                   "\" is not an ISO 4217 currency");
  }
  const Json* amount = internal::find_member(element, kAmount);
  if (amount == nullptr || amount->is_null()) return problem("the refund has no amount");
  Result<Money> money = internal::read_money(*amount, *currency);
  if (!money)
    return problem("the refund's amount cannot be read exactly: " + money.error().message);

  Refund refund;
  refund.provider = std::string(kProvider);
  refund.order_id = std::string(order_id);
  refund.reference = std::string(reference);
  refund.vendor_reference = internal::get_scalar_text(element, kRefundId).value_or("");
  refund.status = map_status(*vendor_status);
  refund.vendor_status = *vendor_status;
  refund.amount = *money;
  return refund;
}

}  // namespace

Result<Refund> parse_refund_response(const HttpResponse& response, const RefundRequest& sent) {
  const auto unreadable = [&](std::string_view what) {
    return internal::unreadable_success(kVendorName, response, what);
  };
  const std::optional<Json> body = internal::parse_json_exact(response.body);
  if (!body) return unreadable(describe_unparsable(response.body));
  if (!body->is_object()) return unreadable("with a JSON body that is not an object");

  const std::optional<std::string> vendor_status = internal::get_string(*body, kRefundStatus);
  if (!vendor_status || vendor_status->empty()) return unreadable("without a refundStatus");

  const std::optional<std::string> echoed = read_text(*body, kRefundReference);
  if (!echoed) return unreadable("its \"refundReference\" is neither a string nor a number");
  // An echo that is not the reference sent describes some other refund (an existing one, a
  // vendor-side change): the vendor said yes to something, so outcome_unknown.
  if (!echoed->empty() && !is_echo_of_reference(*echoed, sent.reference)) {
    return unreadable("its \"refundReference\" \"" + detail::printable_excerpt(*echoed, 64) +
                      "\" differs from the \"" + detail::printable_excerpt(sent.reference, 64) +
                      "\" sent");
  }

  const std::optional<std::string> id = read_text(*body, kBnplRefundId);
  if (!id) return unreadable("its \"bnplRefundId\" is neither a string nor a number");

  if (!is_blank(*body, kRefundedAmount)) {
    Result<Money> refunded = internal::read_money(*internal::find_member(*body, kRefundedAmount),
                                                  sent.amount.currency());
    if (!refunded) {
      return unreadable("its " + quoted(kRefundedAmount) +
                        " cannot be read exactly: " + refunded.error().message);
    }
    if (*refunded != sent.amount) {
      return unreadable("its " + quoted(kRefundedAmount) + " " + refunded->to_string() +
                        " differs from the " + sent.amount.to_string() + " sent");
    }
  }

  Refund refund;
  refund.provider = std::string(kProvider);
  refund.id = *id;
  refund.vendor_reference = echoed->empty() ? sent.reference : *echoed;
  refund.order_id = sent.order_id;
  refund.reference = sent.reference;
  refund.status = map_status(*vendor_status);
  refund.vendor_status = *vendor_status;
  refund.amount = sent.amount;
  if (refund.status == RefundStatus::succeeded) {
    if (std::optional<std::string> date = internal::get_string(*body, kRefundDate)) {
      refund.executed_date = parse_refund_date(*date);
    }
  }
  refund.http_status = response.status;
  refund.raw_body = response.body;
  return refund;
}

FindAnswer parse_order_details(const HttpResponse& response, std::string_view order_id,
                               std::string_view reference) {
  const auto unreadable = [](Error error) {
    return FindAnswer{FindAnswer::Kind::unreadable, std::nullopt, std::move(error)};
  };
  const auto absent = [&](std::string message) {
    return FindAnswer{FindAnswer::Kind::absent, std::nullopt,
                      no_refund(response, std::move(message))};
  };
  const std::string order = "\"" + detail::printable_excerpt(order_id, 64) + "\"";

  if (!internal::is_success_status(response.status)) {
    Error error = map_error_response(response);
    if (error.kind != ErrorKind::not_found) return unreadable(std::move(error));
    error.message += "; so it has no such refund";
    return {FindAnswer::Kind::absent, std::nullopt, std::move(error)};
  }
  const std::optional<Json> body = internal::parse_json_exact(response.body);
  if (!body) return unreadable(cannot_tell(response, describe_unparsable(response.body)));
  if (!body->is_object()) {
    return unreadable(cannot_tell(response, "with a JSON body that is not an object"));
  }
  const Json* refunds = internal::find_member(*body, kRefunds);
  if (refunds == nullptr || refunds->is_null() || (refunds->is_array() && refunds->empty())) {
    return absent(std::string(kVendorName) + "'s order details list no refunds for order " + order);
  }
  if (!refunds->is_array()) {
    return unreadable(cannot_tell(response, "with \"refunds\" that is not a list"));
  }

  if (const Json* listed = listed_refund(*refunds, reference)) {
    Result<Refund> refund = read_listed_refund(*listed, order_id, reference);
    if (!refund) {
      return unreadable(cannot_tell(
          response, "with a refund that cannot be read (" + refund.error().message + ")"));
    }
    refund->http_status = response.status;
    refund->raw_body = response.body;
    return {FindAnswer::Kind::found, std::move(refund).value(), std::nullopt};
  }

  Error error = internal::local_error(
      ErrorKind::outcome_unknown,
      std::string(kVendorName) + "'s order details list " + std::to_string(refunds->size()) +
          " refund(s) for order " + order +
          " but do not show refund references, so whether one of them is the refund with "
          "reference \"" +
          detail::printable_excerpt(reference, 64) + "\" cannot be told");
  error.http_status = response.status;
  error.raw_body = response.body;
  return {FindAnswer::Kind::unidentifiable, std::nullopt, std::move(error)};
}

}  // namespace refundkit::vendors::optty
