#include "soak.hpp"

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
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

// Books one call's result into the refund's outcome; false while it is still outcome_unknown.
bool book(Outcome& outcome, const Result<Refund>& result) {
  const int attempts = result ? result->attempts : result.error().attempts;
  outcome.retries += attempts > 1 ? attempts - 1 : 0;
  if (result) {
    outcome.kind = result->already_existed ? Outcome::Kind::existing : Outcome::Kind::created;
    return true;
  }
  if (result.error().kind == ErrorKind::duplicate_reference) {
    outcome.kind = Outcome::Kind::reference_exists;
    return true;
  }
  if (!result.error().may_have_been_executed()) {
    outcome.kind = Outcome::Kind::failed;
    outcome.failure = std::string(to_string(result.error().kind)) + ": " + result.error().message;
    return true;
  }
  outcome.kind = Outcome::Kind::unknown;
  return false;
}

Outcome refund_as_a_merchant_would(RefundClient& client, const RefundRequest& request,
                                   int merchant_retries) {
  Outcome outcome;
  for (int call = 0; call <= merchant_retries; ++call) {
    if (book(outcome, client.create_refund(request))) return outcome;
  }
  return outcome;
}

void refund_one_by_one(RefundClient& client, const SoakVendor& vendor, const SoakOptions& options,
                       int merchant_retries, std::vector<Outcome>& outcomes) {
  std::atomic<int> next{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < options.threads; ++t) {
    workers.emplace_back([&] {
      for (int i = next++; i < options.refunds; i = next++) {
        outcomes[static_cast<std::size_t>(i)] =
            refund_as_a_merchant_would(client, vendor.request_for(i), merchant_retries);
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
}

// One round of the merchant's: the refunds `indices` through `threads` batches at once, which
// draw from one queue, so that batches share the client (its token, its connections) as a
// merchant's workers would. Returns the refunds still outcome_unknown.
std::vector<int> batch_round(RefundClient& client, const SoakVendor& vendor,
                             const SoakOptions& options, const std::vector<int>& indices,
                             std::vector<Outcome>& outcomes, std::atomic<int>& misdelivered) {
  std::vector<std::optional<Result<Refund>>> results(outcomes.size());
  std::atomic<std::size_t> position{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < options.threads; ++t) {
    workers.emplace_back([&] {
      std::vector<int> taken;  // this batch's index -> the soak's refund
      std::size_t delivered = 0;
      const RefundSource source = [&]() -> std::optional<RefundRequest> {
        const std::size_t at = position++;
        if (at >= indices.size()) return std::nullopt;
        taken.push_back(indices[at]);
        return vendor.request_for(indices[at]);
      };
      const RefundSink sink = [&](std::size_t index, Result<Refund> outcome) {
        if (index != delivered++ || index >= taken.size()) {
          ++misdelivered;
          return;
        }
        std::optional<Result<Refund>>& slot = results[static_cast<std::size_t>(taken[index])];
        if (slot) ++misdelivered;
        slot = std::move(outcome);
      };
      BatchOptions batch;
      batch.concurrency = options.batch_concurrency;
      client.stream_refunds(source, sink, batch);
    });
  }
  for (std::thread& worker : workers) worker.join();

  std::vector<int> unknown;
  for (const int i : indices) {
    std::optional<Result<Refund>>& result = results[static_cast<std::size_t>(i)];
    Outcome& outcome = outcomes[static_cast<std::size_t>(i)];
    if (!result) {
      ++misdelivered;
      outcome.kind = Outcome::Kind::unknown;  // the merchant cannot tell what happened to it
      continue;
    }
    if (!book(outcome, *result)) unknown.push_back(i);
  }
  return unknown;
}

void refund_in_batches(RefundClient& client, const SoakVendor& vendor, const SoakOptions& options,
                       int merchant_retries, std::vector<Outcome>& outcomes, int& misdelivered) {
  std::vector<int> indices(outcomes.size());
  for (std::size_t i = 0; i < indices.size(); ++i) indices[i] = static_cast<int>(i);
  std::atomic<int> wrong{0};
  for (int round = 0; round <= merchant_retries && !indices.empty(); ++round) {
    indices = batch_round(client, vendor, options, indices, outcomes, wrong);
  }
  misdelivered = wrong.load();
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
  int misdelivered = 0;
  if (options.batch) {
    refund_in_batches(*client, vendor, options, merchant_retries, outcomes, misdelivered);
  } else {
    refund_one_by_one(*client, vendor, options, merchant_retries, outcomes);
  }

  SoakReport report;
  report.provider = vendor.provider;
  report.refunds = options.refunds;
  report.batch = options.batch;
  report.batch_concurrency = options.batch ? options.batch_concurrency : 0;
  report.misdelivered = misdelivered;
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
  std::map<std::string, RefundRequest> asked_by_name;
  for (int i = 0; i < options.refunds; ++i) {
    RefundRequest asked = vendor.request_for(i);
    const std::string name = name_of(asked.order_id, asked.reference);
    asked_by_name.emplace(name, std::move(asked));
  }
  for (const auto& [name, refunds] : executed) {
    if (refunds.size() > 1) ++report.doubles;
    const auto asked = asked_by_name.find(name);
    for (const sandbox::SandboxRefund& refund : refunds) {
      if (asked == asked_by_name.end() || refund.order_id != asked->second.order_id ||
          refund.amount != asked->second.amount.to_decimal_string()) {
        ++report.unasked;
      }
    }
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
      << "refunds                " << report.refunds << "\n";
  if (report.batch) {
    out << "batch concurrency      " << report.batch_concurrency << "\n";
  }
  out << "requests seen          " << report.requests << "\n"
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
      << "phantoms               " << report.phantoms << "\n"
      << "unasked                " << report.unasked << "\n";
  if (report.batch) out << "misdelivered           " << report.misdelivered << "\n";
  return out.str();
}

}  // namespace refundkit::soak
