#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refundkit/error.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/result.hpp"
#include "refundkit/skippay.hpp"
#include "refundkit/transport.hpp"
#include "vendors/skippay/skippay_vat.hpp"

namespace refundkit::vendors::skippay {

/// Everything Skip Pay would refuse that can be known locally, so that a bad refund is never
/// sent: partner credentials that can be sent (authentication), a base URL, the shared checks
/// (internal::check_common_fields; Skip Pay honours line_items, vat_breakdown and
/// variable_symbol, so planned_date, capture_number and kind are refused), a currency the
/// account accepts (currency_mismatch, naming the accepted ones), a variable_symbol of 1 to 10
/// digits, a reason in UTF-8, and the VAT (vat_lines_of). Returns the totalVat to send.
Result<std::vector<VatLine>> validate_refund_request(const SkipPayOptions& options,
                                                     const RefundRequest& request);

/// The exact JSON body, fields in this order: totalPrice {amount in minor units, currency},
/// totalVat (when `vat` has lines), reason (when not empty), variableSymbol (when set).
/// RefundRequest::reference is not sent: the vendor has no field for it.
std::string build_refund_body(const RefundRequest& request, const std::vector<VatLine>& vat);

/// POST {base_url}/financing/v1/applications/{order_id}/refunds, for a validated request. The
/// bearer token is added by the transport layer. Never marked idempotent: the vendor cannot
/// recognise a resent refund.
HttpRequest build_refund_request(const SkipPayOptions& options, const RefundRequest& request,
                                 const std::vector<VatLine>& vat);

/// GET {base_url}/financing/v1/applications/{application_id}: the application detail.
HttpRequest build_application_request(const SkipPayOptions& options,
                                      std::string_view application_id);

}  // namespace refundkit::vendors::skippay
