#include "vendors/komfortkasse/komfortkasse_status.hpp"

#include <string>
#include <utility>

#include "internal/text.hpp"

namespace refundkit::vendors::komfortkasse {
namespace {

constexpr std::pair<std::string_view, RefundStatus> kStatuses[] = {
    {"NEW", RefundStatus::pending},
    {"PLANNED", RefundStatus::pending},
    {"BANKDETAILS_MISSING", RefundStatus::awaiting_customer},
    {"IN_PROCESS", RefundStatus::processing},
    {"PROCESSED", RefundStatus::succeeded},
    {"RETURNED", RefundStatus::reversed},
    {"ERROR", RefundStatus::failed},
    {"CANCELLED", RefundStatus::cancelled},
    {"LEGACY", RefundStatus::cancelled},
};

}  // namespace

RefundStatus map_status(std::string_view vendor_status) {
  const std::string upper = internal::ascii_upper(vendor_status);
  for (const auto& [name, status] : kStatuses) {
    if (upper == name) return status;
  }
  return RefundStatus::unknown;
}

}  // namespace refundkit::vendors::komfortkasse
