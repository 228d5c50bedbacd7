#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "refundkit/error.hpp"
#include "refundkit/optty.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::vendors::optty {

/// Everything Optty would refuse that can be known without asking it, so that a bad request is
/// never sent: the shared checks (internal::check_common_fields; Optty honours none of the
/// optional fields), client credentials that are configured, an amount that two decimals hold
/// exactly, and a refundDescription (reason, else default_description) that is non-empty UTF-8.
/// Errors: ErrorKind::authentication for missing credentials, invalid_request for the rest.
std::optional<Error> validate_refund_request(const OpttyOptions& options,
                                             const RefundRequest& request);

/// The refundDescription sent: the request's reason, else OpttyOptions::default_description.
std::string refund_description(const OpttyOptions& options, const RefundRequest& request);

/// The exact JSON body, fields in the schema's order, the amount an exact number:
/// {"refundReference":"RMA-1","refundAmount":{"amount":12.30,"currency":"EUR"},
///  "refundDescription":"Refund","isActivatedViaOAuth":false}
/// The request must have passed validate_refund_request.
std::string build_refund_body(const OpttyOptions& options, const RefundRequest& request);

/// POST {api_base}/orders/{orderReference}/refund with the body above (the bearer token layer
/// adds Authorization).
HttpRequest build_refund_request(const OpttyOptions& options, const RefundRequest& request);

/// POST {api_base}/orders/{orderReference}/details?merchantId=<percent-encoded>, body {}: the
/// order with its refunds. A read, so marked idempotent (the transport may resend it on a fresh
/// connection) although it is a POST.
HttpRequest build_details_request(const OpttyOptions& options, std::string_view order_reference);

}  // namespace refundkit::vendors::optty
