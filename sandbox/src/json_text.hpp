#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace refundkit::sandbox::detail {

/// Writes compact JSON. Strings are escaped by nlohmann/json (invalid UTF-8 replaced); numbers
/// that must stay exact (amounts) are spliced in as text, never through a double.
class JsonText {
 public:
  JsonText& begin_object();
  JsonText& end_object();
  JsonText& begin_array();
  JsonText& end_array();
  JsonText& key(std::string_view name);
  JsonText& string(std::string_view value);
  /// `text` must be a JSON number as written ("12.30"); it is copied verbatim.
  JsonText& number_text(std::string_view text);
  JsonText& unsigned_integer(std::uint64_t value);
  JsonText& boolean(bool value);
  JsonText& null();

  const std::string& str() const& { return out_; }
  std::string take() && { return std::move(out_); }

 private:
  void before_value();

  std::string out_;
  bool need_comma_ = false;
  bool after_key_ = false;
};

/// A JSON string literal for `value` ("\"a\\\"b\"").
std::string json_quoted(std::string_view value);

/// One member of a top-level JSON object, as read by read_flat_object().
struct FlatValue {
  enum class Kind { string, number, boolean, null, container };
  Kind kind = Kind::null;
  /// string: the decoded string; number: the number exactly as written ("12.30", "1e1");
  /// boolean: "true"/"false".
  std::string text;
};
using FlatObject = std::map<std::string, FlatValue>;

/// Reads `text` as one JSON object and returns its members (nested objects and arrays are only
/// marked as containers). Numbers keep their original text: a SAX parse, so that no amount is
/// ever judged through a double. nullopt unless the whole text is one valid JSON object.
/// A repeated member name keeps the last value, as nlohmann/json's DOM does.
std::optional<FlatObject> read_flat_object(std::string_view text);

/// A whole JSON document with numbers kept as written, for request bodies with nested objects
/// and arrays (Optty refundAmount, Riverty orderItems, Skip Pay totalVat).
struct JsonNode {
  enum class Kind { object, array, string, number, boolean, null };
  Kind kind = Kind::null;
  /// string: decoded; number: exactly as written ("12.30", "1e1"); boolean: "true"/"false".
  std::string text;
  std::vector<std::pair<std::string, JsonNode>> members;  ///< object, in document order
  std::vector<JsonNode> elements;                         ///< array

  /// The last member named `name` (as nlohmann/json's DOM keeps), or nullptr (also for a
  /// non-object).
  const JsonNode* find(std::string_view name) const;
  bool is(Kind wanted) const { return kind == wanted; }
};

/// Reads `text` as one JSON document of any shape, or nullopt if it is not valid JSON (or nests
/// deeper than 64 levels).
std::optional<JsonNode> read_json_tree(std::string_view text);

}  // namespace refundkit::sandbox::detail
