#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "refundkit/error.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::vendors::afterpay {

/// One entry of Riverty's error body (identifiers sent as numbers are read as their text).
struct ResponseMessage {
  std::string type;  ///< BusinessError, TechnicalError, NotificationMessage, ...
  std::string code;  ///< e.g. "400.005"
  std::string message;
  std::string customer_facing_message;
  std::string action_code;  ///< e.g. Unavailable, AskConsumerToReEnterData
  std::string field_reference;
};

/// The messages of an error body: the documented array of ResponseMessage, or a single such
/// object (what some gateways and newer endpoints send). Elements that are not objects are
/// skipped; an object with none of the six fields is no message. Empty for an empty, non-JSON,
/// HTML or oversized body.
std::vector<ResponseMessage> read_response_messages(std::string_view body);

/// Refines a 400/422 by its first message (case-insensitive whole words of its message and of
/// its code, split where the code is CamelCase or has '_', '-' or '.'):
///   refund/amount/total + exceeds/greater than/more than/higher than/too high/above +
///     captured/capture/remaining/refundable/available/authorized, and none of
///     format/decimals/precision                                  -> amount_exceeds_refundable
///   idempotency (X-Idempotency-Key) + another/different/other request or body, already used,
///     reused, mismatch, and none of invalid/format/characters/length/too long/missing/required
///                                                                -> duplicate_reference
///   otherwise                                                    -> invalid_request
/// The second rule is the reference (whose key it is) already naming another refund: Riverty
/// refuses a key it knows with a different body.
ErrorKind classify_rejection(const ResponseMessage& first);

/// Maps a non-2xx answer: the generic table (internal::error_kind_for_http_status), refined for
/// 400/422 by classify_rejection of the first message. From the first message: vendor_code
/// (code), vendor_message (message), customer_message (customerFacingMessage, verbatim: merchants
/// show it), vendor_field (fieldReference). Error::message names every message. raw_body is kept
/// verbatim; a body without messages leaves the vendor fields empty.
Error map_error_response(const HttpResponse& response);

}  // namespace refundkit::vendors::afterpay
