// The default data set and seed files.
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <variant>

#include "order_json.hpp"
#include "refundkit/sandbox/sandbox.hpp"

namespace refundkit::sandbox {

// Stable: the README, the demo and the tests rely on these exact orders.
std::vector<SandboxOrder> default_orders() {
  return {
      {"komfortkasse", "KK-1001", "100.00", "EUR", false},
      {"komfortkasse", "KK-1002", "49.90", "EUR", false},
      {"komfortkasse", "KK-1003", "250.00", "CHF", false},
      {"komfortkasse", "KK-1004", "80.00", "EUR", /*bank_details_missing=*/true},
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
