#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "refundkit/refund_client.hpp"
#include "refundkit/retry_policy.hpp"
#include "refundkit/transport.hpp"

namespace refundkit {

/// Which Riverty installation a client talks to; base_url overrides either.
enum class AfterPayEnvironment {
  production,  ///< https://api.bnpl.riverty.io
  sandbox,     ///< https://sandbox.bnpl.riverty.io
};

/// The name of the refunded items' array: the vendor's page and older clients say orderItems,
/// newer documentation says items.
enum class AfterPayItemsField { order_items, items };

struct AfterPayOptions {
  /// Sent as X-Auth-Key. Never logged, never part of a Refund or an Error.
  std::string api_key;
  AfterPayEnvironment environment = AfterPayEnvironment::production;
  /// Empty: the environment's base URL (the client appends /api/v3/...).
  std::string base_url;
  AfterPayItemsField items_field = AfterPayItemsField::order_items;
  /// What is retried and how (see RetryPolicy). Every refund carries an X-Idempotency-Key
  /// derived from its reference, so a 5xx, a timeout or a drop is resent under the same key and
  /// the vendor replays its first answer instead of refunding twice.
  RetryPolicy retry;
};

/// The X-Idempotency-Key sent with the refund of `reference`: the reference itself when it is
/// 1 to 50 letters, digits, '-' or '_', else "rk-" followed by 47 hex digits of its SHA-256.
/// Stable across versions: a retry by a later build of the SDK must replay, not refund again.
std::string afterpay_idempotency_key(std::string_view reference);

/// A RefundClient for AfterPay / Riverty (Checkout API v3):
/// POST {base_url}/api/v3/orders/{orderNumber}/refunds with X-Auth-Key and X-Idempotency-Key.
///
/// Uses RefundRequest::order_id (the order number), reference (idempotency key and
/// transactionReference), amount, capture_number (required), line_items (the refunded items;
/// without them the amount is sent as one item, README: "AfterPay / Riverty"), kind (refundType
/// Refund or Return), credit_note_number and reason. planned_date, vat_breakdown and
/// variable_symbol are refused as invalid_request: Riverty cannot honour them.
/// Without a transport, a CurlTransport with default options is created.
std::unique_ptr<RefundClient> make_afterpay_client(AfterPayOptions options,
                                                   std::shared_ptr<Transport> transport = {});

}  // namespace refundkit
