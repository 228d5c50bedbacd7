#pragma once

#include <string_view>

#include "refundkit/refund.hpp"

namespace refundkit::vendors::optty {

/// Optty refund status (refundStatus in the refund answer, status in the order details'
/// refunds) -> RefundStatus. Matched ignoring ASCII case.
///
///   SUCCESSFUL            succeeded   the only status the vendor's page shows
///   PENDING               pending     seen in public clients
///   INITIATED             processing  sent on to the payment provider
///   FAILED                failed
///   DECLINED              failed      the payment provider refused it; no money moved
///   CANCELLED, CANCELED   cancelled   both spellings
///   ERROR                 failed
///   anything else         unknown     (Refund::vendor_status keeps the text)
RefundStatus map_status(std::string_view vendor_status);

}  // namespace refundkit::vendors::optty
