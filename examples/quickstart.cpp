// refundkit quickstart: refund part of a Komfortkasse order.
//
// The embedded sandbox (a local emulator of the vendor APIs) stands in for Komfortkasse here, so
// that this runs anywhere, offline, without an account. Against Komfortkasse itself, leave
// base_url at its default (production), take the API key from your secret store, and drop the
// sandbox and allow_http_for_loopback.
#include <iostream>

#include <refundkit/refundkit.hpp>
#include <refundkit/sandbox/sandbox.hpp>

int main() {
  refundkit::sandbox::Sandbox sandbox;  // 127.0.0.1, an ephemeral port, the default orders

  refundkit::KomfortkasseOptions options;
  options.api_key = sandbox.options().komfortkasse_api_key;  // never logged: refundkit never does
  options.base_url = sandbox.komfortkasse_base_url();
  refundkit::CurlTransportOptions transport_options;
  transport_options.allow_http_for_loopback = true;  // the sandbox speaks plain http on 127.0.0.1

  // One client per vendor account; share it between threads. The transport keeps connections warm.
  auto client = refundkit::make_komfortkasse_client(
      options, refundkit::make_curl_transport(transport_options));

  // Amounts are exact decimals in the currency's minor units: never a double.
  auto amount = refundkit::Money::parse_positive("12.30", "EUR");
  if (!amount) {
    std::cerr << amount.error().message << "\n";
    return 1;
  }

  refundkit::RefundRequest request;
  request.order_id = "KK-1001";
  // Your own unique id for this refund (an RMA number, a database key). If the outcome is unknown,
  // retry with the SAME reference: the vendor refuses a second refund with it.
  request.reference = "rma-2026-0001";
  request.amount = *amount;
  request.reason = "Returned: wrong size";

  auto refund = client->create_refund(request);
  if (!refund) {
    const refundkit::Error& error = refund.error();
    if (error.may_have_been_executed()) {
      std::cerr << "outcome unknown, retry later with the same reference: " << error.message
                << "\n";
      return 3;
    }
    if (error.kind == refundkit::ErrorKind::duplicate_reference) {
      std::cerr << "a refund with this reference exists already; look it up: " << error.message
                << "\n";
      return 4;
    }
    std::cerr << "refund refused (" << refundkit::to_string(error.kind) << "): " << error.message
              << "\n";
    return 1;
  }
  std::cout << "refund " << refund->id << " for " << refund->amount.to_string() << " is "
            << refundkit::to_string(refund->status) << " (Komfortkasse: " << refund->vendor_status
            << ")\n";
  return 0;
}
