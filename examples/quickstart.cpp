// refundkit quickstart: refund part of a Komfortkasse order.
//
// With KOMFORTKASSE_API_KEY set, this talks to Komfortkasse production. Without it, it starts the
// embedded sandbox (a local emulator of the vendor APIs) so that it runs anywhere, offline.
#include <cstdlib>
#include <iostream>
#include <optional>

#include <refundkit/refundkit.hpp>
#include <refundkit/sandbox/sandbox.hpp>

int main() {
  refundkit::KomfortkasseOptions options;
  refundkit::CurlTransportOptions transport_options;

  std::optional<refundkit::sandbox::Sandbox> sandbox;
  if (const char* key = std::getenv("KOMFORTKASSE_API_KEY")) {
    options.api_key = key;  // never log it: refundkit never does
  } else {
    sandbox.emplace();
    options.api_key = sandbox->options().komfortkasse_api_key;
    options.base_url = sandbox->komfortkasse_base_url();
    transport_options.allow_http_for_loopback = true;  // the sandbox speaks plain http on 127.0.0.1
  }

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
    std::cerr << "refund refused (" << refundkit::to_string(error.kind) << "): " << error.message
              << "\n";
    return 1;
  }
  std::cout << "refund " << refund->id << " for " << refund->amount.to_string() << " is "
            << refundkit::to_string(refund->status) << " (Komfortkasse: " << refund->vendor_status
            << ")\n";
  return 0;
}
