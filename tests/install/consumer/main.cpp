// A merchant backend in miniature: it must build from the installed package alone.
#include <refundkit/refundkit.hpp>

#include <iostream>

int main() {
  auto amount = refundkit::Money::parse_positive("12.30", "EUR");
  if (!amount || amount->minor_units() != 1230) return 1;

  // Plain http to a non-loopback host is refused before anything is sent: a network error, which
  // proves the transport (and libcurl) is linked and wired without touching the network.
  refundkit::KomfortkasseOptions options;
  options.api_key = "consumer-test-key";
  options.base_url = "http://refundkit.invalid/api/v2";
  auto client = refundkit::make_komfortkasse_client(options);
  refundkit::RefundRequest request;
  request.order_id = "1001";
  request.reference = "consumer-1";
  request.amount = *amount;
  auto refund = client->create_refund(request);
  if (refund || refund.error().kind != refundkit::ErrorKind::network) return 2;

  std::cout << "refundkit " << refundkit::version_string() << " consumed via find_package\n";
  return 0;
}
