#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "refundkit/date.hpp"
#include "refundkit/decimal.hpp"
#include "refundkit/money.hpp"

// Komfortkasse API v2, "Create a refund" (vendor-docs/000_cbcf9f7cae3da862.txt):
//   POST {base_url}/order/{orderNumber}/refund
//   X-Komfortkasse-API-Key: <key>, Content-Type/Accept: application/json
//   {"externalReference":"RMA-1","amount":12.30,"currency":"EUR","plannedDate":"01-05-2026"}
namespace refundkit::vendors::komfortkasse {

inline constexpr std::string_view kProvider = "komfortkasse";    // Refund::provider
inline constexpr std::string_view kVendorName = "Komfortkasse";  // in messages
inline constexpr std::string_view kApiKeyHeader = "X-Komfortkasse-API-Key";

/// The amount in Komfortkasse's documented format, 0.00: major units with exactly two decimals
/// (1500 JPY -> 1500.00, 1.250 KWD -> 1.25). nullopt when it cannot be written so exactly (0.001
/// KWD) or does not fit.
std::optional<Decimal> wire_amount(const Money& amount);

/// Komfortkasse's own date form, dd-MM-yyyy ("01-05-2026" is 1 May 2026).
std::string format_date(const Date& date);

/// Accepts dd-MM-yyyy (what Komfortkasse documents) and yyyy-MM-dd (ISO, in case it answers
/// that way); the day must exist. nullopt otherwise.
std::optional<Date> parse_date(std::string_view text);

}  // namespace refundkit::vendors::komfortkasse
