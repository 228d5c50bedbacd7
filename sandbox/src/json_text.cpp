#include "json_text.hpp"

#include <cstddef>
#include <utility>

namespace refundkit::sandbox::detail {

std::string json_quote(std::string_view text) {
  return Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string error_body(std::string_view message) {
  return JsonObjectWriter().string("error", message).str();
}

namespace {

// RFC 6901 escaping of one pointer segment.
std::string pointer_segment(const std::string& key) {
  std::string escaped;
  for (char c : key) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

// A SAX consumer that only remembers where each number is and how it was written. nlohmann/json
// hands number_float the original text; integers are exact in int64/uint64 already.
class RawNumberCollector : public nlohmann::json_sax<Json> {
 public:
  std::map<std::string, std::string> numbers;

  bool null() override { return scalar(); }
  bool boolean(bool) override { return scalar(); }
  bool number_integer(number_integer_t value) override { return number(std::to_string(value)); }
  bool number_unsigned(number_unsigned_t value) override { return number(std::to_string(value)); }
  bool number_float(number_float_t, const string_t& text) override { return number(text); }
  bool string(string_t&) override { return scalar(); }
  bool binary(binary_t&) override { return scalar(); }
  bool start_object(std::size_t) override { return open(false); }
  bool key(string_t& name) override {
    containers_.back().key = name;
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(true); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  struct Container {
    bool is_array = false;
    std::size_t next_index = 0;
    std::string key;
    std::string pointer;  // of the container itself
  };

  // The pointer of the value that starts now, advancing the array index.
  std::string next_pointer() {
    if (containers_.empty()) return "";
    Container& parent = containers_.back();
    const std::string segment =
        parent.is_array ? std::to_string(parent.next_index++) : pointer_segment(parent.key);
    return parent.pointer + "/" + segment;
  }
  bool scalar() {
    next_pointer();
    return true;
  }
  bool number(std::string text) {
    numbers[next_pointer()] = std::move(text);
    return true;
  }
  bool open(bool is_array) {
    Container container;
    container.is_array = is_array;
    container.pointer = next_pointer();
    containers_.push_back(std::move(container));
    return true;
  }
  bool close() {
    containers_.pop_back();
    return true;
  }

  std::vector<Container> containers_;
};

}  // namespace

std::optional<std::map<std::string, std::string>> raw_number_texts(std::string_view json_text) {
  RawNumberCollector collector;
  if (!Json::sax_parse(json_text, &collector)) return std::nullopt;
  return std::move(collector.numbers);
}

void JsonObjectWriter::begin_member(std::string_view key) {
  if (text_.size() > 1) text_ += ',';
  text_ += json_quote(key);
  text_ += ':';
}

JsonObjectWriter& JsonObjectWriter::string(std::string_view key, std::string_view value) {
  begin_member(key);
  text_ += json_quote(value);
  return *this;
}

JsonObjectWriter& JsonObjectWriter::boolean(std::string_view key, bool value) {
  begin_member(key);
  text_ += value ? "true" : "false";
  return *this;
}

JsonObjectWriter& JsonObjectWriter::null(std::string_view key) {
  begin_member(key);
  text_ += "null";
  return *this;
}

JsonObjectWriter& JsonObjectWriter::raw(std::string_view key, std::string_view json_text) {
  begin_member(key);
  text_ += json_text;
  return *this;
}

std::string JsonObjectWriter::str() const { return text_ + "}"; }

std::string json_array(const std::vector<std::string>& elements) {
  std::string text = "[";
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (i > 0) text += ',';
    text += elements[i];
  }
  return text + "]";
}

}  // namespace refundkit::sandbox::detail
