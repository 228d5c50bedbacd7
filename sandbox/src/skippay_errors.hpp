#pragma once

#include <optional>
#include <string>
#include <utility>

namespace refundkit::sandbox::detail {

/// One Skip Pay error, as the emulator answers it in {"errors": [{code, message, severity,
/// attribute, ticketId}]} (severity and ticketId are added when it is written).
struct SkipPayError {
  int status = 422;
  std::string code;
  std::string message;
  /// The JSON path of the request attribute at fault ("totalPrice.amount"); nullopt: null.
  std::optional<std::string> attribute;
};

// The codes and texts of vendor-docs/003 (the page's "Explanation" column is the message).
// INVALID_APPLICATION_STATE is ours: the page says PROCESSING and REJECTED refuse, but no code.
inline SkipPayError skippay_invalid_request(std::optional<std::string> attribute) {
  return {400, "INVALID_REQUEST",
          "Request was not well formatted (malformed request syntax, size too large, etc.)",
          std::move(attribute)};
}
inline SkipPayError skippay_object_not_found() {
  return {404, "OBJECT_NOT_FOUND", "The requested resource could not be found", std::nullopt};
}
inline SkipPayError skippay_invalid_application_state(const std::string& state) {
  return {422, "INVALID_APPLICATION_STATE",
          "Refund can not be created for an application in state " + state, std::nullopt};
}
inline SkipPayError skippay_not_invoiced() {
  return {422, "NOT_INVOICED", "Refund can be created only for an invoiced order", std::nullopt};
}
inline SkipPayError skippay_currency_mismatch(std::string attribute) {
  return {422, "INVALID_CURRENCY_MISMATCH",
          "The totalPrice currency does not match the e-shop currency", std::move(attribute)};
}
inline SkipPayError skippay_invalid_format(std::string attribute) {
  return {422, "INVALID_FORMAT", "variableSymbol contains characters other than digits",
          std::move(attribute)};
}
inline SkipPayError skippay_vat_rate_not_found(std::string attribute) {
  return {422, "NOT_FOUND", "A VAT rate passed in totalVat does not exist on the order",
          std::move(attribute)};
}
inline SkipPayError skippay_total_price_limit_exceeded() {
  return {422, "TOTAL_PRICE_LIMIT_EXCEEDED",
          "Refund amount exceeds the remaining refundable amount of the order",
          std::string("totalPrice.amount")};
}

}  // namespace refundkit::sandbox::detail
