#include "vendors/afterpay/afterpay_request.hpp"

#include "internal/http_errors.hpp"
#include "internal/json_writer.hpp"
#include "internal/refund_validation.hpp"
#include "internal/text.hpp"
#include "internal/url.hpp"
#include "vendors/afterpay/afterpay_items.hpp"
#include "vendors/afterpay/afterpay_wire.hpp"

namespace refundkit::vendors::afterpay {
namespace {

using internal::invalid_refund_request;

std::size_t utf8_characters(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::optional<Error> check_credit_note_number(std::string_view number) {
  if (number.empty()) return std::nullopt;
  if (!internal::is_valid_utf8(number) || internal::has_control_characters(number)) {
    return invalid_refund_request(
        kVendorName, "the credit note number (credit_note_number) is not valid UTF-8 text");
  }
  if (utf8_characters(number) > kMaxCreditNoteNumberChars) {
    return invalid_refund_request(kVendorName,
                                  "the credit note number (credit_note_number) is longer than " +
                                      std::to_string(kMaxCreditNoteNumberChars) + " characters");
  }
  return std::nullopt;
}

std::string refunds_url(const AfterPayOptions& options, std::string_view order_number) {
  return internal::url_with_path_segments(base_url_of(options),
                                          {"api", "v3", "orders", order_number, "refunds"});
}

}  // namespace

std::optional<Error> check_api_key(const AfterPayOptions& options) {
  if (options.api_key.empty()) {
    return internal::local_error(ErrorKind::authentication, "Riverty: no API key configured");
  }
  if (internal::has_control_characters(options.api_key)) {
    return internal::local_error(ErrorKind::authentication,
                                 "Riverty: the configured API key has characters that cannot be "
                                 "sent in an HTTP header");
  }
  return std::nullopt;
}

std::optional<Error> validate_refund_request(const AfterPayOptions& options,
                                             const RefundRequest& request) {
  if (auto error = check_api_key(options)) return error;
  using internal::RefundField;
  if (auto error = internal::check_common_fields(
          kVendorName, request,
          {RefundField::capture_number, RefundField::line_items, RefundField::kind})) {
    return error;
  }
  if (!is_supported_currency(request.amount.currency())) {
    return invalid_refund_request(kVendorName,
                                  "Riverty refunds only in EUR, NOK, SEK, DKK or CHF, "
                                  "not " +
                                      std::string(request.amount.currency().code()));
  }
  if (auto error = internal::check_identifier(kVendorName, request.capture_number,
                                              "the capture number (capture_number)")) {
    return error;
  }
  if (auto error = check_credit_note_number(request.credit_note_number)) return error;
  return check_line_items(request);
}

std::string build_refund_body(const AfterPayOptions& options, const RefundRequest& request) {
  internal::JsonWriter json;
  json.begin_object().key("captureNumber").string(request.capture_number);
  json.key(items_field_name(options.items_field));
  write_items(json, wire_items(request));
  if (std::optional<std::string_view> type = refund_type_name(request.kind)) {
    json.key("refundType").string(*type);
  }
  if (!request.credit_note_number.empty()) {
    json.key("creditNoteNumber").string(request.credit_note_number);
  }
  json.key("transactionReference").string(request.reference).end_object();
  return std::move(json).take();
}

HttpRequest build_refund_request(const AfterPayOptions& options, const RefundRequest& request) {
  HttpRequest http;
  http.method = HttpMethod::post;
  http.url = refunds_url(options, request.order_id);
  http.headers = {
      {std::string(kApiKeyHeader), options.api_key},
      {std::string(kIdempotencyKeyHeader), afterpay_idempotency_key(request.reference)},
      {"Content-Type", std::string(kJsonContentType)},
  };
  http.body = build_refund_body(options, request);
  http.idempotent = true;
  return http;
}

HttpRequest build_order_request(const AfterPayOptions& options, std::string_view order_number) {
  HttpRequest http;
  http.method = HttpMethod::get;
  http.url =
      internal::url_with_path_segments(base_url_of(options), {"api", "v3", "orders", order_number});
  http.headers = {
      {std::string(kApiKeyHeader), options.api_key},
      {"Accept", "application/json"},
  };
  http.idempotent = true;
  return http;
}

}  // namespace refundkit::vendors::afterpay
