#include "refundkit/refund_client.hpp"

#include <string>

#include "core/printable.hpp"

namespace refundkit {

Result<Refund> RefundClient::find_refund(std::string_view order_id, std::string_view reference) {
  Error error;
  error.kind = ErrorKind::outcome_unknown;
  error.message = "the " + std::string(provider()) +
                  " client cannot read refunds back, so whether a refund with reference \"" +
                  detail::printable_excerpt(reference, 64) + "\" exists for order \"" +
                  detail::printable_excerpt(order_id, 64) +
                  "\" cannot be told here: check with the vendor";
  return error;
}

}  // namespace refundkit
