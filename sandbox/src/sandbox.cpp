#include "refundkit/sandbox/sandbox.hpp"

#include <mutex>
#include <stdexcept>
#include <utility>
#include <variant>

#include "admin_api.hpp"
#include "faults.hpp"
#include "order_json.hpp"
#include "refundkit/sandbox/loopback_server.hpp"
#include "router.hpp"
#include "sandbox_server.hpp"
#include "state_store.hpp"
#include "vendor_registry.hpp"

namespace refundkit::sandbox {

namespace {

// Refund requests are tiny; anything larger is a client bug (or abuse) and gets a 413.
constexpr std::size_t kMaxRequestBodyBytes = 64 * 1024;
// Fresh connections that may wait to be accepted: tests run 16 client threads, bulk refunds more.
constexpr int kListenBacklog = 256;

detail::StoredOrder stored_or_throw(const SandboxOrder& order) {
  auto stored = detail::to_stored_order(order);
  if (const auto* problem = std::get_if<std::string>(&stored)) {
    throw std::invalid_argument("cannot add sandbox order: " + *problem);
  }
  return std::get<detail::StoredOrder>(std::move(stored));
}

std::vector<detail::StoredOrder> seed_orders(const SandboxOptions& options) {
  std::vector<SandboxOrder> orders;
  if (options.seed_default_orders) orders = default_orders();
  if (!options.seed_file.empty()) {
    for (SandboxOrder& order : load_seed_file(options.seed_file)) {
      orders.push_back(std::move(order));
    }
  }
  std::vector<detail::StoredOrder> stored;
  for (const SandboxOrder& order : orders) stored.push_back(stored_or_throw(order));
  return stored;
}

const SandboxOptions& checked(const SandboxOptions& options) {
  if (!is_loopback_host(options.host)) {
    throw std::runtime_error("the sandbox listens only on loopback addresses, not " + options.host);
  }
  if (options.port < 0 || options.port > 65535) {
    throw std::runtime_error("invalid port " + std::to_string(options.port));
  }
  return options;
}

}  // namespace

struct Sandbox::Impl {
  explicit Impl(SandboxOptions sandbox_options)
      : options(std::move(sandbox_options)),
        store(seed_orders(checked(options))),
        vendors(detail::make_vendor_emulators(store, options)),
        admin(store, faults, [this] { reset_all(); }) {
    for (const auto& vendor : vendors) vendor->register_routes(router);
    admin.register_routes(router);
    router.set_interceptor(
        [this](const httplib::Request& request, httplib::Response& response,
               const detail::Router& routes) { faults.handle(request, response, routes); });
    router.install(server);
    server.set_payload_max_length(kMaxRequestBodyBytes);
    loopback = std::make_unique<LoopbackServer>(server, options.host, options.port);
    server.widen_listen_backlog(kListenBacklog);
  }

  void reset_all() {
    store.reset();
    for (const auto& vendor : vendors) vendor->reset();
    faults.reset_counts();
  }

  SandboxOptions options;
  detail::StateStore store;
  std::vector<std::unique_ptr<detail::VendorEmulator>> vendors;
  detail::FaultInjector faults;
  detail::AdminApi admin;
  detail::Router router;
  detail::SandboxServer server;
  std::mutex stop_mutex;
  // Last: destroyed first, so the server stops before what its handlers use goes away.
  std::unique_ptr<LoopbackServer> loopback;
};

Sandbox::Sandbox(SandboxOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Sandbox::~Sandbox() { stop(); }

std::string Sandbox::base_url() const {
  const std::string& host = impl_->options.host;
  const bool ipv6 = host.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port());
}

int Sandbox::port() const { return impl_->loopback->port(); }

std::string Sandbox::komfortkasse_base_url() const { return base_url() + "/komfortkasse/api/v2"; }

std::string Sandbox::optty_base_url() const { return base_url() + "/optty/api"; }

std::string Sandbox::optty_token_url() const { return base_url() + "/optty/auth/token"; }

std::string Sandbox::afterpay_base_url() const { return base_url() + "/afterpay"; }

std::string Sandbox::skippay_base_url() const { return base_url() + "/skippay"; }

const SandboxOptions& Sandbox::options() const { return impl_->options; }

void Sandbox::add_order(const SandboxOrder& order) {
  const detail::StoredOrder stored = stored_or_throw(order);
  impl_->store.with_state([&](detail::SandboxState& state) { state.put_order(stored); });
}

std::vector<SandboxOrder> Sandbox::orders() const {
  return impl_->store.with_state([](const detail::SandboxState& state) {
    std::vector<SandboxOrder> orders;
    for (const auto& entry : state.orders) orders.push_back(detail::to_public_order(entry.second));
    return orders;
  });
}

std::vector<SandboxRefund> Sandbox::refunds() const {
  return impl_->store.with_state([](const detail::SandboxState& state) { return state.refunds; });
}

void Sandbox::reset() { impl_->reset_all(); }

void Sandbox::add_fault_rule(const FaultRule& rule) { impl_->faults.add_rule(rule); }

void Sandbox::clear_fault_rules() { impl_->faults.clear_rules(); }

std::vector<FaultRuleStatus> Sandbox::fault_rules() const { return impl_->faults.rules(); }

std::map<std::string, std::uint64_t> Sandbox::fault_counts() const {
  return impl_->faults.counts();
}

void Sandbox::stop() {
  std::lock_guard<std::mutex> lock(impl_->stop_mutex);
  impl_->faults.shutdown();
  impl_->loopback->stop();
}

FaultRule parse_fault_rule(std::string_view spec) {
  auto split = detail::split_fault_text(spec);
  if (const auto* problem = std::get_if<std::string>(&split)) {
    throw std::invalid_argument(*problem);
  }
  auto& [mode, parameters] = std::get<std::pair<std::string, detail::FaultParameters>>(split);
  auto checked_spec = detail::make_fault_spec(mode, parameters);
  if (const auto* problem = std::get_if<std::string>(&checked_spec)) {
    throw std::invalid_argument(*problem);
  }
  FaultRule rule;
  rule.fault = std::move(mode);
  rule.parameters = std::move(parameters);
  return rule;
}

}  // namespace refundkit::sandbox
