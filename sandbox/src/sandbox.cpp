#include "refundkit/sandbox/sandbox.hpp"

#include <httplib.h>

#include <mutex>
#include <stdexcept>
#include <utility>

#include "admin_api.hpp"
#include "order_json.hpp"
#include "refundkit/curl_transport.hpp"
#include "refundkit/sandbox/loopback_server.hpp"
#include "router.hpp"
#include "state_store.hpp"
#include "vendor_registry.hpp"

namespace refundkit::sandbox {

namespace {

// Refund requests are tiny; anything larger is a client bug (or abuse) and gets a 413.
constexpr std::size_t kMaxRequestBodyBytes = 64 * 1024;

std::vector<SandboxOrder> seed_orders(const SandboxOptions& options) {
  std::vector<SandboxOrder> orders;
  if (options.seed_default_orders) orders = default_orders();
  if (!options.seed_file.empty()) {
    for (SandboxOrder& order : load_seed_file(options.seed_file)) {
      orders.push_back(std::move(order));
    }
  }
  return orders;
}

}  // namespace

struct Sandbox::Impl {
  explicit Impl(SandboxOptions sandbox_options)
      : options(std::move(sandbox_options)),
        store(seed_orders(options)),
        vendors(detail::make_vendor_emulators(store, options)),
        admin(store, [this] { reset_all(); }) {
    if (!is_loopback_host(options.host)) {
      throw std::runtime_error("the sandbox listens only on loopback addresses, not " +
                               options.host);
    }
    if (options.port < 0 || options.port > 65535) {
      throw std::runtime_error("invalid port " + std::to_string(options.port));
    }
    for (const auto& vendor : vendors) vendor->register_routes(router);
    admin.register_routes(router);
    router.install(server);
    server.set_payload_max_length(kMaxRequestBodyBytes);
    loopback = std::make_unique<LoopbackServer>(server, options.host, options.port);
  }

  void reset_all() {
    store.reset();
    for (const auto& vendor : vendors) vendor->reset();
  }

  SandboxOptions options;
  detail::StateStore store;
  std::vector<std::unique_ptr<detail::VendorEmulator>> vendors;
  detail::AdminApi admin;
  detail::Router router;
  httplib::Server server;
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

const SandboxOptions& Sandbox::options() const { return impl_->options; }

void Sandbox::add_order(const SandboxOrder& order) {
  const std::string problem = detail::order_problem(order);
  if (!problem.empty()) throw std::invalid_argument("cannot add sandbox order: " + problem);
  impl_->store.with_state([&](detail::SandboxState& state) { state.put_order(order); });
}

std::vector<SandboxOrder> Sandbox::orders() const {
  return impl_->store.with_state([](const detail::SandboxState& state) {
    std::vector<SandboxOrder> orders;
    for (const auto& entry : state.orders) orders.push_back(entry.second);
    return orders;
  });
}

std::vector<SandboxRefund> Sandbox::refunds() const {
  return impl_->store.with_state([](const detail::SandboxState& state) { return state.refunds; });
}

void Sandbox::reset() { impl_->reset_all(); }

void Sandbox::stop() {
  std::lock_guard<std::mutex> lock(impl_->stop_mutex);
  impl_->loopback->stop();
}

}  // namespace refundkit::sandbox
