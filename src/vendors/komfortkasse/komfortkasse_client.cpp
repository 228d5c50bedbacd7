#include <memory>
#include <utility>

#include "internal/http_errors.hpp"
#include "internal/secrets.hpp"
#include "refundkit/curl_transport.hpp"
#include "refundkit/komfortkasse.hpp"
#include "vendors/komfortkasse/komfortkasse_clock.hpp"
#include "vendors/komfortkasse/komfortkasse_errors.hpp"
#include "vendors/komfortkasse/komfortkasse_request.hpp"
#include "vendors/komfortkasse/komfortkasse_response.hpp"
#include "vendors/komfortkasse/komfortkasse_wire.hpp"

namespace refundkit {
namespace {

namespace kk = vendors::komfortkasse;

/// Stateless apart from its options, so create_refund may run on many threads at once (the
/// injected today() and transport must be thread-safe too).
///
/// One call sends at most one request and never retries: Komfortkasse has no idempotency key,
/// only the unique externalReference, so whether to retry (with the same reference) is the
/// caller's decision.
class KomfortkasseClient final : public RefundClient {
 public:
  KomfortkasseClient(KomfortkasseOptions options, std::shared_ptr<Transport> transport)
      : options_(std::move(options)), transport_(std::move(transport)) {}

  std::string_view provider() const noexcept override { return kk::kProvider; }

  Result<Refund> create_refund(const RefundRequest& request) override {
    Result<Refund> outcome = send(request);
    // Last line of defence: whatever produced the outcome, the key does not leave in it.
    if (outcome) {
      internal::redact_secret(outcome.value(), options_.api_key);
      return outcome;
    }
    Error error = std::move(outcome).error();
    internal::redact_secret(error, options_.api_key);
    return error;
  }

 private:
  Result<Refund> send(const RefundRequest& request) const {
    Result<Date> planned_date = kk::validate_refund_request(options_, request, today());
    if (!planned_date) return std::move(planned_date).error();

    Result<HttpResponse> response =
        transport_->send(kk::build_refund_request(options_, request, *planned_date));
    if (!response) return internal::transport_failure(kk::kVendorName, std::move(response).error());

    if (!internal::is_success_status(response->status)) return kk::map_error_response(*response);
    return kk::parse_refund_response(*response, request, *planned_date);
  }

  // Komfortkasse judges "in the future" by Berlin's date, not UTC's.
  Date today() const { return options_.today ? options_.today() : kk::berlin_today(); }

  const KomfortkasseOptions options_;
  const std::shared_ptr<Transport> transport_;
};

}  // namespace

std::unique_ptr<RefundClient> make_komfortkasse_client(KomfortkasseOptions options,
                                                       std::shared_ptr<Transport> transport) {
  if (!transport) transport = make_curl_transport();
  return std::make_unique<KomfortkasseClient>(std::move(options), std::move(transport));
}

}  // namespace refundkit
