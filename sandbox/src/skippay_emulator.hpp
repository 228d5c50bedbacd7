#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "refundkit/sandbox/sandbox.hpp"
#include "skippay_errors.hpp"
#include "skippay_tokens.hpp"
#include "state_store.hpp"
#include "vendor_emulator.hpp"

namespace refundkit::sandbox::detail {

inline constexpr const char* kSkipPayProvider = "skippay";

/// The Skip Pay financing API (vendor-docs/003): the partner token, refunds of applications, the
/// application read. Enforces the page's rules in its order (syntax, application, state,
/// invoiced, e-shop currency, variableSymbol format, VAT rates, remaining refundable amount) and
/// answers with the page's codes and statuses in {"errors": [...]}, each with its own ticketId.
class SkipPayEmulator : public VendorEmulator {
 public:
  SkipPayEmulator(StateStore& store, const SandboxOptions& options, SandboxClock now);

  std::string_view provider() const override { return kSkipPayProvider; }
  std::string_view path_prefix() const override { return "/skippay"; }
  void register_routes(Router& router) override;
  /// Forgets the issued tokens.
  void reset() override;

 private:
  void issue_token(const httplib::Request& request, httplib::Response& response);
  /// False after answering the 401 itself.
  bool authorized(const httplib::Request& request, httplib::Response& response) const;
  void create_refund(const httplib::Request& request, httplib::Response& response,
                     const std::string& application_id);
  void get_application(const httplib::Request& request, httplib::Response& response,
                       const std::string& application_id);
  void reply_errors(httplib::Response& response, const SkipPayError& error);

  StateStore& store_;
  const SandboxOptions& options_;
  SandboxClock now_;
  SkipPayTokens tokens_;
  /// Never rewound (not by a reset either), so every error answer's ticketId is unique.
  std::atomic<std::uint64_t> tickets_{0};
};

}  // namespace refundkit::sandbox::detail
