#include "vendors/afterpay/afterpay_errors.hpp"

#include <optional>

#include "internal/http_errors.hpp"
#include "internal/json_reader.hpp"
#include "internal/text.hpp"
#include "vendors/afterpay/afterpay_wire.hpp"

namespace refundkit::vendors::afterpay {
namespace {

using internal::contains_any_word_ignore_case;
using internal::Json;

std::optional<ResponseMessage> read_message(const Json& object) {
  if (!object.is_object()) return std::nullopt;
  ResponseMessage message;
  bool any = false;
  const auto read = [&](std::string_view key, std::string& into) {
    if (std::optional<std::string> text = internal::get_scalar_text(object, key)) {
      into = std::move(*text);
      any = true;
    }
  };
  read("type", message.type);
  read("code", message.code);
  read("message", message.message);
  read("customerFacingMessage", message.customer_facing_message);
  read("actionCode", message.action_code);
  read("fieldReference", message.field_reference);
  if (!any) return std::nullopt;
  return message;
}

/// "RefundAmountExceedsCapturedAmount" and "refund_amount.exceeds" as words, so that the word
/// rules apply to codes too.
std::string code_as_words(std::string_view code) {
  std::string words;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    const bool upper = c >= 'A' && c <= 'Z';
    if (upper && i > 0 && code[i - 1] >= 'a' && code[i - 1] <= 'z') words += ' ';
    words += (c == '_' || c == '-' || c == '.') ? ' ' : c;
  }
  return words;
}

std::string classified_text(const ResponseMessage& message) {
  return message.message + " . " + code_as_words(message.code);
}

bool says_amount_exceeds_refundable(std::string_view text) {
  return contains_any_word_ignore_case(
             text, {"refund", "refunds", "refunded", "amount", "amounts", "total"}) &&
         contains_any_word_ignore_case(
             text, {"exceeds", "exceeded", "exceed", "exceeding", "greater than", "more than",
                    "higher than", "larger than", "too high", "too large", "above"}) &&
         contains_any_word_ignore_case(text, {"captured", "capture", "remaining", "refundable",
                                              "available", "authorized", "authorised"}) &&
         !contains_any_word_ignore_case(text, {"format", "decimals", "precision"});
}

bool says_key_used_for_another_request(std::string_view text) {
  return contains_any_word_ignore_case(text, {"idempotency", "idempotencyKey"}) &&
         contains_any_word_ignore_case(
             text, {"another request", "different request", "other request", "another body",
                    "different body", "different payload", "different parameters", "already used",
                    "already been used", "was used", "reused", "re-used", "mismatch",
                    "does not match"}) &&
         !contains_any_word_ignore_case(text, {"invalid", "format", "characters", "length",
                                               "too long", "missing", "required"});
}

std::string describe(const ResponseMessage& message, bool with_code) {
  std::string text = message.message.empty() ? message.customer_facing_message : message.message;
  if (!message.field_reference.empty()) text += " (field " + message.field_reference + ")";
  if (with_code && !message.code.empty()) text = "[" + message.code + "] " + text;
  return text;
}

}  // namespace

std::vector<ResponseMessage> read_response_messages(std::string_view body) {
  std::vector<ResponseMessage> messages;
  const std::optional<Json> parsed = internal::parse_json_exact(body);
  if (!parsed) return messages;
  if (parsed->is_object()) {
    if (std::optional<ResponseMessage> message = read_message(*parsed)) {
      messages.push_back(std::move(*message));
    }
    return messages;
  }
  if (!parsed->is_array()) return messages;
  for (const Json& element : *parsed) {
    if (std::optional<ResponseMessage> message = read_message(element)) {
      messages.push_back(std::move(*message));
    }
  }
  return messages;
}

ErrorKind classify_rejection(const ResponseMessage& first) {
  const std::string text = classified_text(first);
  if (says_amount_exceeds_refundable(text)) return ErrorKind::amount_exceeds_refundable;
  if (says_key_used_for_another_request(text)) return ErrorKind::duplicate_reference;
  return ErrorKind::invalid_request;
}

Error map_error_response(const HttpResponse& response) {
  const std::vector<ResponseMessage> messages = read_response_messages(response.body);
  ErrorKind kind = internal::error_kind_for_http_status(response.status);
  if (messages.empty()) return internal::http_error(kVendorName, response, kind, "", "");

  const ResponseMessage& first = messages.front();
  if (kind == ErrorKind::invalid_request) kind = classify_rejection(first);
  // The first message decides and fills the vendor fields; the text names them all.
  std::string all = describe(first, /*with_code=*/false);
  for (std::size_t i = 1; i < messages.size(); ++i) all += "; " + describe(messages[i], true);
  Error error = internal::http_error(kVendorName, response, kind, first.code, std::move(all));
  error.vendor_message = first.message;
  error.customer_message = first.customer_facing_message;
  error.vendor_field = first.field_reference;
  return error;
}

}  // namespace refundkit::vendors::afterpay
