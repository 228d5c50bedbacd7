#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "refundkit/decimal.hpp"
#include "refundkit/money.hpp"

namespace refundkit::internal {

/// Writes compact JSON in the order it is told, with numbers written from exact text.
///
/// nlohmann::json cannot emit a number from its text (it would print 12.3 for 12.30 and go
/// through a double), while vendors want "amount": 12.30 with exactly the currency's decimals.
/// Strings and keys are escaped by nlohmann's serialiser (quotes, backslash, control characters;
/// UTF-8 passes through; invalid UTF-8 becomes U+FFFD rather than throwing, so adapters must
/// validate their text fields before building a body).
///
///   JsonWriter json;
///   json.begin_object().key("amount").number(money).key("currency").string("EUR").end_object();
///   json.str();  // {"amount":12.30,"currency":"EUR"}
///
/// Misuse (a value in an object without a key, unbalanced end_*) is a programming error: checked
/// by assert in debug builds, not reported at run time.
class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  /// The next value's key (inside an object).
  JsonWriter& key(std::string_view name);

  JsonWriter& string(std::string_view value);
  /// Major units with exactly the currency's decimals: 12.30 (EUR), 1500 (JPY), 1.250 (KWD).
  JsonWriter& number(const Money& amount);
  /// Exactly the decimal's scale: Decimal(1900, 2) -> 19.00.
  JsonWriter& number(const Decimal& value);
  JsonWriter& number(std::int64_t value);
  JsonWriter& boolean(bool value);
  JsonWriter& null();

  /// True when every object and array has been closed and something was written.
  bool complete() const noexcept { return scopes_.empty() && !out_.empty(); }
  const std::string& str() const noexcept { return out_; }
  std::string take() && { return std::move(out_); }

 private:
  struct Scope {
    bool is_object = false;
    bool has_items = false;
  };
  void before_value();
  void separate();
  void append_escaped(std::string_view text);
  JsonWriter& open(bool is_object, char bracket);
  JsonWriter& close(bool is_object, char bracket);

  std::string out_;
  std::vector<Scope> scopes_;
  bool after_key_ = false;
};

}  // namespace refundkit::internal
