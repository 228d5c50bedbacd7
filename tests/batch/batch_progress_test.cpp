// BatchOptions::on_progress: once per outcome, after the sink has it, on the batch's thread, with
// done counting up to the batch's size, total as given and failed counting the errors so far.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "batch_test_support.hpp"

namespace refundkit::batch_test {
namespace {

class BatchProgressTest : public BatchSandboxTest {
 protected:
  // Made, refused before sending, unknown to the vendor, in a pattern: 4 of every 7 made.
  static std::vector<RefundRequest> mixed(int count) {
    std::vector<RefundRequest> requests;
    for (int i = 0; i < count; ++i) {
      const std::string reference = "kk-progress-" + std::to_string(i);
      switch (i % 7) {
        case 2:
          requests.push_back(request("KK-1001", "1.00", "EUR", ""));
          break;
        case 4:
        case 5:
          requests.push_back(request("KK-9999", "1.00", "EUR", reference));
          break;
        default:
          requests.push_back(request("KK-1001", "1.00", "EUR", reference));
      }
    }
    return requests;
  }
};

TEST_F(BatchProgressTest, OncePerOutcomeCountingUpWithTheFailuresSoFar) {
  constexpr int kRefunds = 21;
  const std::vector<RefundRequest> requests = mixed(kRefunds);
  Recorder recorder;
  std::vector<BatchProgress> calls;
  std::vector<std::size_t> sunk_before_call;
  const std::thread::id batch_thread = std::this_thread::get_id();
  BatchOptions options;
  options.concurrency = 4;
  options.total = 1000;  // only reported back: the source decides how many there are
  options.on_progress = [&](const BatchProgress& progress) {
    EXPECT_EQ(std::this_thread::get_id(), batch_thread);
    calls.push_back(progress);
    sunk_before_call.push_back(recorder.size());
  };
  VectorSource source(requests);
  komfortkasse_client()->stream_refunds(source.source(), recorder.sink(), options);

  ASSERT_EQ(recorder.size(), requests.size());
  ASSERT_EQ(calls.size(), requests.size()) << "one progress call per outcome";
  std::size_t failed = 0;
  for (std::size_t i = 0; i < calls.size(); ++i) {
    SCOPED_TRACE("progress call " + std::to_string(i));
    failed += recorder.outcomes()[i].ok() ? 0 : 1;
    EXPECT_EQ(calls[i].done, i + 1);
    EXPECT_EQ(calls[i].total, 1000u);
    EXPECT_EQ(calls[i].failed, failed);
    EXPECT_EQ(sunk_before_call[i], i + 1) << "progress follows the outcome's sink call";
  }
  EXPECT_EQ(failed, 9u);  // 3 of every 7 fail
  EXPECT_EQ(refunds_of("komfortkasse"), 12u);
}

TEST_F(BatchProgressTest, CreateRefundsReportsTheVectorsSizeAsTotal) {
  const std::vector<RefundRequest> requests = mixed(7);
  std::vector<BatchProgress> calls;
  BatchOptions options;
  options.total = 3;  // overridden: the vector knows its size
  options.on_progress = [&](const BatchProgress& progress) { calls.push_back(progress); };
  const std::vector<Result<Refund>> outcomes =
      komfortkasse_client()->create_refunds(requests, options);
  ASSERT_EQ(outcomes.size(), 7u);
  ASSERT_EQ(calls.size(), 7u);
  for (std::size_t i = 0; i < calls.size(); ++i) {
    EXPECT_EQ(calls[i].done, i + 1);
    EXPECT_EQ(calls[i].total, 7u);
  }
  EXPECT_EQ(calls.back().failed, 3u);
}

TEST_F(BatchProgressTest, TotalIsZeroWhenNotGiven) {
  std::vector<BatchProgress> calls;
  BatchOptions options;
  options.on_progress = [&](const BatchProgress& progress) { calls.push_back(progress); };
  VectorSource source(mixed(3));
  Recorder recorder;
  komfortkasse_client()->stream_refunds(source.source(), recorder.sink(), options);
  ASSERT_EQ(calls.size(), 3u);
  for (const BatchProgress& progress : calls) EXPECT_EQ(progress.total, 0u);
  EXPECT_EQ(calls.back().done, 3u);
  EXPECT_EQ(calls.back().failed, 1u);
}

}  // namespace
}  // namespace refundkit::batch_test
