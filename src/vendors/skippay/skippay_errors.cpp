#include "vendors/skippay/skippay_errors.hpp"

#include <string>
#include <utility>

#include "internal/http_errors.hpp"
#include "internal/json_reader.hpp"
#include "internal/text.hpp"
#include "vendors/skippay/skippay_wire.hpp"

namespace refundkit::vendors::skippay {
namespace {

using internal::Json;

constexpr std::string_view kVatRateNotOnOrder = "NOT_FOUND";

struct VendorError {
  std::string code;
  std::string message;
  std::string attribute;
  std::string ticket_id;
};

std::string text_of(const Json& object, std::string_view key) {
  return internal::get_scalar_text(object, key).value_or("");
}

std::optional<VendorError> vendor_error_of(const HttpResponse& response) {
  const std::optional<Json> body = internal::parse_json_exact(response.body);
  if (!body || !body->is_object()) return std::nullopt;
  if (const Json* errors = internal::find_member(*body, "errors")) {
    if (!errors->is_array() || errors->empty() || !errors->front().is_object()) {
      return std::nullopt;
    }
    const Json& first = errors->front();
    return VendorError{text_of(first, "code"), text_of(first, "message"),
                       text_of(first, "attribute"), text_of(first, "ticketId")};
  }
  // The partner login's and the token layer's shape (OAuth style).
  VendorError error{text_of(*body, "error"), text_of(*body, "error_description"), "", ""};
  if (error.message.empty()) error.message = text_of(*body, "message");
  if (error.code.empty() && error.message.empty()) return std::nullopt;
  return error;
}

/// What the vendor's code means, in the message, where the code alone could mislead.
std::string explanation(std::string_view code, ErrorKind kind) {
  if (code == kVatRateNotOnOrder) {
    return "a VAT rate in totalVat is not on the order (Skip Pay's NOT_FOUND is about the VAT "
           "rate, not about the application)";
  }
  if (kind == ErrorKind::not_refundable && code != "NOT_INVOICED") {
    return "the application's state refuses refunds (Skip Pay takes them only in READY or "
           "CANCELLED)";
  }
  if (code == "NOT_INVOICED") return "the order is not invoiced yet";
  return "";
}

}  // namespace

std::optional<ErrorKind> kind_for_code(std::string_view code) {
  if (code == "INVALID_REQUEST" || code == "INVALID_FORMAT") return ErrorKind::invalid_request;
  if (code == "OBJECT_NOT_FOUND") return ErrorKind::not_found;
  if (code == "TOTAL_PRICE_LIMIT_EXCEEDED") return ErrorKind::amount_exceeds_refundable;
  if (code == "NOT_INVOICED") return ErrorKind::not_refundable;
  if (code == "INVALID_CURRENCY_MISMATCH") return ErrorKind::currency_mismatch;
  if (code == kVatRateNotOnOrder) return ErrorKind::invalid_request;
  if (code.find("STATE") != std::string_view::npos) return ErrorKind::not_refundable;
  return std::nullopt;
}

Error map_error_response(const HttpResponse& response) {
  const std::optional<VendorError> vendor = vendor_error_of(response);
  ErrorKind kind = internal::error_kind_for_http_status(response.status);
  const bool refinable = kind == ErrorKind::invalid_request || kind == ErrorKind::not_found;
  if (vendor && refinable) kind = kind_for_code(vendor->code).value_or(kind);
  if (!vendor) return internal::http_error(kVendorName, response, kind, "", "");

  Error error = internal::http_error(kVendorName, response, kind, vendor->code, vendor->message);
  if (const std::string why = explanation(vendor->code, kind); !why.empty() && refinable) {
    error.message += "; " + why;
  }
  if (!vendor->attribute.empty()) {
    error.message += "; attribute " + internal::shorten_for_message(vendor->attribute, 100);
  }
  // Also in the message: it is what Skip Pay's support asks for.
  if (!vendor->ticket_id.empty()) {
    error.message += "; Skip Pay ticket " + internal::shorten_for_message(vendor->ticket_id, 100);
  }
  error.vendor_field = vendor->attribute;
  error.request_id = vendor->ticket_id;
  return error;
}

}  // namespace refundkit::vendors::skippay
