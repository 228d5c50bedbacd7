#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <string_view>
#include <thread>

namespace refundkit::test_support {

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

}  // namespace refundkit::test_support
