// Money safety when a connection misbehaves after the request left: libcurl's silent re-send on a
// fresh connection (only for idempotent requests), and failures whose curl code looks like "not
// sent" although the server got the request.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "refundkit/curl_transport.hpp"
#include "refundkit/test_support/loopback.hpp"
#include "refundkit/test_support/raw_http_server.hpp"

namespace refundkit {
namespace {

using test_support::loopback_options;
using test_support::RawConnection;
using test_support::RawHttpServer;
using ::testing::HasSubstr;
using ::testing::Not;

HttpRequest refund_post(const std::string& base_url, bool idempotent) {
  HttpRequest request;
  request.method = HttpMethod::post;
  request.url = base_url + "/refunds";
  request.headers = {{"Content-Type", "application/json"}};
  request.body = "{\"order\":\"1001\",\"amount\":\"5.00\"}";
  request.idempotent = idempotent;
  return request;
}

// Connection 0 answers its first request with keep-alive, then reads the second one completely
// and drops the connection without a word: the server has the request, the client has nothing.
// Later connections answer normally.
void drop_the_second_request(int index, RawConnection& connection) {
  if (index == 0) {
    if (connection.read_request().empty()) return;
    connection.write(RawHttpServer::kOk);
    (void)connection.read_request();
    return;
  }
  if (!connection.read_request().empty()) connection.write(RawHttpServer::kOk);
}

TEST(CurlTransportRetryTest, ANonIdempotentPostIsNotResentWhenItsReusedConnectionDies) {
  RawHttpServer server(drop_the_second_request);
  const auto transport = make_curl_transport(loopback_options());

  const Result<HttpResponse> first = transport->send(refund_post(server.base_url(), false));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->body, "ok");

  const Result<HttpResponse> second = transport->send(refund_post(server.base_url(), false));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().kind, ErrorKind::outcome_unknown);
  EXPECT_TRUE(second.error().may_have_been_executed());
  EXPECT_THAT(second.error().message, HasSubstr("may have been processed"));
  EXPECT_THAT(second.error().message, HasSubstr("not idempotent"));
  EXPECT_EQ(server.posts(), 2);  // delivered once each, never twice
}

TEST(CurlTransportRetryTest, AnIdempotentPostIsResentOnAFreshConnection) {
  RawHttpServer server(drop_the_second_request);
  const auto transport = make_curl_transport(loopback_options());

  ASSERT_TRUE(transport->send(refund_post(server.base_url(), true)).ok());
  const Result<HttpResponse> second = transport->send(refund_post(server.base_url(), true));
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->status, 200);
  EXPECT_EQ(second->body, "ok");
  EXPECT_EQ(server.posts(), 3);  // the second request twice: the server deduplicates it
  EXPECT_EQ(server.connections(), 2);
}

TEST(CurlTransportRetryTest, ARefusedRetryOfARequestThatLeftIsOutcomeUnknown) {
  // As above, but the server also stops listening: libcurl's re-send cannot connect, and
  // "could not connect" must not be read as "not sent".
  RawHttpServer* self = nullptr;
  RawHttpServer server([&self](int index, RawConnection& connection) {
    if (index != 0 || connection.read_request().empty()) return;
    connection.write(RawHttpServer::kOk);
    (void)connection.read_request();
    self->close_listener();
  });
  self = &server;
  const auto transport = make_curl_transport(loopback_options());

  ASSERT_TRUE(transport->send(refund_post(server.base_url(), true)).ok());
  const Result<HttpResponse> second = transport->send(refund_post(server.base_url(), true));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().kind, ErrorKind::outcome_unknown);
  EXPECT_THAT(second.error().message, HasSubstr("may have been processed"));
  EXPECT_THAT(second.error().message, Not(HasSubstr("not sent")));
  EXPECT_EQ(server.posts(), 2);
}

TEST(CurlTransportRetryTest, AGarbageAnswerIsOutcomeUnknown) {
  // The server read the refund, so it may have made it, then answered something that is not
  // HTTP (libcurl: "Received HTTP/0.9 when not allowed", CURLE_UNSUPPORTED_PROTOCOL).
  RawHttpServer server([](int, RawConnection& connection) {
    if (!connection.read_request().empty()) connection.write("garbage\r\n");
  });
  const auto transport = make_curl_transport(loopback_options());

  const Result<HttpResponse> response = transport->send(refund_post(server.base_url(), false));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, ErrorKind::outcome_unknown);
  EXPECT_TRUE(response.error().may_have_been_executed());
  EXPECT_THAT(response.error().message, HasSubstr("may have been processed"));
  EXPECT_THAT(response.error().message, Not(HasSubstr("not sent")));
  EXPECT_EQ(server.posts(), 1);
}

}  // namespace
}  // namespace refundkit
