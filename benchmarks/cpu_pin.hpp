#pragma once

// One CPU for a client and its server. A request on loopback is a hand-off between two threads:
// on the same CPU it costs two context switches; across CPUs of a VM it also costs waking an idle
// vCPU, tens of microseconds that change with where the scheduler happens to put each thread.
// Loops that are compared request by request must not differ in that.

#include <sched.h>

namespace refundkit::bench {

/// Pins the calling thread, and the threads it starts while pinned, to the CPU it is running
/// on; restores the calling thread's CPU set when it goes (threads started meanwhile stay).
class PinnedToOneCpu {
 public:
  PinnedToOneCpu();
  ~PinnedToOneCpu();
  PinnedToOneCpu(const PinnedToOneCpu&) = delete;
  PinnedToOneCpu& operator=(const PinnedToOneCpu&) = delete;

  /// The CPU, or -1 when pinning failed (everything then runs unpinned).
  int cpu() const noexcept { return cpu_; }

 private:
  cpu_set_t saved_;
  bool restore_ = false;
  int cpu_ = -1;
};

}  // namespace refundkit::bench
