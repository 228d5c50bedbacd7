#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace refundkit::sandbox::detail {

using Json = nlohmann::json;

/// `text` as a JSON string literal, quotes included. Invalid UTF-8 (possible in a decoded path)
/// is replaced rather than thrown on.
std::string json_quote(std::string_view text);

/// {"error":"<message>"}: the error body of Komfortkasse and of the admin API.
std::string error_body(std::string_view message);

/// The original text of every number in a JSON document, keyed by JSON pointer ("/amount",
/// "/refundAmount/amount"), so that amounts are read exactly instead of through a double.
/// nullopt when the text is not valid JSON.
std::optional<std::map<std::string, std::string>> raw_number_texts(std::string_view json_text);

/// Builds one JSON object, members in insertion order. Numbers go in as raw text (raw()) so that
/// an amount is written as "12.30", digit for digit, never through a double.
class JsonObjectWriter {
 public:
  JsonObjectWriter& string(std::string_view key, std::string_view value);
  JsonObjectWriter& boolean(std::string_view key, bool value);
  JsonObjectWriter& null(std::string_view key);
  /// `json_text` must already be valid JSON: a number, or a nested object/array.
  JsonObjectWriter& raw(std::string_view key, std::string_view json_text);
  std::string str() const;

 private:
  void begin_member(std::string_view key);
  std::string text_ = "{";
};

/// "[a,b,...]" from elements that are already JSON text.
std::string json_array(const std::vector<std::string>& elements);

}  // namespace refundkit::sandbox::detail
