// Placeholder until the Optty codec lands.
#include "refundkit/optty.hpp"

namespace refundkit {

std::unique_ptr<RefundClient> make_optty_client(OpttyOptions, std::shared_ptr<Transport>) {
  return nullptr;
}

}  // namespace refundkit
