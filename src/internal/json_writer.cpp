#include "internal/json_writer.hpp"

#include <algorithm>
#include <cassert>

#include <nlohmann/json.hpp>

namespace refundkit::internal {

JsonWriter& JsonWriter::begin_object() { return open(true, '{'); }
JsonWriter& JsonWriter::end_object() { return close(true, '}'); }
JsonWriter& JsonWriter::begin_array() { return open(false, '['); }
JsonWriter& JsonWriter::end_array() { return close(false, ']'); }

JsonWriter& JsonWriter::key(std::string_view name) {
  assert(!scopes_.empty() && scopes_.back().is_object && !after_key_);
  separate();
  append_escaped(name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view value) {
  before_value();
  append_escaped(value);
  return *this;
}

JsonWriter& JsonWriter::number(const Money& amount) {
  before_value();
  out_ += amount.to_decimal_string();
  return *this;
}

JsonWriter& JsonWriter::number(const Decimal& value) {
  before_value();
  out_ += value.to_string();
  return *this;
}

JsonWriter& JsonWriter::number(std::int64_t value) {
  before_value();
  out_ += std::to_string(value);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  before_value();
  out_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  assert(scopes_.empty() ? out_.empty() : !scopes_.back().is_object);
  separate();
}

void JsonWriter::separate() {
  if (scopes_.empty()) return;
  if (scopes_.back().has_items) out_ += ',';
  scopes_.back().has_items = true;
}

void JsonWriter::append_escaped(std::string_view text) {
  // Most of what vendors are sent (references, ids, dates, codes) is printable ASCII that needs
  // no escape: copied as it is, it skips the serialiser's DOM and copy (most of a body's cost).
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte < 0x7F && c != '"' && c != '\\';
  });
  if (plain) {
    out_.append(1, '"').append(text).append(1, '"');
    return;
  }
  out_ += nlohmann::json(std::string(text))
              .dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
}

JsonWriter& JsonWriter::open(bool is_object, char bracket) {
  before_value();
  out_ += bracket;
  scopes_.push_back(Scope{is_object, false});
  return *this;
}

JsonWriter& JsonWriter::close(bool is_object, char bracket) {
  assert(!scopes_.empty() && scopes_.back().is_object == is_object && !after_key_);
  (void)is_object;
  scopes_.pop_back();
  out_ += bracket;
  return *this;
}

}  // namespace refundkit::internal
