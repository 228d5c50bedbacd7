// The shared pipeline's retry and read-back rules, driven through the Komfortkasse client
// (deduplication by unique reference) and a minimal codec for the other two kinds. Every clock
// is injected: nothing sleeps.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "pipeline/refund_pipeline.hpp"
#include "pipeline_test_support.hpp"
#include "refundkit/komfortkasse.hpp"
#include "refundkit/test_support/fake_transport.hpp"
#include "refundkit/test_support/outcome_matchers.hpp"

namespace refundkit::pipeline_test {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using test_support::FailsWith;
using test_support::FakeTransport;
using test_support::Succeeds;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kCreated[] =
    R"({"externalReference":"RMA-1","amount":12.30,"currency":"EUR","plannedDate":"20-03-2026",)"
    R"("id":"r1","executionDate":null,"referenceNumber":"KKBT1","status":"NEW"})";
constexpr char kNoRefunds[] = R"({"number":"1001","currency":"EUR","refunds":[]})";
constexpr char kHasTheRefund[] =
    R"({"number":"1001","currency":"EUR","refunds":[{"externalReference":"RMA-1","amount":12.30,)"
    R"("currency":"EUR","id":"r1","referenceNumber":"KKBT1","status":"NEW"}]})";
constexpr char kHasAnotherRefund[] =
    R"({"number":"1001","currency":"EUR","refunds":[{"externalReference":"RMA-1","amount":99.00,)"
    R"("currency":"EUR","id":"r9","status":"PROCESSED"}]})";
constexpr char kInvalidRequest[] = R"({"error":"Invalid request"})";

class KomfortkassePipelineTest : public ::testing::Test {
 protected:
  std::unique_ptr<RefundClient> client(int max_attempts = 3) {
    KomfortkasseOptions options;
    options.api_key = "kk-pipeline-key";
    options.base_url = "https://kk.example/api/v2";
    options.today = [] { return Date{2026, 3, 14}; };
    options.retry = clock.policy(max_attempts);
    return make_komfortkasse_client(options, transport);
  }

  static RefundRequest request() {
    RefundRequest request;
    request.order_id = "1001";
    request.reference = "RMA-1";
    request.amount = Money::parse("12.30", "EUR").value();
    request.planned_date = Date{2026, 3, 20};
    return request;
  }

  Result<Refund> create(int max_attempts = 3) {
    return client(max_attempts)->create_refund(request());
  }

  /// The methods sent, in order: "POST", "GET", ...
  std::vector<std::string> methods() const {
    std::vector<std::string> sent;
    for (const HttpRequest& request : transport->requests()) {
      sent.emplace_back(to_string(request.method));
    }
    return sent;
  }

  FakeClock clock;
  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
};

// ---- What certainly was not processed is sent again, for every vendor -----------------------

TEST_F(KomfortkassePipelineTest, ARequestThatNeverLeftIsSentAgainAfterTheBackoff) {
  transport->fail(ErrorKind::network, "connection refused").respond_json(200, kCreated);
  const Result<Refund> refund = create();
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->attempts, 2);
  EXPECT_FALSE(refund->already_existed);
  EXPECT_THAT(methods(), ElementsAre("POST", "POST"));
  EXPECT_THAT(clock.sleeps(), ElementsAre(milliseconds(400)));  // full jitter, first cap 500 ms
}

TEST_F(KomfortkassePipelineTest, A429WaitsItsRetryAfterInSeconds) {
  transport->respond(429, kInvalidRequest, {{"Retry-After", "7"}}).respond_json(200, kCreated);
  ASSERT_THAT(create(), Succeeds());
  EXPECT_THAT(clock.sleeps(), ElementsAre(seconds(7)));
  EXPECT_THAT(methods(), ElementsAre("POST", "POST"));
}

TEST_F(KomfortkassePipelineTest, A429WaitsItsRetryAfterAsAnHttpDate) {
  transport->respond(429, "", {{"Retry-After", "Mon, 01 Jun 2026 00:00:12 GMT"}})
      .respond_json(200, kCreated);
  ASSERT_THAT(create(), Succeeds());
  EXPECT_THAT(clock.sleeps(), ElementsAre(seconds(12)));
}

