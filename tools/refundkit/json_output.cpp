#include "json_output.hpp"

#include <nlohmann/json.hpp>

#include "internal/json_reader.hpp"

namespace refundkit::cli {
namespace {

using Json = nlohmann::ordered_json;

// nlohmann would re-print the vendor's numbers through double (12.30 -> 12.3), so the vendor body
// is spliced in verbatim in place of this marker once it is known to be valid JSON.
constexpr char kRawBodyMarker[] = "\x01refundkit-vendor-response\x01";

Json nullable(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

// Only a body the strict reader accepts is spliced in: nlohmann's accept() stops at a NUL byte,
// which would let whatever follows it into our output.
Json vendor_response_placeholder(const std::string& body) {
  if (body.empty()) return nullptr;
  if (!internal::parse_json_exact(body)) return body;
  return kRawBodyMarker;
}

std::string render(const Json& document, const std::string& body) {
  std::string text = document.dump(2, ' ', false, Json::error_handler_t::replace);
  const std::string marker = Json(kRawBodyMarker).dump();
  // The vendor response is the last value of the document: search from the end.
  if (const auto at = text.rfind(marker); at != std::string::npos) {
    text.replace(at, marker.size(), body);
  }
  return text;
}

}  // namespace

std::string refund_json(const Refund& refund) {
  Json document;
  document["provider"] = refund.provider;
  document["order"] = refund.order_id;
  document["reference"] = refund.reference;
  document["id"] = nullable(refund.id);
  document["status"] = std::string(to_string(refund.status));
  document["vendor_status"] = nullable(refund.vendor_status);
  document["amount"] = refund.amount.to_decimal_string();
  document["currency"] = std::string(refund.amount.currency().code());
  document["existing"] = refund.already_existed;
  document["attempts"] = refund.attempts;
  document["vendor_response"] = vendor_response_placeholder(refund.raw_body);
  return render(document, refund.raw_body);
}

std::string error_json(const Error& error) {
  Json details;
  details["kind"] = std::string(to_string(error.kind));
  details["message"] = error.message;
  details["http_status"] = error.http_status == 0 ? Json(nullptr) : Json(error.http_status);
  details["vendor_code"] = nullable(error.vendor_code);
  details["vendor_message"] = nullable(error.vendor_message);
  details["request_id"] = nullable(error.request_id);
  details["vendor_field"] = nullable(error.vendor_field);
  details["customer_message"] = nullable(error.customer_message);
  details["retry_after_seconds"] =
      error.retry_after ? Json(error.retry_after->count()) : Json(nullptr);
  details["attempts"] = error.attempts;
  details["vendor_response"] = vendor_response_placeholder(error.raw_body);
  Json document;
  document["error"] = std::move(details);
  return render(document, error.raw_body);
}

}  // namespace refundkit::cli
