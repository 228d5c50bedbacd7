#pragma once

#include <vector>

#include "refundkit/curl_transport.hpp"

namespace refundkit::test_support {

/// Options for plain-http tests against a loopback server: short timeouts keep failures fast.
CurlTransportOptions loopback_options();

/// A listening socket on 127.0.0.1 and an ephemeral port (stored in `port`). Throws
/// std::runtime_error when the kernel refuses.
int listen_on_loopback(int backlog, int& port);

/// Raises the accept backlog of this process's socket listening on `port` (Linux applies a
/// second listen() to a listening socket). cpp-httplib 0.11 listens with a backlog of 5: more
/// simultaneous connects than that overflow it, and each dropped SYN costs the client a second
/// before it is sent again. True when such a socket was found.
bool raise_listen_backlog(int port, int backlog = 128);

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

}  // namespace refundkit::test_support
