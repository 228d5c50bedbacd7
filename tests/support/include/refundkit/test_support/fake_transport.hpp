#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "refundkit/transport.hpp"

namespace refundkit::test_support {

HttpResponse make_response(int status, std::string body, std::vector<HttpHeader> headers = {});
/// With Content-Type: application/json.
HttpResponse make_json_response(int status, std::string body);
/// What a transport returns when no response was read (ErrorKind::network / outcome_unknown).
Error make_transport_error(ErrorKind kind, std::string message);

/// A Transport for adapter tests: answers from a script, records every request, never touches
/// the network. Thread-safe.
///
///   auto transport = std::make_shared<FakeTransport>();
///   transport->respond_json(200, R"({"status":"NEW"})");
///   auto client = make_komfortkasse_client(options, transport);
///   ... client->create_refund(request) ...
///   EXPECT_EQ(transport->request_count(), 1u);
///   EXPECT_EQ(transport->last_request().body, "...");
///
/// Each send() takes the next queued reply; once the queue is empty it asks the handler (if one
/// is set); with neither, the test fails (ADD_FAILURE) and send() returns a protocol Error.
class FakeTransport final : public Transport {
 public:
  using Handler = std::function<Result<HttpResponse>(const HttpRequest&)>;

  FakeTransport& enqueue(Result<HttpResponse> reply);
  FakeTransport& respond(int status, std::string body, std::vector<HttpHeader> headers = {});
  FakeTransport& respond_json(int status, std::string body);
  FakeTransport& fail(ErrorKind kind, std::string message);
  /// Answers every request once the queue is empty (e.g. to echo the request body).
  FakeTransport& set_handler(Handler handler);

  Result<HttpResponse> send(const HttpRequest& request) override;

  std::vector<HttpRequest> requests() const;
  std::size_t request_count() const;
  /// The most recent request; fails the test (and returns an empty request) if there was none.
  HttpRequest last_request() const;
  /// Queued replies nobody asked for: usually a sign the code under test sent too little.
  std::size_t unused_replies() const;

 private:
  mutable std::mutex mutex_;
  std::deque<Result<HttpResponse>> replies_;
  Handler handler_;
  std::vector<HttpRequest> requests_;
};

}  // namespace refundkit::test_support
