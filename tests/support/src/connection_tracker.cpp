#include "refundkit/test_support/connection_tracker.hpp"

namespace refundkit::test_support {

void ConnectionTracker::saw(const std::string& remote_addr, int remote_port) {
  std::lock_guard<std::mutex> lock(mutex_);
  connections_.insert(remote_addr + ":" + std::to_string(remote_port));
}

std::size_t ConnectionTracker::distinct() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return connections_.size();
}

}  // namespace refundkit::test_support
