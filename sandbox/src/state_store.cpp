#include "state_store.hpp"

#include <algorithm>

namespace refundkit::sandbox::detail {

const StoredOrder* SandboxState::find_order(std::string_view provider,
                                            std::string_view order_id) const {
  const auto found = orders.find({std::string(provider), std::string(order_id)});
  return found == orders.end() ? nullptr : &found->second;
}

void SandboxState::put_order(const StoredOrder& order) {
  const auto before = refunds.size();
  refunds.erase(std::remove_if(refunds.begin(), refunds.end(),
                               [&](const SandboxRefund& refund) {
                                 return refund.provider == order.provider &&
                                        refund.order_id == order.order_id;
                               }),
                refunds.end());
  if (refunds.size() != before) rebuild_indexes();
  orders[{order.provider, order.order_id}] = order;
}

void SandboxState::add_refund(SandboxRefund refund) {
  refunds_by_order_[{refund.provider, refund.order_id}].push_back(refunds.size());
  references_.insert({refund.provider, refund.reference});
  refunds.push_back(std::move(refund));
}

void SandboxState::clear() {
  orders.clear();
  refunds.clear();
  rebuild_indexes();
}

void SandboxState::rebuild_indexes() {
  refunds_by_order_.clear();
  references_.clear();
  for (std::size_t i = 0; i < refunds.size(); ++i) {
    refunds_by_order_[{refunds[i].provider, refunds[i].order_id}].push_back(i);
    references_.insert({refunds[i].provider, refunds[i].reference});
  }
}

std::vector<const SandboxRefund*> SandboxState::refunds_of(std::string_view provider,
                                                           std::string_view order_id) const {
  std::vector<const SandboxRefund*> found;
  const auto indexed = refunds_by_order_.find({std::string(provider), std::string(order_id)});
  if (indexed == refunds_by_order_.end()) return found;
  for (std::size_t i : indexed->second) found.push_back(&refunds[i]);
  return found;
}

bool SandboxState::reference_in_use(std::string_view provider, std::string_view reference) const {
  return references_.count({std::string(provider), std::string(reference)}) != 0;
}

StateStore::StateStore(std::vector<StoredOrder> seed) : seed_(std::move(seed)) { reset(); }

void StateStore::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  state_.clear();
  for (const StoredOrder& order : seed_) state_.put_order(order);
}

}  // namespace refundkit::sandbox::detail
