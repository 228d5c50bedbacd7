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
#include "soak_vendors.hpp"

namespace refundkit::soak {
namespace {

/// The faults, each drawn independently in turn (the first that fires wins): together about a
/// third of all requests, refunds and read-backs alike. "after" modes change the vendor's state
/// and then hide the answer: the cases that decide exactly-once.
std::vector<sandbox::FaultRule> fault_rules(std::uint64_t seed, const std::string& path_prefix) {
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
    rule.path_prefix = path_prefix;
    rule.rate = modes[i].second;
    rule.seed = seed + i;
    rules.push_back(std::move(rule));
  }
  return rules;
}

struct Outcome {
  enum class Kind { created, existing, reference_exists, failed, unknown } kind = Kind::unknown;
  long retries = 0;
  std::string failure;  ///< The ErrorKind of a definite failure.
};

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
    if (result.error().kind == ErrorKind::duplicate_reference) {
      outcome.kind = Outcome::Kind::reference_exists;
      return outcome;
    }
    if (!result.error().may_have_been_executed()) {
      outcome.kind = Outcome::Kind::failed;
      outcome.failure = std::string(to_string(result.error().kind)) + ": " + result.error().message;
      return outcome;
    }
  }
  outcome.kind = Outcome::Kind::unknown;
  return outcome;
}

}  // namespace

SoakReport run_soak(const SoakOptions& options) {
  const SoakVendor vendor = soak_vendor(options.provider);
  sandbox::SandboxOptions sandbox_options;
  sandbox_options.seed_default_orders = false;
  sandbox::Sandbox sandbox(sandbox_options);
  vendor.add_orders(sandbox, options.refunds);
  const std::vector<sandbox::FaultRule> rules = fault_rules(options.seed, vendor.path_prefix);
  for (const sandbox::FaultRule& rule : rules) sandbox.add_fault_rule(rule);

  CurlTransportOptions transport_options;
  transport_options.allow_http_for_loopback = true;
  transport_options.connect_timeout = std::chrono::milliseconds(500);
  transport_options.request_timeout = std::chrono::milliseconds(300);
  // Large enough for an honest answer, small enough to stop an endless one quickly.
  transport_options.max_response_bytes = 64 * 1024;
  RetryPolicy retry;
  retry.initial_backoff = std::chrono::milliseconds(1);
  retry.max_backoff = std::chrono::milliseconds(10);
  auto client = vendor.make_client(sandbox, make_curl_transport(transport_options), retry);
  const int merchant_retries = vendor.merchant_may_retry ? options.merchant_retries : 0;

  std::vector<Outcome> outcomes(static_cast<std::size_t>(options.refunds));
  std::atomic<int> next{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < options.threads; ++t) {
    workers.emplace_back([&] {
      for (int i = next++; i < options.refunds; i = next++) {
        outcomes[static_cast<std::size_t>(i)] =
            refund_as_a_merchant_would(*client, vendor.request_for(i), merchant_retries);
      }
    });
  }
  for (std::thread& worker : workers) worker.join();

  SoakReport report;
  report.provider = vendor.provider;
  report.refunds = options.refunds;
  report.faults = sandbox.fault_counts();
  for (const auto& [mode, count] : report.faults) report.faults_total += count;
  // Every request of the vendor meets the first rule's filter, so it has seen them all.
  report.requests = sandbox.fault_rules().front().matched;

  const auto name_of = [&](const std::string& order_id, const std::string& reference) {
    return vendor.refunds_named_by_order ? order_id : reference;
  };
  std::map<std::string, std::vector<sandbox::SandboxRefund>> executed;
  for (const sandbox::SandboxRefund& refund : sandbox.refunds()) {
    executed[name_of(refund.order_id, refund.reference)].push_back(refund);
  }
  for (const auto& [name, refunds] : executed) {
    if (refunds.size() > 1) ++report.doubles;
  }
  for (int i = 0; i < options.refunds; ++i) {
    const Outcome& outcome = outcomes[static_cast<std::size_t>(i)];
    const RefundRequest asked = vendor.request_for(i);
    const auto found = executed.find(name_of(asked.order_id, asked.reference));
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
      case Outcome::Kind::reference_exists:
        ++report.reference_exists;
        if (!exists) ++report.phantoms;
        break;
      case Outcome::Kind::failed:
        ++report.definite_failures;
        ++report.failure_kinds[outcome.failure];
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
  out << "provider               " << report.provider << "\n"
      << "refunds                " << report.refunds << "\n"
      << "requests seen          " << report.requests << "\n"
      << "faults injected        " << report.faults_total << " ("
      << static_cast<int>(report.fault_fraction() * 100 + 0.5) << " % of requests)\n";
  for (const auto& [mode, count] : report.faults) {
    out << "  " << mode << std::string(mode.size() < 21 ? 21 - mode.size() : 1, ' ') << count
        << "\n";
  }
  out << "created                " << report.created << "\n"
      << "settled by read-back   " << report.settled_by_read_back << "\n"
      << "reference exists       " << report.reference_exists << "\n"
      << "definitely not made    " << report.definite_failures << "\n"
      << "unknown left           " << report.unknown_left << "\n";
  for (const auto& [kind, count] : report.failure_kinds)
    out << "  " << count << " x " << kind << "\n";
  out << "retries                " << report.retries << "\n"
      << "doubles                " << report.doubles << "\n"
      << "losses                 " << report.losses << "\n"
      << "phantoms               " << report.phantoms << "\n";
  return out.str();
}

}  // namespace refundkit::soak
