#include "admin_api.hpp"

#include <string>
#include <utility>
#include <variant>

#include "internal/json_writer.hpp"
#include "order_json.hpp"

namespace refundkit::sandbox::detail {

AdminApi::AdminApi(StateStore& store, std::function<void()> reset_all)
    : store_(store), reset_all_(std::move(reset_all)) {}

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
}

void AdminApi::create_order(const httplib::Request& request, httplib::Response& response) {
  const Json document = Json::parse(request.body, nullptr, false);
  if (document.is_discarded()) return reply_error(response, 400, "request body must be JSON");
  auto order = order_from_json(document);
  if (const auto* problem = std::get_if<std::string>(&order)) {
    return reply_error(response, 400, *problem);
  }
  const SandboxOrder& created = std::get<SandboxOrder>(order);
  store_.with_state([&](SandboxState& state) { state.put_order(created); });
  internal::JsonWriter json;
  write_order(json, created, {});
  reply_json(response, 201, json.str());
}

void AdminApi::list_orders(httplib::Response& response) const {
  const std::string body = store_.with_state([](const SandboxState& state) {
    internal::JsonWriter json;
    json.begin_object().key("orders").begin_array();
    for (const auto& entry : state.orders) {
      const SandboxOrder& order = entry.second;
      write_order(json, order, state.refunds_of(order.provider, order.order_id));
    }
    json.end_array().end_object();
    return std::move(json).take();
  });
  reply_json(response, 200, body);
}

}  // namespace refundkit::sandbox::detail
