#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "refundkit/refund_client.hpp"
#include "refundkit/retry_policy.hpp"
#include "refundkit/transport.hpp"

namespace refundkit {

struct SkipPayOptions {
  /// Partner login for POST {base_url}/authentication/v1/partner. The password and the tokens
  /// it buys are never logged and never part of a Refund or an Error.
  std::string username;
  std::string password;
  std::string base_url = "https://api.partner.skippay.cz";
  /// The currencies the e-shop account accepts ("the e-shop currency"): a refund in another is
  /// refused before sending.
  std::vector<std::string> accepted_currencies = {"CZK"};
  /// A token is renewed this long before the expiry the vendor gave (expiresIn).
  std::chrono::seconds token_refresh_margin{60};
  /// What is retried and how (see RetryPolicy). Skip Pay has no idempotency key and no merchant
  /// reference: a refund that may have left is never sent again, whatever the policy says.
  RetryPolicy retry;
};

/// A RefundClient for the Skip Pay financing API:
/// POST {base_url}/financing/v1/applications/{applicationId}/refunds with a partner bearer
/// token, cached and shared by every thread of the client.
///
/// Uses RefundRequest::order_id (the application id), amount (sent in minor units),
/// vat_breakdown (totalVat; derived from line_items when only those are given), reason and
/// variable_symbol (digits only, at most 10). reference is checked but not sent: the vendor has
/// no field for it. planned_date, capture_number and kind are refused as invalid_request.
///
/// Because the vendor cannot recognise a refund it has made, an answer lost after sending is
/// outcome_unknown and is never retried; find_refund reads the application but can never match
/// a reference. README: "Skip Pay".
/// Without a transport, a CurlTransport with default options is created.
std::unique_ptr<RefundClient> make_skippay_client(SkipPayOptions options,
                                                  std::shared_ptr<Transport> transport = {});

}  // namespace refundkit
