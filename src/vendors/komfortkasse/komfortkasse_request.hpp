#pragma once

#include <string>
#include <string_view>

#include "refundkit/date.hpp"
#include "refundkit/komfortkasse.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/result.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::vendors::komfortkasse {

/// Everything Komfortkasse would reject that can be checked without asking it, so that a bad
/// request is never sent: the shared checks (internal::check_common_fields; Komfortkasse honours
/// only planned_date among the optional fields), an API key that can be sent, and a plannedDate
/// strictly after today. Returns the plannedDate to send: request.planned_date, or the day after
/// today. Errors: ErrorKind::authentication for a missing or unsendable API key,
/// ErrorKind::invalid_request for everything else.
Result<Date> validate_refund_request(const KomfortkasseOptions& options,
                                     const RefundRequest& request, const Date& today);

/// The exact JSON body; fields in a fixed order, the amount in the documented format 0.00:
/// {"externalReference":"...","amount":12.30,"currency":"EUR","plannedDate":"dd-MM-yyyy"}.
/// The request must have passed validate_refund_request.
std::string build_refund_body(const RefundRequest& request, const Date& planned_date);

/// The HTTP request for a validated RefundRequest.
HttpRequest build_refund_request(const KomfortkasseOptions& options, const RefundRequest& request,
                                 const Date& planned_date);

/// GET {base_url}/order/{orderNumber}?includeRefunds=true: the order with its refunds.
HttpRequest build_order_request(const KomfortkasseOptions& options, std::string_view order_number);

}  // namespace refundkit::vendors::komfortkasse
