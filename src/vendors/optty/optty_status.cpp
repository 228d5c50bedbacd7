#include "vendors/optty/optty_status.hpp"

#include <string>
#include <utility>

#include "internal/text.hpp"

namespace refundkit::vendors::optty {
namespace {

constexpr std::pair<std::string_view, RefundStatus> kStatuses[] = {
    {"SUCCESSFUL", RefundStatus::succeeded}, {"PENDING", RefundStatus::pending},
    {"INITIATED", RefundStatus::processing}, {"FAILED", RefundStatus::failed},
    {"DECLINED", RefundStatus::failed},      {"CANCELLED", RefundStatus::cancelled},
    {"CANCELED", RefundStatus::cancelled},   {"ERROR", RefundStatus::failed},
};

}  // namespace

RefundStatus map_status(std::string_view vendor_status) {
  const std::string upper = internal::ascii_upper(vendor_status);
  for (const auto& [name, status] : kStatuses) {
    if (upper == name) return status;
  }
  return RefundStatus::unknown;
}

}  // namespace refundkit::vendors::optty
