#include "refundkit/error.hpp"

namespace refundkit {
namespace {

constexpr ErrorKind kAllErrorKinds[] = {
    ErrorKind::invalid_request,
    ErrorKind::authentication,
    ErrorKind::not_found,
    ErrorKind::duplicate_reference,
    ErrorKind::amount_exceeds_refundable,
    ErrorKind::currency_mismatch,
    ErrorKind::not_refundable,
    ErrorKind::rate_limited,
    ErrorKind::vendor_unavailable,
    ErrorKind::network,
    ErrorKind::outcome_unknown,
    ErrorKind::protocol,
    ErrorKind::cancelled,
};

}  // namespace

std::string_view to_string(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::invalid_request:
      return "invalid_request";
    case ErrorKind::authentication:
      return "authentication";
    case ErrorKind::not_found:
      return "not_found";
    case ErrorKind::duplicate_reference:
      return "duplicate_reference";
    case ErrorKind::amount_exceeds_refundable:
      return "amount_exceeds_refundable";
    case ErrorKind::currency_mismatch:
      return "currency_mismatch";
    case ErrorKind::not_refundable:
      return "not_refundable";
    case ErrorKind::rate_limited:
      return "rate_limited";
    case ErrorKind::vendor_unavailable:
      return "vendor_unavailable";
    case ErrorKind::network:
      return "network";
    case ErrorKind::outcome_unknown:
      return "outcome_unknown";
    case ErrorKind::protocol:
      return "protocol";
    case ErrorKind::cancelled:
      return "cancelled";
  }
  // Only reachable with a value cast from outside the enumeration.
  return "unknown_error_kind";
}

std::optional<ErrorKind> error_kind_from_string(std::string_view text) noexcept {
  for (ErrorKind kind : kAllErrorKinds) {
    if (to_string(kind) == text) return kind;
  }
  return std::nullopt;
}

}  // namespace refundkit
