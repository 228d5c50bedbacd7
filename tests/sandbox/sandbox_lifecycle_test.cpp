// Starting, stopping and sharing a sandbox: ports, loopback-only, concurrency.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "sandbox_test_support.hpp"

namespace refundkit::sandbox::testing {
namespace {

using ::testing::StartsWith;

TEST(SandboxLifecycleTest, ListensOnAnEphemeralLoopbackPort) {
  Sandbox sandbox(test_options());
  EXPECT_GT(sandbox.port(), 0);
  EXPECT_EQ(sandbox.base_url(), "http://127.0.0.1:" + std::to_string(sandbox.port()));
  EXPECT_EQ(sandbox.komfortkasse_base_url(), sandbox.base_url() + "/komfortkasse/api/v2");
  EXPECT_EQ(sandbox.options().komfortkasse_api_key, kApiKey);
  EXPECT_EQ(SandboxClient(sandbox.port()).get("/_sandbox/health").status, 200);
}

TEST(SandboxLifecycleTest, RunsTwoIndependentSandboxesAtOnce) {
  Sandbox first(test_options());
  Sandbox second(test_options());
  ASSERT_NE(first.port(), second.port());
  SandboxClient first_client(first.port());
  SandboxClient second_client(second.port());

  ASSERT_EQ(first_client.refund("KK-1001", refund_body("RMA-1", "1.00")).status, 200);
  // Same reference on the other sandbox: its state is its own.
  EXPECT_EQ(second_client.refund("KK-1001", refund_body("RMA-1", "1.00")).status, 200);
  EXPECT_EQ(first.refunds().size(), 1u);
  EXPECT_EQ(second.refunds().size(), 1u);
}

TEST(SandboxLifecycleTest, StopIsIdempotentAndEndsServing) {
  Sandbox sandbox(test_options());
  const int port = sandbox.port();
  ASSERT_EQ(SandboxClient(port).get("/_sandbox/health").status, 200);

  sandbox.stop();
  sandbox.stop();

  EXPECT_EQ(SandboxClient(port).get("/_sandbox/health").status, 0);  // no response
  EXPECT_EQ(sandbox.port(), port);
}

TEST(SandboxLifecycleTest, StopsFromTwoThreadsAtOnce) {
  Sandbox sandbox(test_options());
  std::thread other([&] { sandbox.stop(); });
  sandbox.stop();
  other.join();
  EXPECT_EQ(SandboxClient(sandbox.port()).get("/_sandbox/health").status, 0);
}

TEST(SandboxLifecycleTest, RefusesNonLoopbackHosts) {
  for (const char* host : {"0.0.0.0", "192.168.1.10", "example.com", "::", ""}) {
    SandboxOptions options = test_options();
    options.host = host;
    EXPECT_THROW(Sandbox{options}, std::runtime_error) << host;
  }
}

TEST(SandboxLifecycleTest, RefusesAPortAlreadyInUse) {
  Sandbox first(test_options());
  SandboxOptions options = test_options();
  options.port = first.port();
  EXPECT_THROW(Sandbox{options}, std::runtime_error);
}

// Eight clients race refunds of 10.00 against KK-1001 (100.00 EUR, so at most 200.00): exactly
// twenty succeed and the total never exceeds the limit.
TEST(SandboxConcurrencyTest, ConcurrentRefundsNeverExceedTheLimit) {
  Sandbox sandbox(test_options());
  constexpr int kThreads = 8;
  constexpr int kAttemptsPerThread = 5;
  std::atomic<int> accepted{0};
  std::atomic<int> over_limit{0};
  std::atomic<int> other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      SandboxClient client(sandbox.port());
      for (int i = 0; i < kAttemptsPerThread; ++i) {
        const std::string reference = "RMA-" + std::to_string(t) + "-" + std::to_string(i);
        const Reply reply = client.refund("KK-1001", refund_body(reference, "10.00"));
        if (reply.status == 200) {
          ++accepted;
        } else if (reply.status == 400 && reply.json.value("error", "") == kInvalidRequest) {
          ++over_limit;
        } else {
          ++other;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  EXPECT_EQ(accepted, 20);
  EXPECT_EQ(over_limit, kThreads * kAttemptsPerThread - 20);
  EXPECT_EQ(other, 0);
  std::int64_t total = 0;
  for (const SandboxRefund& refund : sandbox.refunds()) total += refund.amount_minor;
  EXPECT_EQ(total, 20000);
}

// Racing the same reference: exactly one wins, the rest are duplicates.
TEST(SandboxConcurrencyTest, ConcurrentDuplicateReferencesCreateOneRefund) {
  Sandbox sandbox(test_options());
  std::atomic<int> accepted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      if (SandboxClient(sandbox.port()).refund("KK-1001", refund_body("SAME", "1.00")).status ==
          200) {
        ++accepted;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(accepted, 1);
  EXPECT_EQ(sandbox.refunds().size(), 1u);
}

}  // namespace
}  // namespace refundkit::sandbox::testing
