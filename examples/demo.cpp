// The README's main job, library half: real refunds through refundkit, all four vendors, against
// the sandbox.
//
//   refundkit-demo [--sandbox-url URL]
//
// With --sandbox-url, it uses a running sandbox (scripts/demo.sh starts one and then drives the
// command-line tool against the same state); without, it starts one in-process.
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <refundkit/refundkit.hpp>
#include <refundkit/sandbox/sandbox.hpp>

namespace {

using refundkit::RefundRequest;

struct Scenario {
  const char* title;
  const char* order;
  const char* amount;
  const char* currency;
  const char* reference;
  const char* expected;  ///< The refund status or error kind the sandbox must produce.
  /// Vendor fields (items, capture number, VAT) beyond the common ones; may be empty.
  std::function<void(RefundRequest&)> details = {};
};

struct Vendor {
  const char* name;
  std::unique_ptr<refundkit::RefundClient> client;
  std::vector<Scenario> scenarios;
};

refundkit::Money money(const char* amount, const char* currency) {
  return *refundkit::Money::parse(amount, currency);
}

void print_refund(const refundkit::Refund& refund) {
  if (refund.already_existed) {
    std::cout << "   -> already made under this reference, nothing new: id " << refund.id
              << ", status " << refundkit::to_string(refund.status) << "\n\n";
    return;
  }
  std::cout << "   -> created: id " << (refund.id.empty() ? "(none given)" : refund.id)
            << ", status " << refundkit::to_string(refund.status);
  if (!refund.vendor_status.empty()) std::cout << " (vendor: " << refund.vendor_status << ")";
  if (refund.planned_date) std::cout << ", transfer planned for " << refund.planned_date->to_iso();
  std::cout << "\n\n";
}

void print_error(const refundkit::Error& error) {
  const char* verdict =
      error.may_have_been_executed() ? "OUTCOME UNKNOWN"
      : error.kind == refundkit::ErrorKind::duplicate_reference
          ? "nothing new made: a refund with this reference exists (another one, or "
            "one the vendor's read cannot compare)"
          : "not made";
  std::cout << "   -> " << verdict << ": " << refundkit::to_string(error.kind);
  if (error.http_status != 0) std::cout << " (HTTP " << error.http_status << ")";
  std::cout << ": "
            << (error.vendor_message.empty() ||
                        error.kind == refundkit::ErrorKind::duplicate_reference
                    ? error.message
                    : error.vendor_message)
            << "\n\n";
}

// Runs one scenario, prints what happened, and returns what it came to: a status, "existing" or
// an error kind.
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
  RefundRequest request;
  request.order_id = scenario.order;
  request.reference = scenario.reference;
  request.amount = *amount;
  request.reason = "refundkit demo";
  if (scenario.details) scenario.details(request);

  auto refund = client.create_refund(request);
  if (!refund) {
    print_error(refund.error());
    return std::string(refundkit::to_string(refund.error().kind));
  }
  print_refund(*refund);
  return refund->already_existed ? "existing" : std::string(refundkit::to_string(refund->status));
}

// The vendor page's example line: 5 of item 0001 at 12.00 gross (10.00 net + 2.00 VAT).
void page_item(RefundRequest& request) {
  request.capture_number = "000000001";
  request.kind = refundkit::RefundKind::returned_goods;
  refundkit::LineItem item;
  item.product_id = "0001";
  item.description = "Item 1 description";
  item.quantity = refundkit::Decimal::whole(5);
  item.gross_unit_price = money("12.00", "EUR");
  item.net_unit_price = money("10.00", "EUR");
  item.vat_percent = refundkit::Decimal::whole(20);
  item.vat_amount = money("2.00", "EUR");
  item.type = refundkit::LineItemType::physical_article;
  request.line_items.push_back(item);
}

void first_capture(RefundRequest& request) { request.capture_number = "000000001"; }

void czech_vat(RefundRequest& request) {
  request.vat_breakdown.push_back({refundkit::Decimal::whole(21), money("21.85", "CZK")});
  request.variable_symbol = "2026120101";
}

