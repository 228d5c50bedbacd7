// A batch of N refunds gives exactly what N create_refund calls give, in input order: the same
// situations (made, already made, over the limit, unknown order, refused before sending) run once
// call by call and once as a batch, against the sandbox in the same state, outcome for outcome.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "batch_test_support.hpp"

namespace refundkit::batch_test {
namespace {

using test_support::describe;
using test_support::FailsWith;
using test_support::Succeeds;

std::string describe(const Result<Refund>& outcome) {
  if (!outcome.ok()) return "error " + test_support::describe(outcome.error());
  return "refund " + outcome->id + " " + std::string(to_string(outcome->status)) +
         (outcome->already_existed ? " (already existed)" : "") +
         " attempts=" + std::to_string(outcome->attempts);
}

// Everything but what the vendor numbers afresh for each refund it makes (ids, raw bodies).
void expect_same_outcome(const Result<Refund>& batch, const Result<Refund>& single) {
  ASSERT_EQ(batch.ok(), single.ok())
      << "batch: " << describe(batch) << "\ncreate_refund: " << describe(single);
  if (single.ok()) {
    EXPECT_EQ(batch->provider, single->provider);
    EXPECT_EQ(batch->order_id, single->order_id);
    EXPECT_EQ(batch->reference, single->reference);
    EXPECT_EQ(batch->status, single->status);
    EXPECT_EQ(batch->vendor_status, single->vendor_status);
    EXPECT_EQ(batch->amount, single->amount);
    EXPECT_EQ(batch->planned_date, single->planned_date);
    EXPECT_EQ(batch->executed_date.has_value(), single->executed_date.has_value());
    EXPECT_EQ(batch->http_status, single->http_status);
    EXPECT_EQ(batch->already_existed, single->already_existed);
    EXPECT_EQ(batch->attempts, single->attempts);
    EXPECT_EQ(batch->id.empty(), single->id.empty());
  } else {
    EXPECT_EQ(batch.error().kind, single.error().kind)
        << "batch: " << describe(batch.error()) << "\ncreate_refund: " << describe(single.error());
    EXPECT_EQ(batch.error().http_status, single.error().http_status);
    EXPECT_EQ(batch.error().vendor_code, single.error().vendor_code);
    EXPECT_EQ(batch.error().vendor_message, single.error().vendor_message);
    EXPECT_EQ(batch.error().vendor_field, single.error().vendor_field);
    EXPECT_EQ(batch.error().attempts, single.error().attempts);
  }
}

class BatchOutcomesTest : public BatchSandboxTest {
 protected:
  using MakeClient = std::function<std::unique_ptr<RefundClient>()>;
  using Ledger = std::multiset<std::tuple<std::string, std::string, std::string>>;

  Ledger ledger(const std::string& provider) const {
    Ledger entries;
    for (const sandbox::SandboxRefund& refund : sandbox_.refunds()) {
      if (refund.provider == provider) {
        entries.emplace(refund.order_id, refund.reference, refund.amount);
      }
    }
    return entries;
  }

