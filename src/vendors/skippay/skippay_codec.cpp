#include "vendors/skippay/skippay_codec.hpp"

#include <utility>

#include "internal/http_errors.hpp"
#include "internal/refund_validation.hpp"
#include "vendors/skippay/skippay_errors.hpp"
#include "vendors/skippay/skippay_request.hpp"
#include "vendors/skippay/skippay_response.hpp"
#include "vendors/skippay/skippay_token.hpp"
#include "vendors/skippay/skippay_wire.hpp"

namespace refundkit::vendors::skippay {

SkipPayCodec::SkipPayCodec(SkipPayOptions options) : options_(std::move(options)) {}

std::string_view SkipPayCodec::provider() const noexcept { return kProvider; }

std::string_view SkipPayCodec::vendor_name() const noexcept { return kVendorName; }

internal::Deduplication SkipPayCodec::deduplication() const noexcept {
  return internal::Deduplication::none;
}

Result<internal::PreparedRefund> SkipPayCodec::prepare_create(const RefundRequest& request) const {
  Result<std::vector<VatLine>> vat = validate_refund_request(options_, request);
  if (!vat) return std::move(vat).error();
  return internal::PreparedRefund{request, build_refund_request(options_, request, *vat)};
}

Result<Refund> SkipPayCodec::interpret_create(const internal::PreparedRefund& sent,
                                              const HttpResponse& response) const {
  if (!internal::is_success_status(response.status)) return map_error_response(response);
  return parse_refund_response(response, sent.request);
}

Result<HttpRequest> SkipPayCodec::prepare_find(std::string_view order_id,
                                               std::string_view /*reference*/) const {
  if (auto error = check_credentials(options_)) return *error;
  if (options_.base_url.empty()) {
    return internal::invalid_refund_request(kVendorName, "no base URL configured");
  }
  return build_application_request(options_, order_id);
}

internal::FindAnswer SkipPayCodec::interpret_find(std::string_view order_id,
                                                  std::string_view reference,
                                                  const HttpResponse& response) const {
  return interpret_application_read(response, order_id, reference);
}

std::vector<std::string> SkipPayCodec::secrets() const { return password_forms(options_.password); }

}  // namespace refundkit::vendors::skippay
