#include "refundkit/test_support/gate.hpp"

namespace refundkit::test_support {

void Gate::open() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    open_ = true;
  }
  opened_.notify_all();
}

bool Gate::wait(std::chrono::milliseconds limit) {
  std::unique_lock<std::mutex> lock(mutex_);
  return opened_.wait_for(lock, limit, [this] { return open_; });
}

void Latch::count_down() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (remaining_ == 0) return;
    --remaining_;
    if (remaining_ != 0) return;
  }
  reached_zero_.notify_all();
}

bool Latch::wait(std::chrono::milliseconds limit) {
  std::unique_lock<std::mutex> lock(mutex_);
  return reached_zero_.wait_for(lock, limit, [this] { return remaining_ == 0; });
}

std::size_t Latch::remaining() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return remaining_;
}

}  // namespace refundkit::test_support
