#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>

#include "core/currency_table.hpp"
#include "core/invalid_request.hpp"
#include "core/printable.hpp"
#include "refundkit/money.hpp"

namespace refundkit {

/// Builds Currency values from the ISO 4217 table (Currency's constructor is private so that
/// no other code can invent a currency or an exponent).
struct CurrencyTable {
  struct Entry {
    char code[4];
    int exponent;
  };

  // ISO 4217 List One, active codes that have a minor unit, sorted by code. Current as of the
  // 2025/2026 amendments: ZWG replaced ZWL (2024), XCG replaced ANG (2025), SLE replaced SLL,
  // VES/VED replaced VEF, MRU replaced MRO, STN replaced STD, HRK and BGN went to EUR, CUC was
  // withdrawn. Units with no minor unit ("N.A.": XAU, XAG, XPD, XPT, XDR, XSU, XUA, XAD,
  // XBA..XBD, XTS, XXX) are deliberately absent: they cannot hold an amount of money.
  static constexpr Entry kEntries[] = {
      {"AED", 2}, {"AFN", 2}, {"ALL", 2}, {"AMD", 2}, {"AOA", 2}, {"ARS", 2}, {"AUD", 2},
      {"AWG", 2}, {"AZN", 2}, {"BAM", 2}, {"BBD", 2}, {"BDT", 2}, {"BHD", 3}, {"BIF", 0},
      {"BMD", 2}, {"BND", 2}, {"BOB", 2}, {"BOV", 2}, {"BRL", 2}, {"BSD", 2}, {"BTN", 2},
      {"BWP", 2}, {"BYN", 2}, {"BZD", 2}, {"CAD", 2}, {"CDF", 2}, {"CHE", 2}, {"CHF", 2},
      {"CHW", 2}, {"CLF", 4}, {"CLP", 0}, {"CNY", 2}, {"COP", 2}, {"COU", 2}, {"CRC", 2},
      {"CUP", 2}, {"CVE", 2}, {"CZK", 2}, {"DJF", 0}, {"DKK", 2}, {"DOP", 2}, {"DZD", 2},
      {"EGP", 2}, {"ERN", 2}, {"ETB", 2}, {"EUR", 2}, {"FJD", 2}, {"FKP", 2}, {"GBP", 2},
      {"GEL", 2}, {"GHS", 2}, {"GIP", 2}, {"GMD", 2}, {"GNF", 0}, {"GTQ", 2}, {"GYD", 2},
      {"HKD", 2}, {"HNL", 2}, {"HTG", 2}, {"HUF", 2}, {"IDR", 2}, {"ILS", 2}, {"INR", 2},
      {"IQD", 3}, {"IRR", 2}, {"ISK", 0}, {"JMD", 2}, {"JOD", 3}, {"JPY", 0}, {"KES", 2},
      {"KGS", 2}, {"KHR", 2}, {"KMF", 0}, {"KPW", 2}, {"KRW", 0}, {"KWD", 3}, {"KYD", 2},
      {"KZT", 2}, {"LAK", 2}, {"LBP", 2}, {"LKR", 2}, {"LRD", 2}, {"LSL", 2}, {"LYD", 3},
      {"MAD", 2}, {"MDL", 2}, {"MGA", 2}, {"MKD", 2}, {"MMK", 2}, {"MNT", 2}, {"MOP", 2},
      {"MRU", 2}, {"MUR", 2}, {"MVR", 2}, {"MWK", 2}, {"MXN", 2}, {"MXV", 2}, {"MYR", 2},
      {"MZN", 2}, {"NAD", 2}, {"NGN", 2}, {"NIO", 2}, {"NOK", 2}, {"NPR", 2}, {"NZD", 2},
      {"OMR", 3}, {"PAB", 2}, {"PEN", 2}, {"PGK", 2}, {"PHP", 2}, {"PKR", 2}, {"PLN", 2},
      {"PYG", 0}, {"QAR", 2}, {"RON", 2}, {"RSD", 2}, {"RUB", 2}, {"RWF", 0}, {"SAR", 2},
      {"SBD", 2}, {"SCR", 2}, {"SDG", 2}, {"SEK", 2}, {"SGD", 2}, {"SHP", 2}, {"SLE", 2},
      {"SOS", 2}, {"SRD", 2}, {"SSP", 2}, {"STN", 2}, {"SVC", 2}, {"SYP", 2}, {"SZL", 2},
      {"THB", 2}, {"TJS", 2}, {"TMT", 2}, {"TND", 3}, {"TOP", 2}, {"TRY", 2}, {"TTD", 2},
      {"TWD", 2}, {"TZS", 2}, {"UAH", 2}, {"UGX", 0}, {"USD", 2}, {"USN", 2}, {"UYI", 0},
      {"UYU", 2}, {"UYW", 4}, {"UZS", 2}, {"VED", 2}, {"VES", 2}, {"VND", 0}, {"VUV", 0},
      {"WST", 2}, {"XAF", 0}, {"XCD", 2}, {"XCG", 2}, {"XOF", 0}, {"XPF", 0}, {"YER", 2},
      {"ZAR", 2}, {"ZMW", 2}, {"ZWG", 2},
  };
  static constexpr std::size_t kSize = std::size(kEntries);

