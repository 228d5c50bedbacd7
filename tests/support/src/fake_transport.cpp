#include "refundkit/test_support/fake_transport.hpp"

#include <gtest/gtest.h>

#include <utility>

namespace refundkit::test_support {

HttpResponse make_response(int status, std::string body, std::vector<HttpHeader> headers) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

HttpResponse make_json_response(int status, std::string body) {
  return make_response(status, std::move(body), {{"Content-Type", "application/json"}});
}

Error make_transport_error(ErrorKind kind, std::string message) {
  Error error;
  error.kind = kind;
  error.message = std::move(message);
  return error;
}

FakeTransport& FakeTransport::enqueue(Result<HttpResponse> reply) {
  std::lock_guard<std::mutex> lock(mutex_);
  replies_.push_back(std::move(reply));
  return *this;
}

FakeTransport& FakeTransport::respond(int status, std::string body,
                                      std::vector<HttpHeader> headers) {
  return enqueue(make_response(status, std::move(body), std::move(headers)));
}

FakeTransport& FakeTransport::respond_json(int status, std::string body) {
  return enqueue(make_json_response(status, std::move(body)));
}

FakeTransport& FakeTransport::fail(ErrorKind kind, std::string message) {
  return enqueue(make_transport_error(kind, std::move(message)));
}

FakeTransport& FakeTransport::set_handler(Handler handler) {
  std::lock_guard<std::mutex> lock(mutex_);
  handler_ = std::move(handler);
  return *this;
}

Result<HttpResponse> FakeTransport::send(const HttpRequest& request) {
  Handler handler;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back(request);
    if (!replies_.empty()) {
      Result<HttpResponse> reply = std::move(replies_.front());
      replies_.pop_front();
      return reply;
    }
    handler = handler_;
  }
  if (handler) return handler(request);
  ADD_FAILURE() << "FakeTransport: unexpected request " << to_string(request.method) << " "
                << request.url << " (no scripted reply left)";
  return make_transport_error(ErrorKind::protocol, "FakeTransport: no scripted reply");
}

std::vector<HttpRequest> FakeTransport::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

std::size_t FakeTransport::request_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_.size();
}

HttpRequest FakeTransport::last_request() const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (requests_.empty()) {
    ADD_FAILURE() << "FakeTransport: no request was sent";
    return HttpRequest{};
  }
  return requests_.back();
}

std::size_t FakeTransport::unused_replies() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return replies_.size();
}

}  // namespace refundkit::test_support
