#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>
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

/// One connection accepted by a RawHttpServer: reads whole requests, writes raw bytes.
class RawConnection {
 public:
  RawConnection(int fd, std::atomic<int>& posts) : fd_(fd), posts_(posts) {}

  /// Reads one complete request (head and Content-Length body) and returns its method; "" when
  /// the client closed, an error occurred or nothing arrived within a few seconds.
  std::string read_request();
  void write(std::string_view bytes);

 private:
  int fd_;
  std::atomic<int>& posts_;
  std::string buffer_;  // bytes read past the previous request
};

/// A minimal HTTP/1.1 server on 127.0.0.1 (ephemeral port) that does exactly what a test says,
/// byte for byte, for misbehaviour cpp-httplib will not produce: dropping a kept-alive
/// connection after reading a request, answering garbage. Connections are served one at a time
/// on one thread, in the order they arrive; each is closed when its handler returns.
class RawHttpServer {
 public:
  /// Called for each connection with its index (0 for the first).
  using Handler = std::function<void(int index, RawConnection& connection)>;

  explicit RawHttpServer(Handler handler);
  ~RawHttpServer();
  RawHttpServer(const RawHttpServer&) = delete;
  RawHttpServer& operator=(const RawHttpServer&) = delete;

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  /// Complete POST requests read so far, on every connection.
  int posts() const { return posts_.load(); }
  int connections() const { return connections_.load(); }
  /// From a handler only: stop listening, so that further connection attempts are refused.
  void close_listener();

  /// A keep-alive 200 answer with a Content-Length body.
  static constexpr std::string_view kOk = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

 private:
  void serve();

  Handler handler_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> posts_{0};
  std::atomic<int> connections_{0};
  std::thread thread_;
};

}  // namespace refundkit::testing_support