  static constexpr bool less(const Entry& a, const Entry& b) noexcept {
    for (int i = 0; i < 3; ++i) {
      if (a.code[i] != b.code[i]) return a.code[i] < b.code[i];
    }
    return false;
  }

  static constexpr bool strictly_sorted() noexcept {
    for (std::size_t i = 1; i < kSize; ++i) {
      if (!less(kEntries[i - 1], kEntries[i])) return false;
    }
    return true;
  }

  static Currency make(const Entry& entry) noexcept { return Currency(entry.code, entry.exponent); }

  static const Entry* find(std::string_view code) noexcept {
    if (code.size() != 3) return nullptr;
    Entry key{{code[0], code[1], code[2], '\0'}, 0};
    const Entry* end = kEntries + kSize;
    const Entry* it = std::lower_bound(kEntries, end, key, less);
    if (it == end || less(key, *it)) return nullptr;
    return it;
  }
};

static_assert(CurrencyTable::strictly_sorted(),
              "the currency table must be sorted by code, without duplicates");

namespace {

bool is_upper_alpha_code(std::string_view code) noexcept {
  return code.size() == 3 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// ISO 4217 units that exist but have no minor unit; named so the error explains the refusal.
bool is_unit_without_minor_unit(std::string_view code) noexcept {
  constexpr std::string_view kCodes[] = {"XAD", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD",
                                         "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX"};
  return std::find(std::begin(kCodes), std::end(kCodes), code) != std::end(kCodes);
}

}  // namespace

Result<Currency> Currency::from_code(std::string_view code) {
  if (const CurrencyTable::Entry* entry = CurrencyTable::find(code)) {
    return CurrencyTable::make(*entry);
  }
  const std::string shown = detail::printable_excerpt(code, 16);
  if (code.empty()) {
    return detail::invalid_request("currency code is empty");
  }
  if (!is_upper_alpha_code(code)) {
    return detail::invalid_request("unknown currency code '" + shown +
                                   "' (expected an ISO 4217 code: three upper-case letters, "
                                   "e.g. EUR)");
  }
  if (is_unit_without_minor_unit(code)) {
    return detail::invalid_request("currency code '" + shown +
                                   "' has no minor unit in ISO 4217 and cannot hold an amount");
  }
  return detail::invalid_request("unknown currency code '" + shown + "'");
}

namespace internal {

const std::vector<Currency>& all_currencies() {
  static const std::vector<Currency> currencies = [] {
    std::vector<Currency> out;
    out.reserve(CurrencyTable::kSize);
    for (const CurrencyTable::Entry& entry : CurrencyTable::kEntries) {
      out.push_back(CurrencyTable::make(entry));
    }
    return out;
  }();
  return currencies;
}

}  // namespace internal
}  // namespace refundkit
