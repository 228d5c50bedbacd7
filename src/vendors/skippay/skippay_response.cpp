#include "vendors/skippay/skippay_response.hpp"

#include <optional>
#include <string>
#include <utility>

#include "core/printable.hpp"
#include "internal/http_errors.hpp"
#include "internal/json_reader.hpp"
#include "vendors/skippay/skippay_errors.hpp"
#include "vendors/skippay/skippay_wire.hpp"

namespace refundkit::vendors::skippay {
namespace {

using internal::FindAnswer;
using internal::Json;

std::string describe_unparsable(const std::string& body) {
  if (body.empty()) return "with an empty body";
  if (body.size() > internal::kMaxJsonBodyBytes) {
    return "with a body larger than the " + std::to_string(internal::kMaxJsonBodyBytes) +
           "-byte parse limit";
  }
  return "with a body that is not JSON";
}

std::string first_scalar_text(const Json& body, std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    if (std::optional<std::string> text = internal::get_scalar_text(body, key)) return *text;
  }
  return "";
}

std::string first_string(const Json& body, std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    if (std::optional<std::string> text = internal::get_string(body, key)) return *text;
  }
  return "";
}

/// An {amount (minor units), currency} object; nullopt with `problem` set when it cannot be
/// read exactly.
std::optional<Money> read_amount(const Json& price, const Currency& fallback,
                                 std::string& problem) {
  if (!price.is_object()) {
    problem = "is not an object";
    return std::nullopt;
  }
  Currency currency = fallback;
  if (const Json* code = internal::find_member(price, "currency"); code && !code->is_null()) {
    if (!code->is_string()) {
      problem = "has a currency that is not a string";
      return std::nullopt;
    }
    Result<Currency> parsed = Currency::from_code(code->get<std::string>());
    if (!parsed) {
      problem = "has a currency that is not an ISO 4217 code";
      return std::nullopt;
    }
    currency = *parsed;
  }
  const Json* amount = internal::find_member(price, "amount");
  if (amount == nullptr || amount->is_null()) {
    problem = "has no amount";
    return std::nullopt;
  }
  const std::optional<std::int64_t> minor_units = read_whole_number(*amount);
  if (!minor_units) {
    problem = "has an amount that is not a whole number of minor units";
    return std::nullopt;
  }
  Result<Money> money = Money::from_minor_units(*minor_units, currency.code());
  if (!money) {
    problem = "has an amount that cannot be represented";
    return std::nullopt;
  }
  return *money;
}

std::string application_summary(const Json& body) {
  std::string summary;
  const std::string state = first_string(body, {"state"});
  summary +=
      state.empty() ? std::string("no state") : "state " + detail::printable_excerpt(state, 40);
  const std::string reason = first_string(body, {"stateReason"});
  if (!reason.empty()) summary += " (" + detail::printable_excerpt(reason, 40) + ")";
  if (const Json* order = internal::find_member(body, "order")) {
    if (const Json* price = internal::find_member(*order, "totalPrice")) {
      std::string problem;
      if (std::optional<Money> total = read_amount(*price, Currency(), problem);
          total && total->currency().is_set()) {
        summary += ", order total " + total->to_string();
      }
    }
  }
  return summary;
}

}  // namespace

Result<Refund> parse_refund_response(const HttpResponse& response, const RefundRequest& sent) {
  const auto unreadable = [&](std::string_view what) {
    return internal::unreadable_success(kVendorName, response, what);
  };
  const std::optional<Json> body = internal::parse_json_exact(response.body);
  if (!body) return unreadable(describe_unparsable(response.body));

  Refund refund;
  refund.provider = std::string(kProvider);
  refund.order_id = sent.order_id;
  refund.reference = sent.reference;
  refund.status = RefundStatus::succeeded;
  refund.amount = sent.amount;
  refund.http_status = response.status;
  refund.raw_body = response.body;
  if (!body->is_object()) return refund;  // JSON, but nothing known in it

  refund.id = first_scalar_text(*body, {"id", "refundId"});
  refund.vendor_status = first_string(*body, {"state", "status"});
  if (const Json* price = internal::find_member(*body, "totalPrice"); price && !price->is_null()) {
    std::string problem;
    const std::optional<Money> amount = read_amount(*price, sent.amount.currency(), problem);
    if (!amount) return unreadable("its \"totalPrice\" " + problem);
    // Another amount is not this refund as requested (an earlier one, a vendor-side change).
    if (*amount != sent.amount) {
      return unreadable("its \"totalPrice\" " + amount->to_string() + " differs from the " +
                        sent.amount.to_string() + " sent");
    }
  }
  return refund;
}

FindAnswer interpret_application_read(const HttpResponse& response, std::string_view application_id,
                                      std::string_view reference) {
  const std::string application =
      "application \"" + detail::printable_excerpt(application_id, 64) + "\"";
  if (response.status == 404) {
    Error error = map_error_response(response);
    error.kind = ErrorKind::not_found;
    error.message = std::string(kVendorName) + " has no " + application +
                    " (HTTP 404), so it has no refund with reference \"" +
                    detail::printable_excerpt(reference, 64) + "\"";
    return {FindAnswer::Kind::absent, std::nullopt, std::move(error)};
  }
  if (!internal::is_success_status(response.status)) {
    Error error = map_error_response(response);
    if (error.kind != ErrorKind::authentication) {
      error.kind = ErrorKind::outcome_unknown;
      error.message = std::string(kVendorName) + "'s read of " + application + " answered HTTP " +
                      std::to_string(response.status) +
                      ", so whether a refund with this reference exists cannot be told (" +
                      error.message + ")";
    }
    return {FindAnswer::Kind::unreadable, std::nullopt, std::move(error)};
  }

  const std::optional<Json> body = internal::parse_json_exact(response.body);
  const std::string shows =
      body && body->is_object()
          ? "shows " + application + " in " + application_summary(*body)
          : "answered the read of " + application + " " + describe_unparsable(response.body);
  Error error = internal::local_error(
      ErrorKind::outcome_unknown,
      std::string(kVendorName) + " " + shows +
          "; it lists no refunds and has no field for a merchant reference, so it cannot tell "
          "whether a refund with reference \"" +
          detail::printable_excerpt(reference, 64) +
          "\" exists: check the application's refunds with Skip Pay before refunding again");
  error.http_status = response.status;
  error.raw_body = response.body;
  return {FindAnswer::Kind::unidentifiable, std::nullopt, std::move(error)};
}

}  // namespace refundkit::vendors::skippay
