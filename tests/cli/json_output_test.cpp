#include "json_output.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace refundkit::cli {
namespace {

Refund sample_refund(std::string raw_body) {
  Refund refund;
  refund.provider = "komfortkasse";
  refund.id = "KK-R-1";
  refund.order_id = "KK-1001";
  refund.reference = "r-1";
  refund.status = RefundStatus::pending;
  refund.vendor_status = "NEW";
  refund.amount = *Money::parse("12.30", "EUR");
  refund.raw_body = std::move(raw_body);
  return refund;
}

TEST(JsonOutput, RefundHasTheDocumentedFields) {
  const auto text = refund_json(sample_refund(R"({"amount": 12.30, "status": "NEW"})"));
  const auto document = nlohmann::json::parse(text);
  EXPECT_EQ(document["provider"], "komfortkasse");
  EXPECT_EQ(document["order"], "KK-1001");
  EXPECT_EQ(document["reference"], "r-1");
  EXPECT_EQ(document["id"], "KK-R-1");
  EXPECT_EQ(document["status"], "pending");
  EXPECT_EQ(document["vendor_status"], "NEW");
  EXPECT_EQ(document["amount"], "12.30");
  EXPECT_EQ(document["currency"], "EUR");
  EXPECT_EQ(document["vendor_response"]["status"], "NEW");
}

TEST(JsonOutput, VendorResponseKeepsNumbersVerbatim) {
  const auto text = refund_json(sample_refund(R"({"amount": 12.30})"));
  EXPECT_NE(text.find("12.30}"), std::string::npos) << text;
}

TEST(JsonOutput, NonJsonVendorResponseBecomesAString) {
  const auto document = nlohmann::json::parse(refund_json(sample_refund("<html>oops</html>")));
  EXPECT_EQ(document["vendor_response"], "<html>oops</html>");
  EXPECT_TRUE(nlohmann::json::parse(refund_json(sample_refund("")))["vendor_response"].is_null());
}

TEST(JsonOutput, BodiesThatAreNotStrictJsonAreQuotedNotSpliced) {
  const std::string smuggled("{\"a\":1}\0,\"status\":\"succeeded\"", 29);
  const auto text = refund_json(sample_refund(smuggled));
  ASSERT_TRUE(nlohmann::json::accept(text)) << text;
  const auto document = nlohmann::json::parse(text);
  EXPECT_EQ(document["vendor_response"], smuggled);
  EXPECT_EQ(document["status"], "pending");
  EXPECT_EQ(
      nlohmann::json::parse(refund_json(sample_refund(R"({"a":1,"a":2})")))["vendor_response"],
      R"({"a":1,"a":2})");
}

TEST(JsonOutput, ErrorHasTheDocumentedFields) {
  Error error{ErrorKind::duplicate_reference, "already used", 400};
  error.vendor_message = "externalReference exists";
  error.raw_body = R"({"error":"externalReference exists"})";
  const auto document = nlohmann::json::parse(error_json(error));
  const auto& details = document.at("error");
  EXPECT_EQ(details["kind"], "duplicate_reference");
  EXPECT_EQ(details["message"], "already used");
  EXPECT_EQ(details["http_status"], 400);
  EXPECT_TRUE(details["vendor_code"].is_null());
  EXPECT_EQ(details["vendor_message"], "externalReference exists");
  EXPECT_EQ(details["vendor_response"]["error"], "externalReference exists");
}

TEST(JsonOutput, ErrorWithoutResponseHasNulls) {
  Error error;
  error.kind = ErrorKind::network;
  error.message = "refused";
  const auto document = nlohmann::json::parse(error_json(error));
  const auto& details = document.at("error");
  EXPECT_TRUE(details["http_status"].is_null());
  EXPECT_TRUE(details["vendor_message"].is_null());
  EXPECT_TRUE(details["vendor_response"].is_null());
}

TEST(JsonOutput, InvalidUtf8NeverBreaksTheOutput) {
  Error error;
  error.message = "bad \xff byte";
  EXPECT_TRUE(nlohmann::json::accept(error_json(error)));
}

}  // namespace
}  // namespace refundkit::cli
