#pragma once

#include <gmock/gmock.h>

#include "refundkit/refund_client.hpp"

namespace refundkit::testing {

/// A GoogleMock RefundClient, so merchant code can be unit-tested without a network.
/// Link refundkit::testing.
class MockRefundClient : public RefundClient {
 public:
  MOCK_METHOD(std::string_view, provider, (), (const, noexcept, override));
  MOCK_METHOD(Result<Refund>, create_refund, (const RefundRequest& request), (override));
  MOCK_METHOD(Result<Refund>, find_refund, (std::string_view order_id, std::string_view reference),
              (override));
};

}  // namespace refundkit::testing
