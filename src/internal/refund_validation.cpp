#include "internal/refund_validation.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

#include "internal/http_errors.hpp"
#include "internal/text.hpp"

namespace refundkit::internal {
namespace {

struct FieldUse {
  RefundField field;
  std::string_view name;
  bool (*is_set)(const RefundRequest&);
};

constexpr FieldUse kFieldUses[] = {
    {RefundField::planned_date, "planned_date",
     [](const RefundRequest& r) { return r.planned_date.has_value(); }},
    {RefundField::capture_number, "capture_number",
     [](const RefundRequest& r) { return !r.capture_number.empty(); }},
    {RefundField::line_items, "line_items",
     [](const RefundRequest& r) { return !r.line_items.empty(); }},
    {RefundField::vat_breakdown, "vat_breakdown",
     [](const RefundRequest& r) { return !r.vat_breakdown.empty(); }},
    {RefundField::kind, "kind",
     [](const RefundRequest& r) { return r.kind != RefundKind::unspecified; }},
    {RefundField::variable_symbol, "variable_symbol",
     [](const RefundRequest& r) { return !r.variable_symbol.empty(); }},
};

std::optional<std::int64_t> power_of_ten(int exponent) {
  std::int64_t value = 1;
  for (int i = 0; i < exponent; ++i) {
    if (__builtin_mul_overflow(value, 10, &value)) return std::nullopt;
  }
  return value;
}

std::optional<Error> check_line_items(std::string_view vendor, const RefundRequest& request) {
  std::int64_t total = 0;
  for (std::size_t i = 0; i < request.line_items.size(); ++i) {
    const LineItem& item = request.line_items[i];
    const std::string line = "line item " + std::to_string(i + 1);
    if (item.gross_unit_price.currency() != request.amount.currency()) {
      return invalid_refund_request(vendor, line + " is not priced in the refund's currency " +
                                                std::string(request.amount.currency().code()));
    }
    if (item.quantity.coefficient() <= 0) {
      return invalid_refund_request(vendor, line + " has a quantity that is not above zero");
    }
    const std::optional<std::int64_t> line_total = line_total_minor_units(item);
    if (!line_total || __builtin_add_overflow(total, *line_total, &total)) {
      return invalid_refund_request(vendor, line + " makes the items' total too large");
    }
  }
  if (total != request.amount.minor_units()) {
    return invalid_refund_request(
        vendor, "the line items add up to " +
                    Money::from_minor_units(total, request.amount.currency()).to_string() +
                    ", not the refund amount " + request.amount.to_string());
  }
  return std::nullopt;
}

}  // namespace

Error invalid_refund_request(std::string_view vendor, std::string_view problem) {
  std::string message(vendor);
  message += ": ";
  message += problem;
  return local_error(ErrorKind::invalid_request, std::move(message));
}

std::optional<Error> check_identifier(std::string_view vendor, std::string_view value,
                                      std::string_view what, std::size_t max_bytes) {
  const std::string name(what);
  if (value.empty()) return invalid_refund_request(vendor, name + " is empty");
  if (value.size() > max_bytes) {
    return invalid_refund_request(vendor,
                                  name + " is longer than " + std::to_string(max_bytes) + " bytes");
  }
  if (!is_valid_utf8(value)) return invalid_refund_request(vendor, name + " is not valid UTF-8");
  if (has_control_characters(value)) {
    return invalid_refund_request(vendor, name + " has control characters");
  }
  return std::nullopt;
}

std::optional<Error> check_common_fields(std::string_view vendor, const RefundRequest& request,
                                         std::initializer_list<RefundField> honoured) {
  if (auto error = check_identifier(vendor, request.order_id, "the order id (order_id)")) {
    return error;
  }
  if (auto error = check_identifier(vendor, request.reference, "the reference (reference)")) {
    return error;
  }
  if (!request.amount.currency().is_set()) {
    return invalid_refund_request(vendor, "the amount has no currency");
  }
  if (request.amount.minor_units() <= 0) {
    return invalid_refund_request(
        vendor, "the amount must be greater than zero, not " + request.amount.to_string());
  }
  for (const FieldUse& use : kFieldUses) {
    const bool is_honoured =
        std::find(honoured.begin(), honoured.end(), use.field) != honoured.end();
    if (!is_honoured && use.is_set(request)) {
      return invalid_refund_request(
          vendor, "RefundRequest::" + std::string(use.name) +
                      " cannot be honoured by this vendor, so the request is refused rather than "
                      "sent without it");
    }
  }
  if (!request.line_items.empty()) return check_line_items(vendor, request);
  return std::nullopt;
}

std::optional<std::int64_t> line_total_minor_units(const LineItem& item) {
  const std::optional<std::int64_t> divisor = power_of_ten(item.quantity.scale());
  std::int64_t product = 0;
  if (!divisor || __builtin_mul_overflow(item.gross_unit_price.minor_units(),
                                         item.quantity.coefficient(), &product)) {
    return std::nullopt;
  }
  std::int64_t whole = product / *divisor;
  const std::int64_t remainder = product % *divisor;
  // Half away from zero; remainder * 2 cannot overflow since |remainder| < divisor <= 10^18.
  if (remainder * 2 >= *divisor) ++whole;
  if (remainder * 2 <= -*divisor) --whole;
  return whole;
}

}  // namespace refundkit::internal
