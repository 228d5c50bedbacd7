#include "vendors/optty/optty_request.hpp"

#include <vector>

#include "internal/http_errors.hpp"
#include "internal/json_writer.hpp"
#include "internal/refund_validation.hpp"
#include "internal/text.hpp"
#include "internal/url.hpp"
#include "vendors/optty/optty_token.hpp"
#include "vendors/optty/optty_wire.hpp"

namespace refundkit::vendors::optty {
namespace {

std::vector<HttpHeader> json_headers() {
  return {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
}

}  // namespace

std::optional<Error> validate_refund_request(const OpttyOptions& options,
                                             const RefundRequest& request) {
  if (auto error = check_client_credentials(options)) return error;
  if (auto error = internal::check_common_fields(kVendorName, request, {})) return error;
  if (!wire_amount(request.amount)) {
    return internal::invalid_refund_request(
        kVendorName, "Optty takes amounts with at most two decimals, and " +
                         request.amount.to_string() + " cannot be written so exactly");
  }
  const std::string description = refund_description(options, request);
  if (description.empty()) {
    return internal::invalid_refund_request(
        kVendorName,
        "Optty requires a refundDescription, and both RefundRequest::reason and "
        "OpttyOptions::default_description are empty");
  }
  // The JSON writer would replace invalid UTF-8 silently: refuse it instead.
  if (!internal::is_valid_utf8(description)) {
    return internal::invalid_refund_request(kVendorName,
                                            "the refundDescription is not valid UTF-8");
  }
  return std::nullopt;
}

std::string refund_description(const OpttyOptions& options, const RefundRequest& request) {
  return request.reason.empty() ? options.default_description : request.reason;
}

std::string build_refund_body(const OpttyOptions& options, const RefundRequest& request) {
  internal::JsonWriter json;
  json.begin_object()
      .key(kRefundReference)
      .string(request.reference)
      .key(kRefundAmount)
      .begin_object()
      .key(kAmount)
      .number(*wire_amount(request.amount))  // checked by validate_refund_request
      .key(kCurrency)
      .string(request.amount.currency().code())
      .end_object()
      .key(kRefundDescription)
      .string(refund_description(options, request))
      .key(kIsActivatedViaOAuth)
      .boolean(options.is_activated_via_oauth)
      .end_object();
  return std::move(json).take();
}

HttpRequest build_refund_request(const OpttyOptions& options, const RefundRequest& request) {
  HttpRequest http;
  http.method = HttpMethod::post;
  http.url = internal::url_with_path_segments(api_base_url(options),
                                              {"orders", request.order_id, "refund"});
  http.headers = json_headers();
  http.body = build_refund_body(options, request);
  return http;
}

HttpRequest build_details_request(const OpttyOptions& options, std::string_view order_reference) {
  HttpRequest http;
  http.method = HttpMethod::post;
  // percent_encode_path_segment keeps only RFC 3986's unreserved characters, which is safe in a
  // query value too ('&', '=', '+', '#' are all encoded).
  http.url = internal::url_with_path_segments(api_base_url(options),
                                              {"orders", order_reference, "details"}) +
             "?merchantId=" + internal::percent_encode_path_segment(options.merchant_id);
  http.headers = json_headers();
  http.body = "{}";
  http.idempotent = true;
  return http;
}

}  // namespace refundkit::vendors::optty
