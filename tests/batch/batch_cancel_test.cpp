// Stopping a batch: by BatchOptions::cancel, or by a sink or progress callback that throws. What
// was in flight finishes, nothing more is sent, and the vendor holds exactly the refunds the
// batch reported made.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "batch_test_support.hpp"

namespace refundkit::batch_test {
namespace {

using test_support::FailsWith;
using test_support::Succeeds;

class BatchCancelTest : public BatchSandboxTest {
 protected:
  // The outcomes are a run of refunds made followed by a run never sent; returns where the
  // second starts. Nothing after a cancelled refund may have been sent: the batch admits in order.
  static std::size_t expect_made_then_cancelled(const std::vector<Result<Refund>>& outcomes) {
    std::size_t first_cancelled = 0;
    while (first_cancelled < outcomes.size() && outcomes[first_cancelled].ok()) ++first_cancelled;
    for (std::size_t i = first_cancelled; i < outcomes.size(); ++i) {
      SCOPED_TRACE("outcome " + std::to_string(i));
      EXPECT_THAT(outcomes[i], FailsWith(ErrorKind::cancelled));
      if (outcomes[i].ok()) continue;
      EXPECT_EQ(outcomes[i].error().attempts, 0) << "a cancelled refund was never sent";
      EXPECT_FALSE(outcomes[i].error().may_have_been_executed());
    }
    return first_cancelled;
  }
};

TEST_F(BatchCancelTest, CancelledFromTheProgressCallbackSendsNothingMore) {
  constexpr std::size_t kRefunds = 200;
  constexpr std::size_t kCancelAfter = 5;
  constexpr std::size_t kConcurrency = 4;
  const std::vector<RefundRequest> requests =
      refunds_on("KK-1001", "0.10", "EUR", "kk-cancel", kRefunds);
  const std::size_t posts = counter("POST", "/komfortkasse/");
  std::atomic<bool> cancel{false};
  std::vector<BatchProgress> calls;
  VectorSource source(requests);
  std::size_t pulled_at_cancel = 0;
  BatchOptions options;
  options.concurrency = kConcurrency;
  options.cancel = &cancel;
  options.on_progress = [&](const BatchProgress& progress) {
    calls.push_back(progress);
    if (progress.done == kCancelAfter) {
      cancel = true;
      pulled_at_cancel = source.pulled();
    }
  };
  Recorder recorder;
  komfortkasse_client()->stream_refunds(source.source(), recorder.sink(), options);

  EXPECT_EQ(source.pulled(), kRefunds) << "the source is drained, its requests cancelled";
  ASSERT_EQ(recorder.size(), kRefunds) << "every request reaches the sink, cancelled or not";
  const std::size_t made = expect_made_then_cancelled(recorder.outcomes());
  // What had been taken from the source when the flag went up (in flight, or ended and waiting
  // for input order) was made; nothing taken after it was sent.
  EXPECT_GE(made, kCancelAfter);
  EXPECT_EQ(made, pulled_at_cancel);
  EXPECT_LT(made, kRefunds);
  EXPECT_EQ(references_at("komfortkasse"), reported_made(requests, recorder.outcomes()));
  EXPECT_EQ(seen(posts), made) << "one request per refund made, none for the cancelled";
  ASSERT_EQ(calls.size(), kRefunds);
  EXPECT_EQ(calls.back().failed, kRefunds - made) << "cancelled refunds count as failed";
}

TEST_F(BatchCancelTest, CancelledBeforeItStartsSendsNothing) {
  const std::size_t requests_seen = counter("", "/komfortkasse/");
  std::atomic<bool> cancel{true};
  BatchOptions options;
  options.cancel = &cancel;
  const std::vector<Result<Refund>> outcomes = komfortkasse_client()->create_refunds(
      refunds_on("KK-1001", "1.00", "EUR", "kk-cancelled", 10), options);
  ASSERT_EQ(outcomes.size(), 10u);
  EXPECT_EQ(expect_made_then_cancelled(outcomes), 0u);
  EXPECT_EQ(seen(requests_seen), 0u);
  EXPECT_EQ(refunds_of("komfortkasse"), 0u);
}

struct CallbackFailure : std::runtime_error {
  CallbackFailure() : std::runtime_error("the merchant's callback failed") {}
};

enum class Thrower { sink, progress };

void PrintTo(Thrower thrower, std::ostream* out) {
  *out << (thrower == Thrower::sink ? "the sink" : "on_progress");
}

class BatchThrowTest : public BatchCancelTest, public ::testing::WithParamInterface<Thrower> {};

// The callback throws once, at outcome kThrowAt: the batch stops as if cancelled, what was in
// flight finishes, and the exception comes out of stream_refunds. A refund the vendor made must
// have been handed to the sink: a merchant who never hears of a refund may make it again.
TEST_P(BatchThrowTest, ACallbackThatThrowsStopsTheBatchAndIsRethrown) {
  constexpr std::size_t kRefunds = 200;
  constexpr std::size_t kThrowAt = 3;
  constexpr std::size_t kConcurrency = 4;
  const std::vector<RefundRequest> requests =
      refunds_on("KK-1001", "0.10", "EUR", "kk-throw", kRefunds);
  const std::size_t posts = counter("POST", "/komfortkasse/");
  std::vector<std::size_t> indices;
  std::vector<Result<Refund>> outcomes;
  VectorSource source(requests);
  bool thrown = false;
  std::size_t pulled_at_throw = 0;
  const auto maybe_throw = [&](std::size_t index) {
    if (index == kThrowAt && !thrown) {
      thrown = true;
      pulled_at_throw = source.pulled();
      throw CallbackFailure();
    }
  };
  const RefundSink sink = [&](std::size_t index, Result<Refund> outcome) {
    indices.push_back(index);
    outcomes.push_back(std::move(outcome));
    if (GetParam() == Thrower::sink) maybe_throw(index);
  };
  BatchOptions options;
  options.concurrency = kConcurrency;
  if (GetParam() == Thrower::progress) {
    options.on_progress = [&](const BatchProgress& progress) { maybe_throw(progress.done - 1); };
  }
  EXPECT_THROW(komfortkasse_client()->stream_refunds(source.source(), sink, options),
               CallbackFailure);

  ASSERT_TRUE(thrown);
  ASSERT_GT(indices.size(), kThrowAt);
  for (std::size_t i = 0; i < indices.size(); ++i) {
    EXPECT_EQ(indices[i], i) << "in input order, each once, also after the throw";
  }
  for (std::size_t i = 0; i <= kThrowAt; ++i) EXPECT_THAT(outcomes[i], Succeeds());
  const std::size_t made = expect_made_then_cancelled(outcomes);
  EXPECT_GT(made, kThrowAt);
  // The batch stopped: what had been taken from the source at the throw (in flight, or ended and
  // waiting for input order) was made, nothing taken after it was sent.
  EXPECT_EQ(made, pulled_at_throw);
  EXPECT_LT(refunds_of("komfortkasse"), kRefunds);
  EXPECT_EQ(seen(posts), refunds_of("komfortkasse"));
  EXPECT_EQ(references_at("komfortkasse"), reported_made(requests, outcomes))
      << "every refund the vendor made must have reached the sink";
}

INSTANTIATE_TEST_SUITE_P(FromEitherCallback, BatchThrowTest,
                         ::testing::Values(Thrower::sink, Thrower::progress), [](const auto& info) {
                           return info.param == Thrower::sink ? "Sink" : "Progress";
                         });

}  // namespace
}  // namespace refundkit::batch_test
