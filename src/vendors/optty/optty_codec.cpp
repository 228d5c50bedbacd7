#include "vendors/optty/optty_codec.hpp"

#include <utility>

#include "internal/http_errors.hpp"
#include "vendors/optty/optty_errors.hpp"
#include "vendors/optty/optty_request.hpp"
#include "vendors/optty/optty_response.hpp"
#include "vendors/optty/optty_token.hpp"
#include "vendors/optty/optty_wire.hpp"

namespace refundkit::vendors::optty {

OpttyCodec::OpttyCodec(OpttyOptions options) : options_(std::move(options)) {}

std::string_view OpttyCodec::provider() const noexcept { return kProvider; }

std::string_view OpttyCodec::vendor_name() const noexcept { return kVendorName; }

internal::Deduplication OpttyCodec::deduplication() const noexcept {
  return internal::Deduplication::unique_reference;
}

Result<internal::PreparedRefund> OpttyCodec::prepare_create(const RefundRequest& request) const {
  if (std::optional<Error> error = validate_refund_request(options_, request)) return *error;
  return internal::PreparedRefund{request, build_refund_request(options_, request)};
}

Result<Refund> OpttyCodec::interpret_create(const internal::PreparedRefund& sent,
                                            const HttpResponse& response) const {
  if (!internal::is_success_status(response.status)) return map_error_response(response);
  return parse_refund_response(response, sent.request);
}

bool OpttyCodec::can_find() const noexcept { return !options_.merchant_id.empty(); }

Result<HttpRequest> OpttyCodec::prepare_find(std::string_view order_id,
                                             std::string_view /*reference*/) const {
  if (std::optional<Error> error = check_client_credentials(options_)) return *error;
  return build_details_request(options_, order_id);
}

internal::FindAnswer OpttyCodec::interpret_find(std::string_view order_id,
                                                std::string_view reference,
                                                const HttpResponse& response) const {
  return parse_order_details(response, order_id, reference);
}

std::vector<std::string> OpttyCodec::secrets() const {
  // Also as sent in the token form: a vendor echoing the form would echo that spelling.
  return {options_.client_secret, form_encode(options_.client_secret)};
}

}  // namespace refundkit::vendors::optty
