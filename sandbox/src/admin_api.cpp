#include "admin_api.hpp"

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

#include "json_text.hpp"
#include "order_json.hpp"

namespace refundkit::sandbox::detail {

AdminApi::AdminApi(StateStore& store, FaultInjector& faults, std::function<void()> reset_all)
    : store_(store), faults_(faults), reset_all_(std::move(reset_all)) {}

void AdminApi::register_routes(Router& router) {
  router.add("GET", "/_sandbox/health",
             [](const httplib::Request&, httplib::Response& response, const PathParams&) {
               reply_json(response, 200, R"({"status":"ok"})");
             });
  router.add("GET", "/_sandbox/orders",
             [this](const httplib::Request&, httplib::Response& response, const PathParams&) {
               list_orders(response);
             });
  router.add("POST", "/_sandbox/orders",
             [this](const httplib::Request& request, httplib::Response& response,
                    const PathParams&) { create_order(request, response); });
  router.add("POST", "/_sandbox/reset",
             [this](const httplib::Request&, httplib::Response& response, const PathParams&) {
               reset_all_();
               reply_json(response, 200, R"({"status":"reset"})");
             });
  router.add("GET", "/_sandbox/faults",
             [this](const httplib::Request&, httplib::Response& response, const PathParams&) {
               list_faults(response);
             });
  router.add("POST", "/_sandbox/faults",
             [this](const httplib::Request& request, httplib::Response& response,
                    const PathParams&) { add_fault_rule(request, response); });
  router.add("DELETE", "/_sandbox/faults",
             [this](const httplib::Request&, httplib::Response& response, const PathParams&) {
               faults_.clear_rules();
               reply_json(response, 200, R"({"status":"cleared"})");
             });
}

void AdminApi::create_order(const httplib::Request& request, httplib::Response& response) {
  const Json document = Json::parse(request.body, nullptr, false);
  if (document.is_discarded()) return reply_error(response, 400, "request body must be JSON");
  auto order = order_from_json(document);
  if (const auto* problem = std::get_if<std::string>(&order)) {
    return reply_error(response, 400, *problem);
  }
  const StoredOrder& created = std::get<StoredOrder>(order);
  store_.with_state([&](SandboxState& state) { state.put_order(created); });
  JsonText json;
  write_order(json, created, {});
  reply_json(response, 201, std::move(json).take());
}

void AdminApi::list_orders(httplib::Response& response) const {
  const std::string body = store_.with_state([](const SandboxState& state) {
    JsonText json;
    json.begin_object().key("orders").begin_array();
    for (const auto& entry : state.orders) {
      const StoredOrder& order = entry.second;
      write_order(json, order, state.refunds_of(order.provider, order.order_id));
    }
    json.end_array().end_object();
    return std::move(json).take();
  });
  reply_json(response, 200, body);
}

void AdminApi::add_fault_rule(const httplib::Request& request, httplib::Response& response) {
  const Json document = Json::parse(request.body, nullptr, false);
  if (document.is_discarded()) return reply_error(response, 400, "request body must be JSON");
  auto rule = fault_rule_from_json(document);
  if (const auto* problem = std::get_if<std::string>(&rule)) {
    return reply_error(response, 400, *problem);
  }
  FaultRule held;
  try {
    held = faults_.add_rule(std::get<FaultRule>(rule));
  } catch (const std::invalid_argument& error) {
    return reply_error(response, 400, error.what());
  }
  JsonText json;
  write_fault_rule(json, FaultRuleStatus{std::move(held), 0, 0});
  reply_json(response, 201, std::move(json).take());
}

void AdminApi::list_faults(httplib::Response& response) const {
  JsonText json;
  json.begin_object().key("rules").begin_array();
  for (const FaultRuleStatus& status : faults_.rules()) write_fault_rule(json, status);
  json.end_array().key("injected").begin_object();
  for (const auto& [mode, count] : faults_.counts()) json.key(mode).unsigned_integer(count);
  json.end_object().end_object();
  reply_json(response, 200, std::move(json).take());
}

}  // namespace refundkit::sandbox::detail
