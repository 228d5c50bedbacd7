#pragma once

#include <httplib.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace refundkit::sandbox::detail {

/// The values of a matched route's "{placeholders}", percent-decoded, in pattern order.
using PathParams = std::vector<std::string>;
using RouteHandler =
    std::function<void(const httplib::Request&, httplib::Response&, const PathParams&)>;

class Router;

/// Sits in front of routing: it receives every request and decides whether and when the router
/// processes it (router.route(request, response)), and what happens to the answer. The seam for
/// fault injection (faults.hpp).
using RequestInterceptor =
    std::function<void(const httplib::Request&, httplib::Response&, const Router& router)>;

/// Decodes %XX escapes; '+' is a space only when `plus_is_space` (form-encoded bodies and query
/// strings), never in a path. nullopt for a malformed escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space = false);

/// Splits the path of a raw request target ("/a/b%2Fc?x=1") into percent-decoded segments
/// ({"a", "b/c"}). nullopt if the path does not start with '/' or has a malformed %-escape.
std::optional<std::vector<std::string>> decoded_path_segments(std::string_view target);

/// Routes requests by path segments of the raw request target. cpp-httplib 0.11.4 percent-decodes
/// req.path (%2F included) before matching its regex routes, so an order number containing an
/// encoded '/' would change the shape of the path there; matching the raw segments and decoding
/// each one afterwards keeps "A%2FB" one order number. Unknown paths get a JSON 404, known paths
/// with another method a JSON 405.
class Router {
 public:
  /// `pattern` is made of literal segments and "{name}" placeholders, e.g.
  /// "/komfortkasse/api/v2/order/{orderNumber}/refund"; a placeholder matches one non-empty
  /// segment. Routes are tried in the order added.
  void add(std::string method, std::string_view pattern, RouteHandler handler);

  /// Must be set before install(); see RequestInterceptor.
  void set_interceptor(RequestInterceptor interceptor);

  /// Sends every request `server` receives through dispatch(), turns uncaught exceptions into a
  /// JSON 500 and gives every body-less error response a JSON body.
  void install(httplib::Server& server) const;

  /// Through the interceptor if one is set, else straight to route().
  void dispatch(const httplib::Request& request, httplib::Response& response) const;
  /// Finds the route and runs its handler (no interceptor).
  void route(const httplib::Request& request, httplib::Response& response) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;  // a segment "{...}" is a placeholder
    RouteHandler handler;
  };
  static std::optional<PathParams> match(const Route& route,
                                         const std::vector<std::string>& segments);

  std::vector<Route> routes_;
  RequestInterceptor interceptor_;
};

/// Sends `json_body` with the given status as application/json.
void reply_json(httplib::Response& response, int status, const std::string& json_body);
/// Sends {"error": message} with the given status.
void reply_error(httplib::Response& response, int status, std::string_view message);

}  // namespace refundkit::sandbox::detail
