#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "refundkit/curl_transport.hpp"

namespace refundkit::testing_support {

/// Options for plain-http tests against a loopback server: short timeouts keep failures fast.
CurlTransportOptions loopback_options();

/// A loopback port nothing listens on: bound to get it from the kernel, then closed.
int closed_loopback_port();

/// A loopback listener that never accepts, with its accept queue already full: Linux then drops
/// further SYNs, so a connection attempt hangs until the client's connect timeout.
class UnresponsiveListener {
 public:
  UnresponsiveListener();
  ~UnresponsiveListener();
  UnresponsiveListener(const UnresponsiveListener&) = delete;
  UnresponsiveListener& operator=(const UnresponsiveListener&) = delete;

  int port() const { return port_; }

 private:
  int listener_ = -1;
  std::vector<int> fillers_;
  int port_ = 0;
};

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

/// Distinct client connections seen by a server, told apart by the client's address and port.
class ConnectionTracker {
 public:
  void saw(const std::string& remote_addr, int remote_port);
  std::size_t distinct() const;

 private:
  mutable std::mutex mutex_;
  std::set<std::string> connections_;
};

}  // namespace refundkit::testing_support