std::vector<Vendor> vendors(const std::string& sandbox_url,
                            const std::shared_ptr<refundkit::Transport>& transport) {
  const refundkit::sandbox::SandboxOptions credentials;
  std::vector<Vendor> all;

  refundkit::KomfortkasseOptions komfortkasse;
  komfortkasse.api_key = credentials.komfortkasse_api_key;
  komfortkasse.base_url = sandbox_url + "/komfortkasse/api/v2";
  all.push_back({"Komfortkasse",
                 refundkit::make_komfortkasse_client(komfortkasse, transport),
                 {
                     {"A partial refund", "KK-1001", "12.30", "EUR", "demo-lib-1", "pending"},
                     {"The same refund again (a retry finds it and does not pay twice)", "KK-1001",
                      "12.30", "EUR", "demo-lib-1", "existing"},
                     {"The same reference for another amount", "KK-1001", "7.00", "EUR",
                      "demo-lib-1", "duplicate_reference"},
                     // Komfortkasse answers every refusal with one text: the kind says no more.
                     {"More than the order allows", "KK-1002", "500.00", "EUR", "demo-lib-2",
                      "invalid_request"},
                     {"An order the vendor does not know", "KK-9999", "5.00", "EUR", "demo-lib-3",
                      "not_found"},
                     {"A customer whose bank details are missing", "KK-1004", "20.00", "EUR",
                      "demo-lib-4", "awaiting_customer"},
                     {"More decimals than the currency has", "KK-1001", "1.005", "EUR",
                      "demo-lib-6", "invalid_request"},
                 }});

  refundkit::OpttyOptions optty;
  optty.client_id = credentials.optty_client_id;
  optty.client_secret = credentials.optty_client_secret;
  optty.merchant_id = credentials.optty_merchant_id;
  optty.base_url = sandbox_url + "/optty/api";
  optty.token_url = sandbox_url + "/optty/auth/token";
  all.push_back(
      {"Optty",
       refundkit::make_optty_client(optty, transport),
       {
           {"A partial refund (a token is fetched once, then cached)", "OP-2001", "40.00", "AUD",
            "demo-optty-1", "succeeded"},
           {"The same reference again (Optty refuses it; its order details cannot "
            "show which refund it was)",
            "OP-2001", "40.00", "AUD", "demo-optty-1", "duplicate_reference"},
           {"More than is left to refund", "OP-2002", "30.00", "AUD", "demo-optty-2",
            "amount_exceeds_refundable"},
           {"A currency mismatch", "OP-2003", "10.00", "AUD", "demo-optty-3", "currency_mismatch"},
       }});

  refundkit::AfterPayOptions afterpay;
  afterpay.api_key = credentials.afterpay_api_key;
  afterpay.base_url = sandbox_url + "/afterpay";
  all.push_back({"AfterPay (Riverty)",
                 refundkit::make_afterpay_client(afterpay, transport),
                 {
                     {"Returned goods: the page's example line (5 x 12.00)", "RV-3001", "60.00",
                      "EUR", "demo-riverty-1", "succeeded", page_item},
                     {"The same refund again (the idempotency key replays the first answer)",
                      "RV-3001", "60.00", "EUR", "demo-riverty-1", "succeeded", page_item},
                     {"A goodwill amount, sent as one item", "RV-3002", "150.00", "NOK",
                      "demo-riverty-2", "succeeded", first_capture},
                     {"More than the capture has left", "RV-3001", "250.00", "EUR",
                      "demo-riverty-3", "amount_exceeds_refundable", first_capture},
                 }});

  refundkit::SkipPayOptions skippay;
  skippay.username = credentials.skippay_username;
  skippay.password = credentials.skippay_password;
  skippay.base_url = sandbox_url + "/skippay";
  all.push_back({"Skip Pay",
                 refundkit::make_skippay_client(skippay, transport),
                 {
                     {"A refund with its VAT, in minor units on the wire", "SP-4001", "125.90",
                      "CZK", "demo-skippay-1", "succeeded", czech_vat},
                     {"An application that is not invoiced yet", "SP-4003", "10.00", "CZK",
                      "demo-skippay-2", "not_refundable"},
                     {"More than is left to refund", "SP-4001", "5000.00", "CZK", "demo-skippay-3",
                      "amount_exceeds_refundable"},
                 }});
  return all;
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<refundkit::sandbox::Sandbox> sandbox;
  std::string sandbox_url;
  if (argc == 3 && std::string(argv[1]) == "--sandbox-url") {
    sandbox_url = argv[2];
  } else if (argc == 1) {
    sandbox.emplace();
    sandbox_url = sandbox->base_url();
  } else {
    std::cerr << "usage: refundkit-demo [--sandbox-url URL]\n";
    return 2;
  }

  refundkit::CurlTransportOptions transport_options;
  transport_options.allow_http_for_loopback = true;
  const auto transport = refundkit::make_curl_transport(transport_options);

  std::cout << "refundkit " << refundkit::version_string() << " demo: the sandbox at "
            << sandbox_url << "\n";
  int number = 0;
  int surprises = 0;
  for (Vendor& vendor : vendors(sandbox_url, transport)) {
    std::cout << "\n--- " << vendor.name << " ---\n\n";
    for (const Scenario& scenario : vendor.scenarios) {
      const std::string outcome = run(*vendor.client, ++number, scenario);
      if (outcome != scenario.expected) {
        std::cout << "   !! expected " << scenario.expected << ", got " << outcome << "\n\n";
        ++surprises;
      }
    }
  }
  return surprises == 0 ? 0 : 1;
}