TEST_F(KomfortkassePipelineTest, AJunkRetryAfterIsIgnoredForTheBackoff) {
  transport->respond(429, "", {{"Retry-After", "soon, promise"}}).respond_json(200, kCreated);
  ASSERT_THAT(create(), Succeeds());
  EXPECT_THAT(clock.sleeps(), ElementsAre(milliseconds(400)));
}

TEST_F(KomfortkassePipelineTest, ARetryAfterBeyondTheDeadlineEndsTheCallWithIt) {
  transport->respond(429, "", {{"Retry-After", "3600"}, {"X-Request-Id", "req-42"}});
  const Result<Refund> refund = create();
  ASSERT_THAT(refund, FailsWith(ErrorKind::rate_limited));
  EXPECT_EQ(refund.error().retry_after, seconds(3600));
  EXPECT_EQ(refund.error().request_id, "req-42");
  EXPECT_EQ(refund.error().attempts, 1);
  EXPECT_TRUE(clock.sleeps().empty());
}

TEST_F(KomfortkassePipelineTest, BackoffDoublesUpToItsCapWithFullJitter) {
  clock.set_random_bits(~std::uint64_t{0});
  for (int i = 0; i < 3; ++i) transport->fail(ErrorKind::network, "connection refused");
  const Result<Refund> refund = create(3);
  ASSERT_THAT(refund, FailsWith(ErrorKind::network));
  EXPECT_EQ(refund.error().attempts, 3);
  const std::vector<milliseconds> sleeps = clock.sleeps();
  ASSERT_EQ(sleeps.size(), 2u);
  EXPECT_LE(sleeps[0], milliseconds(500));
  EXPECT_LE(sleeps[1], milliseconds(1000));
}

TEST_F(KomfortkassePipelineTest, NoAttemptStartsAfterTheTotalDeadline) {
  transport->set_handler([this](const HttpRequest&) -> Result<HttpResponse> {
    clock.advance(seconds(40));  // each attempt takes 40 s of the 60 s deadline
    return test_support::make_transport_error(ErrorKind::network, "connect timeout");
  });
  const Result<Refund> refund = create(10);
  ASSERT_THAT(refund, FailsWith(ErrorKind::network));
  EXPECT_EQ(refund.error().attempts, 2);
}

TEST_F(KomfortkassePipelineTest, OneAttemptMeansNoRetry) {
  transport->fail(ErrorKind::network, "connection refused");
  EXPECT_THAT(create(1), FailsWith(ErrorKind::network));
  EXPECT_EQ(transport->request_count(), 1u);
}

// ---- What may have been processed is read back before anything is sent again ----------------

TEST_F(KomfortkassePipelineTest, ALostAnswerIsSettledByReadBackWithoutAResend) {
  transport->fail(ErrorKind::outcome_unknown, "timeout after sending")
      .respond_json(200, kHasTheRefund);
  const Result<Refund> refund = create();
  ASSERT_THAT(refund, Succeeds());
  EXPECT_TRUE(refund->already_existed);
  EXPECT_EQ(refund->attempts, 1);
  EXPECT_EQ(refund->id, "r1");
  EXPECT_EQ(refund->raw_body, kHasTheRefund);
  EXPECT_THAT(methods(), ElementsAre("POST", "GET"));
}

TEST_F(KomfortkassePipelineTest, A5xxWhoseRefundIsAbsentIsSentAgain) {
  transport->respond_json(502, "<html>Bad gateway</html>")
      .respond_json(200, kNoRefunds)
      .respond_json(200, kCreated);
  const Result<Refund> refund = create();
  ASSERT_THAT(refund, Succeeds());
  EXPECT_FALSE(refund->already_existed);
  EXPECT_EQ(refund->attempts, 2);
  EXPECT_THAT(methods(), ElementsAre("POST", "GET", "POST"));
}

