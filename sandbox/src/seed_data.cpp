// The default data set and seed files.
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <variant>

#include "order_json.hpp"
#include "refundkit/sandbox/sandbox.hpp"

namespace refundkit::sandbox {

namespace {

SandboxOrder komfortkasse_order(const char* order_id, std::int64_t minor_units,
                                const char* currency, bool bank_details_missing = false) {
  return SandboxOrder{"komfortkasse", order_id,
                      Money::from_minor_units(minor_units, currency).value(), bank_details_missing};
}

}  // namespace

// Stable: the README, the demo and the tests rely on these exact orders.
std::vector<SandboxOrder> default_orders() {
  return {
      komfortkasse_order("KK-1001", 10000, "EUR"),
      komfortkasse_order("KK-1002", 4990, "EUR"),
      komfortkasse_order("KK-1003", 25000, "CHF"),
      komfortkasse_order("KK-1004", 8000, "EUR", /*bank_details_missing=*/true),
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
    parsed.push_back(std::get<SandboxOrder>(std::move(order)));
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
