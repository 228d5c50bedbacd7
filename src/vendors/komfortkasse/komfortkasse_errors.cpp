#include "vendors/komfortkasse/komfortkasse_errors.hpp"

#include <initializer_list>
#include <optional>
#include <string>

#include "internal/http_errors.hpp"
#include "internal/json_reader.hpp"
#include "internal/text.hpp"
#include "vendors/komfortkasse/komfortkasse_wire.hpp"

namespace refundkit::vendors::komfortkasse {
namespace {

bool mentions(std::string_view text, std::string_view subject,
              std::initializer_list<std::string_view> any_of) {
  if (!internal::contains_ignore_case(text, subject)) return false;
  for (std::string_view word : any_of) {
    if (internal::contains_ignore_case(text, word)) return true;
  }
  return false;
}

std::string vendor_message_of(const HttpResponse& response) {
  const std::optional<internal::Json> body = internal::parse_json_exact(response.body);
  if (!body || !body->is_object()) return "";
  for (std::string_view key : {"error", "message"}) {
    if (std::optional<std::string> text = internal::get_string(*body, key)) return *text;
  }
  return "";
}

}  // namespace

ErrorKind classify_rejection(std::string_view message) {
  if (mentions(message, "reference", {"already", "exist", "duplicate", "unique", "used"})) {
    return ErrorKind::duplicate_reference;
  }
  if (mentions(message, "currency", {"mismatch", "match", "differ", "wrong"})) {
    return ErrorKind::currency_mismatch;
  }
  if (mentions(message, "amount", {"exceed", "maximum", "too high", "limit"})) {
    return ErrorKind::amount_exceeds_refundable;
  }
  return ErrorKind::invalid_request;
}

Error map_error_response(const HttpResponse& response) {
  std::string vendor_message = vendor_message_of(response);
  ErrorKind kind = internal::error_kind_for_http_status(response.status);
  if (kind == ErrorKind::invalid_request) kind = classify_rejection(vendor_message);
  return internal::http_error(kVendorName, response, kind, /*vendor_code=*/"",
                              std::move(vendor_message));
}

}  // namespace refundkit::vendors::komfortkasse
