#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "refundkit/error.hpp"
#include "refundkit/refund.hpp"

namespace refundkit::internal {

/// The RefundRequest fields that change what money moves or when. An adapter whose vendor cannot
/// honour one refuses a request that sets it, rather than dropping it silently. (reason is
/// informational: a vendor without a field for it may drop it.)
enum class RefundField {
  planned_date,
  capture_number,
  line_items,
  vat_breakdown,
  kind,
  variable_symbol,
};

/// Longest order id / reference accepted locally unless a vendor says otherwise: vendors
/// document no limit, and this only stops obvious mistakes before they are sent.
inline constexpr std::size_t kMaxIdentifierBytes = 255;

/// An invalid_request Error before sending: "<vendor>: <problem>".
Error invalid_refund_request(std::string_view vendor, std::string_view problem);

/// Empty, longer than max_bytes, not UTF-8 or with control characters: never a real order id
/// or reference. `what` names the field in the message ("the order number (order_id)").
std::optional<Error> check_identifier(std::string_view vendor, std::string_view value,
                                      std::string_view what,
                                      std::size_t max_bytes = kMaxIdentifierBytes);

/// What every vendor requires, in this order: order id and reference (check_identifier), an
/// amount in a currency and above zero, none of the fields outside `honoured` set, and, with
/// line items, items in the refund's currency whose totals add up to the amount exactly (a
/// line's total is gross_unit_price * quantity, rounded half away from zero to the currency's
/// minor unit, as an invoice line is).
std::optional<Error> check_common_fields(std::string_view vendor, const RefundRequest& request,
                                         std::initializer_list<RefundField> honoured);

/// The total of one line item in minor units, rounded as check_common_fields says; nullopt when
/// it does not fit in 64 bits.
std::optional<std::int64_t> line_total_minor_units(const LineItem& item);

}  // namespace refundkit::internal
