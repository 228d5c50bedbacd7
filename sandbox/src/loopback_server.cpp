#include "refundkit/sandbox/loopback_server.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <chrono>
#include <csignal>
#include <stdexcept>

namespace refundkit::sandbox {
namespace {

constexpr std::size_t kServerThreads = 128;

}  // namespace

void prepare_loopback_server(httplib::Server& server) {
  // Debian's cpp-httplib writes without MSG_NOSIGNAL: a client that gives up mid-response (a
  // timeout, a size cap: exactly what tests provoke) would kill the whole process with SIGPIPE.
  static const bool sigpipe_ignored = std::signal(SIGPIPE, SIG_IGN) != SIG_ERR;
  (void)sigpipe_ignored;
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    // Accepted sockets inherit both options on Linux.
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof(yes));
  });
  server.set_keep_alive_timeout(1);
  server.set_keep_alive_max_count(10000);
  // A pool thread serves one kept-alive connection until it goes idle: with cpp-httplib's
  // default of 8 threads, a client with more connections (a batch's 16) would wait on the rest
  // until their requests time out.
  server.new_task_queue = [] { return new httplib::ThreadPool(kServerThreads); };
}

LoopbackServer::LoopbackServer(httplib::Server& server, const std::string& host, int port)
    : server_(server), host_(host) {
  prepare_loopback_server(server_);
  port_ =
      port == 0 ? server_.bind_to_any_port(host_) : (server_.bind_to_port(host_, port) ? port : -1);
  if (port_ < 0) throw std::runtime_error("cannot bind " + host_ + ":" + std::to_string(port));
  thread_ = std::thread([this] {
    server_.listen_after_bind();
    listen_returned_ = true;
  });
  // stop() is ignored until the server runs (cpp-httplib 0.11): wait for it.
  while (!server_.is_running() && !listen_returned_) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (listen_returned_) {
    thread_.join();
    throw std::runtime_error("cannot listen on " + host_ + ":" + std::to_string(port_));
  }
}

LoopbackServer::~LoopbackServer() { stop(); }

void LoopbackServer::stop() {
  if (!thread_.joinable()) return;
  server_.stop();
  thread_.join();
}

std::string LoopbackServer::base_url() const {
  const bool tls = dynamic_cast<const httplib::SSLServer*>(&server_) != nullptr;
  return std::string(tls ? "https" : "http") + "://" + host_ + ":" + std::to_string(port_);
}

}  // namespace refundkit::sandbox
