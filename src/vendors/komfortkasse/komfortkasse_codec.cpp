#include "vendors/komfortkasse/komfortkasse_codec.hpp"

#include <utility>

#include "internal/http_errors.hpp"
#include "vendors/komfortkasse/komfortkasse_clock.hpp"
#include "vendors/komfortkasse/komfortkasse_errors.hpp"
#include "vendors/komfortkasse/komfortkasse_request.hpp"
#include "vendors/komfortkasse/komfortkasse_response.hpp"
#include "vendors/komfortkasse/komfortkasse_wire.hpp"

namespace refundkit::vendors::komfortkasse {

KomfortkasseCodec::KomfortkasseCodec(KomfortkasseOptions options) : options_(std::move(options)) {}

std::string_view KomfortkasseCodec::provider() const noexcept { return kProvider; }

std::string_view KomfortkasseCodec::vendor_name() const noexcept { return kVendorName; }

internal::Deduplication KomfortkasseCodec::deduplication() const noexcept {
  return internal::Deduplication::unique_reference;
}

Result<internal::PreparedRefund> KomfortkasseCodec::prepare_create(
    const RefundRequest& request) const {
  Result<Date> planned_date = validate_refund_request(options_, request, today());
  if (!planned_date) return std::move(planned_date).error();
  internal::PreparedRefund prepared{request,
                                    build_refund_request(options_, request, *planned_date)};
  prepared.request.planned_date = *planned_date;
  return prepared;
}

Result<Refund> KomfortkasseCodec::interpret_create(const internal::PreparedRefund& sent,
                                                   const HttpResponse& response) const {
  if (!internal::is_success_status(response.status)) return map_error_response(response);
  return parse_refund_response(response, sent.request);
}

Result<HttpRequest> KomfortkasseCodec::prepare_find(std::string_view order_id,
                                                    std::string_view /*reference*/) const {
  if (options_.api_key.empty()) {
    return internal::local_error(ErrorKind::authentication, "Komfortkasse: no API key configured");
  }
  return build_order_request(options_, order_id);
}

internal::FindAnswer KomfortkasseCodec::interpret_find(std::string_view order_id,
                                                       std::string_view reference,
                                                       const HttpResponse& response) const {
  // The order read names every refund's externalReference: it always identifies the refund.
  return internal::FindAnswer::of(parse_order_refunds(response, order_id, reference));
}

std::vector<std::string> KomfortkasseCodec::secrets() const { return {options_.api_key}; }

Date KomfortkasseCodec::today() const { return options_.today ? options_.today() : berlin_today(); }

}  // namespace refundkit::vendors::komfortkasse
