#pragma once

#include <functional>

#include "router.hpp"
#include "state_store.hpp"

namespace refundkit::sandbox::detail {

/// The sandbox's own endpoints under /_sandbox (no authentication: the server only listens on
/// loopback). Documented in sandbox/README.md. Fault injection endpoints belong here too.
class AdminApi {
 public:
  /// `reset_all` restores the seeded state of the store and of every vendor.
  AdminApi(StateStore& store, std::function<void()> reset_all);

  void register_routes(Router& router);

 private:
  void create_order(const httplib::Request& request, httplib::Response& response);
  void list_orders(httplib::Response& response) const;

  StateStore& store_;
  std::function<void()> reset_all_;
};

}  // namespace refundkit::sandbox::detail
