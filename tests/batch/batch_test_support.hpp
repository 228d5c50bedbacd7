#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "refundkit/refundkit.hpp"
#include "refundkit/sandbox/sandbox.hpp"
#include "refundkit/test_support/outcome_matchers.hpp"
#include "vendor_sandbox_test_support.hpp"

namespace refundkit::batch_test {

constexpr char kKomfortkasseKey[] = "batch-komfortkasse-key-5e1f";
constexpr char kOpttySecret[] = "batch-optty-secret-a7c3";
constexpr char kSkipPayPassword[] = "batch-skippay-password-2d94";
/// Token lifetimes short enough that moving the sandbox's clock past them is a small step.
constexpr std::chrono::seconds kTokenLifetime{600};

inline sandbox::SandboxOptions batch_sandbox_options() {
  sandbox::SandboxOptions options;
  options.komfortkasse_api_key = kKomfortkasseKey;
  options.optty_client_secret = kOpttySecret;
  options.optty_token_lifetime = kTokenLifetime;
  options.skippay_password = kSkipPayPassword;
  options.skippay_token_lifetime = kTokenLifetime;
  return options;
}

/// The integration fixture (sandbox with its own clock, a CurlTransport whose log is searched for
/// credentials, request counters) with a client factory per vendor.
class BatchSandboxTest : public integration::VendorSandboxTest {
 public:
  /// The integration fixture's request builder, for helpers outside the fixture too.
  using integration::VendorSandboxTest::request;

 protected:
  BatchSandboxTest() : VendorSandboxTest(batch_sandbox_options()) {}

  std::vector<std::string> secrets() const override {
    return {kKomfortkasseKey, kOpttySecret, kSkipPayPassword};
  }

  std::unique_ptr<RefundClient> komfortkasse_client() {
    KomfortkasseOptions options;
    options.api_key = kKomfortkasseKey;
    options.base_url = sandbox_.komfortkasse_base_url();
    options.retry = quick_retries();
    return make_komfortkasse_client(options, transport_);
  }

  std::unique_ptr<RefundClient> optty_client() {
    OpttyOptions options;
    options.client_id = sandbox_.options().optty_client_id;
    options.client_secret = kOpttySecret;
    options.merchant_id = sandbox_.options().optty_merchant_id;
    options.base_url = sandbox_.optty_base_url();
    options.token_url = sandbox_.optty_token_url();
    options.retry = quick_retries();
    return make_optty_client(options, transport_);
  }

  std::unique_ptr<RefundClient> skippay_client() {
    SkipPayOptions options;
    options.username = sandbox_.options().skippay_username;
    options.password = kSkipPayPassword;
    options.base_url = sandbox_.skippay_base_url();
    options.retry = quick_retries();
    return make_skippay_client(options, transport_);
  }

  std::unique_ptr<RefundClient> client_for(const std::string& provider) {
    if (provider == "optty") return optty_client();
    if (provider == "skippay") return skippay_client();
    return komfortkasse_client();
  }

  /// Starts counting the requests of `method` under `path_prefix`; read with seen(). Add counters
  /// before any faulting rule: the first rule that fires hides a request from later ones.
  std::size_t counter(const std::string& method, const std::string& path_prefix) {
    count_requests(method, path_prefix);
    return sandbox_.fault_rules().size() - 1;
  }
  std::uint64_t seen(std::size_t counter_index) const {
    return sandbox_.fault_rules().at(counter_index).matched;
  }

  /// The references of the provider's refunds the sandbox has made, one entry per refund.
  std::multiset<std::string> references_at(const std::string& provider) const {
    std::multiset<std::string> references;
    for (const sandbox::SandboxRefund& refund : sandbox_.refunds()) {
      if (refund.provider == provider) references.insert(refund.reference);
    }
    return references;
  }
};

/// What a batch handed to its sink, checked against the contract as it arrives: each index once,
/// in input order, on the thread that called stream_refunds.
class Recorder {
 public:
  RefundSink sink() {
    return [this](std::size_t index, Result<Refund> outcome) {
      EXPECT_EQ(index, outcomes_.size()) << "outcomes must reach the sink in input order, once";
      EXPECT_EQ(std::this_thread::get_id(), thread_) << "the sink runs on the batch's thread";
      outcomes_.push_back(std::move(outcome));
    };
  }

  const std::vector<Result<Refund>>& outcomes() const { return outcomes_; }
  std::size_t size() const { return outcomes_.size(); }

 private:
  std::thread::id thread_ = std::this_thread::get_id();
  std::vector<Result<Refund>> outcomes_;
};

/// A source over a vector that counts how often it was asked.
class VectorSource {
 public:
  explicit VectorSource(std::vector<RefundRequest> requests) : requests_(std::move(requests)) {}

  RefundSource source() {
    return [this]() -> std::optional<RefundRequest> {
      if (pulled_ == requests_.size()) return std::nullopt;
      return requests_[pulled_++];
    };
  }

  std::size_t pulled() const { return pulled_; }

 private:
  std::vector<RefundRequest> requests_;
  std::size_t pulled_ = 0;
};

/// `count` refunds of `amount` on one order, references prefix-0, prefix-1, ...
inline std::vector<RefundRequest> refunds_on(const std::string& order, const std::string& amount,
                                             const std::string& currency, const std::string& prefix,
                                             int count) {
  std::vector<RefundRequest> requests;
  for (int i = 0; i < count; ++i) {
    requests.push_back(
        BatchSandboxTest::request(order, amount, currency, prefix + "-" + std::to_string(i)));
  }
  return requests;
}

/// The references of the requests whose outcome says the refund exists (made now or before).
inline std::multiset<std::string> reported_made(const std::vector<RefundRequest>& requests,
                                                const std::vector<Result<Refund>>& outcomes) {
  std::multiset<std::string> references;
  for (std::size_t i = 0; i < outcomes.size() && i < requests.size(); ++i) {
    if (outcomes[i].ok()) references.insert(requests[i].reference);
  }
  return references;
}

}  // namespace refundkit::batch_test
