#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "refundkit/afterpay.hpp"
#include "refundkit/money.hpp"
#include "refundkit/refund.hpp"

// Riverty (formerly AfterPay) Checkout API v3, "Refund" (vendor-docs/002_6463fa161c30f13f.txt):
//   POST {base_url}/api/v3/orders/{orderNumber}/refunds
//   X-Auth-Key: <key>, X-Idempotency-Key: <key>, Content-Type: application/json; charset=utf-8
//   {"captureNumber":"000000001","orderItems":[{"productId":"0001","description":"Item 1",
//    "netUnitPrice":10.00,"grossUnitPrice":12.00,"quantity":5,"vatPercent":20.00,
//    "vatAmount":2.00,"lineNumber":1}],"refundType":"Return","transactionReference":"RMA-1"}
// Read-back: GET {base_url}/api/v3/orders/{orderNumber} -> {orderDetails, captures, refunds[]}.
namespace refundkit::vendors::afterpay {

inline constexpr std::string_view kProvider = "afterpay";   // Refund::provider
inline constexpr std::string_view kVendorName = "Riverty";  // in messages
inline constexpr std::string_view kApiKeyHeader = "X-Auth-Key";
inline constexpr std::string_view kIdempotencyKeyHeader = "X-Idempotency-Key";
inline constexpr std::string_view kJsonContentType = "application/json; charset=utf-8";

inline constexpr std::string_view kProductionBaseUrl = "https://api.bnpl.riverty.io";
inline constexpr std::string_view kSandboxBaseUrl = "https://sandbox.bnpl.riverty.io";

/// Longest creditNoteNumber Riverty takes, in characters.
inline constexpr std::size_t kMaxCreditNoteNumberChars = 19;

/// options.base_url, or the environment's base URL when it is empty.
std::string base_url_of(const AfterPayOptions& options);

/// "orderItems" or "items".
std::string_view items_field_name(AfterPayItemsField field);

/// Riverty settles only in EUR, NOK, SEK, DKK and CHF.
bool is_supported_currency(const Currency& currency);

/// refundType: "Refund" (goodwill), "Return" (returned goods); nullopt: not sent.
std::optional<std::string_view> refund_type_name(RefundKind kind);

/// An item's type (PhysicalArticle, ..., Subscription); nullopt for unspecified: not sent.
std::optional<std::string_view> item_type_name(LineItemType type);

}  // namespace refundkit::vendors::afterpay