TEST_F(KomfortkassePipelineTest, AnUnreadable2xxIsSettledByReadBack) {
  transport->respond_json(200, R"({"status":)").respond_json(200, kHasTheRefund);
  const Result<Refund> refund = create();
  ASSERT_THAT(refund, Succeeds());
  EXPECT_TRUE(refund->already_existed);
  EXPECT_THAT(methods(), ElementsAre("POST", "GET"));
}

TEST_F(KomfortkassePipelineTest, AnotherRefundUnderTheReferenceIsDuplicateReference) {
  transport->fail(ErrorKind::outcome_unknown, "connection dropped")
      .respond_json(200, kHasAnotherRefund);
  const Result<Refund> refund = create();
  ASSERT_THAT(refund, FailsWith(ErrorKind::duplicate_reference));
  EXPECT_THAT(refund.error().message, HasSubstr("99.00 EUR, status PROCESSED, id r9"));
  EXPECT_THAT(refund.error().message, HasSubstr("asked for 12.30 EUR"));
  EXPECT_THAT(methods(), ElementsAre("POST", "GET"));
}

TEST_F(KomfortkassePipelineTest, WhenEveryAttemptStaysInDoubtTheOutcomeIsUnknown) {
  transport->set_handler([](const HttpRequest& request) -> Result<HttpResponse> {
    if (request.method == HttpMethod::get) {
      return test_support::make_json_response(200, kNoRefunds);
    }
    return test_support::make_json_response(503, R"({"error":"busy"})");
  });
  const Result<Refund> refund = create(3);
  ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_EQ(refund.error().attempts, 3);
  EXPECT_THAT(methods(), ElementsAre("POST", "GET", "POST", "GET", "POST", "GET"));
}

TEST_F(KomfortkassePipelineTest, ARefusedResendAfterADoubtfulAttemptIsNeverADefiniteFailure) {
  // The first attempt is executed but its answer lost; the order read lags behind and shows
  // nothing, so the client resends; the vendor refuses the reused reference; the read still
  // lags. The refund exists: "not made" would invite paying twice.
  transport->fail(ErrorKind::outcome_unknown, "timeout after sending")
      .respond_json(200, kNoRefunds)
      .respond_json(400, kInvalidRequest)
      .respond_json(200, kNoRefunds);
  const Result<Refund> refund = create();
  ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_EQ(refund.error().http_status, 400);
  EXPECT_THAT(refund.error().message, HasSubstr("an earlier attempt of this call"));
  EXPECT_EQ(refund.error().attempts, 2);
  EXPECT_THAT(methods(), ElementsAre("POST", "GET", "POST", "GET"));
}

TEST_F(KomfortkassePipelineTest, AReadBackThatFailsIsRetriedAsAGet) {
  transport->fail(ErrorKind::outcome_unknown, "timeout")
      .respond_json(503, "")
      .respond_json(200, kHasTheRefund);
  const Result<Refund> refund = create();
  ASSERT_THAT(refund, Succeeds());
  EXPECT_TRUE(refund->already_existed);
  EXPECT_THAT(methods(), ElementsAre("POST", "GET", "GET"));
}

// ---- A refusal is checked against the facts, not its wording ---------------------------------

TEST_F(KomfortkassePipelineTest, TheBareInvalidRequestOfARetryEndsAsTheExistingRefund) {
  transport->respond_json(400, kInvalidRequest).respond_json(200, kHasTheRefund);
  const Result<Refund> refund = create();
  ASSERT_THAT(refund, Succeeds());
  EXPECT_TRUE(refund->already_existed);
  EXPECT_EQ(refund->attempts, 1);
  EXPECT_THAT(methods(), ElementsAre("POST", "GET"));
}

