// How a merchant unit-tests its own refund code with refundkit::testing::MockRefundClient.
#include "refundkit/testing/mock_refund_client.hpp"

#include <gtest/gtest.h>

namespace {

using ::testing::Field;
using ::testing::Return;

refundkit::Error error_of(refundkit::ErrorKind kind, std::string message) {
  refundkit::Error error;
  error.kind = kind;
  error.message = std::move(message);
  return error;
}

// Merchant code under test: refunds a returned item and decides what to tell the customer.
std::string refund_returned_item(refundkit::RefundClient& client, const std::string& order,
                                 const std::string& rma) {
  refundkit::RefundRequest request;
  request.order_id = order;
  request.reference = rma;
  request.amount = *refundkit::Money::parse_positive("19.99", "EUR");
  auto refund = client.create_refund(request);
  if (refund) return "refunded";
  if (refund.error().may_have_been_executed()) return "check later";
  return "refused: " + std::string(refundkit::to_string(refund.error().kind));
}

TEST(MockRefundClient, DrivesMerchantCodeThroughEveryOutcome) {
  refundkit::testing::MockRefundClient client;
  refundkit::Refund created;
  created.status = refundkit::RefundStatus::pending;
  EXPECT_CALL(client, create_refund(Field(&refundkit::RefundRequest::reference, "rma-1")))
      .WillOnce(Return(created));
  EXPECT_CALL(client, create_refund(Field(&refundkit::RefundRequest::reference, "rma-2")))
      .WillOnce(Return(error_of(refundkit::ErrorKind::outcome_unknown, "timeout")));
  EXPECT_CALL(client, create_refund(Field(&refundkit::RefundRequest::reference, "rma-3")))
      .WillOnce(Return(error_of(refundkit::ErrorKind::amount_exceeds_refundable, "max")));

  EXPECT_EQ(refund_returned_item(client, "1001", "rma-1"), "refunded");
  EXPECT_EQ(refund_returned_item(client, "1001", "rma-2"), "check later");
  EXPECT_EQ(refund_returned_item(client, "1001", "rma-3"), "refused: amount_exceeds_refundable");
}

TEST(MockRefundClient, ReportsItsProvider) {
  refundkit::testing::MockRefundClient client;
  EXPECT_CALL(client, provider()).WillOnce(Return("komfortkasse"));
  EXPECT_EQ(client.provider(), "komfortkasse");
}

}  // namespace
