#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>

#include "refundkit/error.hpp"
#include "refundkit/refund.hpp"

namespace refundkit {
namespace {

// The string forms are a stable contract of the command-line tool: spelled out here on purpose.
const std::pair<ErrorKind, const char*> kErrorKinds[] = {
    {ErrorKind::invalid_request, "invalid_request"},
    {ErrorKind::authentication, "authentication"},
    {ErrorKind::not_found, "not_found"},
    {ErrorKind::duplicate_reference, "duplicate_reference"},
    {ErrorKind::amount_exceeds_refundable, "amount_exceeds_refundable"},
    {ErrorKind::currency_mismatch, "currency_mismatch"},
    {ErrorKind::not_refundable, "not_refundable"},
    {ErrorKind::rate_limited, "rate_limited"},
    {ErrorKind::vendor_unavailable, "vendor_unavailable"},
    {ErrorKind::network, "network"},
    {ErrorKind::outcome_unknown, "outcome_unknown"},
    {ErrorKind::protocol, "protocol"},
    {ErrorKind::cancelled, "cancelled"},
};

const std::pair<RefundStatus, const char*> kRefundStatuses[] = {
    {RefundStatus::pending, "pending"},
    {RefundStatus::awaiting_customer, "awaiting_customer"},
    {RefundStatus::processing, "processing"},
    {RefundStatus::succeeded, "succeeded"},
    {RefundStatus::failed, "failed"},
    {RefundStatus::cancelled, "cancelled"},
    {RefundStatus::reversed, "reversed"},
    {RefundStatus::unknown, "unknown"},
};

TEST(ErrorKindStrings, EveryEnumeratorRoundTrips) {
  std::set<std::string> seen;
  for (const auto& [kind, name] : kErrorKinds) {
    EXPECT_EQ(to_string(kind), name);
    EXPECT_EQ(error_kind_from_string(name), kind) << name;
    EXPECT_TRUE(seen.insert(name).second) << name;
  }
  // The last enumerator's index + 1 is the count: catches an enumerator added without a test.
  EXPECT_EQ(static_cast<int>(ErrorKind::cancelled) + 1, static_cast<int>(std::size(kErrorKinds)));
}

TEST(ErrorKindStrings, RejectsOtherText) {
  for (const char* text : {"", "Invalid_Request", "INVALID_REQUEST", "invalid-request", " network",
                           "network ", "unknown", "outcome"}) {
    EXPECT_FALSE(error_kind_from_string(text).has_value()) << text;
  }
}

TEST(RefundStatusStrings, EveryEnumeratorRoundTrips) {
  std::set<std::string> seen;
  for (const auto& [status, name] : kRefundStatuses) {
    EXPECT_EQ(to_string(status), name);
    EXPECT_EQ(refund_status_from_string(name), status) << name;
    EXPECT_TRUE(seen.insert(name).second) << name;
  }
  EXPECT_EQ(static_cast<int>(RefundStatus::unknown) + 1,
            static_cast<int>(std::size(kRefundStatuses)));
}

TEST(RefundStatusStrings, RejectsOtherText) {
  for (const char* text : {"", "Pending", "SUCCEEDED", "success", "canceled", "pending "}) {
    EXPECT_FALSE(refund_status_from_string(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace refundkit
