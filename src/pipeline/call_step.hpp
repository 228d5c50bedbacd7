#pragma once

#include <chrono>

#include "refundkit/transport.hpp"

namespace refundkit::internal {

/// What a call (CreateCall, ReadBackCall) needs next from whoever drives it: a request sent, a
/// wait, or nothing (it has its outcome). Calls do no I/O and never sleep, so that one blocking
/// driver (RefundPipeline) and one that runs many calls on curl multi (RefundBatch) make every
/// decision with the same code.
struct CallStep {
  enum class Kind { send, wait, done };
  Kind kind = Kind::done;
  /// send: the request; it lives in the call and stays valid until the call's next event.
  const HttpRequest* request = nullptr;
  /// wait: how long, before on_waited().
  std::chrono::milliseconds delay{0};

  static CallStep send(const HttpRequest& request) { return {Kind::send, &request, {}}; }
  static CallStep wait(std::chrono::milliseconds delay) { return {Kind::wait, nullptr, delay}; }
  static CallStep done() { return {}; }
};

}  // namespace refundkit::internal
