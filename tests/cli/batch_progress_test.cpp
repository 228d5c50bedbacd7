#include "batch_progress.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <string>

namespace refundkit::cli {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::steady_clock;

// A clock the test moves: progress is throttled by time, and nothing here may sleep.
struct ManualClock {
  steady_clock::time_point now{};
  SteadyClock function() {
    return [this] { return now; };
  }
};

TEST(BatchProgress, DescribesDoneRateFailuresAndTimeLeft) {
  EXPECT_EQ(describe_progress({1200, 5000, 3}, milliseconds(1500)),
            "1200/5000 done, 3 failed, 800/s, about 5 s left");
  EXPECT_EQ(describe_progress({0, 10, 0}, seconds(3)), "0/10 done, 0 failed");
  EXPECT_EQ(describe_progress({3, 10, 1}, seconds(10)),
            "3/10 done, 1 failed, 0.3/s, about 24 s left");
  EXPECT_EQ(describe_progress({10, 10, 0}, seconds(2)), "10/10 done, 0 failed, 5.0/s");
  EXPECT_EQ(describe_progress({100, 1100, 0}, seconds(100)),
            "100/1100 done, 0 failed, 1.0/s, about 17 min left");
  EXPECT_EQ(describe_progress({1, 7201, 0}, seconds(1)),
            "1/7201 done, 0 failed, 1.0/s, about 2 h 0 min left");
  EXPECT_EQ(describe_progress({5, 5, 0}, seconds(0)), "5/5 done, 0 failed");
}

TEST(BatchProgress, PlainLinesEveryFiveSeconds) {
  ManualClock clock;
  std::ostringstream err;
  BatchProgressReporter reporter(err, BatchProgressReporter::Style::plain, clock.function());
  clock.now += seconds(1);
  reporter.update({10, 100, 0});
  clock.now += milliseconds(3999);
  reporter.update({40, 100, 0});
  EXPECT_EQ(err.str(), "");  // a short batch logs only its summary

  clock.now += milliseconds(1);
  reporter.update({50, 100, 2});
  EXPECT_EQ(err.str(), "refundkit: 50/100 done, 2 failed, 10/s, about 5 s left\n");
  clock.now += seconds(4);
  reporter.update({90, 100, 2});
  EXPECT_EQ(err.str(), "refundkit: 50/100 done, 2 failed, 10/s, about 5 s left\n");
  clock.now += seconds(1);
  reporter.update({100, 100, 2});
  EXPECT_EQ(err.str(),
            "refundkit: 50/100 done, 2 failed, 10/s, about 5 s left\n"
            "refundkit: 100/100 done, 2 failed, 10/s\n");
  reporter.finish({100, 100, 2});
  EXPECT_EQ(err.str().find('\r'), std::string::npos);
  EXPECT_EQ(err.str().size(), std::string("refundkit: 50/100 done, 2 failed, 10/s, about 5 s left\n"
                                          "refundkit: 100/100 done, 2 failed, 10/s\n")
                                  .size());
}

TEST(BatchProgress, TerminalRedrawsOneLineAtMostTenTimesASecond) {
  ManualClock clock;
  std::ostringstream err;
  BatchProgressReporter reporter(err, BatchProgressReporter::Style::terminal, clock.function());
  clock.now += seconds(1);
  reporter.update({1, 4, 0});
  const std::string first =
      "\r[######..................] 1/4 done, 0 failed, 1.0/s, about 3 s left";
  EXPECT_EQ(err.str(), first);
  clock.now += milliseconds(99);
  reporter.update({2, 4, 1});
  EXPECT_EQ(err.str(), first);
  clock.now += milliseconds(901);
  reporter.update({3, 4, 1});
  const std::string second =
      "\r[##################......] 3/4 done, 1 failed, 1.5/s, about 1 s left";
  EXPECT_EQ(err.str(), first + second);
  clock.now += milliseconds(10);
  reporter.finish({4, 4, 1});
  // The final line is shorter: blanks wipe what the previous one left.
  const std::string last = "\r[########################] 4/4 done, 1 failed, 2.0/s";
  EXPECT_EQ(err.str(),
            first + second + last + std::string(second.size() - last.size(), ' ') + "\n");
}

// Rows written to the same terminal go on a wiped line; the bar comes back at once after them.
TEST(BatchProgress, TerminalLineIsWipedForOtherOutput) {
  ManualClock clock;
  std::ostringstream err;
  BatchProgressReporter reporter(err, BatchProgressReporter::Style::terminal, clock.function());
  reporter.erase();
  EXPECT_EQ(err.str(), "");  // nothing drawn yet, nothing to wipe
  clock.now += seconds(1);
  reporter.update({1, 2, 0});
  const std::string drawn =
      "\r[############............] 1/2 done, 0 failed, 1.0/s, about 1 s left";
  reporter.erase();
  EXPECT_EQ(err.str(), drawn + "\r" + std::string(drawn.size() - 1, ' ') + "\r");
  reporter.update({1, 2, 0});  // within the 100 ms: drawn anyway
  EXPECT_EQ(err.str(), drawn + "\r" + std::string(drawn.size() - 1, ' ') + "\r" + drawn);
}

Refund refund(RefundStatus status, bool existing) {
  Refund made;
  made.status = status;
  made.already_existed = existing;
  return made;
}

TEST(BatchTally, CountsOutcomesForTheSummary) {
  BatchTally tally;
  EXPECT_EQ(tally.summary(), "0 rows: 0 created, 0 existing, 0 failed, 0 unknown");
  tally.add(refund(RefundStatus::pending, false));
  tally.add(refund(RefundStatus::succeeded, false));
  tally.add(refund(RefundStatus::pending, true));
  EXPECT_EQ(tally.summary(), "3 rows: 2 created, 1 existing, 0 failed, 0 unknown");
  EXPECT_EQ(tally.exit_code(), kRefundCreated);
  tally.add(Error{ErrorKind::cancelled, "cancelled"});
  tally.add(Error{ErrorKind::amount_exceeds_refundable, "too much"});
  tally.add(Error{ErrorKind::cancelled, "cancelled"});
  tally.add(refund(RefundStatus::failed, false));
  tally.add(Error{ErrorKind::outcome_unknown, "lost"});
  EXPECT_EQ(tally.summary(),
            "8 rows: 2 created, 1 existing, 4 failed (amount_exceeds_refundable 1, cancelled 2, "
            "status failed 1), 1 unknown");
  EXPECT_EQ(tally.rows(), 8u);
  EXPECT_EQ(tally.unknown(), 1u);
  BatchTally one;
  one.add(refund(RefundStatus::pending, false));
  EXPECT_EQ(one.summary(), "1 row: 1 created, 0 existing, 0 failed, 0 unknown");
}

ExitCode exit_code_of(std::initializer_list<Result<Refund>> outcomes) {
  BatchTally tally;
  for (const auto& outcome : outcomes) tally.add(outcome);
  return tally.exit_code();
}

// 3 outranks 4 outranks 1 outranks 0, whatever the order of the rows.
TEST(BatchTally, ExitCodeIsTheWorstRowsByMoneyThatMayHaveMoved) {
  const Result<Refund> created = refund(RefundStatus::pending, false);
  const Result<Refund> existing = refund(RefundStatus::processing, true);
  const Result<Refund> not_made = Error{ErrorKind::not_found, "no such order"};
  const Result<Refund> cancelled = Error{ErrorKind::cancelled, "cancelled"};
  const Result<Refund> status_failed = refund(RefundStatus::cancelled, false);
  const Result<Refund> duplicate = Error{ErrorKind::duplicate_reference, "taken"};
  const Result<Refund> unknown = Error{ErrorKind::outcome_unknown, "lost"};
  EXPECT_EQ(exit_code_of({}), kRefundCreated);
  EXPECT_EQ(exit_code_of({created, existing}), kRefundCreated);
  EXPECT_EQ(exit_code_of({created, not_made, created}), kRefundNotMade);
  EXPECT_EQ(exit_code_of({cancelled}), kRefundNotMade);
  EXPECT_EQ(exit_code_of({status_failed, created}), kRefundNotMade);
  EXPECT_EQ(exit_code_of({not_made, duplicate, not_made}), kReferenceExists);
  EXPECT_EQ(exit_code_of({duplicate, unknown, not_made}), kOutcomeUnknown);
  EXPECT_EQ(exit_code_of({unknown, duplicate}), kOutcomeUnknown);
  EXPECT_EQ(batch_exit_code(kOutcomeUnknown, kUsageError), kUsageError);
  EXPECT_EQ(batch_exit_code(kReferenceExists, kRefundNotMade), kReferenceExists);
}

}  // namespace
}  // namespace refundkit::cli
