#include "refundkit/test_support/outcome_matchers.hpp"

#include <algorithm>

namespace refundkit::test_support {

std::string describe(const Error& error) {
  std::string text = "Error{kind=" + std::string(to_string(error.kind)) +
                     ", http_status=" + std::to_string(error.http_status) + ", message=\"" +
                     error.message + "\"";
  if (!error.vendor_code.empty()) text += ", vendor_code=\"" + error.vendor_code + "\"";
  if (!error.vendor_message.empty()) text += ", vendor_message=\"" + error.vendor_message + "\"";
  if (!error.raw_body.empty()) {
    constexpr std::size_t kShown = 200;
    text += ", raw_body=\"" + error.raw_body.substr(0, kShown) +
            (error.raw_body.size() > kShown ? "...\"" : "\"");
  }
  return text + "}";
}

std::vector<std::string_view> text_fields(const Error& error) {
  return {error.message,    error.vendor_code,  error.vendor_message,  error.raw_body,
          error.request_id, error.vendor_field, error.customer_message};
}

std::vector<std::string_view> text_fields(const Refund& refund) {
  std::vector<std::string_view> fields = {refund.provider,         refund.id,
                                          refund.vendor_reference, refund.order_id,
                                          refund.reference,        refund.vendor_status,
                                          refund.raw_body};
  fields.insert(fields.end(), refund.other_ids.begin(), refund.other_ids.end());
  return fields;
}

namespace {
bool contains(const std::vector<std::string_view>& fields, std::string_view needle) {
  return std::any_of(fields.begin(), fields.end(), [&](std::string_view field) {
    return field.find(needle) != std::string_view::npos;
  });
}
}  // namespace

bool any_field_contains(const Error& error, std::string_view needle) {
  return contains(text_fields(error), needle);
}

bool any_field_contains(const Refund& refund, std::string_view needle) {
  return contains(text_fields(refund), needle);
}

}  // namespace refundkit::test_support
