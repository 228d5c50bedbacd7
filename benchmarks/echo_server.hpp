#pragma once

// The cheapest server that still answers Komfortkasse's refund endpoint as the client expects:
// the benchmarks' ceiling, so that they measure the client and not a server's bookkeeping.

#include <httplib.h>

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "captured_request.hpp"
#include "refundkit/sandbox/loopback_server.hpp"

namespace refundkit::bench {

/// POST .../refund answers 200 with a Komfortkasse refund object echoing the request's
/// externalReference, amount, currency and plannedDate; any other POST is a 404. Counts the
/// connections requests come on.
class EchoServer {
 public:
  EchoServer();
  ~EchoServer();
  EchoServer(const EchoServer&) = delete;
  EchoServer& operator=(const EchoServer&) = delete;

  std::string base_url() const { return loopback_->base_url(); }

  /// Starts a new count of connections.
  void reset_counts();
  /// Distinct client ports seen since reset_counts(): a kept-alive connection keeps its port,
  /// and a closed one cannot hand it to the next connection while in TIME_WAIT.
  std::size_t connections() const;

  /// Keeps the next request the server receives, for capture().
  void capture_next();
  /// The request kept since capture_next(), if one has arrived.
  std::optional<CapturedRequest> captured() const;

 private:
  class Server;

  void answer(const httplib::Request& request, httplib::Response& response);

  std::unique_ptr<Server> server_;
  std::unique_ptr<sandbox::LoopbackServer> loopback_;
  std::atomic<bool> capture_armed_{false};
  mutable std::mutex mutex_;
  std::set<int> client_ports_;
  std::optional<CapturedRequest> captured_;
};

}  // namespace refundkit::bench
