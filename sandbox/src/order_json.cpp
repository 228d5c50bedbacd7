#include "order_json.hpp"

#include <algorithm>
#include <array>

namespace refundkit::sandbox::detail {

std::string order_problem(const SandboxOrder& order) {
  const std::vector<std::string> providers = hosted_providers();
  if (std::find(providers.begin(), providers.end(), order.provider) == providers.end()) {
    std::string names;
    for (const std::string& name : providers) names += (names.empty() ? "" : ", ") + name;
    return "provider must be one of the hosted providers (" + names + ")";
  }
  if (order.order_id.empty()) return "order_id must be a non-empty string";
  if (!order.amount.currency().is_set() || order.amount.minor_units() <= 0) {
    return "amount must be greater than zero";
  }
  return "";
}

std::variant<SandboxOrder, std::string> order_from_json(const Json& object) {
  if (!object.is_object()) return std::string("an order must be a JSON object");
  static constexpr std::array<const char*, 5> kFields = {"provider", "order_id", "amount",
                                                         "currency", "bank_details_missing"};
  for (const auto& member : object.items()) {
    if (std::find(kFields.begin(), kFields.end(), member.key()) == kFields.end()) {
      return "unknown field " + internal::JsonWriter().string(member.key()).str();
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
  const std::string* currency_code = text_field("currency");
  if (currency_code == nullptr || !Currency::from_code(*currency_code).ok()) {
    return std::string("currency must be an ISO 4217 currency code such as \"EUR\"");
  }
  const std::string* amount = text_field("amount");
  Result<Money> money =
      amount == nullptr ? Result<Money>(Error{}) : Money::parse_positive(*amount, *currency_code);
  if (!money.ok()) {
    return std::string(
        "amount must be a decimal string greater than zero with at most the currency's "
        "decimals, such as \"12.30\"");
  }
  order.amount = *money;
  const auto flag = object.find("bank_details_missing");
  if (flag != object.end()) {
    if (!flag->is_boolean()) return std::string("bank_details_missing must be true or false");
    order.bank_details_missing = flag->get<bool>();
  }
  std::string problem = order_problem(order);
  if (!problem.empty()) return problem;
  return order;
}

namespace {

void write_refund(internal::JsonWriter& json, const SandboxRefund& refund) {
  json.begin_object()
      .key("id")
      .string(refund.id)
      .key("reference")
      .string(refund.reference)
      .key("amount")
      .string(refund.amount.to_decimal_string())
      .key("currency")
      .string(refund.amount.currency().code())
      .key("status")
      .string(refund.status)
      .key("planned_date");
  if (refund.planned_date) {
    json.string(refund.planned_date->to_iso());
  } else {
    json.null();
  }
  json.key("vendor_reference").string(refund.vendor_reference).end_object();
}

}  // namespace

void write_order(internal::JsonWriter& json, const SandboxOrder& order,
                 const std::vector<const SandboxRefund*>& refunds) {
  json.begin_object()
      .key("provider")
      .string(order.provider)
      .key("order_id")
      .string(order.order_id)
      .key("amount")
      .string(order.amount.to_decimal_string())
      .key("currency")
      .string(order.amount.currency().code())
      .key("bank_details_missing")
      .boolean(order.bank_details_missing)
      .key("refunds")
      .begin_array();
  for (const SandboxRefund* refund : refunds) write_refund(json, *refund);
  json.end_array().end_object();
}

}  // namespace refundkit::sandbox::detail
