#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "internal/json_reader.hpp"
#include "refundkit/decimal.hpp"

// Skip Pay financing API, "Create refund" (vendor-docs/003_b67d70c743226f6d.txt):
//   POST {base_url}/authentication/v1/partner  {"username":"...","password":"..."}
//     -> {"accessToken":"...","expiresIn":7200}
//   POST {base_url}/financing/v1/applications/{applicationId}/refunds
//   Authorization: Bearer <token>, Content-Type/Accept: application/json
//   {"totalPrice":{"amount":12590,"currency":"CZK"},
//    "totalVat":[{"amount":2185,"currency":"CZK","vatRate":21}],
//    "reason":"...","variableSymbol":"2026001"}
//   GET {base_url}/financing/v1/applications/{applicationId}  (the read-back)
// Amounts are integers in MINOR units (12590 is 125.90 CZK), unlike the other three vendors.
namespace refundkit::vendors::skippay {

inline constexpr std::string_view kProvider = "skippay";     // Refund::provider
inline constexpr std::string_view kVendorName = "Skip Pay";  // in messages

/// The longest variableSymbol the vendor takes (digits only).
inline constexpr std::size_t kMaxVariableSymbolDigits = 10;

std::string token_url(std::string_view base_url);
std::string refunds_url(std::string_view base_url, std::string_view application_id);
std::string application_url(std::string_view base_url, std::string_view application_id);

/// The same rate written without trailing fractional zeros (21.00 -> 21, 12.50 -> 12.5), so
/// that the rate goes out as the vendor's examples write it and 21 and 21.0 count as one rate.
Decimal normalized_rate(const Decimal& rate);

/// A whole number the vendor sent as a JSON integer, as a number kept as text whose value is
/// whole (12590.0, 1.259e4) or as a string of digits ("12590"), optionally negative. nullopt for
/// anything else (fractions, text, values beyond 64 bits).
std::optional<std::int64_t> read_whole_number(const internal::Json& value);

}  // namespace refundkit::vendors::skippay
