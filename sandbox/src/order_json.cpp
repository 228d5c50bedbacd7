#include "order_json.hpp"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <utility>

#include "money.hpp"

namespace refundkit::sandbox::detail {

namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

namespace {

// Quantities may be fractional (Riverty): up to four decimals, more than zero.
constexpr int kQuantityDecimals = 4;

const std::vector<std::string> kApplicationStates = {"CANCELLED", "PROCESSING", "READY",
                                                     "REJECTED"};

std::optional<std::string> check_item(const SandboxItem& item, int decimals) {
  if (item.product_id.empty()) return std::string("product_id must be a non-empty string");
  const auto quantity = parse_minor_units(item.quantity, kQuantityDecimals, kQuantityDecimals);
  if (!quantity || *quantity <= 0) {
    return std::string("quantity must be a decimal string greater than zero, such as \"2.5\"");
  }
  if (!parse_minor_units(item.gross_unit_price, decimals, decimals)) {
    return std::string(
        "gross_unit_price must be a decimal string with at most the currency's "
        "decimals, such as \"12.00\"");
  }
  return std::nullopt;
}

std::variant<std::vector<StoredCapture>, std::string> to_stored_captures(
    const std::vector<SandboxCapture>& captures, int decimals) {
  std::vector<StoredCapture> stored;
  for (std::size_t i = 0; i < captures.size(); ++i) {
    const SandboxCapture& capture = captures[i];
    const std::string where = "captures[" + std::to_string(i) + "]: ";
    if (capture.capture_number.empty()) {
      return where + "capture_number must be a non-empty string";
    }
    const auto minor = parse_minor_units(capture.amount, decimals, decimals);
    if (!minor || *minor <= 0) {
      return where + "amount must be a decimal string greater than zero";
    }
    for (std::size_t j = 0; j < capture.items.size(); ++j) {
      if (auto problem = check_item(capture.items[j], decimals)) {
        return where + "items[" + std::to_string(j) + "]: " + *problem;
      }
    }
    stored.push_back(StoredCapture{capture.capture_number, *minor, capture.items});
  }
  return stored;
}

}  // namespace

std::variant<StoredOrder, std::string> to_stored_order(const SandboxOrder& order) {
  const std::vector<std::string> providers = hosted_providers();
  if (std::find(providers.begin(), providers.end(), order.provider) == providers.end()) {
    return "provider must be one of the hosted providers (" + joined(providers) + ")";
  }
  if (order.order_id.empty()) return std::string("order_id must be a non-empty string");
  const std::optional<int> decimals = currency_decimals(order.currency);
  if (!decimals) {
    return "currency must be one of the currencies the sandbox hosts (" +
           joined(hosted_currencies()) + ")";
  }
  const std::optional<std::int64_t> minor = parse_minor_units(order.amount, *decimals, *decimals);
  if (!minor || *minor <= 0) {
    return std::string(
        "amount must be a decimal string greater than zero with at most the currency's "
        "decimals, such as \"12.30\"");
  }
  if (std::find(kApplicationStates.begin(), kApplicationStates.end(), order.application_state) ==
      kApplicationStates.end()) {
    return "application_state must be one of " + joined(kApplicationStates);
  }
  for (const std::string& rate : order.vat_rates) {
    if (!parse_minor_units(rate, 2, 2)) {
      return std::string("vat_rates must be percent texts such as \"21\" or \"12.5\"");
    }
  }
  auto captures = to_stored_captures(order.captures, *decimals);
  if (auto* problem = std::get_if<std::string>(&captures)) return *problem;

  StoredOrder stored;
  stored.provider = order.provider;
  stored.order_id = order.order_id;
  stored.amount_minor = *minor;
  stored.currency = order.currency;
  stored.decimals = *decimals;
  stored.bank_details_missing = order.bank_details_missing;
  stored.captures = std::get<std::vector<StoredCapture>>(std::move(captures));
  stored.application_state = order.application_state;
  stored.invoiced = order.invoiced;
  stored.vat_rates = order.vat_rates;
  return stored;
}

SandboxOrder to_public_order(const StoredOrder& order) {
  SandboxOrder shown;
  shown.provider = order.provider;
  shown.order_id = order.order_id;
  shown.amount = format_minor_units(order.amount_minor, order.decimals);
  shown.currency = order.currency;
  shown.bank_details_missing = order.bank_details_missing;
  for (const StoredCapture& capture : order.captures) {
    shown.captures.push_back(
        SandboxCapture{capture.capture_number,
                       format_minor_units(capture.amount_minor, order.decimals), capture.items});
  }
  shown.application_state = order.application_state;
  shown.invoiced = order.invoiced;
  shown.vat_rates = order.vat_rates;
  return shown;
}

namespace {

const std::string* text_member(const Json& object, const char* name) {
  const auto found = object.find(name);
  if (found == object.end() || !found->is_string()) return nullptr;
  return found->get_ptr<const std::string*>();
}

std::optional<std::string> unknown_member(const Json& object,
                                          std::initializer_list<const char*> fields) {
  for (const auto& member : object.items()) {
    if (std::find_if(fields.begin(), fields.end(),
                     [&](const char* field) { return member.key() == field; }) == fields.end()) {
      return "unknown field " + json_quoted(member.key());
    }
  }
  return std::nullopt;
}

std::variant<SandboxItem, std::string> item_from_json(const Json& object) {
  if (!object.is_object()) return std::string("an item must be a JSON object");
  if (auto problem =
          unknown_member(object, {"product_id", "description", "quantity", "gross_unit_price"})) {
    return *problem;
  }
  SandboxItem item;
  for (auto [name, field] :
       {std::pair{"product_id", &item.product_id}, std::pair{"description", &item.description},
        std::pair{"quantity", &item.quantity},
        std::pair{"gross_unit_price", &item.gross_unit_price}}) {
    if (object.contains(name)) {
      const std::string* text = text_member(object, name);
      if (text == nullptr) return std::string(name) + " must be a string";
      *field = *text;
    }
  }
  return item;
}

std::variant<SandboxCapture, std::string> capture_from_json(const Json& object) {
  if (!object.is_object()) return std::string("a capture must be a JSON object");
  if (auto problem = unknown_member(object, {"capture_number", "amount", "items"})) {
    return *problem;
  }
  SandboxCapture capture;
  const std::string* number = text_member(object, "capture_number");
  const std::string* amount = text_member(object, "amount");
  if (number == nullptr) return std::string("capture_number must be a string");
  if (amount == nullptr) return std::string("amount must be a decimal string");
  capture.capture_number = *number;
  capture.amount = *amount;
  const auto items = object.find("items");
  if (items != object.end()) {
    if (!items->is_array()) return std::string("items must be an array");
    for (std::size_t i = 0; i < items->size(); ++i) {
      auto item = item_from_json((*items)[i]);
      if (auto* problem = std::get_if<std::string>(&item)) {
        return "items[" + std::to_string(i) + "]: " + *problem;
      }
      capture.items.push_back(std::get<SandboxItem>(std::move(item)));
    }
  }
  return capture;
}

}  // namespace

std::variant<StoredOrder, std::string> order_from_json(const Json& object) {
  if (!object.is_object()) return std::string("an order must be a JSON object");
  if (auto problem = unknown_member(
          object, {"provider", "order_id", "amount", "currency", "bank_details_missing", "captures",
                   "application_state", "invoiced", "vat_rates"})) {
    return *problem;
  }

  SandboxOrder order;
  const std::string* provider = text_member(object, "provider");
  if (provider == nullptr) return std::string("provider must be a string");
  order.provider = *provider;
  const std::string* order_id = text_member(object, "order_id");
  if (order_id == nullptr || order_id->empty()) {
    return std::string("order_id must be a non-empty string");
  }
  order.order_id = *order_id;
  const std::string* currency = text_member(object, "currency");
  if (currency == nullptr) {
    return "currency must be a string, one of the currencies the sandbox hosts (" +
           joined(hosted_currencies()) + ")";
  }
  order.currency = *currency;
  const std::string* amount = text_member(object, "amount");
  if (amount == nullptr) {
    return std::string("amount must be a decimal string such as \"12.30\"");
  }
  order.amount = *amount;
  for (auto [name, flag] : {std::pair{"bank_details_missing", &order.bank_details_missing},
                            std::pair{"invoiced", &order.invoiced}}) {
    const auto found = object.find(name);
    if (found == object.end()) continue;
    if (!found->is_boolean()) return std::string(name) + " must be true or false";
    *flag = found->get<bool>();
  }
  if (object.contains("application_state")) {
    const std::string* state = text_member(object, "application_state");
    if (state == nullptr) return std::string("application_state must be a string");
    order.application_state = *state;
  }
  const auto rates = object.find("vat_rates");
  if (rates != object.end()) {
    if (!rates->is_array()) return std::string("vat_rates must be an array of strings");
    for (const Json& rate : *rates) {
      if (!rate.is_string()) return std::string("vat_rates must be an array of strings");
      order.vat_rates.push_back(rate.get<std::string>());
    }
  }
  const auto captures = object.find("captures");
  if (captures != object.end()) {
    if (!captures->is_array()) return std::string("captures must be an array");
    for (std::size_t i = 0; i < captures->size(); ++i) {
      auto capture = capture_from_json((*captures)[i]);
      if (auto* problem = std::get_if<std::string>(&capture)) {
        return "captures[" + std::to_string(i) + "]: " + *problem;
      }
      order.captures.push_back(std::get<SandboxCapture>(std::move(capture)));
    }
  }
  return to_stored_order(order);
}

namespace {

void write_refund(JsonText& json, const SandboxRefund& refund) {
  json.begin_object()
      .key("id")
      .string(refund.id)
      .key("reference")
      .string(refund.reference)
      .key("amount")
      .string(refund.amount)
      .key("currency")
      .string(refund.currency)
      .key("status")
      .string(refund.status)
      .key("planned_date");
  if (refund.planned_date.empty()) {
    json.null();
  } else {
    json.string(refund.planned_date);
  }
  json.key("vendor_reference")
      .string(refund.vendor_reference)
      .key("capture_number")
      .string(refund.capture_number)
      .end_object();
}

void write_capture(JsonText& json, const StoredCapture& capture, int decimals) {
  json.begin_object()
      .key("capture_number")
      .string(capture.capture_number)
      .key("amount")
      .string(format_minor_units(capture.amount_minor, decimals))
      .key("items")
      .begin_array();
  for (const SandboxItem& item : capture.items) {
    json.begin_object()
        .key("product_id")
        .string(item.product_id)
        .key("description")
        .string(item.description)
        .key("quantity")
        .string(item.quantity)
        .key("gross_unit_price")
        .string(item.gross_unit_price)
        .end_object();
  }
  json.end_array().end_object();
}

}  // namespace

void write_order(JsonText& json, const StoredOrder& order,
                 const std::vector<const SandboxRefund*>& refunds) {
  json.begin_object()
      .key("provider")
      .string(order.provider)
      .key("order_id")
      .string(order.order_id)
      .key("amount")
      .string(format_minor_units(order.amount_minor, order.decimals))
      .key("currency")
      .string(order.currency)
      .key("bank_details_missing")
      .boolean(order.bank_details_missing)
      .key("captures")
      .begin_array();
  for (const StoredCapture& capture : order.captures) write_capture(json, capture, order.decimals);
  json.end_array()
      .key("application_state")
      .string(order.application_state)
      .key("invoiced")
      .boolean(order.invoiced)
      .key("vat_rates")
      .begin_array();
  for (const std::string& rate : order.vat_rates) json.string(rate);
  json.end_array().key("refunds").begin_array();
  for (const SandboxRefund* refund : refunds) write_refund(json, *refund);
  json.end_array().end_object();
}

}  // namespace refundkit::sandbox::detail
