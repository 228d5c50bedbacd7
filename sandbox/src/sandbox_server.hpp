#pragma once

#include <httplib.h>

#include <string_view>

namespace refundkit::sandbox::detail {

/// An httplib::Server whose per-connection loop is the sandbox's own (the same keep-alive loop
/// as cpp-httplib's, around its protected process_request()), so that a request's handler can
/// act on the real socket of its connection: the thread serving a connection knows it (see
/// `connection` below). Its stream writes with MSG_NOSIGNAL and keeps one read buffer per
/// connection. Everything else (parsing, routing, writing answers) is cpp-httplib's.
class SandboxServer : public httplib::Server {
 public:
  /// True once stop() has been called.
  bool stopping() const { return svr_sock_ == INVALID_SOCKET; }
  /// Debian's libcpp-httplib listens with a backlog of 5 (compiled in), so a burst of fresh
  /// connections (16 client threads) loses SYNs and waits a second for each retry. Linux lets a
  /// listening socket be given a new backlog: call once bound.
  void widen_listen_backlog(int backlog);

 private:
  bool process_and_close_socket(socket_t sock) override;
};

/// What a handler running on a SandboxServer thread can do to its own connection. Each takes the
/// connection over: cpp-httplib's answer to the request is then discarded (nothing more reaches
/// the socket from it) and the connection ends when the handler returns. Outside a
/// SandboxServer connection they throw std::logic_error.
namespace connection {

/// Closes now, cleanly (FIN), without an answer byte: shutdown(SHUT_RDWR).
void close_without_answer();
/// Ends with a TCP RST instead of a FIN: SO_LINGER {1, 0}, then close() once the handler
/// returns (nothing is shut down before, so the peer sees the reset, not a clean close).
void reset_without_answer();
/// Writes `bytes` as they are (blocking, MSG_NOSIGNAL), then closes cleanly as above. Returns
/// false if the peer went away before everything was written.
bool send_then_close(std::string_view bytes);

}  // namespace connection

}  // namespace refundkit::sandbox::detail
