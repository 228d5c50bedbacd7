#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <string_view>

#include "optty_tokens.hpp"
#include "refundkit/sandbox/sandbox.hpp"
#include "state_store.hpp"
#include "vendor_emulator.hpp"

namespace refundkit::sandbox::detail {

inline constexpr const char* kOpttyProvider = "optty";

/// Optty Merchant API 1.0 (vendor-docs/001): the client-credentials token endpoint, create a
/// refund, read an order's status and its details (with refunds). Enforces bearer tokens that
/// expire by the sandbox's clock, a refundReference unique per merchant, the order's currency
/// and its refundable remainder, and answers in NestJS's {statusCode, message[, error]} shapes
/// with the vendor's documented texts.
class OpttyEmulator : public VendorEmulator {
 public:
  OpttyEmulator(StateStore& store, const SandboxOptions& options, SandboxClock now);

  std::string_view provider() const override { return kOpttyProvider; }
  std::string_view path_prefix() const override { return "/optty"; }
  void register_routes(Router& router) override;
  /// Forgets every issued token (and what it kept of refunds the reset removed).
  void reset() override;

 private:
  // What the ledger row (SandboxRefund) has no field for, by refund id: for the details call.
  struct RefundExtras {
    std::chrono::system_clock::time_point created_at;
    std::string description;
  };

  bool authorized(const httplib::Request& request) const;
  void issue_token(const httplib::Request& request, httplib::Response& response);
  void create_refund(const httplib::Request& request, httplib::Response& response,
                     const std::string& order_reference);
  void get_order(const httplib::Request& request, httplib::Response& response,
                 const std::string& order_reference);
  void get_order_details(const httplib::Request& request, httplib::Response& response,
                         const std::string& order_reference);

  StateStore& store_;
  const SandboxOptions& options_;
  SandboxClock now_;
  optty::AccessTokens tokens_;
  // Guarded by the store's lock (only touched inside with_state()).
  std::map<std::string, RefundExtras> extras_by_refund_id_;
  std::mt19937_64 refund_id_random_;
  std::uint64_t refund_id_salt_;
};

}  // namespace refundkit::sandbox::detail
