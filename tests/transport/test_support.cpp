#include "test_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <stdexcept>

#include "internal/text.hpp"

namespace refundkit::testing_support {
namespace {

sockaddr_in loopback_address(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  return address;
}

// A listening socket on 127.0.0.1 and an ephemeral port; returns the socket and sets port.
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

}  // namespace

CurlTransportOptions loopback_options() {
  CurlTransportOptions options;
  options.allow_http_for_loopback = true;
  options.connect_timeout = std::chrono::seconds(2);
  options.request_timeout = std::chrono::seconds(5);
  return options;
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

std::string RawConnection::read_request() {
  const auto fill = [this] {
    char chunk[4096];
    const ssize_t got = ::recv(fd_, chunk, sizeof(chunk), 0);
    if (got <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(got));
    return true;
  };
  std::size_t head_end;
  while ((head_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill()) return {};
  }
  const std::string head = internal::ascii_lower(std::string_view(buffer_).substr(0, head_end));
  std::size_t body_size = 0;
  if (const std::size_t at = head.find("\r\ncontent-length:"); at != std::string::npos) {
    body_size = std::strtoul(head.c_str() + at + 17, nullptr, 10);
  }
  const std::size_t total = head_end + 4 + body_size;
  while (buffer_.size() < total) {
    if (!fill()) return {};
  }
  const std::string method = buffer_.substr(0, buffer_.find(' '));
  buffer_.erase(0, total);
  if (method == "POST") ++posts_;
  return method;
}

void RawConnection::write(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent <= 0) return;
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
}

RawHttpServer::RawHttpServer(Handler handler) : handler_(std::move(handler)) {
  listener_ = listen_on_loopback(8, port_);
  thread_ = std::thread([this] { serve(); });
}

RawHttpServer::~RawHttpServer() {
  stop_ = true;
  thread_.join();
  close_listener();
}

void RawHttpServer::close_listener() {
  if (listener_ >= 0) ::close(listener_);
  listener_ = -1;
}

void RawHttpServer::serve() {
  // Bounded: polls in short steps so that the destructor is noticed, and a connection whose
  // client goes quiet is given up after a few seconds.
  while (!stop_ && listener_ >= 0) {
    pollfd ready{listener_, POLLIN, 0};
    if (::poll(&ready, 1, 20) <= 0) continue;
    const int fd = ::accept(listener_, nullptr, nullptr);
    if (fd < 0) continue;
    timeval limit{};
    limit.tv_sec = 3;
    (void)::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit));
    RawConnection connection(fd, posts_);
    handler_(connections_++, connection);
    ::close(fd);
  }
}

}  // namespace refundkit::testing_support
