#include "skippay_refund_request.hpp"

#include <algorithm>
#include <utility>

#include "json_text.hpp"
#include "money.hpp"

namespace refundkit::sandbox::detail {

namespace {

using Kind = JsonNode::Kind;

// A plain non-negative JSON integer as written ("0", "12590"), within int64.
std::optional<std::int64_t> plain_integer(const JsonNode* node) {
  if (node == nullptr || node->kind != Kind::number) return std::nullopt;
  return parse_minor_units(node->text, 0, 0);
}

// A plain non-negative decimal as written ("21", "10.5"): no sign, no exponent.
bool is_plain_decimal(const JsonNode* node) {
  if (node == nullptr || node->kind != Kind::number) return false;
  const std::string& text = node->text;
  const std::size_t point = text.find('.');
  const auto digits = [](std::string_view part) {
    return !part.empty() &&
           std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (point == std::string::npos) return digits(text);
  return digits(std::string_view(text).substr(0, point)) &&
         digits(std::string_view(text).substr(point + 1));
}

const std::string* non_empty_string(const JsonNode* node) {
  if (node == nullptr || node->kind != Kind::string || node->text.empty()) return nullptr;
  return &node->text;
}

bool is_absent(const JsonNode* node) { return node == nullptr || node->kind == Kind::null; }

// An optional string field: absent (or null), a string, or the 400 naming it.
std::variant<std::optional<std::string>, SkipPayError> optional_string(const JsonNode& body,
                                                                       const char* name) {
  const JsonNode* node = body.find(name);
  if (is_absent(node)) return std::optional<std::string>();
  if (node->kind != Kind::string) return skippay_invalid_request(std::string(name));
  return std::optional<std::string>(node->text);
}

std::variant<SkipPayVatLine, SkipPayError> read_vat_line(const JsonNode& entry,
                                                         const std::string& path) {
  if (entry.kind != Kind::object) return skippay_invalid_request(path);
  SkipPayVatLine line;
  const std::optional<std::int64_t> amount = plain_integer(entry.find("amount"));
  if (!amount) return skippay_invalid_request(path + ".amount");
  line.amount = *amount;
  const std::string* currency = non_empty_string(entry.find("currency"));
  if (currency == nullptr) return skippay_invalid_request(path + ".currency");
  line.currency = *currency;
  const JsonNode* rate = entry.find("vatRate");
  if (!is_plain_decimal(rate)) return skippay_invalid_request(path + ".vatRate");
  line.vat_rate = rate->text;
  return line;
}

std::optional<SkipPayError> read_vat(const JsonNode& body, SkipPayRefundRequest& request) {
  const JsonNode* vat = body.find("totalVat");
  if (is_absent(vat)) return std::nullopt;
  if (vat->kind != Kind::array) return skippay_invalid_request(std::string("totalVat"));
  for (std::size_t i = 0; i < vat->elements.size(); ++i) {
    auto line = read_vat_line(vat->elements[i], "totalVat[" + std::to_string(i) + "]");
    if (auto* error = std::get_if<SkipPayError>(&line)) return std::move(*error);
    request.vat.push_back(std::get<SkipPayVatLine>(std::move(line)));
  }
  return std::nullopt;
}

std::optional<std::int64_t> vat_rate_hundredths(std::string_view text) {
  return parse_minor_units(text, 2, static_cast<int>(text.size()));
}

}  // namespace

std::variant<SkipPayRefundRequest, SkipPayError> read_skippay_refund_request(
    std::string_view body_text) {
  const std::optional<JsonNode> body = read_json_tree(body_text);
  if (!body || body->kind != Kind::object) return skippay_invalid_request(std::nullopt);
  SkipPayRefundRequest request;

  const JsonNode* total = body->find("totalPrice");
  if (total == nullptr || total->kind != Kind::object) {
    return skippay_invalid_request(std::string("totalPrice"));
  }
  const std::optional<std::int64_t> amount = plain_integer(total->find("amount"));
  if (!amount || *amount <= 0) return skippay_invalid_request(std::string("totalPrice.amount"));
  request.amount = *amount;
  const std::string* currency = non_empty_string(total->find("currency"));
  if (currency == nullptr) return skippay_invalid_request(std::string("totalPrice.currency"));
  request.currency = *currency;

  if (auto error = read_vat(*body, request)) return std::move(*error);

  for (auto [name, field] : {std::pair{"reason", &request.reason},
                             std::pair{"variableSymbol", &request.variable_symbol}}) {
    auto value = optional_string(*body, name);
    if (auto* error = std::get_if<SkipPayError>(&value)) return std::move(*error);
    *field = std::get<std::optional<std::string>>(std::move(value));
  }
  return request;
}

bool same_vat_rate(std::string_view requested, std::string_view on_order) {
  const std::optional<std::int64_t> a = vat_rate_hundredths(requested);
  const std::optional<std::int64_t> b = vat_rate_hundredths(on_order);
  return a && b && *a == *b;
}

bool is_valid_variable_symbol(std::string_view symbol) {
  constexpr std::size_t kMaxDigits = 10;
  return !symbol.empty() && symbol.size() <= kMaxDigits &&
         std::all_of(symbol.begin(), symbol.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace refundkit::sandbox::detail
