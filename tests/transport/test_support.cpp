#include "test_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace refundkit::testing_support {
CurlTransportOptions loopback_options() {
  CurlTransportOptions options;
  options.allow_http_for_loopback = true;
  options.connect_timeout = std::chrono::seconds(2);
  options.request_timeout = std::chrono::seconds(5);
  return options;
}

int closed_loopback_port() {
  const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  if (sock < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  if (::bind(sock, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::getsockname(sock, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(sock);
    throw std::runtime_error("bind() failed");
  }
  ::close(sock);
  return ntohs(address.sin_port);
}

UnresponsiveListener::UnresponsiveListener() {
  listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listener_ < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::listen(listener_, 0) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(listener_);
    throw std::runtime_error("cannot set up an unresponsive listener");
  }
  port_ = ntohs(address.sin_port);
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

void Gate::open() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    open_ = true;
  }
  opened_.notify_all();
}

bool Gate::wait(std::chrono::milliseconds limit) {
  std::unique_lock<std::mutex> lock(mutex_);
  return opened_.wait_for(lock, limit, [this] { return open_; });
}

void ConnectionTracker::saw(const std::string& remote_addr, int remote_port) {
  std::lock_guard<std::mutex> lock(mutex_);
  connections_.insert(remote_addr + ":" + std::to_string(remote_port));
}

std::size_t ConnectionTracker::distinct() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return connections_.size();
}

}  // namespace refundkit::testing_support
