// HTTPS against a server whose certificate is issued at test time by a private CA: untrusted by
// default, trusted once the CA is configured.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>

#include "refundkit/curl_transport.hpp"
#include "refundkit/sandbox/loopback_server.hpp"
#include "test_pki.hpp"
#include "test_support.hpp"

namespace refundkit {
namespace {

using ::testing::HasSubstr;

class CurlTransportTlsTest : public ::testing::Test {
 protected:
  CurlTransportTlsTest()
      : server_(pki_.server_cert_path().c_str(), pki_.server_key_path().c_str()) {
    server_.Post("/refunds", [](const httplib::Request& req, httplib::Response& res) {
      res.status = 201;
      res.set_content("created " + req.body, "application/json");
    });
    loopback_ = std::make_unique<sandbox::LoopbackServer>(server_);
  }

  std::string url(const std::string& host) const {
    return "https://" + host + ":" + std::to_string(loopback_->port()) + "/refunds";
  }

  static CurlTransportOptions https_options() {
    CurlTransportOptions options;  // defaults: https only, system trust store
    options.connect_timeout = std::chrono::seconds(2);
    options.request_timeout = std::chrono::seconds(5);
    return options;
  }

  testing_support::TestPki pki_;
  httplib::SSLServer server_;
  std::unique_ptr<sandbox::LoopbackServer> loopback_;
};

TEST_F(CurlTransportTlsTest, UntrustedCertificateIsANetworkError) {
  ASSERT_TRUE(server_.is_valid());
  const auto transport = make_curl_transport(https_options());
  const Result<HttpResponse> response =
      transport->send({HttpMethod::post, url("127.0.0.1"), {}, "{}"});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, ErrorKind::network);
  EXPECT_FALSE(response.error().may_have_been_executed());
  EXPECT_THAT(response.error().message, HasSubstr("TLS certificate verification failed"));
  EXPECT_THAT(response.error().message, HasSubstr("the request was not sent"));
}

TEST_F(CurlTransportTlsTest, TrustedThroughCaFile) {
  ASSERT_TRUE(server_.is_valid());
  CurlTransportOptions options = https_options();
  options.ca_file = pki_.ca_cert_path();
  const auto transport = make_curl_transport(options);
  for (const char* host : {"127.0.0.1", "localhost"}) {
    const Result<HttpResponse> response = transport->send({HttpMethod::post, url(host), {}, "{}"});
    ASSERT_TRUE(response.ok()) << host << ": " << response.error().message;
    EXPECT_EQ(response->status, 201);
    EXPECT_EQ(response->body, "created {}");
  }
}

TEST_F(CurlTransportTlsTest, ABadCaFileIsANetworkError) {
  CurlTransportOptions options = https_options();
  options.ca_file = "/nonexistent/refundkit-ca.pem";
  const auto transport = make_curl_transport(options);
  const Result<HttpResponse> response =
      transport->send({HttpMethod::post, url("127.0.0.1"), {}, "{}"});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().kind, ErrorKind::network);
  EXPECT_THAT(response.error().message, HasSubstr("the request was not sent"));
}

}  // namespace
}  // namespace refundkit
