#include "vendors/komfortkasse/komfortkasse_response.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/printable.hpp"
#include "internal/http_errors.hpp"
#include "internal/json_reader.hpp"
#include "internal/text.hpp"
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
  if (std::optional<std::string> text = internal::get_scalar_text(body, key)) return *text;
  return problem("its " + quoted(key) + " is neither a string nor a number");
}

Result<Currency> read_currency(const Json& body, const Currency& fallback) {
  const Json* member = internal::find_member(body, "currency");
  if (member == nullptr || member->is_null()) return fallback;
  if (!member->is_string()) return problem("its \"currency\" is not a string");
  Result<Currency> currency = Currency::from_code(member->get<std::string>());
  if (!currency) {
    return problem("its \"currency\" \"" +
                   internal::shorten_for_message(member->get<std::string>(), 16) +
                   "\" is not an ISO 4217 currency");
  }
  return currency;
}

Result<Money> read_amount(const Json& body, const Currency& currency, const Money& fallback) {
  const Json* member = internal::find_member(body, "amount");
  if (member == nullptr || member->is_null()) return fallback;
  Result<Money> amount = internal::read_money(*member, currency);
  if (!amount) return problem("its \"amount\" cannot be read exactly: " + amount.error().message);
  return amount;
}

Result<std::optional<Date>> read_date(const Json& body, std::string_view key,
                                      std::optional<Date> fallback) {
  const Json* member = internal::find_member(body, key);
  if (member == nullptr || member->is_null()) return fallback;
  if (!member->is_string()) return problem("its " + quoted(key) + " is not a string");
  const std::string text = member->get<std::string>();
  if (text.empty()) return fallback;
  if (std::optional<Date> date = parse_date(text)) return std::optional<Date>(*date);
  return problem("its " + quoted(key) + " \"" + internal::shorten_for_message(text, 32) +
                 "\" is not a dd-MM-yyyy or yyyy-MM-dd date");
}

}  // namespace

Result<Refund> parse_refund_response(const HttpResponse& response, const RefundRequest& request,
                                     const Date& sent_planned_date) {
  const auto unreadable = [&](std::string_view what) {
    return internal::unreadable_success(kVendorName, response, what);
  };

  const std::optional<Json> body = internal::parse_json_exact(response.body);
  if (!body) {
    if (response.body.empty()) return unreadable("with an empty body");
    if (response.body.size() > internal::kMaxJsonBodyBytes) {
      return unreadable("with a body larger than the " +
                        std::to_string(internal::kMaxJsonBodyBytes) + "-byte parse limit");
    }
    return unreadable("with a body that is not JSON");
  }
  if (!body->is_object()) return unreadable("with a JSON body that is not an object");

  const std::optional<std::string> vendor_status = internal::get_string(*body, "status");
  if (!vendor_status || vendor_status->empty()) return unreadable("without a refund status");

  Refund refund;
  refund.provider = std::string(kProvider);
  refund.order_id = request.order_id;
  refund.status = map_status(*vendor_status);
  refund.vendor_status = *vendor_status;
  refund.http_status = response.status;

  Result<std::string> id = read_text(*body, "id", "");
  if (!id) return unreadable(id.error().message);
  refund.id = std::move(id).value();

  Result<std::string> vendor_reference = read_text(*body, "referenceNumber", "");
  if (!vendor_reference) return unreadable(vendor_reference.error().message);
  refund.vendor_reference = std::move(vendor_reference).value();

  // An echo that differs from what was sent is not this refund as requested (another, existing
  // refund; a vendor-side change): the vendor said yes to something, so outcome_unknown.
  Result<std::string> reference = read_text(*body, "externalReference", request.reference);
  if (!reference) return unreadable(reference.error().message);
  if (*reference != request.reference) {
    // printable_excerpt: the echo is the vendor's text and must not carry control characters.
    return unreadable("its \"externalReference\" \"" + detail::printable_excerpt(*reference, 64) +
                      "\" differs from the \"" + detail::printable_excerpt(request.reference, 64) +
                      "\" sent");
  }
  refund.reference = std::move(reference).value();

  Result<Currency> currency = read_currency(*body, request.amount.currency());
  if (!currency) return unreadable(currency.error().message);
  if (*currency != request.amount.currency()) {
    return unreadable("its \"currency\" " + std::string(currency->code()) + " differs from the " +
                      std::string(request.amount.currency().code()) + " sent");
  }
  Result<Money> amount = read_amount(*body, *currency, request.amount);
  if (!amount) return unreadable(amount.error().message);
  if (*amount != request.amount) {
    return unreadable("its \"amount\" " + amount->to_string() + " differs from the " +
                      request.amount.to_string() + " sent");
  }
  refund.amount = *amount;

  Result<std::optional<Date>> planned = read_date(*body, "plannedDate", sent_planned_date);
  if (!planned) return unreadable(planned.error().message);
  refund.planned_date = *planned;

  Result<std::optional<Date>> executed = read_date(*body, "executionDate", std::nullopt);
  if (!executed) return unreadable(executed.error().message);
  refund.executed_date = *executed;

  refund.raw_body = response.body;
  return refund;
}

}  // namespace refundkit::vendors::komfortkasse
