#include "afterpay_request.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace refundkit::sandbox::detail::afterpay {

namespace {

constexpr std::size_t kMaxCreditNoteLength = 19;
constexpr std::size_t kMaxIdempotencyKeyLength = 50;
// Integer digits a price may have (int64 minor units hold 16), and a quantity.
constexpr int kMaxPriceDigits = 15;
constexpr int kMaxQuantityDigits = 9;
// "gross = net + VAT" may be off by a cent: prices are rounded to the currency (2 decimals in
// every currency Riverty supports).
constexpr WideInt kGrossTolerance = kMicrosPerUnit / 100;
constexpr WideInt kMaxVatPercent = 100 * kMicrosPerUnit;

constexpr std::array<std::string_view, 8> kItemTypes = {
    "PhysicalArticle", "DigitalArticle", "GiftCard", "Discount",
    "ShippingFee",     "Surcharge",      "Info",     "Subscription"};
constexpr std::array<std::string_view, 6> kVatCategories = {
    "HighCategory", "MiddleCategory", "LowCategory", "NullCategory", "NoCategory", "OtherCategory"};

bool is_present(const JsonNode* node) {
  return node != nullptr && node->kind != JsonNode::Kind::null;
}

std::size_t utf8_length(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Collects the request's field errors, like the vendor's model validation: all at once.
class RequestReader {
 public:
  std::vector<ResponseMessage> errors;

  // An optional string member; an error (and nullopt) for any other kind.
  std::optional<std::string> optional_string(const JsonNode& object, const std::string& name,
                                             const std::string& field) {
    const JsonNode* node = object.find(name);
    if (!is_present(node)) return std::nullopt;
    if (node->kind != JsonNode::Kind::string) {
      errors.push_back(invalid_field(field, "expected a string"));
      return std::nullopt;
    }
    return node->text;
  }

  std::optional<std::string> required_string(const JsonNode& object, const std::string& name,
                                             const std::string& field) {
    const JsonNode* node = object.find(name);
    if (!is_present(node)) {
      errors.push_back(missing_field(field));
      return std::nullopt;
    }
    std::optional<std::string> text = optional_string(object, name, field);
    if (text && text->empty()) {
      errors.push_back(missing_field(field));
      return std::nullopt;
    }
    return text;
  }

  // A required JSON number, exact in millionths.
  std::optional<WideInt> required_number(const JsonNode& object, const std::string& name,
                                         const std::string& field, int max_integer_digits) {
    const JsonNode* node = object.find(name);
    if (!is_present(node)) {
      errors.push_back(missing_field(field));
      return std::nullopt;
    }
    if (node->kind != JsonNode::Kind::number) {
      errors.push_back(invalid_field(field, "expected a JSON number"));
      return std::nullopt;
    }
    std::optional<WideInt> value = parse_micros(node->text, max_integer_digits);
    if (!value) {
      errors.push_back(invalid_field(
          field, "expected a plain decimal number with at most 6 decimals and no exponent"));
    }
    return value;
  }

  template <std::size_t N>
  void optional_choice(const JsonNode& object, const std::string& name, const std::string& field,
                       const std::array<std::string_view, N>& choices) {
    const std::optional<std::string> value = optional_string(object, name, field);
    if (value && std::find(choices.begin(), choices.end(), *value) == choices.end()) {
      errors.push_back(invalid_field(field, "not one of the documented values"));
    }
  }

  std::optional<RefundItem> item(const JsonNode& node, const std::string& where) {
    if (node.kind != JsonNode::Kind::object) {
      errors.push_back(invalid_field(where, "expected an object"));
      return std::nullopt;
    }
    const std::size_t errors_before = errors.size();
    required_string(node, "productId", where + ".productId");
    required_string(node, "description", where + ".description");
    const auto net =
        required_number(node, "netUnitPrice", where + ".netUnitPrice", kMaxPriceDigits);
    const auto gross =
        required_number(node, "grossUnitPrice", where + ".grossUnitPrice", kMaxPriceDigits);
    const auto quantity =
        required_number(node, "quantity", where + ".quantity", kMaxQuantityDigits);
    const auto vat_percent = required_number(node, "vatPercent", where + ".vatPercent", 3);
    const auto vat_amount =
        required_number(node, "vatAmount", where + ".vatAmount", kMaxPriceDigits);
    if (quantity && *quantity <= 0) {
      errors.push_back(invalid_field(where + ".quantity", "must be greater than zero"));
    }
    if (vat_percent && (*vat_percent < 0 || *vat_percent > kMaxVatPercent)) {
      errors.push_back(invalid_field(where + ".vatPercent", "must be between 0 and 100"));
    }
    if (gross && net && vat_amount) {
      const WideInt difference = *gross - (*net + *vat_amount);
      if (difference > kGrossTolerance || difference < -kGrossTolerance) {
        errors.push_back(invalid_field(where + ".grossUnitPrice",
                                       "must equal netUnitPrice + vatAmount (within 0.01)"));
      }
    }
    optional_string(node, "groupId", where + ".groupId");
    optional_string(node, "unitCode", where + ".unitCode");
    optional_choice(node, "type", where + ".type", kItemTypes);
    optional_choice(node, "vatCategory", where + ".vatCategory", kVatCategories);
    const JsonNode* line_number = node.find("lineNumber");
    if (is_present(line_number) &&
        (line_number->kind != JsonNode::Kind::number || !parse_micros(line_number->text, 9) ||
         line_number->text.find_first_not_of("0123456789") != std::string::npos)) {
      errors.push_back(invalid_field(where + ".lineNumber", "expected a whole number"));
    }
    if (errors.size() != errors_before) return std::nullopt;
    return RefundItem{node, *gross, *quantity};
  }
};

}  // namespace

bool is_blank(std::string_view body) {
  return std::all_of(body.begin(), body.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

std::variant<RefundOrderRequest, std::vector<ResponseMessage>> read_refund_request(
    std::string_view body) {
  RefundOrderRequest request;
  if (is_blank(body)) return request;  // "An empty body is a full refund"
  const std::optional<JsonNode> document = read_json_tree(body);
  if (!document ||
      (document->kind != JsonNode::Kind::object && document->kind != JsonNode::Kind::null)) {
    return std::vector<ResponseMessage>{not_json()};
  }
  if (document->kind == JsonNode::Kind::null) return request;  // the optional body, absent

  RequestReader reader;
  request.capture_number = reader.optional_string(*document, "captureNumber", "captureNumber");
  if (request.capture_number && request.capture_number->empty()) {
    reader.errors.push_back(invalid_field("captureNumber", "must not be empty"));
  }
  request.refund_type = reader.optional_string(*document, "refundType", "refundType");
  if (request.refund_type && *request.refund_type != "Refund" && *request.refund_type != "Return") {
    reader.errors.push_back(invalid_field("refundType", "must be Refund or Return"));
  }
  request.credit_note_number =
      reader.optional_string(*document, "creditNoteNumber", "creditNoteNumber");
  if (request.credit_note_number &&
      utf8_length(*request.credit_note_number) > kMaxCreditNoteLength) {
    reader.errors.push_back(invalid_field("creditNoteNumber", "at most 19 characters"));
  }
  request.transaction_reference =
      reader.optional_string(*document, "transactionReference", "transactionReference");
  request.parent_transaction_reference =
      reader.optional_string(*document, "parentTransactionReference", "parentTransactionReference");
  reader.optional_string(*document, "merchantId", "merchantId");

  // The page names the array orderItems, newer docs items: either, never both.
  const JsonNode* order_items = document->find("orderItems");
  const JsonNode* items = document->find("items");
  if (is_present(order_items) && is_present(items)) {
    reader.errors.push_back(both_item_fields());
  } else if (is_present(order_items) || is_present(items)) {
    const std::string name = is_present(order_items) ? "orderItems" : "items";
    const JsonNode& array = is_present(order_items) ? *order_items : *items;
    if (array.kind != JsonNode::Kind::array) {
      reader.errors.push_back(invalid_field(name, "expected an array"));
    } else {
      for (std::size_t i = 0; i < array.elements.size(); ++i) {
        auto item = reader.item(array.elements[i], name + "[" + std::to_string(i) + "]");
        if (item) request.items.push_back(std::move(*item));
      }
      // A partial refund names its capture (vendor-notes.md).
      if (!array.elements.empty() && !request.capture_number &&
          !is_present(document->find("captureNumber"))) {
        reader.errors.push_back(missing_field("captureNumber"));
      }
    }
  }
  if (!reader.errors.empty()) return std::move(reader.errors);
  return request;
}

bool is_json_content_type(std::string_view content_type) {
  const std::string_view media = content_type.substr(0, content_type.find(';'));
  std::string lowered;
  for (char c : media) {
    if (c == ' ' || c == '\t') continue;
    lowered += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return lowered == "application/json";
}

bool is_valid_idempotency_key(std::string_view key) {
  if (key.empty() || key.size() > kMaxIdempotencyKeyLength) return false;
  // ASCII only, whatever the locale.
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

}  // namespace refundkit::sandbox::detail::afterpay
