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

enum class Layout { indented, one_line };

// Whitespace between JSON tokens carries nothing, and a vendor's pretty-printed body would break
// a one-line-per-row output; inside strings a line break is always escaped, so dropping the
// whitespace outside them leaves every value, numbers included, exactly as the vendor wrote it.
std::string on_one_line(const std::string& json) {
  std::string compact;
  compact.reserve(json.size());
  bool in_string = false;
  bool escaped = false;
  for (const char c : json) {
    if (in_string) {
      compact.push_back(c);
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (c == '"') in_string = true;
    compact.push_back(c);
  }
  return compact;
}

std::string render(const Json& document, const std::string& body, Layout layout) {
  const int indent = layout == Layout::indented ? 2 : -1;
  std::string text = document.dump(indent, ' ', false, Json::error_handler_t::replace);
  const std::string marker = Json(kRawBodyMarker).dump();
  // The vendor response is the last value of the document: search from the end.
  if (const auto at = text.rfind(marker); at != std::string::npos) {
    text.replace(at, marker.size(), layout == Layout::indented ? body : on_one_line(body));
  }
  return text;
}

void add_refund(Json& document, const Refund& refund) {
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
}

Json error_details(const Error& error) {
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
  return details;
}

}  // namespace

std::string refund_json(const Refund& refund) {
  Json document;
  add_refund(document, refund);
  return render(document, refund.raw_body, Layout::indented);
}

std::string error_json(const Error& error) {
  Json document;
  document["error"] = error_details(error);
  return render(document, error.raw_body, Layout::indented);
}

std::string refund_json_line(std::size_t row, const Refund& refund) {
  Json document;
  document["row"] = row;
  add_refund(document, refund);
  return render(document, refund.raw_body, Layout::one_line);
}

std::string error_json_line(std::size_t row, const Error& error) {
  Json document;
  document["row"] = row;
  document["error"] = error_details(error);
  return render(document, error.raw_body, Layout::one_line);
}

}  // namespace refundkit::cli
