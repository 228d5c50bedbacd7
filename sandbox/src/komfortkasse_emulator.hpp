#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "state_store.hpp"
#include "vendor_emulator.hpp"

namespace refundkit::sandbox::detail {

inline constexpr const char* kKomfortkasseProvider = "komfortkasse";

/// Komfortkasse API v2 (vendor-docs/000): create a refund, read an order with its refunds.
/// Enforces the vendor's rules: API key, a unique externalReference per shop, the order's
/// currency, a plannedDate after Berlin's today and refunds totalling at most twice the order
/// amount. Answers only with the texts the vendor documents: 400 "Invalid request", 401
/// "API Key missing", 404 "Order not found".
class KomfortkasseEmulator : public VendorEmulator {
 public:
  /// `today` returns "YYYY-MM-DD".
  KomfortkasseEmulator(StateStore& store, std::string api_key, std::function<std::string()> today);

  std::string_view provider() const override { return kKomfortkasseProvider; }
  std::string_view path_prefix() const override { return "/komfortkasse/api/v2"; }
  void register_routes(Router& router) override;

 private:
  bool authorized(const httplib::Request& request) const;
  void create_refund(const httplib::Request& request, httplib::Response& response,
                     const std::string& order_number);
  void get_order(const httplib::Request& request, httplib::Response& response,
                 const std::string& order_number);

  StateStore& store_;
  std::string api_key_;
  std::function<std::string()> today_;
};

}  // namespace refundkit::sandbox::detail
