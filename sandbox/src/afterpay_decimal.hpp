#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace refundkit::sandbox::detail::afterpay {

// Riverty's item prices and quantities are exact decimals (vatAmount per unit, fractional
// quantities): the emulator works in millionths held in 128 bits, never in binary floating point.
__extension__ typedef __int128 WideInt;

/// Decimals kept from a written number: "12.345678" is exact, "0.0000001" is not.
inline constexpr int kMicroDecimals = 6;
inline constexpr WideInt kMicrosPerUnit = 1000000;

/// A JSON number as written ("12.00", "-5", "2.5") in millionths, or nullopt for an exponent
/// ("1e1"), more than `max_integer_digits` before the point or a non-zero digit after the sixth
/// decimal.
std::optional<WideInt> parse_micros(std::string_view text, int max_integer_digits);

/// The sum of price x quantity over a refund's items, rounded once at the end.
class ItemTotal {
 public:
  /// false once the sum no longer fits (the refund is then too large for anything).
  bool add(WideInt unit_price_micros, WideInt quantity_micros);
  /// The sum in minor units of a currency with `decimals` decimals (0..12), rounded half away
  /// from zero; nullopt if it does not fit in 64 bits.
  std::optional<std::int64_t> minor_units(int decimals) const;

 private:
  WideInt sum_ = 0;  // in 10^-12 units: millionths times millionths
  bool overflowed_ = false;
};

/// Minor units as the shortest decimal text, sign included: -1250, 2 -> "-12.5"; 6000 -> "60".
/// The form Riverty's read-back uses for refund amounts.
std::string trimmed_decimal(std::int64_t minor_units, int decimals);

}  // namespace refundkit::sandbox::detail::afterpay
