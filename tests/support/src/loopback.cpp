#include "refundkit/test_support/loopback.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>

namespace refundkit::test_support {
namespace {

sockaddr_in loopback_address(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  return address;
}

}  // namespace

CurlTransportOptions loopback_options() {
  CurlTransportOptions options;
  options.allow_http_for_loopback = true;
  options.connect_timeout = std::chrono::seconds(2);
  options.request_timeout = std::chrono::seconds(5);
  return options;
}

int listen_on_loopback(int backlog, int& port) {
  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listener < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address = loopback_address(0);
  socklen_t length = sizeof(address);
  if (::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::listen(listener, backlog) != 0 ||
      ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(listener);
    throw std::runtime_error("cannot listen on 127.0.0.1");
  }
  port = ntohs(address.sin_port);
  return listener;
}

bool raise_listen_backlog(int port, int backlog) {
  bool raised = false;
  // Descriptors are small integers; a test process has far fewer than this open.
  for (int fd = 0; fd < 4096; ++fd) {
    int listening = 0;
    socklen_t size = sizeof(listening);
    if (::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) != 0 || listening == 0) {
      continue;
    }
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) continue;
    int bound_port = -1;
    if (address.ss_family == AF_INET) {
      bound_port = ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
    } else if (address.ss_family == AF_INET6) {
      bound_port = ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
    }
    if (bound_port == port && ::listen(fd, backlog) == 0) raised = true;
  }
  return raised;
}

int closed_loopback_port() {
  int port = 0;
  ::close(listen_on_loopback(1, port));
  return port;
}

UnresponsiveListener::UnresponsiveListener() {
  listener_ = listen_on_loopback(0, port_);
  sockaddr_in address = loopback_address(port_);
  // A backlog of 0 holds one connection; a few more make sure the queue is full.
  for (int i = 0; i < 3; ++i) {
    const int filler = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (filler < 0) continue;
    (void)::connect(filler, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    fillers_.push_back(filler);
  }
}

UnresponsiveListener::~UnresponsiveListener() {
  for (int filler : fillers_) ::close(filler);
  ::close(listener_);
}

}  // namespace refundkit::test_support
