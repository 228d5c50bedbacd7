#include "router.hpp"

#include <exception>
#include <utility>

#include "json_text.hpp"

namespace refundkit::sandbox::detail {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+' && plus_is_space) {
      decoded += ' ';
      continue;
    }
    if (text[i] != '%') {
      decoded += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = hex_value(text[i + 1]);
    const int low = hex_value(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    decoded += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return decoded;
}

namespace {

std::vector<std::string> split_pattern(std::string_view pattern) {
  std::vector<std::string> segments;
  std::size_t start = 1;  // skip the leading '/'
  while (start <= pattern.size()) {
    const std::size_t slash = pattern.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? pattern.size() : slash;
    segments.emplace_back(pattern.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

std::string_view error_text(int status) {
  switch (status) {
    case 400:
      return "bad request";
    case 404:
      return "no such endpoint";
    case 405:
      return "method not allowed";
    case 413:
      return "request body too large";
    case 414:
      return "request target too long";
    default:
      return status >= 500 ? "internal sandbox error" : "request refused";
  }
}

bool is_placeholder(const std::string& segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

std::optional<std::vector<std::string>> decoded_path_segments(std::string_view target) {
  const std::string_view path = target.substr(0, target.find('?'));
  if (path.empty() || path.front() != '/') return std::nullopt;
  std::vector<std::string> segments;
  for (const std::string& raw : split_pattern(path)) {
    std::optional<std::string> decoded = percent_decode(raw);
    if (!decoded) return std::nullopt;
    segments.push_back(std::move(*decoded));
  }
  return segments;
}

void Router::add(std::string method, std::string_view pattern, RouteHandler handler) {
  routes_.push_back(Route{std::move(method), split_pattern(pattern), std::move(handler)});
}

void Router::set_interceptor(RequestInterceptor interceptor) {
  interceptor_ = std::move(interceptor);
}

std::optional<PathParams> Router::match(const Route& route,
                                        const std::vector<std::string>& segments) {
  if (route.segments.size() != segments.size()) return std::nullopt;
  PathParams params;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (is_placeholder(route.segments[i])) {
      if (segments[i].empty()) return std::nullopt;
      params.push_back(segments[i]);
    } else if (route.segments[i] != segments[i]) {
      return std::nullopt;
    }
  }
  return params;
}

void Router::dispatch(const httplib::Request& request, httplib::Response& response) const {
  if (interceptor_) return interceptor_(request, response, *this);
  route(request, response);
}

void Router::route(const httplib::Request& request, httplib::Response& response) const {
  const std::optional<std::vector<std::string>> segments = decoded_path_segments(request.target);
  if (!segments) return reply_error(response, 400, "malformed request path");
  // HEAD is answered like GET (cpp-httplib drops the body).
  const std::string method = request.method == "HEAD" ? std::string("GET") : request.method;
  bool path_known = false;
  for (const Route& route : routes_) {
    std::optional<PathParams> params = match(route, *segments);
    if (!params) continue;
    path_known = true;
    if (route.method != method) continue;
    route.handler(request, response, *params);
    return;
  }
  if (path_known) return reply_error(response, 405, "method not allowed");
  reply_error(response, 404, "no such endpoint");
}

void Router::install(httplib::Server& server) const {
  // The regex sees the decoded path, which may contain a decoded newline: match anything.
  const std::string everything = R"([\s\S]*)";
  const auto handler = [this](const httplib::Request& request, httplib::Response& response) {
    dispatch(request, response);
  };
  server.Get(everything, handler);
  server.Post(everything, handler);
  server.Put(everything, handler);
  server.Patch(everything, handler);
  server.Delete(everything, handler);
  server.Options(everything, handler);
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
        reply_error(response, 500, "internal sandbox error");
      });
  // Errors cpp-httplib produces itself (413, 400 on a malformed request, ...) get a JSON body too.
  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request&, httplib::Response& response) {
        // A body already, or one to come from a content provider (a dribbled answer).
        if (!response.body.empty() || response.content_provider_) {
          return httplib::Server::HandlerResponse::Unhandled;
        }
        reply_error(response, response.status, error_text(response.status));
        return httplib::Server::HandlerResponse::Handled;
      }));
}

void reply_json(httplib::Response& response, int status, const std::string& json_body) {
  response.status = status;
  response.set_content(json_body, "application/json");
}

void reply_error(httplib::Response& response, int status, std::string_view message) {
  // {"error":"<message>"}: the error body of Komfortkasse and of the admin API alike.
  reply_json(response, status,
             JsonText().begin_object().key("error").string(message).end_object().str());
}

}  // namespace refundkit::sandbox::detail
