#include "vendors/optty/optty_errors.hpp"

#include <optional>
#include <utility>

#include "internal/http_errors.hpp"
#include "internal/json_reader.hpp"
#include "internal/text.hpp"
#include "vendors/optty/optty_wire.hpp"

namespace refundkit::vendors::optty {
namespace {

using internal::contains_any_word_ignore_case;
using internal::Json;

bool says_amount_exceeds_refundable(std::string_view text) {
  return internal::contains_ignore_case(text, "You can only refund amount up to");
}

// Whole words and phrases only: a substring test reads "refused" or "unused" as "used".
bool says_duplicate_reference(std::string_view text) {
  return contains_any_word_ignore_case(
             text, {"refundReference", "reference", "references", "refund reference"}) &&
         contains_any_word_ignore_case(
             text, {"already exists", "already exist", "exists already", "already used",
                    "already in use", "already been used", "has been used", "duplicate",
                    "duplicated", "must be unique", "not unique", "already processed"}) &&
         !contains_any_word_ignore_case(
             text, {"not exist", "does not", "doesn't", "not been used", "never", "unknown",
                    "invalid", "not found", "no such"});
}

bool says_currency(std::string_view text) {
  return internal::contains_ignore_case(text, "currency");
}

std::string joined_strings(const Json& array) {
  std::string text;
  for (const Json& element : array) {
    if (!element.is_string()) continue;
    if (!text.empty()) text += "; ";
    text += element.get<std::string>();
  }
  return text;
}

}  // namespace

OpttyErrorBody read_error_body(std::string_view body) {
  const std::optional<Json> json = internal::parse_json_exact(body);
  OpttyErrorBody read;
  if (!json || !json->is_object()) return read;
  if (const Json* message = internal::find_member(*json, kMessage)) {
    if (message->is_string()) read.message = message->get<std::string>();
    if (message->is_array()) read.message = joined_strings(*message);
  }
  read.error = internal::get_string(*json, kError).value_or("");
  return read;
}

ErrorKind classify_rejection(std::string_view message) {
  if (says_amount_exceeds_refundable(message)) return ErrorKind::amount_exceeds_refundable;
  if (says_duplicate_reference(message)) return ErrorKind::duplicate_reference;
  if (says_currency(message)) return ErrorKind::currency_mismatch;
  return ErrorKind::invalid_request;
}

Error map_error_response(const HttpResponse& response) {
  OpttyErrorBody body = read_error_body(response.body);
  ErrorKind kind = internal::error_kind_for_http_status(response.status);
  if (kind == ErrorKind::invalid_request) kind = classify_rejection(body.message);
  return internal::http_error(kVendorName, response, kind, std::move(body.error),
                              std::move(body.message));
}

}  // namespace refundkit::vendors::optty
