#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "refundkit/sandbox/sandbox.hpp"
#include "state_store.hpp"

namespace refundkit::sandbox::detail::afterpay {

/// Riverty's numbering: 9 digits, zero-padded ("000000002").
std::string padded_number(std::uint64_t number);

/// The next refund number of an order: one past its highest numeric capture or refund number,
/// so the first refund of a capture "000000001" is "000000002" (the page's example).
std::uint64_t next_refund_number(const StoredOrder& order,
                                 const std::vector<const SandboxRefund*>& refunds);

/// A refund's refundId: a GUID unique for the sandbox's life (its trailing 12 hex digits are
/// `serial`, which never repeats).
std::string refund_guid(std::uint64_t serial);
/// An order's reservationId: a GUID derived from its order number (stable, no state).
std::string reservation_guid(std::string_view order_number);

/// "2030-06-15T10:20:30Z" (UTC, whole seconds).
std::string utc_timestamp(std::chrono::system_clock::time_point instant);

}  // namespace refundkit::sandbox::detail::afterpay
