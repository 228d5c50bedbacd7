#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "refundkit/date.hpp"
#include "refundkit/decimal.hpp"
#include "refundkit/money.hpp"
#include "refundkit/optty.hpp"

// Optty Merchant API 1.0, "Process a refund for an order" (vendor-docs/001_53414bc90af3eac9.txt):
//   POST {api_base}/orders/{orderReference}/refund, Authorization: Bearer <token>
//   {"refundReference":"RMA-1","refundAmount":{"amount":12.30,"currency":"EUR"},
//    "refundDescription":"Refund","isActivatedViaOAuth":false}
// The token comes from the OAuth2 client-credentials endpoint (see optty_token.hpp).
namespace refundkit::vendors::optty {

inline constexpr std::string_view kProvider = "optty";    // Refund::provider
inline constexpr std::string_view kVendorName = "Optty";  // in messages

inline constexpr std::string_view kProductionApiBase = "https://api.optty.com";
inline constexpr std::string_view kProductionTokenUrl = "https://auth.optty.com/token";
inline constexpr std::string_view kSandboxApiBase = "https://api.qa.optty.com";
inline constexpr std::string_view kSandboxTokenUrl = "https://auth.qa.optty.com/token";

// The refund request.
inline constexpr std::string_view kRefundReference = "refundReference";
inline constexpr std::string_view kRefundAmount = "refundAmount";
inline constexpr std::string_view kAmount = "amount";
inline constexpr std::string_view kCurrency = "currency";
inline constexpr std::string_view kRefundDescription = "refundDescription";
inline constexpr std::string_view kIsActivatedViaOAuth = "isActivatedViaOAuth";

// The refund answer.
inline constexpr std::string_view kRefundedAmount = "refundedAmount";
inline constexpr std::string_view kRefundStatus = "refundStatus";
inline constexpr std::string_view kRefundDate = "refundDate";
inline constexpr std::string_view kBnplRefundId = "bnplRefundId";

// The order details' refunds.
inline constexpr std::string_view kRefunds = "refunds";
inline constexpr std::string_view kRefundId = "refundId";
inline constexpr std::string_view kStatus = "status";

// Error bodies: {statusCode, message[, error]}.
inline constexpr std::string_view kMessage = "message";
inline constexpr std::string_view kError = "error";

/// OpttyOptions::base_url, else the environment's API base.
std::string api_base_url(const OpttyOptions& options);
/// OpttyOptions::token_url, else the environment's token endpoint.
std::string token_endpoint_url(const OpttyOptions& options);

/// The amount as Optty takes it: major units with the currency's decimals, at most two
/// (12.30 EUR -> 12.30, 1500 JPY -> 1500, 1.250 KWD -> 1.25). nullopt when two decimals cannot
/// hold it exactly (1.255 KWD): the page allows "up to 2 decimal places".
std::optional<Decimal> wire_amount(const Money& amount);

/// True when `echoed` is the reference sent, or the reference sent followed by "-" and digits:
/// the vendor's own sample answers "TgEHcPtpN2HSrTMK-0" with "TgEHcPtpN2HSrTMK-0-00".
bool is_echo_of_reference(std::string_view echoed, std::string_view sent);

/// The calendar date of a refundDate: RFC 1123 ("Fri, 08 Oct 2021 06:22:20 GMT", the page's
/// sample) or ISO 8601 ("2021-10-08" or "2021-10-08T06:22:20.000Z"; the date as written).
/// nullopt for anything else or a day that does not exist.
std::optional<Date> parse_refund_date(std::string_view text);

}  // namespace refundkit::vendors::optty
