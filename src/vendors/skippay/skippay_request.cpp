#include "vendors/skippay/skippay_request.hpp"

#include <algorithm>

#include "internal/http_errors.hpp"
#include "internal/json_writer.hpp"
#include "internal/refund_validation.hpp"
#include "internal/text.hpp"
#include "vendors/skippay/skippay_token.hpp"
#include "vendors/skippay/skippay_wire.hpp"

namespace refundkit::vendors::skippay {
namespace {

using internal::RefundField;

Error refused(std::string_view problem) {
  return internal::invalid_refund_request(kVendorName, problem);
}

std::string listed(const std::vector<std::string>& currencies) {
  std::string text;
  for (const std::string& currency : currencies) {
    if (!text.empty()) text += ", ";
    text += currency;
  }
  return text;
}

std::optional<Error> check_currency(const SkipPayOptions& options, const RefundRequest& request) {
  const std::string_view code = request.amount.currency().code();
  if (options.accepted_currencies.empty()) {
    return refused("no accepted currency is configured (SkipPayOptions::accepted_currencies)");
  }
  const bool accepted =
      std::any_of(options.accepted_currencies.begin(), options.accepted_currencies.end(),
                  [code](const std::string& candidate) {
                    return internal::equals_ignore_case(candidate, code);
                  });
  if (accepted) return std::nullopt;
  // Quoted from the caller's own configuration: printable, and short unless it is very odd.
  return internal::local_error(
      ErrorKind::currency_mismatch,
      std::string(kVendorName) + ": the refund is in " + std::string(code) +
          ", which this Skip Pay account does not accept (accepted: " +
          internal::shorten_for_message(listed(options.accepted_currencies), 100) +
          "); the vendor refuses a currency other than the e-shop's");
}

std::optional<Error> check_variable_symbol(std::string_view symbol) {
  if (symbol.empty()) return std::nullopt;
  if (symbol.size() > kMaxVariableSymbolDigits ||
      !std::all_of(symbol.begin(), symbol.end(), internal::is_ascii_digit)) {
    return refused("the variable_symbol must be 1 to " + std::to_string(kMaxVariableSymbolDigits) +
                   " digits (0-9) and nothing else");
  }
  return std::nullopt;
}

}  // namespace

Result<std::vector<VatLine>> validate_refund_request(const SkipPayOptions& options,
                                                     const RefundRequest& request) {
  if (auto error = check_credentials(options)) return *error;
  if (options.base_url.empty()) return refused("no base URL configured");
  if (auto error = internal::check_common_fields(
          kVendorName, request,
          {RefundField::line_items, RefundField::vat_breakdown, RefundField::variable_symbol})) {
    return *error;
  }
  if (auto error = check_currency(options, request)) return *error;
  if (auto error = check_variable_symbol(request.variable_symbol)) return *error;
  // The JSON writer would turn broken UTF-8 into U+FFFD: the vendor would get another text.
  if (!internal::is_valid_utf8(request.reason)) return refused("the reason is not valid UTF-8");
  return vat_lines_of(request);
}

std::string build_refund_body(const RefundRequest& request, const std::vector<VatLine>& vat) {
  const std::string_view currency = request.amount.currency().code();
  internal::JsonWriter json;
  json.begin_object()
      .key("totalPrice")
      .begin_object()
      .key("amount")
      .number(request.amount.minor_units())
      .key("currency")
      .string(currency)
      .end_object();
  if (!vat.empty()) {
    json.key("totalVat").begin_array();
    for (const VatLine& line : vat) {
      json.begin_object()
          .key("amount")
          .number(line.minor_units)
          .key("currency")
          .string(currency)
          .key("vatRate")
          .number(line.rate)
          .end_object();
    }
    json.end_array();
  }
  if (!request.reason.empty()) json.key("reason").string(request.reason);
  if (!request.variable_symbol.empty()) {
    json.key("variableSymbol").string(request.variable_symbol);
  }
  json.end_object();
  return std::move(json).take();
}

HttpRequest build_refund_request(const SkipPayOptions& options, const RefundRequest& request,
                                 const std::vector<VatLine>& vat) {
  HttpRequest http;
  http.method = HttpMethod::post;
  http.url = refunds_url(options.base_url, request.order_id);
  http.headers = {
      {"Content-Type", "application/json"},
      {"Accept", "application/json"},
  };
  http.body = build_refund_body(request, vat);
  return http;
}

HttpRequest build_application_request(const SkipPayOptions& options,
                                      std::string_view application_id) {
  HttpRequest http;
  http.method = HttpMethod::get;
  http.url = application_url(options.base_url, application_id);
  http.headers = {{"Accept", "application/json"}};
  http.idempotent = true;
  return http;
}

}  // namespace refundkit::vendors::skippay
