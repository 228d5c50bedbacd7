#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace refundkit::internal {

/// Rewrites a JSON number's text (RFC 8259 grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?)
/// as a plain decimal with the same exact value: the exponent applied by moving the decimal
/// point, leading integer zeros and trailing fractional zeros removed ("1.2300e1" -> "12.3",
/// "1e2" -> "100", "0.10" -> "0.1", "-0.0" -> "0"). Pure text manipulation: no binary float.
///
/// Returns nullopt for anything outside the grammar (spaces, '+', "1.", ".5", "0x10", "12,30")
/// and for exponents beyond +-kMaxDecimalExponent, which no amount needs.
std::optional<std::string> to_plain_decimal(std::string_view json_number);

inline constexpr int kMaxDecimalExponent = 40;

}  // namespace refundkit::internal
