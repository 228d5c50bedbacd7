// The README's main job, library half: real refunds through refundkit against the sandbox.
//
//   refundkit-demo [--base-url URL]
//
// With --base-url, it uses a running sandbox (scripts/demo.sh starts one and then drives the
// command-line tool against the same state); without, it starts one in-process.
#include <iostream>
#include <optional>
#include <string>

#include <refundkit/refundkit.hpp>
#include <refundkit/sandbox/sandbox.hpp>

namespace {

struct Scenario {
  const char* title;
  const char* order;
  const char* amount;
  const char* currency;
  const char* reference;
  const char* expected;  ///< The refund status or error kind the sandbox must produce.
};

// Runs one scenario, prints what happened, and returns what it came to: a status or an error kind.
std::string run(refundkit::RefundClient& client, int number, const Scenario& scenario) {
  std::cout << number << ". " << scenario.title << "\n   order " << scenario.order << ", "
            << scenario.amount << " " << scenario.currency << ", reference " << scenario.reference
            << "\n";
  auto amount = refundkit::Money::parse_positive(scenario.amount, scenario.currency);
  if (!amount) {
    std::cout << "   -> refused before sending (" << refundkit::to_string(amount.error().kind)
              << "): " << amount.error().message << "\n\n";
    return std::string(refundkit::to_string(amount.error().kind));
  }
  refundkit::RefundRequest request;
  request.order_id = scenario.order;
  request.reference = scenario.reference;
  request.amount = *amount;
  request.reason = "refundkit demo";

  auto refund = client.create_refund(request);
  if (refund && refund->already_existed) {
    std::cout << "   -> already made under this reference, nothing new: id " << refund->id
              << ", status " << refundkit::to_string(refund->status) << "\n\n";
    return "existing";
  }
  if (refund) {
    std::cout << "   -> created: id " << refund->id << ", status "
              << refundkit::to_string(refund->status) << " (Komfortkasse " << refund->vendor_status
              << ")";
    if (refund->planned_date)
      std::cout << ", transfer planned for " << refund->planned_date->to_iso();
    std::cout << "\n\n";
    return std::string(refundkit::to_string(refund->status));
  }
  const refundkit::Error& error = refund.error();
  const char* verdict = error.may_have_been_executed() ? "OUTCOME UNKNOWN"
                        : error.kind == refundkit::ErrorKind::duplicate_reference
                            ? "nothing new made, the reference names another refund"
                            : "not made";
  std::cout << "   -> " << verdict << ": " << refundkit::to_string(error.kind) << " (HTTP "
            << error.http_status << "): "
            << (error.vendor_message.empty() ||
                        error.kind == refundkit::ErrorKind::duplicate_reference
                    ? error.message
                    : error.vendor_message)
            << "\n\n";
  return std::string(refundkit::to_string(error.kind));
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<refundkit::sandbox::Sandbox> sandbox;
  std::string base_url;
  if (argc == 3 && std::string(argv[1]) == "--base-url") {
    base_url = argv[2];
  } else if (argc == 1) {
    sandbox.emplace();
    base_url = sandbox->komfortkasse_base_url();
  } else {
    std::cerr << "usage: refundkit-demo [--base-url KOMFORTKASSE_BASE_URL]\n";
    return 2;
  }

  refundkit::KomfortkasseOptions options;
  options.api_key = refundkit::sandbox::SandboxOptions{}.komfortkasse_api_key;
  options.base_url = base_url;
  refundkit::CurlTransportOptions transport_options;
  transport_options.allow_http_for_loopback = true;
  auto client = refundkit::make_komfortkasse_client(
      options, refundkit::make_curl_transport(transport_options));

  std::cout << "refundkit " << refundkit::version_string() << " demo: Komfortkasse at " << base_url
            << "\n\n";
  const Scenario scenarios[] = {
      {"A partial refund", "KK-1001", "12.30", "EUR", "demo-lib-1", "pending"},
      {"The same refund again (a retry finds it and does not pay twice)", "KK-1001", "12.30", "EUR",
       "demo-lib-1", "existing"},
      {"The same reference for another amount", "KK-1001", "7.00", "EUR", "demo-lib-1",
       "duplicate_reference"},
      // Komfortkasse answers every refusal with one text, "Invalid request": the kind says no more.
      {"More than the order allows", "KK-1002", "500.00", "EUR", "demo-lib-2", "invalid_request"},
      {"An order the vendor does not know", "KK-9999", "5.00", "EUR", "demo-lib-3", "not_found"},
      {"A customer whose bank details are missing", "KK-1004", "20.00", "EUR", "demo-lib-4",
       "awaiting_customer"},
      {"A currency mismatch", "KK-1003", "10.00", "EUR", "demo-lib-5", "invalid_request"},
      {"More decimals than the currency has", "KK-1001", "1.005", "EUR", "demo-lib-6",
       "invalid_request"},
  };
  int number = 0;
  int surprises = 0;
  for (const Scenario& scenario : scenarios) {
    const std::string outcome = run(*client, ++number, scenario);
    if (outcome != scenario.expected) {
      std::cout << "   !! expected " << scenario.expected << ", got " << outcome << "\n\n";
      ++surprises;
    }
  }
  return surprises == 0 ? 0 : 1;
}