  // Makes `before` one by one, then `requests` one create_refund at a time; resets the sandbox,
  // makes `before` again with a fresh client (a reset forgets the tokens) and sends `requests` as
  // one batch. Returns the batch's outcomes once each is checked against its create_refund twin
  // and the sandbox holds the same refunds after both runs.
  std::vector<Result<Refund>> compare_with_single_calls(
      const MakeClient& make_client, const std::vector<RefundRequest>& before,
      const std::vector<RefundRequest>& requests) {
    const std::string provider(make_client()->provider());
    std::vector<Result<Refund>> singles;
    {
      auto client = make_client();
      for (const RefundRequest& made : before) EXPECT_THAT(client->create_refund(made), Succeeds());
      for (const RefundRequest& request : requests)
        singles.push_back(client->create_refund(request));
    }
    const Ledger after_singles = ledger(provider);

    sandbox_.reset();
    auto client = make_client();
    for (const RefundRequest& made : before) EXPECT_THAT(client->create_refund(made), Succeeds());
    Recorder recorder;
    VectorSource source(requests);
    client->stream_refunds(source.source(), recorder.sink());

    EXPECT_EQ(source.pulled(), requests.size());
    EXPECT_EQ(recorder.size(), requests.size()) << "every request reaches the sink once";
    for (std::size_t i = 0; i < recorder.size() && i < singles.size(); ++i) {
      SCOPED_TRACE("request " + std::to_string(i) + ", reference \"" + requests[i].reference +
                   "\", order " + requests[i].order_id);
      expect_same_outcome(recorder.outcomes()[i], singles[i]);
    }
    EXPECT_EQ(ledger(provider), after_singles) << "the vendor must hold the same refunds";
    return recorder.outcomes();
  }
};

TEST_F(BatchOutcomesTest, KomfortkasseMixedOutcomesInInputOrderAsCreateRefundGivesThem) {
  RefundRequest past_date = request("KK-1001", "1.00", "EUR", "kk-past");
  past_date.planned_date = Date{2020, 1, 1};
  const std::vector<RefundRequest> requests = {
      request("KK-1001", "10.00", "EUR", "kk-new-1"),
      request("KK-1002", "5.00", "EUR", "kk-earlier"),  // the refund made before: read back
      request("KK-1003", "600.00", "CHF", "kk-over"),   // over the order's limit (2 x 250.00)
      request("KK-9999", "1.00", "EUR", "kk-unknown"),
      request("KK-1001", "1.00", "EUR", ""),  // no reference: refused before sending
      request("KK-1004", "10.00", "EUR", "kk-new-2"),
      request("KK-1002", "7.00", "EUR", "kk-earlier"),  // the reference names another amount
      past_date,                                        // refused before sending
      request("KK-1001", "1.00", "CHF", "kk-currency"),
  };
  const auto outcomes =
      compare_with_single_calls([this] { return komfortkasse_client(); },
                                {request("KK-1002", "5.00", "EUR", "kk-earlier")}, requests);
  ASSERT_EQ(outcomes.size(), requests.size());
  // The situations are what they say (create_refund agrees, see above).
  ASSERT_THAT(outcomes[0], Succeeds());
  EXPECT_FALSE(outcomes[0]->already_existed);
  EXPECT_EQ(outcomes[0]->reference, "kk-new-1");
  ASSERT_THAT(outcomes[1], Succeeds());
  EXPECT_TRUE(outcomes[1]->already_existed);
  EXPECT_FALSE(outcomes[2].ok());
  EXPECT_FALSE(outcomes[2].error().may_have_been_executed());
  EXPECT_THAT(outcomes[3], FailsWith(ErrorKind::not_found));
  ASSERT_THAT(outcomes[4], FailsWith(ErrorKind::invalid_request));
  EXPECT_EQ(outcomes[4].error().attempts, 0);
  ASSERT_THAT(outcomes[5], Succeeds());
  EXPECT_EQ(outcomes[5]->status, RefundStatus::awaiting_customer);
  EXPECT_THAT(outcomes[6], FailsWith(ErrorKind::duplicate_reference));
  ASSERT_THAT(outcomes[7], FailsWith(ErrorKind::invalid_request));
  EXPECT_EQ(outcomes[7].error().attempts, 0);
  EXPECT_FALSE(outcomes[8].ok());
  EXPECT_EQ(references_at("komfortkasse"),
            (std::multiset<std::string>{"kk-earlier", "kk-new-1", "kk-new-2"}));
}

TEST_F(BatchOutcomesTest, OpttyMixedOutcomesInInputOrderAsCreateRefundGivesThem) {
  RefundRequest planned = request("OP-2001", "1.00", "AUD", "op-planned");
  planned.planned_date = Date{2031, 1, 1};  // Optty cannot honour it: refused before sending
  const std::vector<RefundRequest> requests = {
      request("OP-2001", "10.00", "AUD", "op-new-1"),
      request("OP-2001", "2.00", "AUD", "op-earlier"),  // refused as reused: cannot be compared
      request("OP-2002", "30.00", "AUD", "op-over"),    // the order is 24.98
      request("OP-9999", "1.00", "AUD", "op-unknown"),
      planned,
      request("OP-2003", "1.00", "AUD", "op-currency"),  // a USD order
      request("OP-2003", "5.00", "USD", "op-new-2"),
  };
  const auto outcomes =
      compare_with_single_calls([this] { return optty_client(); },
                                {request("OP-2001", "2.00", "AUD", "op-earlier")}, requests);
  ASSERT_EQ(outcomes.size(), requests.size());
  EXPECT_THAT(outcomes[0], Succeeds());
  EXPECT_THAT(outcomes[1], FailsWith(ErrorKind::duplicate_reference));
  EXPECT_THAT(outcomes[2], FailsWith(ErrorKind::amount_exceeds_refundable));
  EXPECT_THAT(outcomes[3], FailsWith(ErrorKind::not_found));
  ASSERT_THAT(outcomes[4], FailsWith(ErrorKind::invalid_request));
  EXPECT_EQ(outcomes[4].error().attempts, 0);
  EXPECT_THAT(outcomes[5], FailsWith(ErrorKind::currency_mismatch));
  EXPECT_THAT(outcomes[6], Succeeds());
  EXPECT_EQ(references_at("optty"),
            (std::multiset<std::string>{"op-earlier", "op-new-1", "op-new-2"}));
}

TEST_F(BatchOutcomesTest, SkipPayMixedOutcomesInInputOrderAsCreateRefundGivesThem) {
  RefundRequest planned = request("SP-4001", "1.00", "CZK", "sp-planned");
  planned.planned_date = Date{2031, 1, 1};
  const std::vector<RefundRequest> requests = {
      request("SP-4001", "10.00", "CZK", "sp-new-1"),
      request("SP-4003", "1.00", "CZK", "sp-not-invoiced"),
      request("SP-4001", "5000.00", "CZK", "sp-over"),
      request("SP-9999", "1.00", "CZK", "sp-unknown"),
      planned,
      request("SP-4001", "1.00", "EUR", "sp-currency"),  // refused before sending
      request("SP-4001", "2.50", "CZK", "sp-new-2"),
  };
  const auto outcomes =
      compare_with_single_calls([this] { return skippay_client(); }, {}, requests);
  ASSERT_EQ(outcomes.size(), requests.size());
  EXPECT_THAT(outcomes[0], Succeeds());
  EXPECT_THAT(outcomes[1], FailsWith(ErrorKind::not_refundable));
  EXPECT_THAT(outcomes[2], FailsWith(ErrorKind::amount_exceeds_refundable));
  EXPECT_THAT(outcomes[3], FailsWith(ErrorKind::not_found));
  ASSERT_THAT(outcomes[4], FailsWith(ErrorKind::invalid_request));
  EXPECT_EQ(outcomes[4].error().attempts, 0);
  ASSERT_THAT(outcomes[5], FailsWith(ErrorKind::currency_mismatch));
  EXPECT_EQ(outcomes[5].error().attempts, 0);
  EXPECT_THAT(outcomes[6], Succeeds());
  EXPECT_EQ(refunds_of("skippay"), 2u);
}

// Two requests of one batch under one reference may be in flight at once: whichever reaches the
// vendor first is made, the other is found made by its read-back. Never two refunds.
TEST_F(BatchOutcomesTest, OneReferenceTwiceInABatchIsMadeOnce) {
  std::vector<RefundRequest> requests = refunds_on("KK-1001", "1.00", "EUR", "kk-twice", 6);
  requests.push_back(request("KK-1001", "1.00", "EUR", "kk-twice-2"));
  const std::vector<Result<Refund>> outcomes = komfortkasse_client()->create_refunds(requests);
  ASSERT_EQ(outcomes.size(), requests.size());
  for (const Result<Refund>& outcome : outcomes) ASSERT_THAT(outcome, Succeeds());
  EXPECT_NE(outcomes[2]->already_existed, outcomes[6]->already_existed)
      << "one of the two is made, the other found made";
  EXPECT_EQ(outcomes[2]->reference, "kk-twice-2");
  EXPECT_EQ(outcomes[6]->reference, "kk-twice-2");
  EXPECT_EQ(references_at("komfortkasse").count("kk-twice-2"), 1u);
  EXPECT_EQ(refunds_of("komfortkasse"), 6u);
}

// The source is asked only when a slot is free. With one slot nothing can end out of order, so
// the batch is never more than one request ahead of the sink (with more slots, outcomes that end
// before an earlier one are also held back, up to 64 per slot, for input order).
TEST_F(BatchOutcomesTest, TheSourceIsDrawnOnlyAsSlotsFreeUp) {
  constexpr std::size_t kConcurrency = 1;
  VectorSource source(refunds_on("KK-1001", "0.50", "EUR", "kk-lazy", 20));
  std::size_t delivered = 0;
  std::size_t most_ahead = 0;
  const RefundSink sink = [&](std::size_t, Result<Refund> outcome) {
    EXPECT_THAT(outcome, Succeeds());
    ++delivered;
    most_ahead = std::max(most_ahead, source.pulled() - delivered);
  };
  BatchOptions options;
  options.concurrency = kConcurrency;
  komfortkasse_client()->stream_refunds(source.source(), sink, options);
  EXPECT_EQ(delivered, 20u);
  EXPECT_LE(most_ahead, kConcurrency) << "requests drawn but not yet handed over";
}

TEST_F(BatchOutcomesTest, AnEmptyBatchSendsNothing) {
  const std::size_t requests = counter("", "/komfortkasse/");
  Recorder recorder;
  bool progressed = false;
  BatchOptions options;
  options.on_progress = [&](const BatchProgress&) { progressed = true; };
  komfortkasse_client()->stream_refunds([] { return std::optional<RefundRequest>(); },
                                        recorder.sink(), options);
  EXPECT_EQ(recorder.size(), 0u);
  EXPECT_FALSE(progressed);
  EXPECT_TRUE(komfortkasse_client()->create_refunds({}).empty());
  EXPECT_EQ(seen(requests), 0u);
}

}  // namespace
}  // namespace refundkit::batch_test
