#include "internal/secrets.hpp"

namespace refundkit::internal {

void redact_secret(std::string& text, std::string_view secret) {
  if (secret.size() < kMinRedactableSecretLength) return;
  std::size_t pos = 0;
  while ((pos = text.find(secret, pos)) != std::string::npos) {
    text.replace(pos, secret.size(), kRedacted);
    pos += kRedacted.size();
  }
}

void redact_secret(Error& error, std::string_view secret) {
  for (std::string* field :
       {&error.message, &error.vendor_code, &error.vendor_message, &error.raw_body,
        &error.request_id, &error.vendor_field, &error.customer_message}) {
    redact_secret(*field, secret);
  }
}

void redact_secret(Refund& refund, std::string_view secret) {
  for (std::string* field :
       {&refund.provider, &refund.id, &refund.vendor_reference, &refund.order_id, &refund.reference,
        &refund.vendor_status, &refund.raw_body}) {
    redact_secret(*field, secret);
  }
  for (std::string& id : refund.other_ids) redact_secret(id, secret);
}

}  // namespace refundkit::internal
