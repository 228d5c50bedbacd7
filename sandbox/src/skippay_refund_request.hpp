#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "skippay_errors.hpp"

namespace refundkit::sandbox::detail {

/// One totalVat entry: a non-negative integer amount in minor units, a currency and a
/// non-negative VAT rate in percent, kept as written ("21", "10.5").
struct SkipPayVatLine {
  std::int64_t amount = 0;
  std::string currency;
  std::string vat_rate;
};

/// A syntactically valid refund request body; the application's rules are judged later.
struct SkipPayRefundRequest {
  std::int64_t amount = 0;  ///< totalPrice.amount: minor units, > 0
  std::string currency;     ///< totalPrice.currency: non-empty
  std::vector<SkipPayVatLine> vat;
  std::optional<std::string> reason;
  /// As sent; whether it is digits only is a business rule (INVALID_FORMAT), not syntax.
  std::optional<std::string> variable_symbol;
};

/// Reads the body of POST .../applications/{id}/refunds, or the 400 INVALID_REQUEST naming the
/// first attribute at fault (null when the body is not a JSON object). Amounts must be plain
/// JSON integers as written ("12590"; not "12590.0", "1.259e4" or "-5"); a null optional field
/// counts as absent; unknown fields are ignored.
std::variant<SkipPayRefundRequest, SkipPayError> read_skippay_refund_request(std::string_view body);

/// Whether a request's VAT rate (as written) is the order's percent text: equal as numbers
/// ("21.0" is "21"; "10.5" is "10.50").
bool same_vat_rate(std::string_view requested, std::string_view on_order);

/// variableSymbol's rule: one to ten digits (vendor-notes.md: "digits only, at most 10").
bool is_valid_variable_symbol(std::string_view symbol);

}  // namespace refundkit::sandbox::detail
