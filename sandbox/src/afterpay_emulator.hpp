#pragma once

#include <map>
#include <string>

#include "afterpay_messages.hpp"
#include "afterpay_read.hpp"
#include "afterpay_request.hpp"
#include "refundkit/sandbox/sandbox.hpp"
#include "state_store.hpp"
#include "vendor_emulator.hpp"

namespace refundkit::sandbox::detail {

inline constexpr const char* kAfterPayProvider = "afterpay";

/// AfterPay / Riverty Checkout API v3 (vendor-docs/002): refunds against captures, idempotent
/// replay, the order read. Enforces the X-Auth-Key, the RefundOrderRequest's fields, the
/// supported currencies and each capture's remaining amount; answers every error with an array
/// of ResponseMessage.
class AfterPayEmulator : public VendorEmulator {
 public:
  AfterPayEmulator(StateStore& store, const SandboxOptions& options, SandboxClock now);

  std::string_view provider() const override { return kAfterPayProvider; }
  std::string_view path_prefix() const override { return "/afterpay"; }
  void register_routes(Router& router) override;
  /// Forgets the idempotency keys and the refunds' details.
  void reset() override;

 private:
  /// The first answer given under an idempotency key, and what it answered.
  struct KeyedAnswer {
    std::string request_fingerprint;  // order number and body bytes
    afterpay::Answer answer;
  };

  bool authorized(const httplib::Request& request) const;
  void create_refund(const httplib::Request& request, httplib::Response& response,
                     const std::string& order_number);
  /// The rules and the record, under the state's lock.
  afterpay::Answer process_refund(SandboxState& state, const std::string& order_number,
                                  const afterpay::RefundOrderRequest& request);
  /// `refund_number` empty: all of the order's refunds.
  void read(const httplib::Request& request, httplib::Response& response,
            const std::string& order_number, bool whole_order, const std::string& refund_number);

  StateStore& store_;
  const SandboxOptions& options_;
  SandboxClock now_;
  // Guarded by the store's mutex (touched only inside store_.with_state()), so that a refund
  // and its details and key are recorded in one step.
  afterpay::RefundDetailsById details_;
  std::map<std::string, KeyedAnswer> answers_by_key_;  // one account: one API key
};

}  // namespace refundkit::sandbox::detail
