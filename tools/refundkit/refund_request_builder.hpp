#pragma once

#include "command_line.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/result.hpp"

namespace refundkit::cli {

/// The RefundRequest a `refundkit refund` command describes: amounts, dates, --item /
/// --items-file line items and --vat pairs read exactly. An invalid_request Error (nothing sent)
/// names the flag and what is wrong with its value.
Result<RefundRequest> build_refund_request(const RefundCommand& command);

/// One line item from the JSON object of --item / --items-file: {"product_id", "description",
/// "quantity", "gross_unit_price", "net_unit_price", "vat_percent", "vat_amount", "type"}, amounts
/// as decimal strings in `currency`, quantity a decimal string or an integer (default 1), type
/// one of physical_article, digital_article, gift_card, discount, shipping_fee, surcharge, info,
/// subscription (default: unspecified). `where` prefixes messages ("--item 2").
Result<LineItem> parse_line_item(std::string_view json, std::string_view currency,
                                 const std::string& where);

/// "RATE=AMOUNT" of --vat: a percentage ("21", "12.5") and a decimal amount in `currency`.
Result<VatAmount> parse_vat_pair(std::string_view text, std::string_view currency);

}  // namespace refundkit::cli
