#include "soak_vendors.hpp"

#include <stdexcept>
#include <utility>

namespace refundkit::soak {
namespace {

constexpr int kSharedOrders = 200;  // refunds spread over these (not Skip Pay: one each)

std::string order_name(const char* prefix, int index) {
  return std::string(prefix) + std::to_string(index);
}

RefundRequest common_request(const char* order_prefix, int orders, int index,
                             const char* currency) {
  RefundRequest request;
  request.order_id = order_name(order_prefix, index % orders);
  request.reference = "soak-" + std::to_string(index);
  request.amount = Money::from_minor_units(100 + (index * 37) % 900, currency).value();
  return request;
}

SoakVendor komfortkasse() {
  SoakVendor vendor;
  vendor.provider = "komfortkasse";
  vendor.path_prefix = "/komfortkasse/";
  vendor.add_orders = [](sandbox::Sandbox& sandbox, int) {
    for (int i = 0; i < kSharedOrders; ++i) {
      sandbox.add_order({"komfortkasse", order_name("SOAK-", i), "100000.00", "EUR"});
    }
  };
  vendor.make_client = [](const sandbox::Sandbox& sandbox, std::shared_ptr<Transport> transport,
                          RetryPolicy retry) {
    KomfortkasseOptions options;
    options.api_key = sandbox.options().komfortkasse_api_key;
    options.base_url = sandbox.komfortkasse_base_url();
    options.retry = std::move(retry);
    return make_komfortkasse_client(std::move(options), std::move(transport));
  };
  vendor.request_for = [](int index) {
    RefundRequest request = common_request("SOAK-", kSharedOrders, index, "EUR");
    request.planned_date = Date{2031, 1, 15};
    return request;
  };
  return vendor;
}

SoakVendor optty() {
  SoakVendor vendor;
  vendor.provider = "optty";
  vendor.path_prefix = "/optty/";
  vendor.add_orders = [](sandbox::Sandbox& sandbox, int) {
    for (int i = 0; i < kSharedOrders; ++i) {
      sandbox.add_order({"optty", order_name("SOAK-OP-", i), "100000.00", "AUD"});
    }
  };
  vendor.make_client = [](const sandbox::Sandbox& sandbox, std::shared_ptr<Transport> transport,
                          RetryPolicy retry) {
    OpttyOptions options;
    options.client_id = sandbox.options().optty_client_id;
    options.client_secret = sandbox.options().optty_client_secret;
    options.merchant_id = sandbox.options().optty_merchant_id;
    options.base_url = sandbox.optty_base_url();
    options.token_url = sandbox.optty_token_url();
    options.retry = std::move(retry);
    return make_optty_client(std::move(options), std::move(transport));
  };
  vendor.request_for = [](int index) {
    return common_request("SOAK-OP-", kSharedOrders, index, "AUD");
  };
  return vendor;
}

SoakVendor afterpay() {
  SoakVendor vendor;
  vendor.provider = "afterpay";
  vendor.path_prefix = "/afterpay/";
  vendor.add_orders = [](sandbox::Sandbox& sandbox, int) {
    for (int i = 0; i < kSharedOrders; ++i) {
      sandbox::SandboxOrder order("afterpay", order_name("SOAK-RV-", i), "100000.00", "EUR");
      order.captures.push_back({"000000001", "100000.00", {}});
      sandbox.add_order(order);
    }
  };
  vendor.make_client = [](const sandbox::Sandbox& sandbox, std::shared_ptr<Transport> transport,
                          RetryPolicy retry) {
    AfterPayOptions options;
    options.api_key = sandbox.options().afterpay_api_key;
    options.base_url = sandbox.afterpay_base_url();
    options.retry = std::move(retry);
    return make_afterpay_client(std::move(options), std::move(transport));
  };
  vendor.request_for = [](int index) {
    RefundRequest request = common_request("SOAK-RV-", kSharedOrders, index, "EUR");
    request.capture_number = "000000001";
    return request;
  };
  return vendor;
}

SoakVendor skippay() {
  SoakVendor vendor;
  vendor.provider = "skippay";
  vendor.path_prefix = "/skippay/";
  vendor.add_orders = [](sandbox::Sandbox& sandbox, int refunds) {
    for (int i = 0; i < refunds; ++i) {
      sandbox::SandboxOrder application("skippay", order_name("SOAK-SP-", i), "100000.00", "CZK");
      application.vat_rates = {"21"};
      sandbox.add_order(application);
    }
  };
  vendor.make_client = [](const sandbox::Sandbox& sandbox, std::shared_ptr<Transport> transport,
                          RetryPolicy retry) {
    SkipPayOptions options;
    options.username = sandbox.options().skippay_username;
    options.password = sandbox.options().skippay_password;
    options.base_url = sandbox.skippay_base_url();
    options.retry = std::move(retry);
    return make_skippay_client(std::move(options), std::move(transport));
  };
  vendor.request_for = [](int index) {
    RefundRequest request = common_request("SOAK-SP-", kSharedOrders, index, "CZK");
    // One application per refund: without a reference, the ledger tells refunds apart by it.
    request.order_id = order_name("SOAK-SP-", index);
    return request;
  };
  vendor.merchant_may_retry = false;
  vendor.refunds_named_by_order = true;
  return vendor;
}

}  // namespace

std::vector<std::string> soak_providers() {
  return {"komfortkasse", "optty", "afterpay", "skippay"};
}

SoakVendor soak_vendor(const std::string& provider) {
  if (provider == "komfortkasse") return komfortkasse();
  if (provider == "optty") return optty();
  if (provider == "afterpay") return afterpay();
  if (provider == "skippay") return skippay();
  throw std::invalid_argument("no soak for provider '" + provider + "'");
}

}  // namespace refundkit::soak
