#include "optty_refund_request.hpp"

#include <cstdint>
#include <optional>

#include "money.hpp"
#include "optty_node_json.hpp"
#include "optty_wire.hpp"

namespace refundkit::sandbox::detail::optty {

namespace {

// "The amount must be a positive number with up to 2 decimal places."
constexpr int kMaxAmountDecimals = 2;

const JsonNode* member_of_kind(const JsonNode& object, const char* name, JsonNode::Kind kind) {
  const JsonNode* member = object.find(name);
  return member != nullptr && member->is(kind) ? member : nullptr;
}

BodyRejection must_be_string(const std::string& field) { return {field + " must be a string"}; }
BodyRejection must_not_be_empty(const std::string& field) {
  return {field + " should not be empty"};
}

// Judged on the number as written, never through a double: "12.30", "5" and "0.5" pass; "12.345"
// and "1e1" do not (JavaScript would take 1e1 and 1.000; the sandbox is stricter on purpose, so
// an adapter that writes amounts sloppily is caught), nor zero or negatives.
std::optional<BodyRejection> check_amount(const JsonNode* amount) {
  const std::string field = "refundAmount.amount";
  const BodyRejection not_conforming{field +
                                     " must be a number conforming to the specified constraints"};
  if (amount == nullptr) return not_conforming;
  const BodyRejection not_positive{field + " must be a positive number"};
  if (!amount->text.empty() && amount->text.front() == '-') return not_positive;
  const std::optional<std::int64_t> hundredths =
      parse_minor_units(amount->text, kMaxAmountDecimals, kMaxAmountDecimals);
  if (!hundredths) return not_conforming;
  if (*hundredths <= 0) return not_positive;
  return std::nullopt;
}

}  // namespace

std::variant<JsonNode, BodyRejection> read_json_body(std::string_view content_type,
                                                     std::string_view body) {
  JsonNode empty_object;
  empty_object.kind = JsonNode::Kind::object;
  if (!has_media_type(content_type, "application/json") || body.empty()) return empty_object;
  const std::string text = decode_utf8_lossy(body);
  if (std::optional<std::string> error = node_json_syntax_error(text)) {
    return BodyRejection{std::move(*error)};
  }
  std::optional<JsonNode> document = read_json_tree(text);
  // Valid for V8 but not for the sandbox's reader (deeper than 64 levels, a lone surrogate
  // escape): the sandbox's own text, since the vendor would have read it.
  if (!document) return BodyRejection{"The sandbox cannot read this JSON body"};
  return std::move(*document);
}

std::variant<RefundRequest, BodyRejection> read_refund_request(const JsonNode& body) {
  RefundRequest request;

  const JsonNode* reference = member_of_kind(body, "refundReference", JsonNode::Kind::string);
  if (reference == nullptr) return must_be_string("refundReference");
  if (reference->text.empty()) return must_not_be_empty("refundReference");
  request.refund_reference = reference->text;

  const JsonNode* amount = member_of_kind(body, "refundAmount", JsonNode::Kind::object);
  if (amount == nullptr) return BodyRejection{"refundAmount must be an object"};
  const JsonNode* value = member_of_kind(*amount, "amount", JsonNode::Kind::number);
  if (std::optional<BodyRejection> rejection = check_amount(value)) return *rejection;
  request.amount_text = value->text;
  const JsonNode* currency = member_of_kind(*amount, "currency", JsonNode::Kind::string);
  if (currency == nullptr) return must_be_string("refundAmount.currency");
  if (currency->text.empty()) return must_not_be_empty("refundAmount.currency");
  request.currency = currency->text;

  const JsonNode* description = member_of_kind(body, "refundDescription", JsonNode::Kind::string);
  if (description == nullptr) return must_be_string("refundDescription");
  request.description = description->text;

  const JsonNode* oauth = body.find("isActivatedViaOAuth");
  if (oauth != nullptr && !oauth->is(JsonNode::Kind::boolean)) {
    return BodyRejection{"isActivatedViaOAuth must be a boolean value"};
  }
  return request;
}

}  // namespace refundkit::sandbox::detail::optty