TEST_F(KomfortkassePipelineTest, ARefusalOfAnotherRefundKeepsTheVendorsAnswer) {
  transport->respond(400, kInvalidRequest, {{"X-Request-Id", "req-7"}})
      .respond_json(200, kHasAnotherRefund);
  const Result<Refund> refund = create();
  ASSERT_THAT(refund, FailsWith(ErrorKind::duplicate_reference));
  EXPECT_EQ(refund.error().http_status, 400);
  EXPECT_EQ(refund.error().raw_body, kInvalidRequest);
  EXPECT_EQ(refund.error().vendor_message, "Invalid request");
  EXPECT_EQ(refund.error().request_id, "req-7");
  EXPECT_THAT(refund.error().message, HasSubstr("99.00 EUR"));
}

TEST_F(KomfortkassePipelineTest, ARefusalWithNoSuchRefundStandsAsRefused) {
  transport->respond_json(400, kInvalidRequest).respond_json(200, kNoRefunds);
  const Result<Refund> refund = create();
  ASSERT_THAT(refund, FailsWith(ErrorKind::invalid_request));
  EXPECT_EQ(refund.error().vendor_message, "Invalid request");
  EXPECT_EQ(refund.error().http_status, 400);
}

TEST_F(KomfortkassePipelineTest, ARefusalWhoseReadBackFailsIsOutcomeUnknown) {
  transport->respond_json(400, kInvalidRequest);
  for (int i = 0; i < 3; ++i) transport->fail(ErrorKind::network, "connection refused");
  const Result<Refund> refund = create();
  ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_THAT(refund.error().message, HasSubstr("reading the refund back to settle it failed"));
  EXPECT_EQ(refund.error().http_status, 400);
  EXPECT_EQ(refund.error().raw_body, kInvalidRequest);
}

TEST_F(KomfortkassePipelineTest, TheWordingHintStillNamesADuplicateOnAnotherOrder) {
  transport->respond_json(400, R"({"error":"externalReference already exists"})")
      .respond_json(200, kNoRefunds);
  EXPECT_THAT(create(), FailsWith(ErrorKind::duplicate_reference));
}

TEST_F(KomfortkassePipelineTest, AuthenticationAndUnknownOrderAreNotReadBack) {
  transport->respond_json(401, R"({"error":"API Key missing"})");
  EXPECT_THAT(create(), FailsWith(ErrorKind::authentication));
  transport->respond_json(404, R"({"error":"Order not found"})");
  EXPECT_THAT(create(), FailsWith(ErrorKind::not_found));
  EXPECT_THAT(methods(), ElementsAre("POST", "POST"));
}

TEST_F(KomfortkassePipelineTest, TheApiKeyNeverLeavesInASettledOutcome) {
  transport->respond_json(400, R"({"error":"bad key kk-pipeline-key"})")
      .respond_json(200,
                    R"({"refunds":[{"externalReference":"RMA-1","amount":1.00,"currency":"EUR",)"
                    R"("id":"kk-pipeline-key","status":"NEW"}]})");
  const Result<Refund> refund = create();
  ASSERT_THAT(refund, FailsWith(ErrorKind::duplicate_reference));
  EXPECT_FALSE(test_support::any_field_contains(refund.error(), "kk-pipeline-key"));
}

// ---- Vendors without a reference the pipeline can read back ---------------------------------

