#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "refundkit/date.hpp"
#include "state_store.hpp"
#include "vendor_emulator.hpp"

namespace refundkit::sandbox::detail {

inline constexpr const char* kKomfortkasseProvider = "komfortkasse";

/// Komfortkasse API v2 (vendor-docs/000): create a refund, read an order with its refunds.
/// Enforces the vendor's rules: API key, a unique externalReference per shop, the order's
/// currency, a plannedDate in the future and refunds totalling at most twice the order amount.
class KomfortkasseEmulator : public VendorEmulator {
 public:
  KomfortkasseEmulator(StateStore& store, std::string api_key, std::function<Date()> today);

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
  std::function<Date()> today_;
};

/// Komfortkasse's date format, "dd-MM-yyyy" (e.g. "01-05-2018"); nullopt unless a real date.
std::optional<Date> parse_komfortkasse_date(std::string_view text);
std::string format_komfortkasse_date(const Date& date);

}  // namespace refundkit::sandbox::detail
