#include "refundkit/transport.hpp"

#include "internal/text.hpp"

namespace refundkit {

std::string_view to_string(HttpMethod method) noexcept {
  switch (method) {
    case HttpMethod::get:
      return "GET";
    case HttpMethod::post:
      return "POST";
    case HttpMethod::put:
      return "PUT";
  }
  return "GET";
}

std::string_view find_header(const std::vector<HttpHeader>& headers, std::string_view name) {
  for (const HttpHeader& header : headers) {
    if (internal::equals_ignore_case(header.name, name)) return header.value;
  }
  return {};
}

}  // namespace refundkit
