#include "soak.hpp"

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "refundkit/refundkit.hpp"
#include "refundkit/sandbox/sandbox.hpp"

namespace refundkit::soak {
namespace {

constexpr int kOrders = 200;
constexpr char kApiKey[] = "soak-komfortkasse-key";

/// The faults, each drawn independently in turn (the first that fires wins): together about a
/// third of all requests, refunds and read-backs alike. "after" modes change the vendor's state
/// and then hide the answer: the cases that decide exactly-once.
std::vector<sandbox::FaultRule> fault_rules(std::uint64_t seed) {
  const std::vector<std::pair<std::string, double>> modes = {
      {"drop_after", 0.08},
      {"close_before", 0.05},
      {"reset_after", 0.05},
      {"status; status=503; phase=after", 0.05},
      {"status; status=502; phase=before", 0.03},
      {"status; status=429; retry_after=0", 0.03},
      {"truncated_body", 0.03},
      {"delay_after; delay_ms=600", 0.02},
      {"garbage_then_close", 0.02},
      {"html_error; phase=after", 0.02},
      {"wrong_content_type", 0.01},
  };
  std::vector<sandbox::FaultRule> rules;
  for (std::size_t i = 0; i < modes.size(); ++i) {
    sandbox::FaultRule rule = sandbox::parse_fault_rule(modes[i].first);
    rule.path_prefix = "/komfortkasse/";
    rule.rate = modes[i].second;
    rule.seed = seed + i;
    rules.push_back(std::move(rule));
  }
  return rules;
}

struct Outcome {
  enum class Kind { created, existing, failed, unknown } kind = Kind::unknown;
  long retries = 0;
};

RefundRequest request_for(int index) {
  RefundRequest request;
  request.order_id = "SOAK-" + std::to_string(index % kOrders);
  request.reference = "soak-" + std::to_string(index);
  request.amount = Money::from_minor_units(100 + (index * 37) % 900, "EUR").value();
  request.planned_date = Date{2031, 1, 15};
  return request;
}

Outcome refund_as_a_merchant_would(RefundClient& client, const RefundRequest& request,
                                   int merchant_retries) {
  Outcome outcome;
  for (int call = 0; call <= merchant_retries; ++call) {
    const Result<Refund> result = client.create_refund(request);
    const int attempts = result ? result->attempts : result.error().attempts;
    outcome.retries += attempts > 1 ? attempts - 1 : 0;
    if (result) {
      outcome.kind = result->already_existed ? Outcome::Kind::existing : Outcome::Kind::created;
      return outcome;
    }
    if (!result.error().may_have_been_executed()) {
      outcome.kind = Outcome::Kind::failed;
      return outcome;
    }
  }
  outcome.kind = Outcome::Kind::unknown;
  return outcome;
}

}  // namespace

SoakReport run_soak(const SoakOptions& options) {
  sandbox::SandboxOptions sandbox_options;
  sandbox_options.seed_default_orders = false;
  sandbox_options.komfortkasse_api_key = kApiKey;
  sandbox::Sandbox sandbox(sandbox_options);
  for (int i = 0; i < kOrders; ++i) {
    sandbox.add_order({"komfortkasse", "SOAK-" + std::to_string(i), "100000.00", "EUR"});
  }
  const std::vector<sandbox::FaultRule> rules = fault_rules(options.seed);
  for (const sandbox::FaultRule& rule : rules) sandbox.add_fault_rule(rule);

  CurlTransportOptions transport_options;
  transport_options.allow_http_for_loopback = true;
  transport_options.connect_timeout = std::chrono::milliseconds(500);
  transport_options.request_timeout = std::chrono::milliseconds(300);
  // Large enough for an honest answer, small enough to stop an endless one quickly.
  transport_options.max_response_bytes = 64 * 1024;
  KomfortkasseOptions client_options;
  client_options.api_key = kApiKey;
  client_options.base_url = sandbox.komfortkasse_base_url();
  client_options.retry.initial_backoff = std::chrono::milliseconds(1);
  client_options.retry.max_backoff = std::chrono::milliseconds(10);
  auto client = make_komfortkasse_client(client_options, make_curl_transport(transport_options));

  std::vector<Outcome> outcomes(static_cast<std::size_t>(options.refunds));
  std::atomic<int> next{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < options.threads; ++t) {
    workers.emplace_back([&] {
      for (int i = next++; i < options.refunds; i = next++) {
        outcomes[static_cast<std::size_t>(i)] =
            refund_as_a_merchant_would(*client, request_for(i), options.merchant_retries);
      }
    });
  }
  for (std::thread& worker : workers) worker.join();

  SoakReport report;
  report.refunds = options.refunds;
  report.faults = sandbox.fault_counts();
  for (const auto& [mode, count] : report.faults) report.faults_total += count;
  // Every request meets the first rule's filter, so it has seen them all.
  report.requests = sandbox.fault_rules().front().matched;

  std::map<std::string, std::vector<sandbox::SandboxRefund>> executed;
  for (const sandbox::SandboxRefund& refund : sandbox.refunds()) {
    executed[refund.reference].push_back(refund);
  }
  for (const auto& [reference, refunds] : executed) {
    if (refunds.size() > 1) ++report.doubles;
  }
  for (int i = 0; i < options.refunds; ++i) {
    const Outcome& outcome = outcomes[static_cast<std::size_t>(i)];
    const RefundRequest asked = request_for(i);
    const auto found = executed.find(asked.reference);
    const bool exists = found != executed.end() &&
                        found->second.front().amount == asked.amount.to_decimal_string() &&
                        found->second.front().order_id == asked.order_id;
    report.retries += outcome.retries;
    switch (outcome.kind) {
      case Outcome::Kind::created:
        ++report.created;
        if (!exists) ++report.phantoms;
        break;
      case Outcome::Kind::existing:
        ++report.settled_by_read_back;
        if (!exists) ++report.phantoms;
        break;
      case Outcome::Kind::failed:
        ++report.definite_failures;
        if (found != executed.end()) ++report.losses;
        break;
      case Outcome::Kind::unknown:
        ++report.unknown_left;
        break;
    }
  }
  return report;
}

std::string format_report(const SoakReport& report) {
  std::ostringstream out;
  out << "refunds                " << report.refunds << "\n"
      << "requests seen          " << report.requests << "\n"
      << "faults injected        " << report.faults_total << " ("
      << static_cast<int>(report.fault_fraction() * 100 + 0.5) << " % of requests)\n";
  for (const auto& [mode, count] : report.faults) {
    out << "  " << mode << std::string(mode.size() < 21 ? 21 - mode.size() : 1, ' ') << count
        << "\n";
  }
  out << "created                " << report.created << "\n"
      << "settled by read-back   " << report.settled_by_read_back << "\n"
      << "definitely not made    " << report.definite_failures << "\n"
      << "unknown left           " << report.unknown_left << "\n"
      << "retries                " << report.retries << "\n"
      << "doubles                " << report.doubles << "\n"
      << "losses                 " << report.losses << "\n"
      << "phantoms               " << report.phantoms << "\n";
  return out.str();
}

}  // namespace refundkit::soak
