#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace refundkit::soak {

struct SoakOptions {
  std::string provider = "komfortkasse";  ///< See soak_providers().
  int refunds = 2000;
  int threads = 4;
  std::uint64_t seed = 7;
  /// How often a merchant calls again after outcome_unknown, with the same request (never for a
  /// vendor that cannot recognise a resent refund: Skip Pay).
  int merchant_retries = 2;
  /// Sends the refunds as batches (RefundClient::stream_refunds) rather than one create_refund
  /// per refund: `threads` batches at once on the one client, drawing from one queue, each with
  /// up to `batch_concurrency` refunds in flight. A merchant's calls again after outcome_unknown
  /// are batches too, of the refunds still unknown.
  bool batch = false;
  std::size_t batch_concurrency = 16;
};

/// What a soak through the sandbox's faults shows, in figures.
struct SoakReport {
  std::string provider;
  int refunds = 0;
  bool batch = false;  ///< SoakOptions::batch
  std::size_t batch_concurrency = 0;
  std::uint64_t requests = 0;                   ///< Requests the sandbox saw (refunds + reads).
  std::map<std::string, std::uint64_t> faults;  ///< Injected, by mode.
  std::uint64_t faults_total = 0;
  int created = 0;               ///< Reported made by the call that made them.
  int settled_by_read_back = 0;  ///< Reported made with Refund::already_existed.
  /// Reported duplicate_reference: a refund with the reference exists that the vendor's read
  /// cannot compare (Optty). Must exist in the sandbox.
  int reference_exists = 0;
  int definite_failures = 0;                 ///< Reported not made.
  std::map<std::string, int> failure_kinds;  ///< The definite failures, by kind and message.
  int unknown_left = 0;  ///< Still outcome_unknown after the merchant's retries.
  long retries = 0;      ///< Refund requests sent beyond the first, over all calls.
  int doubles = 0;       ///< Refunds the sandbox executed more than once.
  int losses = 0;        ///< Refunds the sandbox executed that were reported definitely not made.
  int phantoms = 0;      ///< Refunds reported made that the sandbox does not have (as asked).
  /// Refunds the sandbox executed that no request asked for (another name, order or amount).
  int unasked = 0;
  /// Batch mode: outcomes that did not reach the sink exactly once, in input order.
  int misdelivered = 0;

  /// No refund doubled, lost, invented or unasked for, and (batch mode) every outcome delivered.
  bool exactly_once() const {
    return doubles == 0 && losses == 0 && phantoms == 0 && unasked == 0 && misdelivered == 0;
  }

  double fault_fraction() const {
    return requests == 0 ? 0.0 : static_cast<double>(faults_total) / static_cast<double>(requests);
  }
};

/// Runs one vendor's refunds through the library (real CurlTransport, default retry rules with
/// short waits) against the sandbox while it faults about a third of that vendor's requests, and
/// checks every reported outcome against the sandbox's state.
SoakReport run_soak(const SoakOptions& options);

std::string format_report(const SoakReport& report);

}  // namespace refundkit::soak
