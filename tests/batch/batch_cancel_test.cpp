// Stopping a batch: by BatchOptions::cancel, or by a sink or progress callback that throws. What
// was in flight finishes, nothing more is sent, and the vendor holds exactly the refunds the
// batch reported made.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
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

enum class Thrower { sink, source };

void PrintTo(Thrower thrower, std::ostream* out) {
  *out << (thrower == Thrower::sink ? "the sink" : "the source");
}

class BatchThrowTest : public BatchCancelTest, public ::testing::WithParamInterface<Thrower> {};

// The sink throws at outcome kThrowAt, or the source when asked for request kThrowAt: the batch
// stops as if cancelled, what was in flight finishes, and the exception comes out of
// stream_refunds. A refund the vendor made must have been handed to the sink: a merchant who
// never hears of a refund may make it again.
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
  const RefundSource next = source.source();
  bool thrown = false;
  std::size_t pulled_at_throw = 0;
  const auto throw_once = [&] {
    thrown = true;
    pulled_at_throw = source.pulled();
    throw CallbackFailure();
  };
  const RefundSource failing_source = [&]() -> std::optional<RefundRequest> {
    if (GetParam() == Thrower::source && !thrown && source.pulled() == kThrowAt) throw_once();
    return next();
  };
  const RefundSink sink = [&](std::size_t index, Result<Refund> outcome) {
    indices.push_back(index);
    outcomes.push_back(std::move(outcome));
    if (GetParam() == Thrower::sink && !thrown && index == kThrowAt) throw_once();
  };
  BatchOptions options;
  options.concurrency = kConcurrency;
  EXPECT_THROW(komfortkasse_client()->stream_refunds(failing_source, sink, options),
               CallbackFailure);

  ASSERT_TRUE(thrown);
  for (std::size_t i = 0; i < indices.size(); ++i) {
    EXPECT_EQ(indices[i], i) << "in input order, each once, also after the throw";
  }
  // After a sink's throw the rest of the source ends as cancelled; a failed source is not read
  // again.
  EXPECT_EQ(indices.size(), GetParam() == Thrower::sink ? kRefunds : kThrowAt);
  const std::size_t made = expect_made_then_cancelled(outcomes);
  EXPECT_GE(made, kThrowAt);
  // The batch stopped: what had been taken from the source at the throw (in flight, or ended and
  // waiting for input order) was made, nothing taken after it was sent.
  EXPECT_EQ(made, pulled_at_throw);
  EXPECT_LT(refunds_of("komfortkasse"), kRefunds);
  EXPECT_EQ(seen(posts), refunds_of("komfortkasse"));
  EXPECT_EQ(references_at("komfortkasse"), reported_made(requests, outcomes))
      << "every refund the vendor made must have reached the sink";
}

INSTANTIATE_TEST_SUITE_P(FromEither, BatchThrowTest,
                         ::testing::Values(Thrower::sink, Thrower::source), [](const auto& info) {
                           return info.param == Thrower::sink ? "Sink" : "Source";
                         });

// A progress display that fails never stops refunds, nor loses create_refunds' outcomes.
TEST_F(BatchCancelTest, WhatOnProgressThrowsIsIgnored) {
  const std::vector<RefundRequest> requests =
      refunds_on("KK-1001", "0.10", "EUR", "kk-progress-throws", 20);
  BatchOptions options;
  options.concurrency = 4;
  int calls = 0;
  options.on_progress = [&calls](const BatchProgress&) {
    ++calls;
    throw CallbackFailure();
  };
  const std::vector<Result<Refund>> outcomes =
      komfortkasse_client()->create_refunds(requests, options);
  ASSERT_EQ(outcomes.size(), requests.size());
  for (const Result<Refund>& outcome : outcomes) EXPECT_THAT(outcome, Succeeds());
  EXPECT_EQ(calls, 20);
  EXPECT_EQ(refunds_of("komfortkasse"), 20u);
}

// Whatever a refund's call throws mid-batch (here an injected sleep before the retry of a 429)
// ends that refund as outcome_unknown, never silently: the batch stops as if cancelled, the rest
// still reaches the sink, and the exception comes out at the end.
TEST_F(BatchCancelTest, AFailureInsideACallEndsItsRefundAsUnknownAndIsRethrown) {
  inject("status; status=429", "POST", "/komfortkasse/", 1);
  KomfortkasseOptions options;
  options.api_key = kKomfortkasseKey;
  options.base_url = sandbox_.komfortkasse_base_url();
  options.retry = quick_retries();
  options.retry.initial_backoff = std::chrono::milliseconds(100);
  options.retry.random = [] { return std::uint64_t{7}; };  // a 7 ms wait: never skipped as 0
  options.retry.sleep = [](std::chrono::milliseconds) { throw CallbackFailure(); };
  const auto client = make_komfortkasse_client(options, transport_);
  const std::vector<RefundRequest> requests =
      refunds_on("KK-1001", "0.10", "EUR", "kk-inner-throw", 10);
  VectorSource source(requests);
  Recorder recorder;
  BatchOptions batch;
  batch.concurrency = 2;
  EXPECT_THROW(client->stream_refunds(source.source(), recorder.sink(), batch), CallbackFailure);
  ASSERT_EQ(recorder.size(), requests.size()) << "every request reaches the sink";
  std::size_t unknown = 0;
  for (const Result<Refund>& outcome : recorder.outcomes()) {
    if (!outcome && outcome.error().kind == ErrorKind::outcome_unknown) ++unknown;
  }
  EXPECT_EQ(unknown, 1u) << "the refund whose call failed";
  EXPECT_EQ(references_at("komfortkasse"), reported_made(requests, recorder.outcomes()));
}

}  // namespace
}  // namespace refundkit::batch_test
