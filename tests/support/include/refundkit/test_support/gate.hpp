#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace refundkit::test_support {

/// Holds server handlers back until the test opens it (or a safety timeout passes), so that a
/// "slow" handler is exactly as slow as the test needs and the server can stop promptly.
class Gate {
 public:
  void open();
  /// Waits until open() or `limit`; true when opened.
  bool wait(std::chrono::milliseconds limit = std::chrono::seconds(5));

 private:
  std::mutex mutex_;
  std::condition_variable opened_;
  bool open_ = false;
};

/// Opens a gate when the scope ends, even when an assertion returns early: declare it after the
/// server so that handlers are released before the server stops.
class GateOpener {
 public:
  explicit GateOpener(Gate& gate) : gate_(gate) {}
  ~GateOpener() { gate_.open(); }
  GateOpener(const GateOpener&) = delete;
  GateOpener& operator=(const GateOpener&) = delete;

 private:
  Gate& gate_;
};

/// C++20's std::latch for C++17 tests, with a safety timeout so that a bug fails the test
/// instead of hanging it: count_down() `count` times releases every wait().
class Latch {
 public:
  explicit Latch(std::size_t count) : remaining_(count) {}
  void count_down();
  /// Waits until the count reaches zero or `limit` passes; true when it reached zero.
  bool wait(std::chrono::milliseconds limit = std::chrono::seconds(10));
  std::size_t remaining() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable reached_zero_;
  std::size_t remaining_;
};

}  // namespace refundkit::test_support
