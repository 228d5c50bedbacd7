// The shared test double itself: replies in order, records everything, complains when unscripted.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include "refundkit/test_support/fake_transport.hpp"

namespace refundkit::test_support {
namespace {

HttpRequest post(std::string url) {
  HttpRequest request;
  request.method = HttpMethod::post;
  request.url = std::move(url);
  return request;
}

TEST(FakeTransport, RepliesInOrderThenFromTheHandler) {
  FakeTransport transport;
  transport.respond(201, "a").fail(ErrorKind::network, "down");
  transport.set_handler([](const HttpRequest& request) -> Result<HttpResponse> {
    return make_response(200, "echo " + request.url);
  });

  const Result<HttpResponse> first = transport.send(post("u1"));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->status, 201);
  EXPECT_EQ(first->body, "a");
  const Result<HttpResponse> second = transport.send(post("u2"));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().kind, ErrorKind::network);
  EXPECT_EQ(transport.send(post("u3"))->body, "echo u3");

  ASSERT_EQ(transport.request_count(), 3u);
  EXPECT_EQ(transport.requests()[1].url, "u2");
  EXPECT_EQ(transport.last_request().url, "u3");
  EXPECT_EQ(transport.unused_replies(), 0u);
}

TEST(FakeTransport, JsonResponsesCarryTheirContentType) {
  const HttpResponse response = make_json_response(200, "{}");
  EXPECT_EQ(response.header("content-type"), "application/json");
}

TEST(FakeTransport, UnscriptedRequestFailsTheTest) {
  FakeTransport transport;
  EXPECT_NONFATAL_FAILURE(
      {
        const Result<HttpResponse> reply = transport.send(post("u"));
        EXPECT_FALSE(reply.ok());
      },
      "no scripted reply left");
  FakeTransport unused;
  EXPECT_NONFATAL_FAILURE(unused.last_request(), "no request was sent");
}

}  // namespace
}  // namespace refundkit::test_support
