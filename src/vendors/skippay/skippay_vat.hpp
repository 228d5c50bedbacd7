#pragma once

#include <cstdint>
#include <vector>

#include "refundkit/decimal.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/result.hpp"

namespace refundkit::vendors::skippay {

/// One totalVat entry as it goes out: the rate (normalized_rate) and the VAT in minor units of
/// the refund's currency.
struct VatLine {
  Decimal rate;
  std::int64_t minor_units = 0;
};

/// The totalVat to send for a request that passed the common checks:
///  - its vat_breakdown, checked: each amount in the refund's currency and >= 0, each rate from
///    0 to 100 and given once (21 and 21.00 are one rate), their sum not above the amount;
///  - else, with line items, derived from them: per vat_percent (in the order the rates first
///    appear), the sum of vat_amount x quantity, rounded half away from zero to the minor unit
///    once per rate; items without a vat_amount (no currency) add nothing; the result is checked
///    as a breakdown is;
///  - else none (totalVat is then omitted).
/// Errors are ErrorKind::invalid_request, before anything is sent.
Result<std::vector<VatLine>> vat_lines_of(const RefundRequest& request);

}  // namespace refundkit::vendors::skippay
