#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace refundkit {

/// The one error taxonomy every adapter maps its vendor's failures onto.
/// The string forms (see to_string) are a stable contract used by the command-line tool.
enum class ErrorKind {
  invalid_request,      ///< Rejected before sending, or the vendor said the request is malformed.
  authentication,       ///< Credentials missing, wrong or expired.
  not_found,            ///< The order (or refund) does not exist at the vendor.
  duplicate_reference,  ///< The merchant reference was already used for another refund.
  amount_exceeds_refundable,  ///< More than the order's remaining refundable amount.
  currency_mismatch,          ///< The refund currency differs from the order's.
  not_refundable,      ///< The order is in a state that cannot be refunded (e.g. not invoiced).
  rate_limited,        ///< Too many requests; try again later.
  vendor_unavailable,  ///< The vendor said it could not process the request now; nothing was done.
  network,             ///< The request certainly did not reach the vendor (DNS, connect, TLS).
  outcome_unknown,     ///< The request may have reached the vendor; the refund may exist.
  protocol,            ///< The vendor answered something this SDK cannot interpret.
  cancelled,           ///< The batch was cancelled before this refund was sent; nothing was sent.
};

std::string_view to_string(ErrorKind kind) noexcept;
std::optional<ErrorKind> error_kind_from_string(std::string_view text) noexcept;

/// A failed operation. Keeps everything the vendor said, so nothing is lost in translation.
/// Never contains credentials.
///
/// Built in one expression where tests need one:
///   refundkit::Error{refundkit::ErrorKind::rate_limited, "slow down", 429}
struct Error {
  Error() = default;
  Error(ErrorKind error_kind, std::string error_message, int status = 0)
      : kind(error_kind), message(std::move(error_message)), http_status(status) {}

  ErrorKind kind = ErrorKind::protocol;
  std::string message;         ///< Human-readable, written by refundkit.
  int http_status = 0;         ///< 0 when no HTTP response was received.
  std::string vendor_code;     ///< The vendor's own error code, if it gave one.
  std::string vendor_message;  ///< The vendor's own error message, if it gave one.
  std::string raw_body;  ///< The vendor's response body, verbatim (possibly truncated at the cap).
  /// The vendor's Retry-After (seconds or an HTTP-date, as a duration from when it was read).
  std::optional<std::chrono::seconds> retry_after;
  /// The vendor's id of the request or of its error report (X-Request-Id, Skip Pay ticketId): what
  /// the vendor's support asks for.
  std::string request_id;
  /// The request field the vendor blamed (Riverty fieldReference, Skip Pay attribute), if any.
  std::string vendor_field;
  /// A text the vendor meant for the customer (Riverty customerFacingMessage): merchants may show
  /// it as it is.
  std::string customer_message;
  int attempts = 0;  ///< Requests of the refund sent by this call (0: refused before sending).

  /// True when the refund may have been executed despite the error: reconcile before retrying
  /// with a new reference.
  bool may_have_been_executed() const noexcept { return kind == ErrorKind::outcome_unknown; }
};

}  // namespace refundkit
