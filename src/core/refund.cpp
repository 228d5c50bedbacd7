#include "refundkit/refund.hpp"

namespace refundkit {
namespace {

constexpr RefundStatus kAllRefundStatuses[] = {
    RefundStatus::pending,    RefundStatus::awaiting_customer,
    RefundStatus::processing, RefundStatus::succeeded,
    RefundStatus::failed,     RefundStatus::cancelled,
    RefundStatus::reversed,   RefundStatus::unknown,
};

}  // namespace

std::string_view to_string(RefundStatus status) noexcept {
  switch (status) {
    case RefundStatus::pending:
      return "pending";
    case RefundStatus::awaiting_customer:
      return "awaiting_customer";
    case RefundStatus::processing:
      return "processing";
    case RefundStatus::succeeded:
      return "succeeded";
    case RefundStatus::failed:
      return "failed";
    case RefundStatus::cancelled:
      return "cancelled";
    case RefundStatus::reversed:
      return "reversed";
    case RefundStatus::unknown:
      return "unknown";
  }
  // Only reachable with a value cast from outside the enumeration.
  return "unknown";
}

std::optional<RefundStatus> refund_status_from_string(std::string_view text) noexcept {
  for (RefundStatus status : kAllRefundStatuses) {
    if (to_string(status) == text) return status;
  }
  return std::nullopt;
}

}  // namespace refundkit