/// A vendor reduced to what the retry rules look at: 2xx made, 429 rate limited, 5xx unknown,
/// 409 a refusal that names a duplicate. With `lists_refunds`, its read-back lists refunds
/// without their references (as Optty's order details do): unidentifiable.
class MinimalCodec final : public internal::RefundCodec {
 public:
  explicit MinimalCodec(internal::Deduplication deduplication, bool lists_refunds = false)
      : deduplication_(deduplication), lists_refunds_(lists_refunds) {}
  std::string_view provider() const noexcept override { return "minimal"; }
  std::string_view vendor_name() const noexcept override { return "Minimal"; }
  internal::Deduplication deduplication() const noexcept override { return deduplication_; }
  Result<internal::PreparedRefund> prepare_create(const RefundRequest& request) const override {
    HttpRequest http;
    http.method = HttpMethod::post;
    http.url = "https://minimal.example/refunds";
    http.body = "{}";
    return internal::PreparedRefund{request, http};
  }
  Result<Refund> interpret_create(const internal::PreparedRefund& sent,
                                  const HttpResponse& response) const override {
    if (response.status >= 200 && response.status < 300) {
      Refund refund;
      refund.reference = sent.request.reference;
      return refund;
    }
    const ErrorKind kind = response.status == 429   ? ErrorKind::rate_limited
                           : response.status >= 500 ? ErrorKind::outcome_unknown
                           : response.status == 409 ? ErrorKind::duplicate_reference
                                                    : ErrorKind::invalid_request;
    return Error{kind, "Minimal answered", response.status};
  }
  bool can_find() const noexcept override { return lists_refunds_; }
  Result<HttpRequest> prepare_find(std::string_view, std::string_view) const override {
    HttpRequest http;
    http.url = "https://minimal.example/orders/A-1";
    http.idempotent = true;
    return http;
  }
  internal::FindAnswer interpret_find(std::string_view, std::string_view,
                                      const HttpResponse& response) const override {
    if (response.status == 404) {
      return {internal::FindAnswer::Kind::absent, std::nullopt,
              Error{ErrorKind::not_found, "none"}};
    }
    return {internal::FindAnswer::Kind::unidentifiable, std::nullopt,
            Error{ErrorKind::outcome_unknown, "Minimal lists refunds without their references"}};
  }
  std::vector<std::string> secrets() const override { return {}; }

 private:
  internal::Deduplication deduplication_;
  bool lists_refunds_;
};

class MinimalPipelineTest : public KomfortkassePipelineTest {
 protected:
  Result<Refund> create_with(internal::Deduplication deduplication, bool lists_refunds = false) {
    internal::RefundPipeline pipeline(std::make_unique<MinimalCodec>(deduplication, lists_refunds),
                                      transport, clock.policy(3));
    return pipeline.create_refund(request());
  }
};

// ---- A read-back that cannot identify a refund by its reference -----------------------------

TEST_F(MinimalPipelineTest, AFirstRefusalStandsWhenTheReadBackCannotIdentifyRefunds) {
  transport->respond_json(400, R"({"message":"You can only refund amount up to AUD 24.98"})")
      .respond_json(200, R"({"refunds":[{"refundId":"x","amount":"5.00"}]})");
  const Result<Refund> refund =
      create_with(internal::Deduplication::unique_reference, /*lists_refunds=*/true);
  ASSERT_THAT(refund, FailsWith(ErrorKind::invalid_request));
  EXPECT_THAT(methods(), ElementsAre("POST", "GET"));
}

TEST_F(MinimalPipelineTest, ARefusedResendAfterDoubtIsUnknownWhenTheReadBackCannotIdentify) {
  transport->fail(ErrorKind::outcome_unknown, "timeout after sending")
      .respond_json(200, "{}")   // read-back: unidentifiable, so resend
      .respond_json(400, "{}")   // the reused reference refused, for all the client knows
      .respond_json(200, "{}");  // still unidentifiable
  const Result<Refund> refund =
      create_with(internal::Deduplication::unique_reference, /*lists_refunds=*/true);
  ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_EQ(refund.error().attempts, 2);
  EXPECT_THAT(methods(), ElementsAre("POST", "GET", "POST", "GET"));
}

TEST_F(MinimalPipelineTest, ARefusedResendThatNamesADuplicateIsDuplicateReference) {
  transport->fail(ErrorKind::outcome_unknown, "timeout after sending")
      .respond_json(200, "{}")
      .respond_json(409, "{}")
      .respond_json(200, "{}");
  EXPECT_THAT(create_with(internal::Deduplication::unique_reference, /*lists_refunds=*/true),
              FailsWith(ErrorKind::duplicate_reference));
}

