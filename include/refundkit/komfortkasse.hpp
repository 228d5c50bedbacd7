#pragma once

#include <functional>
#include <memory>
#include <string>

#include "refundkit/date.hpp"
#include "refundkit/refund_client.hpp"
#include "refundkit/transport.hpp"

namespace refundkit {

struct KomfortkasseOptions {
  /// Sent as X-Komfortkasse-API-Key. Never logged.
  std::string api_key;
  std::string base_url = "https://ssl.komfortkasse.eu/api/v2";
  /// Today's date in Komfortkasse's time zone (Europe/Berlin), for the "plannedDate must be in
  /// the future" rule and its default (the day after). When empty: from the system clock, the
  /// UTC date of now + 2 hours, which is never behind Berlin's date and at most one hour ahead
  /// (in winter). Tests inject a fixed date.
  std::function<Date()> today;
};

/// A RefundClient for Komfortkasse (API v2): POST {base_url}/order/{orderNumber}/refund.
///
/// Uses RefundRequest::order_id (the order number, percent-encoded as one path segment),
/// reference (externalReference), amount and planned_date (must be strictly after today();
/// default: the day after today(), Berlin's date). Komfortkasse has no field for reason, kind,
/// capture_number, line_items, vat_breakdown or variable_symbol: they are ignored. The reference
/// must be unique per shop: Komfortkasse refuses a reused one (duplicate_reference), which makes a
/// retry with the same reference safe after outcome_unknown. Each call sends at most one request
/// and never retries.
///
/// The API key is never part of a Refund or an Error, even when the vendor echoes it.
/// Without a transport, a CurlTransport with default options is created.
std::unique_ptr<RefundClient> make_komfortkasse_client(KomfortkasseOptions options,
                                                       std::shared_ptr<Transport> transport = {});

}  // namespace refundkit
