// The exact JSON reader every adapter parses vendor answers with: internal::parse_json_exact, then
// number_text, get_string, get_scalar_text, find_member and read_money on every value of the
// document. The whole input is the body.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "internal/decimal_text.hpp"
#include "internal/json_reader.hpp"
#include "refundkit/error.hpp"
#include "refundkit/money.hpp"

namespace {

using refundkit::Currency;
using refundkit::ErrorKind;
using refundkit::Money;
using refundkit::Result;
using refundkit::internal::Json;
namespace internal = refundkit::internal;

/// One currency per exponent (0, 2, 3, 4), so that every amount meets a too-precise currency.
const std::array<Currency, 4>& currencies() {
  static const std::array<Currency, 4> kCurrencies = {
      Currency::from_code("JPY").value(), Currency::from_code("EUR").value(),
      Currency::from_code("KWD").value(), Currency::from_code("CLF").value()};
  return kCurrencies;
}

bool same(const Result<Money>& a, const Result<Money>& b) {
  if (a.ok() != b.ok()) return false;
  return a.ok() ? *a == *b : a.error().kind == b.error().kind;
}

void check_number(const Json& value) {
  const std::optional<std::string> text = internal::number_text(value);
  if (value.is_number_integer() || value.is_number_unsigned()) {
    // Integers come back as canonical decimal digits.
    REFUNDKIT_FUZZ_CHECK(text && internal::to_plain_decimal(*text) == text);
  } else if (internal::is_exact_number(value)) {
    // A non-integer keeps the vendor's text, which is in JSON number syntax: without an exponent
    // (which may be out of to_plain_decimal's range) it is always a plain decimal.
    REFUNDKIT_FUZZ_CHECK(text && !text->empty());
    if (text->find_first_of("eE") == std::string::npos) {
      REFUNDKIT_FUZZ_CHECK(internal::to_plain_decimal(*text).has_value());
    }
  } else {
    REFUNDKIT_FUZZ_CHECK(!text);  // strings, booleans, null, containers: not numbers
    REFUNDKIT_FUZZ_CHECK(!value.is_number_float());  // parse_json_exact never makes a double
  }
}

void check_money(const Json& value) {
  const std::optional<std::string> text = internal::number_text(value);
  for (const Currency& currency : currencies()) {
    const Result<Money> money = internal::read_money(value, currency);
    if (!money) {
      REFUNDKIT_FUZZ_CHECK(money.error().kind == ErrorKind::protocol);
    } else {
      REFUNDKIT_FUZZ_CHECK(money->currency() == currency);
      REFUNDKIT_FUZZ_CHECK(value.is_string() || text.has_value());
      // The amount read is exact: its canonical text parses back to itself, as a decimal string
      // and read as a JSON string.
      const std::string formatted = money->to_decimal_string();
      const Result<Money> reparsed = Money::parse(formatted, currency.code());
      REFUNDKIT_FUZZ_CHECK(reparsed && *reparsed == *money);
      REFUNDKIT_FUZZ_CHECK(same(internal::read_money(Json(formatted), currency), money));
    }
    // A number and a string holding its text are the same amount.
    if (text) REFUNDKIT_FUZZ_CHECK(same(internal::read_money(Json(*text), currency), money));
  }
}

void check_members(const Json& object) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string& key = it.key();
    const Json& member = it.value();
    REFUNDKIT_FUZZ_CHECK(internal::find_member(object, key) == &member);
    REFUNDKIT_FUZZ_CHECK(internal::is_absent_or_null(object, key) == member.is_null());

    const std::optional<std::string> string = internal::get_string(object, key);
    REFUNDKIT_FUZZ_CHECK(string.has_value() == member.is_string());
    if (string) REFUNDKIT_FUZZ_CHECK(*string == member.get<std::string>());

    // A scalar identifier: the string verbatim, or the number's text; nothing for the rest.
    const std::optional<std::string> scalar = internal::get_scalar_text(object, key);
    if (member.is_string()) {
      REFUNDKIT_FUZZ_CHECK(scalar == string);
    } else {
      REFUNDKIT_FUZZ_CHECK(scalar == internal::number_text(member));
    }
  }
}

/// Visits every value; returns the nesting depth of containers (a scalar root is depth 0).
std::size_t walk(const Json& value) {
  check_number(value);
  check_money(value);
  std::size_t deepest = 0;
  if (value.is_object()) {
    check_members(value);
    for (const auto& [key, member] : value.items()) {
      static_cast<void>(key);
      const std::size_t depth = walk(member);
      if (depth > deepest) deepest = depth;
    }
    return deepest + 1;
  }
  if (value.is_array()) {
    REFUNDKIT_FUZZ_CHECK(internal::find_member(value, "0") == nullptr);  // not an object
    for (const Json& element : value) {
      const std::size_t depth = walk(element);
      if (depth > deepest) deepest = depth;
    }
    return deepest + 1;
  }
  return 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::optional<Json> document = internal::parse_json_exact(text);
  if (!document) return 0;

  // Nothing that parsed holds a NUL byte outside an escape, and the size cap is honoured.
  REFUNDKIT_FUZZ_CHECK(text.find('\0') == std::string_view::npos);
  REFUNDKIT_FUZZ_CHECK(!text.empty());
  REFUNDKIT_FUZZ_CHECK(!internal::parse_json_exact(text, text.size() - 1));
  REFUNDKIT_FUZZ_CHECK(!document->is_binary() || internal::is_exact_number(*document));

  REFUNDKIT_FUZZ_CHECK(walk(*document) <= internal::kMaxJsonDepth);
  return 0;
}