TEST_F(MinimalPipelineTest, FindRefundThatCannotIdentifySaysSo) {
  transport->respond_json(200, "{}");
  internal::RefundPipeline pipeline(
      std::make_unique<MinimalCodec>(internal::Deduplication::unique_reference, true), transport,
      clock.policy());
  const Result<Refund> found = pipeline.find_refund("A-1", "R-1");
  ASSERT_THAT(found, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_THAT(found.error().message, HasSubstr("without their references"));
}

TEST_F(MinimalPipelineTest, WithoutDeduplicationARefundThatMayHaveLeftIsNeverSentAgain) {
  transport->fail(ErrorKind::outcome_unknown, "timeout after sending");
  const Result<Refund> refund = create_with(internal::Deduplication::none);
  ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_EQ(refund.error().attempts, 1);
  transport->respond_json(500, "");
  EXPECT_THAT(create_with(internal::Deduplication::none), FailsWith(ErrorKind::outcome_unknown));
  EXPECT_EQ(transport->request_count(), 2u);
  EXPECT_TRUE(clock.sleeps().empty());
}

TEST_F(MinimalPipelineTest, WithoutDeduplicationWhatNeverLeftOrWasRateLimitedIsSentAgain) {
  transport->fail(ErrorKind::network, "connection refused")
      .respond(429, "", {{"Retry-After", "1"}})
      .respond_json(201, "{}");
  const Result<Refund> refund = create_with(internal::Deduplication::none);
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->attempts, 3);
}

// The retries run out on a 429 after an attempt that may have been executed: the 429 proves
// nothing about that attempt, so the outcome stays unknown, never "rate limited, not made".
TEST_F(MinimalPipelineTest, RunningOutOnA429AfterDoubtIsOutcomeUnknown) {
  transport->respond_json(503, "")
      .respond(429, "", {{"Retry-After", "0"}})
      .respond(429, "", {{"Retry-After", "0"}});
  const Result<Refund> refund = create_with(internal::Deduplication::idempotency_key);
  ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_EQ(refund.error().http_status, 429);
  EXPECT_EQ(refund.error().attempts, 3);
}

// A definite answer to a resend (here a 404) says nothing of the earlier attempt in doubt.
TEST_F(MinimalPipelineTest, ADefiniteErrorAfterDoubtIsOutcomeUnknown) {
  transport->respond_json(503, "").respond_json(404, "{}");
  const Result<Refund> refund = create_with(internal::Deduplication::idempotency_key);
  ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_EQ(refund.error().http_status, 404);
  EXPECT_EQ(refund.error().attempts, 2);
}

// Nothing is ever resent without deduplication, so a refusal cannot be of a reused reference:
// reading back could only turn a definite refusal into a doubt when the read fails.
TEST_F(MinimalPipelineTest, WithoutDeduplicationARefusalIsNotReadBack) {
  transport->respond_json(422, "{}").respond_json(503, "");
  const Result<Refund> refund = create_with(internal::Deduplication::none, /*lists_refunds=*/true);
  ASSERT_THAT(refund, FailsWith(ErrorKind::invalid_request));
  EXPECT_THAT(methods(), ElementsAre("POST"));
}

TEST_F(MinimalPipelineTest, AnIdempotencyKeyAllowsAResendWithoutReadBack) {
  transport->respond_json(503, "")
      .fail(ErrorKind::outcome_unknown, "timeout")
      .respond_json(200, "{}");
  const Result<Refund> refund = create_with(internal::Deduplication::idempotency_key);
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->attempts, 3);
  EXPECT_THAT(methods(), ElementsAre("POST", "POST", "POST"));
}

TEST_F(MinimalPipelineTest, ADefaultFindRefundSaysItCannotTell) {
  internal::RefundPipeline pipeline(std::make_unique<MinimalCodec>(internal::Deduplication::none),
                                    transport, clock.policy());
  const Result<Refund> found = pipeline.find_refund("A-1", "R-1");
  ASSERT_THAT(found, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_THAT(found.error().message, HasSubstr("cannot read refunds back"));
  EXPECT_EQ(transport->request_count(), 0u);
}

}  // namespace
}  // namespace refundkit::pipeline_test
