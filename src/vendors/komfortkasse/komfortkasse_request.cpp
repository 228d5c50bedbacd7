#include "vendors/komfortkasse/komfortkasse_request.hpp"

#include <string_view>

#include "internal/http_errors.hpp"
#include "internal/json_writer.hpp"
#include "internal/refund_validation.hpp"
#include "internal/text.hpp"
#include "internal/url.hpp"
#include "vendors/komfortkasse/komfortkasse_wire.hpp"

namespace refundkit::vendors::komfortkasse {

Result<Date> validate_refund_request(const KomfortkasseOptions& options,
                                     const RefundRequest& request, const Date& today) {
  // The key itself is never quoted, not even in part.
  if (options.api_key.empty()) {
    return internal::local_error(ErrorKind::authentication, "Komfortkasse: no API key configured");
  }
  if (internal::has_control_characters(options.api_key)) {
    return internal::local_error(ErrorKind::authentication,
                                 "Komfortkasse: the configured API key has characters that cannot "
                                 "be sent in an HTTP header");
  }
  if (options.base_url.empty()) {
    return internal::invalid_refund_request(kVendorName, "no base URL configured");
  }
  if (auto error = internal::check_common_fields(kVendorName, request,
                                                 {internal::RefundField::planned_date})) {
    return *error;
  }
  if (!wire_amount(request.amount)) {
    return internal::invalid_refund_request(
        kVendorName, "Komfortkasse takes amounts with two decimals (0.00), and " +
                         request.amount.to_string() + " cannot be written so exactly");
  }
  if (!request.planned_date) return today.next_day();

  const Date& planned = *request.planned_date;
  if (!planned.is_valid()) {
    return internal::invalid_refund_request(kVendorName, "the plannedDate is not a valid date");
  }
  if (!(planned > today)) {
    return internal::invalid_refund_request(
        kVendorName,
        "the plannedDate must be after today (" + today.to_iso() + "), not " + planned.to_iso());
  }
  return planned;
}

std::string build_refund_body(const RefundRequest& request, const Date& planned_date) {
  internal::JsonWriter json;
  json.begin_object()
      .key("externalReference")
      .string(request.reference)
      .key("amount")
      .number(*wire_amount(request.amount))  // checked by validate_refund_request
      .key("currency")
      .string(request.amount.currency().code())
      .key("plannedDate")
      .string(format_date(planned_date))
      .end_object();
  return std::move(json).take();
}

HttpRequest build_refund_request(const KomfortkasseOptions& options, const RefundRequest& request,
                                 const Date& planned_date) {
  HttpRequest http;
  http.method = HttpMethod::post;
  http.url =
      internal::url_with_path_segments(options.base_url, {"order", request.order_id, "refund"});
  http.headers = {
      {std::string(kApiKeyHeader), options.api_key},
      {"Content-Type", "application/json"},
      {"Accept", "application/json"},
  };
  http.body = build_refund_body(request, planned_date);
  return http;
}

HttpRequest build_order_request(const KomfortkasseOptions& options, std::string_view order_number) {
  HttpRequest http;
  http.method = HttpMethod::get;
  http.url = internal::url_with_path_segments(options.base_url, {"order", order_number}) +
             "?includeRefunds=true";
  http.headers = {
      {std::string(kApiKeyHeader), options.api_key},
      {"Accept", "application/json"},
  };
  http.idempotent = true;
  return http;
}

}  // namespace refundkit::vendors::komfortkasse
