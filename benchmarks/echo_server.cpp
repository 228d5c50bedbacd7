#include "echo_server.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <string_view>
#include <utility>

#include "bench_text.hpp"

namespace refundkit::bench {
namespace {

// Fresh connections that may wait to be accepted: Debian's libcpp-httplib listens with 5, and a
// batch opening 16 at once would lose SYNs and wait a second for each retry.
constexpr int kListenBacklog = 256;

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

CapturedRequest capture(const httplib::Request& request) {
  CapturedRequest captured{request.method, request.path, {}, request.body};
  for (const auto& [name, value] : request.headers) {
    const std::string key = lower(name);
    if (key == "remote_addr" || key == "remote_port" || key == "local_addr" ||
        key == "local_port") {
      continue;
    }
    captured.headers.emplace_back(name, value);
  }
  // Names keep the client's spelling, so that a difference in case shows; order by the lowered.
  std::sort(captured.headers.begin(), captured.headers.end(), [](const auto& a, const auto& b) {
    return std::make_pair(lower(a.first), a.second) < std::make_pair(lower(b.first), b.second);
  });
  return captured;
}

}  // namespace

class EchoServer::Server : public httplib::Server {
 public:
  // Linux lets a listening socket be given a new backlog: cpp-httplib's is compiled in.
  void widen_listen_backlog(int backlog) {
    if (svr_sock_ != INVALID_SOCKET) ::listen(svr_sock_, backlog);
  }
};

EchoServer::EchoServer() : server_(std::make_unique<Server>()) {
  // One catch-all pattern, the path checked by hand: cpp-httplib matches every pattern with
  // std::regex, and a match against ".*" is the cheapest it has. (A pre-routing handler would
  // avoid the regex, but runs before the body is read.)
  server_->Post(".*", [this](const httplib::Request& request, httplib::Response& response) {
    answer(request, response);
  });
  loopback_ = std::make_unique<sandbox::LoopbackServer>(*server_);
  server_->widen_listen_backlog(kListenBacklog);
}

// Stopped here, not by the member's destructor: the handler uses members destroyed before it.
EchoServer::~EchoServer() { loopback_->stop(); }

void EchoServer::answer(const httplib::Request& request, httplib::Response& response) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    client_ports_.insert(request.remote_port);
    if (capture_armed_.exchange(false)) captured_ = capture(request);
  }
  if (request.method != "POST" || !ends_with(request.path, "/refund")) {
    response.status = 404;
    return;
  }
  const std::string_view body = request.body;
  const std::string_view reference = token_after(body, kReferenceKey);
  const std::string_view amount = token_after(body, "\"amount\":");
  const std::string_view currency = token_after(body, "\"currency\":");
  const std::string_view planned = token_after(body, "\"plannedDate\":");
  if (reference.empty() || amount.empty() || currency.empty() || planned.empty()) {
    response.status = 400;
    response.set_content(R"({"message":"Invalid request"})", "application/json");
    return;
  }
  std::string answer;
  answer.reserve(256);
  answer.append("{\"externalReference\":").append(reference);
  answer.append(",\"amount\":").append(amount);
  answer.append(",\"currency\":").append(currency);
  answer.append(",\"plannedDate\":").append(planned);
  answer.append(
      R"(,"id":"KK-R-000001","executionDate":null,"referenceNumber":"KKBT00000001","status":"NEW"})");
  response.set_content(answer, "application/json");
}

void EchoServer::reset_counts() {
  std::lock_guard<std::mutex> lock(mutex_);
  client_ports_.clear();
}

std::size_t EchoServer::connections() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return client_ports_.size();
}

void EchoServer::capture_next() {
  std::lock_guard<std::mutex> lock(mutex_);
  captured_.reset();
  capture_armed_ = true;
}

std::optional<CapturedRequest> EchoServer::captured() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return captured_;
}

}  // namespace refundkit::bench
