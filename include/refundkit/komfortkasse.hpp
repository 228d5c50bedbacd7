#pragma once

#include <functional>
#include <memory>
#include <string>

#include "refundkit/date.hpp"
#include "refundkit/refund_client.hpp"
#include "refundkit/retry_policy.hpp"
#include "refundkit/transport.hpp"

namespace refundkit {

struct KomfortkasseOptions {
  /// Sent as X-Komfortkasse-API-Key. Never logged.
  std::string api_key;
  std::string base_url = "https://ssl.komfortkasse.eu/api/v2";
  /// Today's date in Komfortkasse's time zone (Europe/Berlin), for the "plannedDate must be in
  /// the future" rule and its default (the day after). When empty: Berlin's date from the system
  /// clock (CET, or CEST from the last Sunday of March to the last Sunday of October, 01:00 UTC).
  /// Tests inject a fixed date.
  std::function<Date()> today;
  /// What is retried and how (see RetryPolicy). Komfortkasse refuses a reused externalReference,
  /// so after a request that may have been executed the client reads the order's refunds back
  /// and sends again only when the refund is not there.
  RetryPolicy retry;
};

/// A RefundClient for Komfortkasse (API v2): POST {base_url}/order/{orderNumber}/refund, and
/// find_refund through GET {base_url}/order/{orderNumber}?includeRefunds=true, matched on
/// externalReference.
///
/// Uses RefundRequest::order_id (the order number, percent-encoded as one path segment),
/// reference (externalReference), amount and planned_date (must be strictly after today();
/// default: the day after today(), Berlin's date). reason is dropped (Komfortkasse has no field
/// for it); a request that sets line_items, vat_breakdown, capture_number, variable_symbol or
/// kind is refused as invalid_request, because Komfortkasse cannot honour them.
///
/// The API key is never part of a Refund or an Error, even when the vendor echoes it.
/// Without a transport, a CurlTransport with default options is created.
std::unique_ptr<RefundClient> make_komfortkasse_client(KomfortkasseOptions options,
                                                       std::shared_ptr<Transport> transport = {});

}  // namespace refundkit
