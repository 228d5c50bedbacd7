#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace refundkit::sandbox::detail {

/// The sandbox's own money: integer minor units of a currency from its own small table
/// (currency_decimals() in sandbox.hpp). No binary floating point anywhere.

/// Reads a plain decimal text ("12.30", "5", "0.5": digits, optionally '.' and at least one more
/// digit; no sign, no exponent, no spaces) as minor units of a currency with `decimals` decimals.
/// At most `max_written_decimals` may be written; those beyond the currency's own must be zeros
/// ("1.00" is 1 JPY, "1.50" is not). nullopt if malformed, not exact or over int64.
std::optional<std::int64_t> parse_minor_units(std::string_view text, int decimals,
                                              int max_written_decimals);

/// Minor units as decimal text with exactly `decimals` decimals: 1230, 2 -> "12.30".
std::string format_minor_units(std::int64_t minor_units, int decimals);

}  // namespace refundkit::sandbox::detail
