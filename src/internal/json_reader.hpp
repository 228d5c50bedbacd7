#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "refundkit/money.hpp"
#include "refundkit/result.hpp"

namespace refundkit::internal {

using Json = nlohmann::json;

/// Bodies larger than this are not parsed (treated as unreadable); the transport's default cap.
inline constexpr std::size_t kMaxJsonBodyBytes = 1024 * 1024;
/// Deeper nesting is rejected: no vendor answer needs it, and it bounds the work per body.
inline constexpr std::size_t kMaxJsonDepth = 64;

/// Parses a vendor body exactly. Never throws.
///
/// Differences from nlohmann::json::parse, all on purpose:
///  - A non-integer number (12.30, 0.1, 1e2, and integers too large for 64 bits) is not turned
///    into a double: it is kept as its original text, readable with number_text()/read_money().
///    (Stored as a nlohmann binary value with subtype kExactNumberSubtype, which JSON text can
///    never produce, so it cannot be confused with a vendor string.)
///  - A duplicate key in one object makes the document invalid: "amount" twice is ambiguous.
///  - Returns nullopt for invalid JSON (incl. invalid UTF-8, NUL bytes, overflowing numbers like
///    1e999), for bodies over max_bytes and for nesting deeper than kMaxJsonDepth.
std::optional<Json> parse_json_exact(std::string_view text,
                                     std::size_t max_bytes = kMaxJsonBodyBytes);

inline constexpr std::uint64_t kExactNumberSubtype = 0x2E;  // '.'

/// True for a non-integer number kept as text by parse_json_exact().
bool is_exact_number(const Json& value);

/// The text of any JSON number: integers as decimal digits, others as the vendor wrote them
/// ("12.30", "1e2"). nullopt for non-numbers (strings included).
std::optional<std::string> number_text(const Json& value);

/// The member's value, or nullptr when value is not an object or has no such key.
const Json* find_member(const Json& object, std::string_view key);

/// True when the member is absent or JSON null: "not given".
bool is_absent_or_null(const Json& object, std::string_view key);

/// A JSON string member; nullopt when absent or not a string.
std::optional<std::string> get_string(const Json& object, std::string_view key);
/// The same without a copy: the member's text, or nullptr when absent or not a string.
const std::string* find_string(const Json& object, std::string_view key);

/// A scalar as text: a string verbatim, a number via number_text(); nullopt otherwise.
std::optional<std::string> scalar_text(const Json& value);

/// A scalar member as text, for identifiers that vendors send either as strings or as numbers:
/// a string verbatim, a number via number_text(). nullopt when absent, null, or not a scalar.
std::optional<std::string> get_scalar_text(const Json& object, std::string_view key);

/// Reads an amount in major units exactly: a JSON integer (1500), a number kept as text (12.30,
/// 0.1, 1.23e1) or a string in JSON number syntax ("12.30"). Exponents are applied exactly and
/// trailing fractional zeros dropped ("12.300" EUR is 12.30 EUR); an amount with more significant
/// fractional digits than the currency has (12.345 EUR) is rejected, never rounded.
/// Negative amounts are read as such (Riverty reports refunds negative): callers check the sign.
/// Errors are ErrorKind::protocol (the vendor sent something unreadable).
Result<Money> read_money(const Json& value, const Currency& currency);

}  // namespace refundkit::internal
