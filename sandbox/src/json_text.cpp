#include "json_text.hpp"

#include <nlohmann/json.hpp>

namespace refundkit::sandbox::detail {

namespace {

using Json = nlohmann::json;

// Collects the members of the top-level object; anything deeper is skipped.
class FlatObjectReader final : public nlohmann::json_sax<Json> {
 public:
  FlatObject members;
  bool top_is_object = false;

  bool null() override { return value(FlatValue::Kind::null, {}); }
  bool boolean(bool flag) override {
    return value(FlatValue::Kind::boolean, flag ? "true" : "false");
  }
  // Integer tokens convert back to the same digits (an integer too big for 64 bits arrives as
  // number_float, with its text).
  bool number_integer(number_integer_t number) override {
    return value(FlatValue::Kind::number, std::to_string(number));
  }
  bool number_unsigned(number_unsigned_t number) override {
    return value(FlatValue::Kind::number, std::to_string(number));
  }
  bool number_float(number_float_t, const string_t& text) override {
    return value(FlatValue::Kind::number, text);
  }
  bool string(string_t& text) override { return value(FlatValue::Kind::string, std::move(text)); }
  bool binary(binary_t&) override { return value(FlatValue::Kind::container, {}); }
  bool start_object(std::size_t) override {
    if (depth_ == 0) top_is_object = true;
    if (depth_ == 1) value(FlatValue::Kind::container, {});
    ++depth_;
    return true;
  }
  bool key(string_t& name) override {
    if (depth_ == 1) key_ = std::move(name);
    return true;
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    if (depth_ == 0) return false;  // not an object
    if (depth_ == 1) value(FlatValue::Kind::container, {});
    ++depth_;
    return true;
  }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  bool value(FlatValue::Kind kind, std::string text) {
    if (depth_ == 0) return false;  // a scalar at the top: not an object
    if (depth_ == 1) members[key_] = FlatValue{kind, std::move(text)};
    return true;
  }

  int depth_ = 0;
  std::string key_;
};

// Builds a JsonNode tree; numbers keep their text, as in FlatObjectReader.
class TreeReader final : public nlohmann::json_sax<Json> {
 public:
  static constexpr std::size_t kMaxDepth = 64;
  std::optional<JsonNode> root;

  bool null() override { return leaf(JsonNode::Kind::null, {}); }
  bool boolean(bool flag) override {
    return leaf(JsonNode::Kind::boolean, flag ? "true" : "false");
  }
  bool number_integer(number_integer_t number) override {
    return leaf(JsonNode::Kind::number, std::to_string(number));
  }
  bool number_unsigned(number_unsigned_t number) override {
    return leaf(JsonNode::Kind::number, std::to_string(number));
  }
  bool number_float(number_float_t, const string_t& text) override {
    return leaf(JsonNode::Kind::number, text);
  }
  bool string(string_t& text) override { return leaf(JsonNode::Kind::string, std::move(text)); }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override { return open(JsonNode::Kind::object); }
  bool key(string_t& name) override {
    key_ = std::move(name);
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(JsonNode::Kind::array); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  bool leaf(JsonNode::Kind kind, std::string text) {
    JsonNode node;
    node.kind = kind;
    node.text = std::move(text);
    place(std::move(node));
    return true;
  }
  bool open(JsonNode::Kind kind) {
    if (open_.size() >= kMaxDepth) return false;
    JsonNode node;
    node.kind = kind;
    open_.emplace_back(std::move(key_), std::move(node));
    return true;
  }
  bool close() {
    auto [name, node] = std::move(open_.back());
    open_.pop_back();
    key_ = std::move(name);
    place(std::move(node));
    return true;
  }
  // Adds a finished value to the innermost open container, under the pending key for an object.
  void place(JsonNode node) {
    if (open_.empty()) {
      root = std::move(node);
      return;
    }
    JsonNode& parent = open_.back().second;
    if (parent.kind == JsonNode::Kind::object) {
      parent.members.emplace_back(std::move(key_), std::move(node));
    } else {
      parent.elements.push_back(std::move(node));
    }
  }

  std::vector<std::pair<std::string, JsonNode>> open_;  // (its key in the parent, the node)
  std::string key_;
};

}  // namespace

const JsonNode* JsonNode::find(std::string_view name) const {
  const JsonNode* found = nullptr;
  for (const auto& [key, value] : members) {
    if (key == name) found = &value;
  }
  return found;
}

std::optional<JsonNode> read_json_tree(std::string_view text) {
  TreeReader reader;
  const bool parsed = Json::sax_parse(text, &reader, nlohmann::json::input_format_t::json,
                                      /*strict=*/true, /*ignore_comments=*/false);
  if (!parsed) return std::nullopt;
  return std::move(reader.root);
}

std::string json_quoted(std::string_view value) {
  return Json(std::string(value)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

void JsonText::before_value() {
  if (after_key_) {
    after_key_ = false;
  } else if (need_comma_) {
    out_ += ',';
  }
}

JsonText& JsonText::begin_object() {
  before_value();
  out_ += '{';
  need_comma_ = false;
  return *this;
}

JsonText& JsonText::end_object() {
  out_ += '}';
  need_comma_ = true;
  return *this;
}

JsonText& JsonText::begin_array() {
  before_value();
  out_ += '[';
  need_comma_ = false;
  return *this;
}

JsonText& JsonText::end_array() {
  out_ += ']';
  need_comma_ = true;
  return *this;
}

JsonText& JsonText::key(std::string_view name) {
  before_value();
  out_ += json_quoted(name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonText& JsonText::string(std::string_view value) {
  before_value();
  out_ += json_quoted(value);
  need_comma_ = true;
  return *this;
}

JsonText& JsonText::number_text(std::string_view text) {
  before_value();
  out_ += text;
  need_comma_ = true;
  return *this;
}

JsonText& JsonText::unsigned_integer(std::uint64_t value) {
  return number_text(std::to_string(value));
}

JsonText& JsonText::boolean(bool value) { return number_text(value ? "true" : "false"); }

JsonText& JsonText::null() { return number_text("null"); }

std::optional<FlatObject> read_flat_object(std::string_view text) {
  FlatObjectReader reader;
  const bool parsed = Json::sax_parse(text, &reader, nlohmann::json::input_format_t::json,
                                      /*strict=*/true, /*ignore_comments=*/false);
  if (!parsed || !reader.top_is_object) return std::nullopt;
  return std::move(reader.members);
}

}  // namespace refundkit::sandbox::detail
