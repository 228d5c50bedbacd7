#include "cpu_pin.hpp"

namespace refundkit::bench {

PinnedToOneCpu::PinnedToOneCpu() {
  CPU_ZERO(&saved_);
  if (sched_getaffinity(0, sizeof saved_, &saved_) != 0) return;
  const int cpu = sched_getcpu();
  if (cpu < 0) return;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(cpu, &one);
  if (sched_setaffinity(0, sizeof one, &one) != 0) return;
  restore_ = true;
  cpu_ = cpu;
}

PinnedToOneCpu::~PinnedToOneCpu() {
  if (restore_) sched_setaffinity(0, sizeof saved_, &saved_);
}

}  // namespace refundkit::bench
