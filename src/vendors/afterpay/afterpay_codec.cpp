#include "vendors/afterpay/afterpay_codec.hpp"

#include <utility>

#include "internal/http_errors.hpp"
#include "vendors/afterpay/afterpay_errors.hpp"
#include "vendors/afterpay/afterpay_request.hpp"
#include "vendors/afterpay/afterpay_response.hpp"
#include "vendors/afterpay/afterpay_wire.hpp"

namespace refundkit::vendors::afterpay {

AfterPayCodec::AfterPayCodec(AfterPayOptions options) : options_(std::move(options)) {}

std::string_view AfterPayCodec::provider() const noexcept { return kProvider; }

std::string_view AfterPayCodec::vendor_name() const noexcept { return kVendorName; }

internal::Deduplication AfterPayCodec::deduplication() const noexcept {
  return internal::Deduplication::idempotency_key;
}

Result<internal::PreparedRefund> AfterPayCodec::prepare_create(const RefundRequest& request) const {
  if (auto error = validate_refund_request(options_, request)) return *error;
  return internal::PreparedRefund{request, build_refund_request(options_, request)};
}

Result<Refund> AfterPayCodec::interpret_create(const internal::PreparedRefund& sent,
                                               const HttpResponse& response) const {
  if (!internal::is_success_status(response.status)) return map_error_response(response);
  return parse_refund_response(response, sent.request);
}

Result<HttpRequest> AfterPayCodec::prepare_find(std::string_view order_id,
                                                std::string_view /*reference*/) const {
  if (auto error = check_api_key(options_)) return *error;
  return build_order_request(options_, order_id);
}

internal::FindAnswer AfterPayCodec::interpret_find(std::string_view order_id,
                                                   std::string_view reference,
                                                   const HttpResponse& response) const {
  return parse_order_refunds(response, order_id, reference);
}

std::vector<std::string> AfterPayCodec::secrets() const { return {options_.api_key}; }

}  // namespace refundkit::vendors::afterpay
