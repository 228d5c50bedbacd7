#include "sandbox_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

namespace refundkit::sandbox::detail {

namespace {

// One accepted connection, as the thread serving it sees it.
struct Connection {
  explicit Connection(socket_t socket) : fd(socket) {}

  socket_t fd;
  bool taken_over = false;  // a fault owns the connection: cpp-httplib writes nothing more
  bool reset = false;       // end with RST: close without shutdown, SO_LINGER {1, 0} set
  // Kept for the whole connection, so that bytes of a pipelined next request are not lost.
  std::array<char, 4096> buffer{};
  std::size_t buffer_begin = 0;
  std::size_t buffer_end = 0;

  std::size_t buffered() const { return buffer_end - buffer_begin; }
};

thread_local Connection* current_connection = nullptr;

class CurrentConnection {
 public:
  explicit CurrentConnection(Connection& connection) { current_connection = &connection; }
  ~CurrentConnection() { current_connection = nullptr; }
  CurrentConnection(const CurrentConnection&) = delete;
  CurrentConnection& operator=(const CurrentConnection&) = delete;
};

int to_milliseconds(time_t seconds, time_t microseconds) {
  return static_cast<int>(seconds * 1000 + microseconds / 1000);
}

// poll() for `events` up to `timeout_ms`, retried on EINTR. >0 ready, 0 timed out, <0 error.
int wait_for(socket_t fd, short events, int timeout_ms) {
  pollfd entry{fd, events, 0};
  while (true) {
    const int ready = ::poll(&entry, 1, timeout_ms);
    if (ready < 0 && errno == EINTR) continue;
    return ready;
  }
}

// False once the peer has closed (an EOF is waiting) or the socket failed: cpp-httplib's
// is_socket_alive, so that endless bodies stop when the client goes away.
bool peer_still_there(socket_t fd) {
  const int readable = wait_for(fd, POLLIN, 0);
  if (readable == 0) return true;
  if (readable < 0) return false;
  char byte;
  const ssize_t peeked = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (peeked > 0) return true;
  return peeked < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

bool write_all(socket_t fd, const char* data, std::size_t size, int timeout_ms) {
  std::size_t written = 0;
  while (written < size) {
    if (wait_for(fd, POLLOUT, timeout_ms) <= 0) return false;
    const ssize_t sent = ::send(fd, data + written, size - written, MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    written += static_cast<std::size_t>(sent);
  }
  return true;
}

void address_of(const sockaddr_storage& address, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    ::inet_ntop(AF_INET, &v4.sin_addr, text, sizeof(text));
    port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    ::inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof(text));
    port = ntohs(v6.sin6_port);
  }
  ip = text;
}

// cpp-httplib's SocketStream, for one connection of a SandboxServer.
class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(Connection& connection, int read_timeout_ms, int write_timeout_ms)
      : connection_(connection),
        read_timeout_ms_(read_timeout_ms),
        write_timeout_ms_(write_timeout_ms) {}

  bool is_readable() const override {
    if (connection_.taken_over) return false;
    return connection_.buffered() > 0 || wait_for(connection_.fd, POLLIN, read_timeout_ms_) > 0;
  }

  bool is_writable() const override {
    return !connection_.taken_over && wait_for(connection_.fd, POLLOUT, write_timeout_ms_) > 0 &&
           peer_still_there(connection_.fd);
  }

