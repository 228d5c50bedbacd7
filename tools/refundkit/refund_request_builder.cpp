#include "refund_request_builder.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <utility>

#include "internal/json_reader.hpp"

namespace refundkit::cli {
namespace {

using internal::Json;

Error invalid(std::string message) { return Error{ErrorKind::invalid_request, std::move(message)}; }

constexpr std::pair<std::string_view, LineItemType> kItemTypes[] = {
    {"physical_article", LineItemType::physical_article},
    {"digital_article", LineItemType::digital_article},
    {"gift_card", LineItemType::gift_card},
    {"discount", LineItemType::discount},
    {"shipping_fee", LineItemType::shipping_fee},
    {"surcharge", LineItemType::surcharge},
    {"info", LineItemType::info},
    {"subscription", LineItemType::subscription},
};

constexpr std::string_view kItemFields[] = {
    "product_id",     "description", "quantity",   "gross_unit_price",
    "net_unit_price", "vat_percent", "vat_amount", "type"};

// A required decimal string member, as Money of `currency` (negative allowed: a return fee).
Result<Money> money_member(const Json& item, const char* name, std::string_view currency,
                           const std::string& where) {
  const std::optional<std::string> text = internal::get_string(item, name);
  if (!text) return invalid(where + ": " + name + " must be a decimal string, e.g. \"12.00\"");
  auto money = Money::parse(*text, currency);
  if (!money) return invalid(where + ": " + name + ": " + money.error().message);
  return money;
}

Result<Decimal> decimal_member(const Json& item, const char* name, const std::string& where,
                               bool allow_integer) {
  std::optional<std::string> text = internal::get_string(item, name);
  const Json* value = internal::find_member(item, name);
  if (!text && allow_integer && value != nullptr && value->is_number_integer()) {
    text = internal::number_text(*value);
  }
  if (!text) return invalid(where + ": " + name + " must be a decimal string");
  auto decimal = Decimal::parse(*text);
  if (!decimal) return invalid(where + ": " + name + ": " + decimal.error().message);
  return decimal;
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  if (file) text << file.rdbuf();
  if (!file || file.bad()) return invalid("--items-file: cannot read " + path);
  return text.str();
}

Result<std::vector<LineItem>> items_of(const RefundCommand& command) {
  std::vector<LineItem> items;
  for (std::size_t i = 0; i < command.items.size(); ++i) {
    auto item =
        parse_line_item(command.items[i], command.currency, "--item " + std::to_string(i + 1));
    if (!item) return std::move(item).error();
    items.push_back(std::move(*item));
  }
  if (command.items_file.empty()) return items;
  auto text = read_file(command.items_file);
  if (!text) return std::move(text).error();
  const std::optional<Json> document = internal::parse_json_exact(*text);
  if (!document || !document->is_array()) {
    return invalid("--items-file " + command.items_file + ": expected a JSON array of items");
  }
  for (std::size_t i = 0; i < document->size(); ++i) {
    auto item = parse_line_item((*document)[i].dump(), command.currency,
                                "--items-file item " + std::to_string(i + 1));
    if (!item) return std::move(item).error();
    items.push_back(std::move(*item));
  }
  return items;
}

}  // namespace

Result<LineItem> parse_line_item(std::string_view json, std::string_view currency,
                                 const std::string& where) {
  const std::optional<Json> item = internal::parse_json_exact(json);
  if (!item || !item->is_object()) return invalid(where + ": expected one JSON object");
  for (const auto& member : item->items()) {
    if (std::find(std::begin(kItemFields), std::end(kItemFields), member.key()) ==
        std::end(kItemFields)) {
      return invalid(where + ": unknown field \"" + member.key() + "\"");
    }
  }
  LineItem line;
  const std::optional<std::string> product_id = internal::get_string(*item, "product_id");
  if (!product_id || product_id->empty()) {
    return invalid(where + ": product_id must be a non-empty string");
  }
  line.product_id = *product_id;
  line.description = internal::get_string(*item, "description").value_or("");
  if (internal::find_member(*item, "quantity") != nullptr) {
    auto quantity = decimal_member(*item, "quantity", where, /*allow_integer=*/true);
    if (!quantity) return std::move(quantity).error();
    line.quantity = *quantity;
  }
  auto gross = money_member(*item, "gross_unit_price", currency, where);
  if (!gross) return std::move(gross).error();
  auto net = money_member(*item, "net_unit_price", currency, where);
  if (!net) return std::move(net).error();
  auto vat = money_member(*item, "vat_amount", currency, where);
  if (!vat) return std::move(vat).error();
  auto percent = decimal_member(*item, "vat_percent", where, /*allow_integer=*/false);
  if (!percent) return std::move(percent).error();
  line.gross_unit_price = *gross;
  line.net_unit_price = *net;
  line.vat_amount = *vat;
  line.vat_percent = *percent;
  if (const Json* type = internal::find_member(*item, "type")) {
    const auto* text = type->is_string() ? type->get_ptr<const std::string*>() : nullptr;
    const auto known =
        std::find_if(std::begin(kItemTypes), std::end(kItemTypes),
                     [&](const auto& entry) { return text && entry.first == *text; });
    if (known == std::end(kItemTypes)) {
      return invalid(where +
                     ": type must be one of physical_article, digital_article, "
                     "gift_card, discount, shipping_fee, surcharge, info, subscription");
    }
    line.type = known->second;
  }
  return line;
}

Result<VatAmount> parse_vat_pair(std::string_view text, std::string_view currency) {
  const auto equals = text.find('=');
  const std::string shown = "--vat " + std::string(text);
  if (equals == std::string_view::npos) {
    return invalid(shown + ": expected RATE=AMOUNT, e.g. 21=10.50");
  }
  auto rate = Decimal::parse(text.substr(0, equals));
  if (!rate) return invalid(shown + ": the rate must be a percentage such as 21 or 12.5");
  auto amount = Money::parse(text.substr(equals + 1), currency);
  if (!amount) return invalid(shown + ": " + amount.error().message);
  return VatAmount{*rate, *amount};
}

Result<RefundRequest> build_refund_request(const RefundCommand& command) {
  auto amount = Money::parse_positive(command.amount, command.currency);
  if (!amount) return std::move(amount).error();
  RefundRequest request;
  request.order_id = command.order;
  request.reference = command.reference;
  request.amount = *amount;
  request.reason = command.reason;
  if (!command.planned_date.empty()) {
    auto planned = Date::parse_iso(command.planned_date);
    if (!planned) return std::move(planned).error();
    request.planned_date = *planned;
  }
  request.capture_number = command.capture_number;
  auto items = items_of(command);
  if (!items) return std::move(items).error();
  request.line_items = std::move(*items);
  if (command.refund_type == "refund") request.kind = RefundKind::goodwill;
  if (command.refund_type == "return") request.kind = RefundKind::returned_goods;
  request.credit_note_number = command.credit_note_number;
  for (const std::string& pair : command.vat) {
    auto vat = parse_vat_pair(pair, command.currency);
    if (!vat) return std::move(vat).error();
    request.vat_breakdown.push_back(*vat);
  }
  request.variable_symbol = command.variable_symbol;
  return request;
}

}  // namespace refundkit::cli
