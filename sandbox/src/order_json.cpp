#include "order_json.hpp"

#include <algorithm>
#include <array>

#include "money.hpp"

namespace refundkit::sandbox::detail {

namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
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
  return StoredOrder{order.provider, order.order_id, *minor,
                     order.currency, *decimals,      order.bank_details_missing};
}

SandboxOrder to_public_order(const StoredOrder& order) {
  return SandboxOrder{order.provider, order.order_id,
                      format_minor_units(order.amount_minor, order.decimals), order.currency,
                      order.bank_details_missing};
}

std::variant<StoredOrder, std::string> order_from_json(const Json& object) {
  if (!object.is_object()) return std::string("an order must be a JSON object");
  static constexpr std::array<const char*, 5> kFields = {"provider", "order_id", "amount",
                                                         "currency", "bank_details_missing"};
  for (const auto& member : object.items()) {
    if (std::find(kFields.begin(), kFields.end(), member.key()) == kFields.end()) {
      return "unknown field " + json_quoted(member.key());
    }
  }
  const auto text_field = [&](const char* name) -> const std::string* {
    const auto found = object.find(name);
    if (found == object.end() || !found->is_string()) return nullptr;
    return found->get_ptr<const std::string*>();
  };

  SandboxOrder order;
  const std::string* provider = text_field("provider");
  if (provider == nullptr) return std::string("provider must be a string");
  order.provider = *provider;
  const std::string* order_id = text_field("order_id");
  if (order_id == nullptr || order_id->empty()) {
    return std::string("order_id must be a non-empty string");
  }
  order.order_id = *order_id;
  const std::string* currency = text_field("currency");
  if (currency == nullptr) {
    return "currency must be a string, one of the currencies the sandbox hosts (" +
           joined(hosted_currencies()) + ")";
  }
  order.currency = *currency;
  const std::string* amount = text_field("amount");
  if (amount == nullptr) {
    return std::string("amount must be a decimal string such as \"12.30\"");
  }
  order.amount = *amount;
  const auto flag = object.find("bank_details_missing");
  if (flag != object.end()) {
    if (!flag->is_boolean()) return std::string("bank_details_missing must be true or false");
    order.bank_details_missing = flag->get<bool>();
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
  json.key("vendor_reference").string(refund.vendor_reference).end_object();
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
      .key("refunds")
      .begin_array();
  for (const SandboxRefund* refund : refunds) write_refund(json, *refund);
  json.end_array().end_object();
}

}  // namespace refundkit::sandbox::detail
