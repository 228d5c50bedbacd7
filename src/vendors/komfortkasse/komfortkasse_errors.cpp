#include "vendors/komfortkasse/komfortkasse_errors.hpp"

#include <optional>
#include <string>

#include "internal/http_errors.hpp"
#include "internal/json_reader.hpp"
#include "internal/text.hpp"
#include "vendors/komfortkasse/komfortkasse_wire.hpp"

namespace refundkit::vendors::komfortkasse {
namespace {

using internal::contains_any_word_ignore_case;

// Whole words and phrases only: a substring test read "refused", "unused" and "does not exist"
// as a duplicate, which a merchant takes for "already refunded" and the customer is never paid.
// Each rule needs its subject, a positive phrase and no phrase that negates or blames the input.

bool says_duplicate_reference(std::string_view text) {
  return contains_any_word_ignore_case(text, {"reference", "references", "externalReference"}) &&
         contains_any_word_ignore_case(
             text, {"already exists", "already exist", "exists already", "already used",
                    "already in use", "already been used", "has been used", "duplicate",
                    "duplicated", "must be unique", "not unique"}) &&
         !contains_any_word_ignore_case(
             text, {"not exist", "does not", "doesn't", "not been used", "never", "unknown",
                    "invalid", "not found", "no such"});
}

bool says_currency_mismatch(std::string_view text) {
  // "does not match" is the positive signal here, so negations are not excluded wholesale.
  return contains_any_word_ignore_case(text, {"currency"}) &&
         contains_any_word_ignore_case(
             text, {"does not match", "doesn't match", "do not match", "not match", "mismatch",
                    "mismatched", "differs", "differ", "different", "wrong currency"}) &&
         !contains_any_word_ignore_case(
             text, {"invalid", "unknown", "unsupported", "not supported", "format"});
}

bool says_amount_exceeds_refundable(std::string_view text) {
  return contains_any_word_ignore_case(text, {"amount"}) &&
         contains_any_word_ignore_case(
             text, {"exceeds", "exceeded", "exceed", "too high", "maximum", "limit"}) &&
         !contains_any_word_ignore_case(text, {"invalid", "format"});
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
  if (says_duplicate_reference(message)) return ErrorKind::duplicate_reference;
  if (says_currency_mismatch(message)) return ErrorKind::currency_mismatch;
  if (says_amount_exceeds_refundable(message)) return ErrorKind::amount_exceeds_refundable;
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
