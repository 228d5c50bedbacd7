#pragma once

#include <httplib.h>

#include <atomic>
#include <string>
#include <thread>

namespace refundkit::sandbox {

/// Runs a cpp-httplib server on a loopback address in a background thread, for the sandbox and
/// for test servers. Applies what every such server needs: SO_REUSEADDR and TCP_NODELAY (without
/// it Nagle's algorithm adds ~40 ms to every keep-alive exchange), a short keep-alive timeout
/// (so shutdown is quick), a generous keep-alive request count, and 128 threads (one per kept-alive
/// connection being served).
class LoopbackServer {
 public:
  /// Binds host:port (port 0 picks an ephemeral port) and starts serving; returns once the server
  /// accepts connections. Throws std::runtime_error if the address cannot be bound.
  explicit LoopbackServer(httplib::Server& server, const std::string& host = "127.0.0.1",
                          int port = 0);
  ~LoopbackServer();  ///< Stops the server and joins its thread.

  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  int port() const noexcept { return port_; }
  const std::string& host() const noexcept { return host_; }
  /// "http://127.0.0.1:PORT" (or https for an httplib::SSLServer).
  std::string base_url() const;

  void stop();

 private:
  httplib::Server& server_;
  std::string host_;
  int port_ = -1;
  std::atomic<bool> listen_returned_{false};
  std::thread thread_;
};

/// Applies the socket and keep-alive settings described above, without starting anything.
void prepare_loopback_server(httplib::Server& server);

}  // namespace refundkit::sandbox
