#include "vendors/skippay/skippay_vat.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include "internal/refund_validation.hpp"
#include "vendors/skippay/skippay_wire.hpp"

namespace refundkit::vendors::skippay {
namespace {

const Decimal kHundredPercent = Decimal::whole(100);

Error refused(std::string problem) {
  return internal::invalid_refund_request(kVendorName, problem);
}

std::optional<std::int64_t> power_of_ten(int exponent) {
  std::int64_t value = 1;
  for (int i = 0; i < exponent; ++i) {
    if (__builtin_mul_overflow(value, 10, &value)) return std::nullopt;
  }
  return value;
}

/// An exact sum of vat_amount x quantity at one rate, in minor units scaled by 10^scale.
struct ExactSum {
  Decimal rate;
  std::int64_t scaled = 0;
  int scale = 0;

  /// False when the sum no longer fits in 64 bits.
  bool add(std::int64_t minor_units, const Decimal& quantity) {
    std::int64_t term = 0;
    if (__builtin_mul_overflow(minor_units, quantity.coefficient(), &term)) return false;
    if (!rescale_to(std::max(scale, quantity.scale()))) return false;
    const std::optional<std::int64_t> factor = power_of_ten(scale - quantity.scale());
    return factor && !__builtin_mul_overflow(term, *factor, &term) &&
           !__builtin_add_overflow(scaled, term, &scaled);
  }

  bool rescale_to(int new_scale) {
    const std::optional<std::int64_t> factor = power_of_ten(new_scale - scale);
    if (!factor || __builtin_mul_overflow(scaled, *factor, &scaled)) return false;
    scale = new_scale;
    return true;
  }

  /// Rounded half away from zero to whole minor units, as an invoice rounds a VAT total.
  std::int64_t rounded() const {
    const std::int64_t divisor = *power_of_ten(scale);  // scale <= 18: fits
    std::int64_t whole = scaled / divisor;
    const std::int64_t remainder = scaled % divisor;
    // |remainder| < divisor <= 10^18, so doubling it cannot overflow.
    if (remainder * 2 >= divisor) ++whole;
    if (remainder * 2 <= -divisor) --whole;
    return whole;
  }
};

Result<std::vector<VatLine>> derived_from_items(const RefundRequest& request) {
  std::vector<ExactSum> sums;
  for (std::size_t i = 0; i < request.line_items.size(); ++i) {
    const LineItem& item = request.line_items[i];
    if (!item.vat_amount.currency().is_set()) continue;  // no VAT given for this line
    const std::string line = "line item " + std::to_string(i + 1);
    if (item.vat_amount.currency() != request.amount.currency()) {
      return refused(line + " has its vat_amount in " +
                     std::string(item.vat_amount.currency().code()) + ", not in the refund's " +
                     std::string(request.amount.currency().code()));
    }
    const Decimal rate = normalized_rate(item.vat_percent);
    auto sum = std::find_if(sums.begin(), sums.end(),
                            [&rate](const ExactSum& candidate) { return candidate.rate == rate; });
    if (sum == sums.end()) sum = sums.insert(sums.end(), ExactSum{rate});
    if (!sum->add(item.vat_amount.minor_units(), item.quantity)) {
      return refused(line + " makes the VAT at " + rate.to_string() + " % too large");
    }
  }
  std::vector<VatLine> lines;
  for (const ExactSum& sum : sums) lines.push_back({sum.rate, sum.rounded()});
  return lines;
}

std::optional<Error> check_lines(const RefundRequest& request, const std::vector<VatLine>& lines,
                                 std::string_view origin) {
  const Currency& currency = request.amount.currency();
  std::int64_t total = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const VatLine& line = lines[i];
    const std::string what = "the VAT at " + line.rate.to_string() + " % in " + std::string(origin);
    if (line.rate < Decimal() || kHundredPercent < line.rate) {
      return refused(what + ": a VAT rate must be from 0 to 100 %");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (lines[j].rate == line.rate) return refused(what + ": the rate is given twice");
    }
    if (line.minor_units < 0) {
      return refused(what + " is negative (" +
                     Money::from_minor_units(line.minor_units, currency).to_string() + ")");
    }
    if (__builtin_add_overflow(total, line.minor_units, &total)) {
      return refused(std::string(origin) + " adds up to more than can be represented");
    }
  }
  if (total > request.amount.minor_units()) {
    return refused(std::string(origin) + " adds up to " +
                   Money::from_minor_units(total, currency).to_string() +
                   ", more than the refund amount " + request.amount.to_string());
  }
  return std::nullopt;
}

}  // namespace

Result<std::vector<VatLine>> vat_lines_of(const RefundRequest& request) {
  if (!request.vat_breakdown.empty()) {
    std::vector<VatLine> lines;
    for (const VatAmount& vat : request.vat_breakdown) {
      if (vat.amount.currency() != request.amount.currency()) {
        return refused("the VAT at " + vat.rate_percent.to_string() + " % is in " +
                       (vat.amount.currency().is_set() ? std::string(vat.amount.currency().code())
                                                       : std::string("no currency")) +
                       ", not in the refund's currency " +
                       std::string(request.amount.currency().code()));
      }
      lines.push_back({normalized_rate(vat.rate_percent), vat.amount.minor_units()});
    }
    if (auto error = check_lines(request, lines, "the VAT breakdown")) return *error;
    return lines;
  }
  if (request.line_items.empty()) return std::vector<VatLine>{};
  Result<std::vector<VatLine>> derived = derived_from_items(request);
  if (!derived) return derived;
  if (auto error = check_lines(request, *derived, "the VAT derived from the line items")) {
    return *error;
  }
  return derived;
}

}  // namespace refundkit::vendors::skippay
