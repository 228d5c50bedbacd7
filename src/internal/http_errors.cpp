#include "internal/http_errors.hpp"

#include <utility>

#include "internal/text.hpp"

namespace refundkit::internal {
namespace {

constexpr std::string_view kMayExist =
    "; the refund may have been created: check with the vendor before retrying with a new "
    "reference";

std::string answered(std::string_view vendor, int status) {
  std::string text(vendor);
  text += " answered HTTP ";
  text += std::to_string(status);
  return text;
}

}  // namespace

ErrorKind error_kind_for_http_status(int status) noexcept {
  // Nonsense from a broken server or proxy: it proves nothing about the POST it answers.
  if (status < 100 || status > 599) return ErrorKind::outcome_unknown;
  switch (status) {
    case 400:
    case 422:  // "understood but invalid": vendors put the reason in their body
      return ErrorKind::invalid_request;
    case 401:
    case 403:
      return ErrorKind::authentication;
    case 404:
      return ErrorKind::not_found;
    case 429:
      return ErrorKind::rate_limited;
    case 303:  // See Other: the standard answer after a POST was processed
      return ErrorKind::outcome_unknown;
    default:
      break;
  }
  if (status >= 500) return ErrorKind::outcome_unknown;
  return ErrorKind::protocol;
}

Error local_error(ErrorKind kind, std::string message) {
  Error error;
  error.kind = kind;
  error.message = std::move(message);
  return error;
}

Error http_error(std::string_view vendor, const HttpResponse& response, ErrorKind kind,
                 std::string vendor_code, std::string vendor_message) {
  Error error;
  error.kind = kind;
  error.http_status = response.status;
  error.message = answered(vendor, response.status);
  error.message += " (";
  error.message += to_string(kind);
  error.message += ")";
  if (!vendor_message.empty() || !vendor_code.empty()) {
    error.message += ": ";
    if (!vendor_code.empty()) error.message += "[" + shorten_for_message(vendor_code, 100) + "] ";
    error.message += shorten_for_message(vendor_message);
  } else if (response.body.empty()) {
    error.message += " with an empty body";
  } else {
    error.message += " with no readable error message in its ";
    error.message += std::to_string(response.body.size());
    error.message += "-byte body";
  }
  if (kind == ErrorKind::outcome_unknown) error.message += kMayExist;
  error.vendor_code = std::move(vendor_code);
  error.vendor_message = std::move(vendor_message);
  error.raw_body = response.body;
  return error;
}

Error unreadable_success(std::string_view vendor, const HttpResponse& response,
                         std::string_view problem) {
  Error error;
  error.kind = ErrorKind::outcome_unknown;
  error.http_status = response.status;
  error.message = answered(vendor, response.status);
  error.message += " but ";
  error.message += problem;
  error.message += kMayExist;
  error.raw_body = response.body;
  return error;
}

Error transport_failure(std::string_view vendor, Error error) {
  std::string message(vendor);
  message += ": ";
  message += error.message;
  error.message = std::move(message);
  return error;
}

}  // namespace refundkit::internal
