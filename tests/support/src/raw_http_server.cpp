#include "refundkit/test_support/raw_http_server.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include "refundkit/test_support/loopback.hpp"

namespace refundkit::test_support {
namespace {

std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return lower;
}

}  // namespace

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
  const std::string head = ascii_lower(std::string_view(buffer_).substr(0, head_end));
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

}  // namespace refundkit::test_support
