#pragma once

#include <functional>

#include "faults.hpp"
#include "router.hpp"
#include "state_store.hpp"

namespace refundkit::sandbox::detail {

/// The sandbox's own endpoints under /_sandbox (no authentication: the server only listens on
/// loopback), fault rules included. Documented in sandbox/README.md. Never faulted.
class AdminApi {
 public:
  /// `reset_all` restores the seeded state of the store and of every vendor.
  AdminApi(StateStore& store, FaultInjector& faults, std::function<void()> reset_all);

  void register_routes(Router& router);

 private:
  void create_order(const httplib::Request& request, httplib::Response& response);
  void list_orders(httplib::Response& response) const;
  void add_fault_rule(const httplib::Request& request, httplib::Response& response);
  void list_faults(httplib::Response& response) const;

  StateStore& store_;
  FaultInjector& faults_;
  std::function<void()> reset_all_;
};

}  // namespace refundkit::sandbox::detail
