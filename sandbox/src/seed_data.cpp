// The default data set and seed files.
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <variant>

#include "order_json.hpp"
#include "refundkit/sandbox/sandbox.hpp"

namespace refundkit::sandbox {

namespace {

SandboxOrder with_bank_details_missing(SandboxOrder made) {
  made.bank_details_missing = true;
  return made;
}

SandboxOrder with_capture(SandboxOrder made, std::vector<SandboxItem> items) {
  made.captures.push_back(SandboxCapture{"000000001", made.amount, std::move(items)});
  return made;
}

SandboxOrder application(std::string id, std::string amount, std::string state, bool invoiced) {
  SandboxOrder made = SandboxOrder("skippay", std::move(id), std::move(amount), "CZK");
  made.application_state = std::move(state);
  made.invoiced = invoiced;
  made.vat_rates = {"21", "12", "0"};
  return made;
}

}  // namespace

// Stable: the README, the demo and the tests rely on these exact orders.
std::vector<SandboxOrder> default_orders() {
  return {
      SandboxOrder("komfortkasse", "KK-1001", "100.00", "EUR"),
      SandboxOrder("komfortkasse", "KK-1002", "49.90", "EUR"),
      SandboxOrder("komfortkasse", "KK-1003", "250.00", "CHF"),
      with_bank_details_missing(SandboxOrder("komfortkasse", "KK-1004", "80.00", "EUR")),
      SandboxOrder("optty", "OP-2001", "100.00", "AUD"),
      SandboxOrder("optty", "OP-2002", "24.98", "AUD"),
      SandboxOrder("optty", "OP-2003", "75.50", "USD"),
      // The vendor page's example: 5 of item 0001 at 12.00 gross, 10.00 net, 20 % VAT.
      with_capture(SandboxOrder("afterpay", "RV-3001", "300.00", "EUR"),
                   {{"0001", "Item 1 description", "25", "12.00"}}),
      with_capture(SandboxOrder("afterpay", "RV-3002", "1500.00", "NOK"),
                   {{"SKU-1", "Jacket", "1", "1200.00"}, {"SHIP", "Shipping", "1", "300.00"}}),
      SandboxOrder("afterpay", "RV-3003", "80.00", "EUR"),  // authorized, not captured yet
      application("SP-4001", "1259.00", "READY", true),
      application("SP-4002", "500.00", "PROCESSING", false),
      application("SP-4003", "300.00", "READY", false),
      application("SP-4004", "800.00", "CANCELLED", true),
  };
}

std::vector<SandboxOrder> parse_seed_json(std::string_view json_text, const std::string& origin) {
  const detail::Json document = detail::Json::parse(json_text, nullptr, false);
  if (document.is_discarded()) throw std::runtime_error(origin + ": not valid JSON");
  const auto orders = document.is_object() ? document.find("orders") : document.end();
  if (!document.is_object() || orders == document.end() || !orders->is_array()) {
    throw std::runtime_error(origin + ": expected a JSON object {\"orders\": [...]}");
  }
  std::vector<SandboxOrder> parsed;
  for (std::size_t i = 0; i < orders->size(); ++i) {
    auto order = detail::order_from_json((*orders)[i]);
    if (auto* problem = std::get_if<std::string>(&order)) {
      throw std::runtime_error(origin + ": orders[" + std::to_string(i) + "]: " + *problem);
    }
    parsed.push_back(detail::to_public_order(std::get<detail::StoredOrder>(order)));
  }
  return parsed;
}

std::vector<SandboxOrder> load_seed_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  if (file) text << file.rdbuf();
  if (!file || file.bad()) throw std::runtime_error("cannot read seed file " + path);
  return parse_seed_json(text.str(), "seed file " + path);
}

}  // namespace refundkit::sandbox