  ssize_t read(char* ptr, size_t size) override {
    if (connection_.taken_over) return -1;
    if (connection_.buffered() == 0) {
      if (wait_for(connection_.fd, POLLIN, read_timeout_ms_) <= 0) return -1;
      if (size >= connection_.buffer.size()) return receive(ptr, size);  // large: no copy
      const ssize_t got = receive(connection_.buffer.data(), connection_.buffer.size());
      if (got <= 0) return got;
      connection_.buffer_begin = 0;
      connection_.buffer_end = static_cast<std::size_t>(got);
    }
    const std::size_t count = std::min(size, connection_.buffered());
    std::memcpy(ptr, connection_.buffer.data() + connection_.buffer_begin, count);
    connection_.buffer_begin += count;
    return static_cast<ssize_t>(count);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (connection_.taken_over) return -1;
    if (wait_for(connection_.fd, POLLOUT, write_timeout_ms_) <= 0) return -1;
    while (true) {
      const ssize_t sent = ::send(connection_.fd, ptr, size, MSG_NOSIGNAL);
      if (sent < 0 && errno == EINTR) continue;
      return sent;
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (::getpeername(connection_.fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      address_of(address, ip, port);
    }
  }

  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (::getsockname(connection_.fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      address_of(address, ip, port);
    }
  }

  socket_t socket() const override { return connection_.fd; }

  /// Waits until a request may start (data, or an EOF to notice), at most `keep_alive_ms`, in
  /// short slices so that a stopping server is noticed.
  bool wait_for_request(int keep_alive_ms, const SandboxServer& server) const {
    if (connection_.buffered() > 0) return true;
    constexpr int kSliceMs = 50;
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(keep_alive_ms);
    while (!server.stopping()) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                            deadline - std::chrono::steady_clock::now())
                            .count();
      if (left <= 0) return false;
      const int ready =
          wait_for(connection_.fd, POLLIN, static_cast<int>(std::min<long long>(left, kSliceMs)));
      if (ready != 0) return ready > 0;
    }
    return false;
  }

 private:
  ssize_t receive(char* ptr, std::size_t size) {
    while (true) {
      const ssize_t got = ::recv(connection_.fd, ptr, size, 0);
      if (got < 0 && errno == EINTR) continue;
      return got;
    }
  }

  Connection& connection_;
  const int read_timeout_ms_;
  const int write_timeout_ms_;
};

Connection& require_connection() {
  if (current_connection == nullptr) {
    throw std::logic_error("no SandboxServer connection on this thread");
  }
  return *current_connection;
}

}  // namespace

bool SandboxServer::process_and_close_socket(socket_t sock) {
  Connection connection(sock);
  bool ok = false;
  {
    const CurrentConnection scope(connection);
    ConnectionStream stream(connection, to_milliseconds(read_timeout_sec_, read_timeout_usec_),
                            to_milliseconds(write_timeout_sec_, write_timeout_usec_));
    const int keep_alive_ms = static_cast<int>(keep_alive_timeout_sec_ * 1000);
    std::size_t requests_left = keep_alive_max_count_;
    while (requests_left > 0 && !stopping() && stream.wait_for_request(keep_alive_ms, *this)) {
      bool connection_closed = false;
      ok = process_request(stream, /*close_connection=*/requests_left == 1, connection_closed,
                           nullptr);
      if (!ok || connection_closed || connection.taken_over) break;
      --requests_left;
    }
  }
  if (!connection.reset) ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ok;
}

namespace connection {

void close_without_answer() {
  Connection& connection = require_connection();
  connection.taken_over = true;
  ::shutdown(connection.fd, SHUT_RDWR);
}

void reset_without_answer() {
  Connection& connection = require_connection();
  connection.taken_over = true;
  connection.reset = true;
  const linger abortive{1, 0};
  ::setsockopt(connection.fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof(abortive));
}

bool send_then_close(std::string_view bytes) {
  Connection& connection = require_connection();
  connection.taken_over = true;
  constexpr int kWriteTimeoutMs = 5000;
  const bool sent = write_all(connection.fd, bytes.data(), bytes.size(), kWriteTimeoutMs);
  ::shutdown(connection.fd, SHUT_RDWR);
  return sent;
}

}  // namespace connection

void SandboxServer::widen_listen_backlog(int backlog) {
  if (svr_sock_ != INVALID_SOCKET) ::listen(svr_sock_, backlog);
}

}  // namespace refundkit::sandbox::detail
