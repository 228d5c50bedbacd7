#include "admin_api.hpp"

#include <utility>
#include <variant>

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
  reply_json(response, 201, order_to_json(created, {}));
}

void AdminApi::list_orders(httplib::Response& response) const {
  const std::string orders = store_.with_state([](const SandboxState& state) {
    std::vector<std::string> texts;
    for (const auto& entry : state.orders) {
      const SandboxOrder& order = entry.second;
      texts.push_back(order_to_json(order, state.refunds_of(order.provider, order.order_id)));
    }
    return json_array(texts);
  });
  reply_json(response, 200, R"({"orders":)" + orders + "}");
}

}  // namespace refundkit::sandbox::detail
