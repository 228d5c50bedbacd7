// Placeholder until the Riverty codec lands.
#include "refundkit/afterpay.hpp"

namespace refundkit {

std::string afterpay_idempotency_key(std::string_view reference) { return std::string(reference); }

std::unique_ptr<RefundClient> make_afterpay_client(AfterPayOptions, std::shared_ptr<Transport>) {
  return nullptr;
}

}  // namespace refundkit
