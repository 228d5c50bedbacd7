// Placeholder until the Skip Pay codec lands.
#include "refundkit/skippay.hpp"

namespace refundkit {

std::unique_ptr<RefundClient> make_skippay_client(SkipPayOptions, std::shared_ptr<Transport>) {
  return nullptr;
}

}  // namespace refundkit
