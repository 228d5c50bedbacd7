#include "vendors/komfortkasse/komfortkasse_request.hpp"

#include <string_view>

#include "internal/http_errors.hpp"
#include "internal/json_writer.hpp"
#include "internal/text.hpp"
#include "internal/url.hpp"
#include "vendors/komfortkasse/komfortkasse_wire.hpp"

namespace refundkit::vendors::komfortkasse {
namespace {

using internal::local_error;

Error invalid(std::string message) {
  return local_error(ErrorKind::invalid_request, "Komfortkasse: " + std::move(message));
}

// Empty, too long, not UTF-8 or with control characters: never a real order number or reference.
std::optional<Error> check_identifier(std::string_view value, std::string_view what) {
  const std::string name(what);
  if (value.empty()) return invalid(name + " is empty");
  if (value.size() > kMaxIdentifierBytes) {
    return invalid(name + " is longer than " + std::to_string(kMaxIdentifierBytes) + " bytes");
  }
  if (!internal::is_valid_utf8(value)) return invalid(name + " is not valid UTF-8");
  if (internal::has_control_characters(value)) return invalid(name + " has control characters");
  return std::nullopt;
}

}  // namespace

Result<Date> validate_refund_request(const KomfortkasseOptions& options,
                                     const RefundRequest& request, const Date& today) {
  // The key itself is never quoted, not even in part.
  if (options.api_key.empty()) {
    return local_error(ErrorKind::authentication, "Komfortkasse: no API key configured");
  }
  if (internal::has_control_characters(options.api_key)) {
    return local_error(ErrorKind::authentication,
                       "Komfortkasse: the configured API key has characters that cannot be sent "
                       "in an HTTP header");
  }
  if (options.base_url.empty()) return invalid("no base URL configured");
  if (auto error = check_identifier(request.order_id, "the order number (order_id)")) {
    return *error;
  }
  if (auto error = check_identifier(request.reference, "the externalReference (reference)")) {
    return *error;
  }
  if (!request.amount.currency().is_set()) return invalid("the amount has no currency");
  if (request.amount.minor_units() <= 0) {
    return invalid("the amount must be greater than zero, not " + request.amount.to_string());
  }
  if (!request.planned_date) return today.next_day();

  const Date& planned = *request.planned_date;
  if (!planned.is_valid()) return invalid("the plannedDate is not a valid date");
  if (!(planned > today)) {
    return invalid("the plannedDate must be after today (" + today.to_iso() + "), not " +
                   planned.to_iso());
  }
  return planned;
}

std::string build_refund_body(const RefundRequest& request, const Date& planned_date) {
  internal::JsonWriter json;
  json.begin_object()
      .key("externalReference")
      .string(request.reference)
      .key("amount")
      .number(request.amount)
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

}  // namespace refundkit::vendors::komfortkasse
