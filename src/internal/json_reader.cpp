#include "internal/json_reader.hpp"

#include <cstdint>
#include <exception>
#include <type_traits>
#include <utility>
#include <vector>

#include "internal/decimal_text.hpp"
#include "internal/text.hpp"

namespace refundkit::internal {
namespace {

/// A nlohmann SAX handler that builds a DOM like nlohmann's own, except that non-integer
/// numbers keep their original text (see parse_json_exact).
class ExactDomBuilder {
 public:
  using number_integer_t = Json::number_integer_t;
  using number_unsigned_t = Json::number_unsigned_t;
  using number_float_t = Json::number_float_t;
  using string_t = Json::string_t;
  using binary_t = Json::binary_t;

  bool null() { return add(Json(nullptr)); }
  bool boolean(bool value) { return add(Json(value)); }
  bool number_integer(number_integer_t value) { return add(Json(value)); }
  bool number_unsigned(number_unsigned_t value) { return add(Json(value)); }
  bool number_float(number_float_t /*binary_approximation*/, const string_t& text) {
    return add(
        Json::binary(binary_t::container_type(text.begin(), text.end()), kExactNumberSubtype));
  }
  bool string(string_t& value) { return add(Json(std::move(value))); }
  bool binary(binary_t& /*value*/) { return false; }  // JSON text has no binary values

  bool start_object(std::size_t /*elements*/) { return open(Json::object()); }
  bool key(string_t& name) {
    if (stack_.back()->contains(name)) return false;  // duplicate key: ambiguous, reject
    key_ = std::move(name);
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t /*elements*/) { return open(Json::array()); }
  bool end_array() { return close(); }

  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                   const Json::exception& /*error*/) {
    return false;
  }

  Json take() && { return std::move(root_); }

 private:
  // Returns where the value landed, so that containers can be filled in place. Pointers stay
  // valid: only the innermost open container is ever modified.
  Json* place(Json&& value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Json& parent = *stack_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    Json& slot = parent[key_];
    slot = std::move(value);
    return &slot;
  }
  bool add(Json&& value) {
    place(std::move(value));
    return true;
  }
  bool open(Json&& container) {
    if (stack_.size() >= kMaxJsonDepth) return false;
    stack_.push_back(place(std::move(container)));
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }

  Json root_;
  std::vector<Json*> stack_;
  string_t key_;
};

// nlohmann 3.11 compares object keys with std::less<>, so a key can be looked up as a
// string_view; 3.10 (the oldest version CMake accepts) needs a std::string.
template <typename Compare, typename = void>
struct is_transparent : std::false_type {};
template <typename Compare>
struct is_transparent<Compare, std::void_t<typename Compare::is_transparent>> : std::true_type {};

template <typename Map>
typename Map::const_iterator find_key(const Map& map, std::string_view key) {
  if constexpr (is_transparent<typename Map::key_compare>::value) {
    return map.find(key);
  } else {
    return map.find(std::string(key));
  }
}

Error protocol_error(std::string message) {
  Error error;
  error.kind = ErrorKind::protocol;
  error.message = std::move(message);
  return error;
}

}  // namespace

std::optional<Json> parse_json_exact(std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes) return std::nullopt;
  // nlohmann's lexer reads a NUL byte as the end of input, which would accept "{...}\0junk".
  // No valid JSON text contains one (inside strings it must be escaped), so reject it here.
  if (text.find('\0') != std::string_view::npos) return std::nullopt;
  try {
    ExactDomBuilder builder;
    const bool ok = Json::sax_parse(text.begin(), text.end(), &builder, Json::input_format_t::json,
                                    /*strict=*/true,
                                    /*ignore_comments=*/false);
    if (!ok) return std::nullopt;
    return std::move(builder).take();
  } catch (const std::exception&) {
    // Not expected (the handler never asks nlohmann to throw); bad_alloc is the realistic case.
    return std::nullopt;
  }
}

bool is_exact_number(const Json& value) {
  if (!value.is_binary()) return false;
  const auto& binary = value.get_binary();
  return binary.has_subtype() && binary.subtype() == kExactNumberSubtype;
}

std::optional<std::string> number_text(const Json& value) {
  if (value.is_number_unsigned()) return std::to_string(value.get<Json::number_unsigned_t>());
  if (value.is_number_integer()) return std::to_string(value.get<Json::number_integer_t>());
  if (is_exact_number(value)) {
    const auto& bytes = value.get_binary();
    return std::string(bytes.begin(), bytes.end());
  }
  // A double can only get here from a Json built in code, never from parse_json_exact; its
  // text would not be exact, so it is not a number for our purposes.
  return std::nullopt;
}

const Json* find_member(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const Json::object_t& members = object.get_ref<const Json::object_t&>();
  const auto it = find_key(members, key);
  return it == members.end() ? nullptr : &it->second;
}

bool is_absent_or_null(const Json& object, std::string_view key) {
  const Json* member = find_member(object, key);
  return member == nullptr || member->is_null();
}

const std::string* find_string(const Json& object, std::string_view key) {
  const Json* member = find_member(object, key);
  if (member == nullptr || !member->is_string()) return nullptr;
  return &member->get_ref<const std::string&>();
}

std::optional<std::string> get_string(const Json& object, std::string_view key) {
  if (const std::string* text = find_string(object, key)) return *text;
  return std::nullopt;
}

std::optional<std::string> scalar_text(const Json& value) {
  if (value.is_string()) return value.get_ref<const std::string&>();
  return number_text(value);
}

std::optional<std::string> get_scalar_text(const Json& object, std::string_view key) {
  const Json* member = find_member(object, key);
  if (member == nullptr) return std::nullopt;
  return scalar_text(*member);
}

Result<Money> read_money(const Json& value, const Currency& currency) {
  if (!currency.is_set()) return protocol_error("no currency to read the amount in");
  const std::optional<std::string> text = scalar_text(value);
  if (!text) return protocol_error("the amount is not a number");
  const std::optional<std::string> plain = to_plain_decimal(*text);
  if (!plain) {
    return protocol_error("the amount \"" + shorten_for_message(*text, 64) +
                          "\" is not a decimal number");
  }
  Result<Money> money = Money::parse(*plain, currency.code());
  if (!money) {
    return protocol_error("the amount " + shorten_for_message(*text, 64) +
                          " is not an exact amount of " + std::string(currency.code()) + ": " +
                          money.error().message);
  }
  return money;
}

}  // namespace refundkit::internal
