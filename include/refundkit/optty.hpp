#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "refundkit/refund_client.hpp"
#include "refundkit/retry_policy.hpp"
#include "refundkit/transport.hpp"

namespace refundkit {

/// Which Optty installation a client talks to; base_url and token_url override either.
enum class OpttyEnvironment {
  production,  ///< https://api.optty.com, token https://auth.optty.com/token
  sandbox,     ///< https://api.qa.optty.com, token https://auth.qa.optty.com/token
};

struct OpttyOptions {
  /// OAuth2 client credentials (grant client_credentials, scope api-user). The secret and the
  /// tokens it buys are never logged and never part of a Refund or an Error.
  std::string client_id;
  std::string client_secret;
  OpttyEnvironment environment = OpttyEnvironment::production;
  /// Empty: the environment's API base URL.
  std::string base_url;
  /// Empty: the environment's token endpoint.
  std::string token_url;
  /// The merchant id the order details call needs (POST /orders/{ref}/details?merchantId=...),
  /// which is how find_refund reads an order's refunds. Empty: find_refund cannot read back,
  /// and a refund whose answer was lost stays outcome_unknown.
  std::string merchant_id;
  /// Sent as isActivatedViaOAuth (required by the vendor's schema): whether the payment
  /// provider was activated by OAuth rather than by API key and password.
  bool is_activated_via_oauth = false;
  /// Sent as refundDescription when RefundRequest::reason is empty (the schema requires one;
  /// the vendor says the payment provider may see it).
  std::string default_description = "Refund";
  /// A token is renewed this long before the expiry the token endpoint gave (expires_in).
  std::chrono::seconds token_refresh_margin{60};
  /// What is retried and how (see RetryPolicy). Optty refuses a reused refundReference, so a
  /// resend cannot refund twice.
  RetryPolicy retry;
};

/// A RefundClient for Optty (Merchant API 1.0): POST {base_url}/orders/{orderReference}/refund
/// with a bearer token from the client-credentials token endpoint, cached and shared by every
/// thread of the client (one fetch at a time, renewed before expiry and once on a 401).
///
/// Uses RefundRequest::order_id (the order reference), reference (refundReference), amount
/// (major units, at most 2 decimals) and reason (refundDescription). A request that sets
/// planned_date, capture_number, line_items, vat_breakdown, kind or variable_symbol is refused
/// as invalid_request: Optty cannot honour them.
///
/// find_refund reads the order details, whose refunds do not carry the refundReference: it
/// finds a refund only when the vendor lists one under the reference, says not_found when the
/// order has no refunds, and otherwise outcome_unknown ("cannot tell"). README: "Optty".
/// Without a transport, a CurlTransport with default options is created.
std::unique_ptr<RefundClient> make_optty_client(OpttyOptions options,
                                                std::shared_ptr<Transport> transport = {});

}  // namespace refundkit
