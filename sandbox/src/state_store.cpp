#include "state_store.hpp"

#include <algorithm>

namespace refundkit::sandbox::detail {

const SandboxOrder* SandboxState::find_order(std::string_view provider,
                                             std::string_view order_id) const {
  const auto found = orders.find({std::string(provider), std::string(order_id)});
  return found == orders.end() ? nullptr : &found->second;
}

void SandboxState::put_order(const SandboxOrder& order) {
  refunds.erase(std::remove_if(refunds.begin(), refunds.end(),
                               [&](const SandboxRefund& refund) {
                                 return refund.provider == order.provider &&
                                        refund.order_id == order.order_id;
                               }),
                refunds.end());
  orders[{order.provider, order.order_id}] = order;
}

std::vector<const SandboxRefund*> SandboxState::refunds_of(std::string_view provider,
                                                           std::string_view order_id) const {
  std::vector<const SandboxRefund*> found;
  for (const SandboxRefund& refund : refunds) {
    if (refund.provider == provider && refund.order_id == order_id) found.push_back(&refund);
  }
  return found;
}

bool SandboxState::reference_in_use(std::string_view provider, std::string_view reference) const {
  return std::any_of(refunds.begin(), refunds.end(), [&](const SandboxRefund& refund) {
    return refund.provider == provider && refund.reference == reference;
  });
}

StateStore::StateStore(std::vector<SandboxOrder> seed) : seed_(std::move(seed)) { reset(); }

void StateStore::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  state_.orders.clear();
  state_.refunds.clear();
  for (const SandboxOrder& order : seed_) state_.put_order(order);
}

}  // namespace refundkit::sandbox::detail
