#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refundkit/date.hpp"
#include "refundkit/decimal.hpp"
#include "refundkit/money.hpp"

namespace refundkit {

/// The common status set. String forms (to_string) are a stable contract of the command-line tool.
enum class RefundStatus {
  pending,            ///< Accepted, waiting to be executed (e.g. planned for a later date).
  awaiting_customer,  ///< Waiting for the customer (e.g. bank details).
  processing,         ///< Being executed.
  succeeded,          ///< Money sent back to the customer.
  failed,             ///< The vendor gave up; no money moved.
  cancelled,          ///< Cancelled before execution; no money moved.
  reversed,           ///< Executed, then returned (e.g. the transfer bounced).
  unknown,            ///< A vendor status this SDK does not know; see Refund::vendor_status.
};

std::string_view to_string(RefundStatus status) noexcept;
std::optional<RefundStatus> refund_status_from_string(std::string_view text) noexcept;

/// Why money goes back: vendors that distinguish it (Riverty refundType) need to know.
enum class RefundKind {
  unspecified,
  goodwill,        ///< A price adjustment or courtesy refund; nothing came back.
  returned_goods,  ///< The customer returned goods.
};

enum class LineItemType {
  unspecified,
  physical_article,
  digital_article,
  gift_card,
  discount,
  shipping_fee,
  surcharge,
  info,
  subscription,
};

/// One refunded line (Riverty needs them for partial refunds).
struct LineItem {
  std::string product_id;
  std::string description;
  Decimal quantity = Decimal::whole(1);
  Money gross_unit_price;  ///< Negative for a fee kept back (e.g. a return fee).
  Money net_unit_price;
  Decimal vat_percent;  ///< e.g. Decimal(1900, 2) for 19.00 %.
  Money vat_amount;     ///< VAT per unit.
  LineItemType type = LineItemType::unspecified;
};

/// VAT contained in the refund at one rate (Skip Pay totalVat).
struct VatAmount {
  Decimal rate_percent;
  Money amount;
};

/// One refund, in vendor-neutral terms. Each adapter maps what its vendor needs and validates
/// before anything is sent.
struct RefundRequest {
  /// The vendor's identifier of the order: Komfortkasse order number, Optty order reference,
  /// Riverty order number, Skip Pay application id.
  std::string order_id;
  /// The merchant's own reference for this refund, unique per refund. Reusing it for a retry is
  /// what makes a retry safe: the vendor rejects (or replays) a second refund with it.
  std::string reference;
  /// Amount to refund, > 0.
  Money amount;
  /// Free text for the vendor and the customer.
  std::string reason;

  // Optional fields: each adapter documents which it uses.
  std::optional<Date> planned_date;      ///< Komfortkasse: when to send the transfer (future).
  std::string capture_number;            ///< Riverty: the capture refunded (partial refunds).
  std::vector<LineItem> line_items;      ///< Riverty: refunded lines (partial refunds).
  std::vector<VatAmount> vat_breakdown;  ///< Skip Pay: VAT per rate.
  RefundKind kind = RefundKind::unspecified;
  std::string variable_symbol;  ///< Skip Pay: digits only, at most 10.
  /// Riverty: the merchant's credit note number (at most 19 characters). A document number,
  /// like reason: vendors without a field for it drop it.
  std::string credit_note_number;
};

/// A refund as the vendor reported it.
struct Refund {
  std::string provider;                ///< "komfortkasse", "optty", "afterpay", "skippay".
  std::string id;                      ///< The vendor's id of the refund ("" if it gave none).
  std::vector<std::string> other_ids;  ///< Further ids (Riverty may give several refund numbers).
  std::string vendor_reference;  ///< The vendor's own reference (e.g. Komfortkasse "KKBT...").
  std::string order_id;
  std::string reference;  ///< The merchant's reference, as sent.
  RefundStatus status = RefundStatus::unknown;
  std::string vendor_status;  ///< The vendor's status string, verbatim.
  Money amount;
  std::optional<Date> planned_date;
  std::optional<Date> executed_date;
  int http_status = 0;
  std::string raw_body;  ///< The vendor's response body, verbatim.
  /// create_refund found this refund already made (by an earlier call, or by an attempt of this
  /// one whose answer was lost) when it read back by reference: nothing new was made, and the
  /// refund asked for exists. raw_body is then the read-back answer.
  bool already_existed = false;
  int attempts = 0;  ///< Requests of the refund sent by this call (create_refund).
};

}  // namespace refundkit
