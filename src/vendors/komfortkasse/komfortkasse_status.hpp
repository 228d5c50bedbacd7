#pragma once

#include <string_view>

#include "refundkit/refund.hpp"

namespace refundkit::vendors::komfortkasse {

/// Komfortkasse refund status -> RefundStatus. Matched ignoring ASCII case.
///
///   NEW                  pending            will be transferred when plannedDate is reached
///   PLANNED              pending            held (e.g. insufficient balance); help pages only
///   BANKDETAILS_MISSING  awaiting_customer  the customer was asked for an IBAN
///   IN_PROCESS           processing
///   PROCESSED            succeeded          processed by the bank
///   RETURNED             reversed           bounced back to the original account
///   ERROR                failed
///   CANCELLED            cancelled          manually cancelled before execution
///   LEGACY               cancelled          an old transfer that "will not be processed":
///                                           no money moves, which is what cancelled means
///   anything else        unknown            (Refund::vendor_status keeps the text)
RefundStatus map_status(std::string_view vendor_status);

}  // namespace refundkit::vendors::komfortkasse
