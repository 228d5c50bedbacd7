#include "vendors/komfortkasse/komfortkasse_response.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/printable.hpp"
#include "internal/http_errors.hpp"
#include "internal/json_reader.hpp"
#include "internal/text.hpp"
#include "vendors/komfortkasse/komfortkasse_errors.hpp"
#include "vendors/komfortkasse/komfortkasse_status.hpp"
#include "vendors/komfortkasse/komfortkasse_wire.hpp"

namespace refundkit::vendors::komfortkasse {
namespace {

using internal::Json;

// The readers below fail with a description of the problem ("its amount ..."), which
// parse_refund_response turns into one outcome_unknown error.
Error problem(std::string text) {
  return internal::local_error(ErrorKind::protocol, std::move(text));
}

std::string quoted(std::string_view key) { return "\"" + std::string(key) + "\""; }

/// A text field (ids and references may come as numbers); the fallback when absent or null.
Result<std::string> read_text(const Json& body, std::string_view key, std::string fallback) {
  const Json* member = internal::find_member(body, key);
  if (member == nullptr || member->is_null()) return fallback;
  if (std::optional<std::string> text = internal::scalar_text(*member)) return std::move(*text);
  return problem("its " + quoted(key) + " is neither a string nor a number");
}

Result<Currency> read_currency(const Json& body, const Currency& fallback) {
  const Json* member = internal::find_member(body, "currency");
  if (member == nullptr || member->is_null()) return fallback;
  if (!member->is_string()) return problem("its \"currency\" is not a string");
  const std::string& code = member->get_ref<const std::string&>();
  Result<Currency> currency = Currency::from_code(code);
  if (!currency) {
    return problem("its \"currency\" \"" + internal::shorten_for_message(code, 16) +
                   "\" is not an ISO 4217 currency");
  }
  return currency;
}

Result<std::optional<Money>> read_amount(const Json& body, const Currency& currency,
                                         const std::optional<Money>& fallback) {
  const Json* member = internal::find_member(body, "amount");
  if (member == nullptr || member->is_null()) return fallback;
  Result<Money> amount = internal::read_money(*member, currency);
  if (!amount) return problem("its \"amount\" cannot be read exactly: " + amount.error().message);
  return std::optional<Money>(*amount);
}

std::string describe_unparsable(const std::string& body) {
  if (body.empty()) return "with an empty body";
  if (body.size() > internal::kMaxJsonBodyBytes) {
    return "with a body larger than the " + std::to_string(internal::kMaxJsonBodyBytes) +
           "-byte parse limit";
  }
  return "with a body that is not JSON";
}

// The vendor documents no example of the order read, so the list's name is not known for sure:
// "refunds", else the one array of objects that carry an externalReference.
const Json* find_refunds_list(const Json& order) {
  if (!order.is_object()) return nullptr;
  if (const Json* refunds = internal::find_member(order, "refunds")) {
    return refunds->is_array() ? refunds : nullptr;
  }
  for (const auto& member : order.items()) {
    const Json& value = member.value();
    if (value.is_array() && !value.empty() && value.front().is_object() &&
        value.front().contains("externalReference")) {
      return &value;
    }
  }
  return nullptr;
}

Result<std::optional<Date>> read_date(const Json& body, std::string_view key,
                                      std::optional<Date> fallback) {
  const Json* member = internal::find_member(body, key);
  if (member == nullptr || member->is_null()) return fallback;
  if (!member->is_string()) return problem("its " + quoted(key) + " is not a string");
  const std::string& text = member->get_ref<const std::string&>();
  if (text.empty()) return fallback;
  if (std::optional<Date> date = parse_date(text)) return std::optional<Date>(*date);
  return problem("its " + quoted(key) + " \"" + internal::shorten_for_message(text, 32) +
                 "\" is not a dd-MM-yyyy or yyyy-MM-dd date");
}

}  // namespace

Result<Refund> read_refund_object(const Json& object, std::string_view order_id,
                                  const RefundFallbacks& fallbacks) {
  if (!object.is_object()) return problem("it is not a JSON object");
  const std::string* vendor_status = internal::find_string(object, "status");
  if (vendor_status == nullptr || vendor_status->empty()) return problem("without a refund status");

  Refund refund;
  refund.provider = std::string(kProvider);
  refund.order_id = std::string(order_id);
  refund.status = map_status(*vendor_status);
  refund.vendor_status = *vendor_status;

  Result<std::string> id = read_text(object, "id", "");
  if (!id) return std::move(id).error();
  refund.id = std::move(id).value();

  Result<std::string> vendor_reference = read_text(object, "referenceNumber", "");
  if (!vendor_reference) return std::move(vendor_reference).error();
  refund.vendor_reference = std::move(vendor_reference).value();

  Result<std::string> reference = read_text(object, "externalReference", fallbacks.reference);
  if (!reference) return std::move(reference).error();
  refund.reference = std::move(reference).value();

  Result<Currency> currency = read_currency(object, fallbacks.currency);
  if (!currency) return std::move(currency).error();
  if (currency->is_set()) {
    Result<std::optional<Money>> amount = read_amount(object, *currency, fallbacks.amount);
    if (!amount) return std::move(amount).error();
    if (*amount) refund.amount = **amount;
  }

  Result<std::optional<Date>> planned = read_date(object, "plannedDate", fallbacks.planned_date);
  if (!planned) return std::move(planned).error();
  refund.planned_date = *planned;

  Result<std::optional<Date>> executed = read_date(object, "executionDate", std::nullopt);
  if (!executed) return std::move(executed).error();
  refund.executed_date = *executed;
  return refund;
}

Result<Refund> parse_refund_response(const HttpResponse& response, const RefundRequest& sent) {
  const auto unreadable = [&](std::string_view what) {
    return internal::unreadable_success(kVendorName, response, what);
  };

  const std::optional<Json> body = internal::parse_json_exact(response.body);
  if (!body) return unreadable(describe_unparsable(response.body));
  if (!body->is_object()) return unreadable("with a JSON body that is not an object");

  Result<Refund> read =
      read_refund_object(*body, sent.order_id,
                         {sent.reference, sent.amount.currency(), sent.amount, sent.planned_date});
  if (!read) return unreadable(read.error().message);
  Refund refund = std::move(read).value();

  // An echo that differs from what was sent is not this refund as requested (another, existing
  // refund; a vendor-side change): the vendor said yes to something, so outcome_unknown.
  if (refund.reference != sent.reference) {
    // printable_excerpt: the echo is the vendor's text and must not carry control characters.
    return unreadable("its \"externalReference\" \"" +
                      detail::printable_excerpt(refund.reference, 64) + "\" differs from the \"" +
                      detail::printable_excerpt(sent.reference, 64) + "\" sent");
  }
  // Read on its own: with no "amount" in the answer, the refund's amount falls back on the one
  // sent, whatever "currency" says.
  const Result<Currency> currency = read_currency(*body, sent.amount.currency());
  if (currency && *currency != sent.amount.currency()) {
    return unreadable("its \"currency\" " + std::string(currency->code()) + " differs from the " +
                      std::string(sent.amount.currency().code()) + " sent");
  }
  if (refund.amount != sent.amount) {
    return unreadable("its \"amount\" " + refund.amount.to_string() + " differs from the " +
                      sent.amount.to_string() + " sent");
  }
  refund.http_status = response.status;
  refund.raw_body = response.body;
  return refund;
}

Result<Refund> parse_order_refunds(const HttpResponse& response, std::string_view order_number,
                                   std::string_view reference) {
  if (!internal::is_success_status(response.status)) {
    Error error = map_error_response(response);
    if (error.kind == ErrorKind::not_found) error.message += "; so it has no such refund";
    return error;
  }
  const auto cannot_tell = [&](std::string_view what) {
    Error error = internal::local_error(
        ErrorKind::outcome_unknown,
        std::string(kVendorName) + "'s order read answered HTTP " +
            std::to_string(response.status) + " " + std::string(what) +
            ", so whether a refund with this reference exists cannot be told");
    error.http_status = response.status;
    error.raw_body = response.body;
    return error;
  };

  const std::optional<Json> body = internal::parse_json_exact(response.body);
  if (!body) return cannot_tell(describe_unparsable(response.body));
  const Json* refunds = find_refunds_list(*body);
  if (refunds == nullptr) return cannot_tell("without a list of refunds");

  for (const Json& element : *refunds) {
    const std::optional<std::string> listed =
        internal::get_scalar_text(element, "externalReference");
    if (!listed || *listed != reference) continue;
    Result<Currency> order_currency = read_currency(*body, Currency());
    Result<Refund> refund =
        read_refund_object(element, order_number,
                           {std::string(reference), order_currency ? *order_currency : Currency(),
                            std::nullopt, std::nullopt});
    if (!refund) return cannot_tell("with a refund that cannot be read: " + refund.error().message);
    refund->http_status = response.status;
    refund->raw_body = response.body;
    return refund;
  }
  Error error = internal::local_error(
      ErrorKind::not_found, std::string(kVendorName) + " lists no refund with reference \"" +
                                detail::printable_excerpt(reference, 64) + "\" for order \"" +
                                detail::printable_excerpt(order_number, 64) + "\"");
  error.http_status = response.status;
  error.raw_body = response.body;
  return error;
}

}  // namespace refundkit::vendors::komfortkasse
