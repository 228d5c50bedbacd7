#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "refundkit/refundkit.hpp"
#include "refundkit/sandbox/sandbox.hpp"

namespace refundkit::integration {

/// A sandbox with its own clock, a real CurlTransport whose log is checked for the credentials at
/// the end of every test, and helpers to count the requests the sandbox sees on a path.
class VendorSandboxTest : public ::testing::Test {
 protected:
  explicit VendorSandboxTest(sandbox::SandboxOptions options = {})
      : sandbox_(with_clock(std::move(options))) {
    CurlTransportOptions transport_options;
    transport_options.allow_http_for_loopback = true;
    transport_options.log_hook = [this](const HttpExchangeLog& log) {
      std::lock_guard<std::mutex> lock(log_mutex_);
      log_lines_.push_back(log.url + " " + std::to_string(log.status) + " " + log.error);
      for (const auto& header : log.request_headers) log_lines_.push_back(header.value);
      log_lines_.push_back(log.request_body);
      log_lines_.push_back(log.response_body);
    };
    transport_ = make_curl_transport(transport_options);
  }

  /// The credentials that must never reach the log.
  virtual std::vector<std::string> secrets() const = 0;

  void TearDown() override {
    std::lock_guard<std::mutex> lock(log_mutex_);
    for (const std::string& secret : secrets()) {
      for (const std::string& line : log_lines_) {
        EXPECT_EQ(line.find(secret), std::string::npos) << "a credential reached the log: " << line;
      }
    }
  }

  /// Moves the sandbox's clock (token expiry) forward.
  void advance_sandbox_clock(std::chrono::seconds by) { *offset_ += by.count(); }

  /// Counts, from now on, the requests of `method` under `path_prefix` (a rule that matches them
  /// and never faults). Read with counted().
  void count_requests(const std::string& method, const std::string& path_prefix) {
    sandbox::FaultRule rule = sandbox::parse_fault_rule("status; status=500");
    rule.method = method;
    rule.path_prefix = path_prefix;
    rule.rate = 0.0;
    sandbox_.add_fault_rule(rule);
  }
  std::uint64_t counted() const { return sandbox_.fault_rules().back().matched; }

  /// Makes the next `count` requests of `method` under `path_prefix` fail with `fault`.
  void inject(const std::string& fault, const std::string& method, const std::string& path_prefix,
              std::uint64_t count = 1) {
    sandbox::FaultRule rule = sandbox::parse_fault_rule(fault);
    rule.method = method;
    rule.path_prefix = path_prefix;
    rule.count = count;
    sandbox_.add_fault_rule(rule);
  }

  std::size_t refunds_of(const std::string& provider) const {
    std::size_t count = 0;
    for (const sandbox::SandboxRefund& refund : sandbox_.refunds()) {
      count += refund.provider == provider ? 1 : 0;
    }
    return count;
  }

  static RefundRequest request(const std::string& order, const std::string& amount,
                               const std::string& currency, const std::string& reference) {
    RefundRequest request;
    request.order_id = order;
    request.reference = reference;
    request.amount = Money::parse_positive(amount, currency).value();
    request.reason = "integration test";
    return request;
  }

  static RetryPolicy quick_retries() {
    RetryPolicy retry;
    retry.initial_backoff = std::chrono::milliseconds(1);
    retry.max_backoff = std::chrono::milliseconds(5);
    return retry;
  }

  std::shared_ptr<std::atomic<std::int64_t>> offset_ =
      std::make_shared<std::atomic<std::int64_t>>(0);  // seconds
  sandbox::Sandbox sandbox_;
  std::shared_ptr<Transport> transport_;

 private:
  sandbox::SandboxOptions with_clock(sandbox::SandboxOptions options) {
    options.now = [offset = offset_] {
      return std::chrono::system_clock::now() + std::chrono::seconds(offset->load());
    };
    return options;
  }

  std::mutex log_mutex_;
  std::vector<std::string> log_lines_;
};

}  // namespace refundkit::integration
