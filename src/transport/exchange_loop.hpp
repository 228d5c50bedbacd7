#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>

#include "refundkit/transport.hpp"

namespace refundkit::internal {

/// Many exchanges in flight at once, all driven by the one thread that calls poll(): what a
/// batch sends through. Each exchange ends exactly as Transport::send would have (the same
/// response or classified Error), only its completion is called later. Not thread-safe.
class ExchangeLoop {
 public:
  using Completion = std::function<void(Result<HttpResponse>)>;

  virtual ~ExchangeLoop() = default;

  /// Starts sending `request`, which must stay valid until `done` has been called. `done` is
  /// called exactly once, from a later poll() (never from start() itself), and may start more
  /// exchanges. The caller keeps the number in flight within the loop's max_in_flight.
  virtual void start(const HttpRequest& request, Completion done) = 0;

  /// Calls the completions of exchanges that have ended, waiting up to `timeout` for one when
  /// none has.
  virtual void poll(std::chrono::milliseconds timeout) = 0;
};

/// Implemented by the Transport layers that can also run many exchanges on one thread: the
/// curl transport and the layers refundkit puts around it.
class ConcurrentTransport {
 public:
  virtual ~ConcurrentTransport() = default;

  /// A loop for up to `max_in_flight` exchanges at once, or null when a layer beneath cannot.
  virtual std::unique_ptr<ExchangeLoop> open_loop(std::size_t max_in_flight) = 0;
};

/// `transport`'s loop, or null when it is not a ConcurrentTransport (a merchant's own).
std::unique_ptr<ExchangeLoop> open_exchange_loop(Transport& transport, std::size_t max_in_flight);

}  // namespace refundkit::internal
