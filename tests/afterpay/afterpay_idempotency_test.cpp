// The X-Idempotency-Key: derived from the reference, stable across versions, and the same on
// every resend of one refund, so that Riverty replays instead of refunding twice.
#include <chrono>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "afterpay_fixture.hpp"

namespace refundkit::afterpay_test {
namespace {

using test_support::FailsWith;
using test_support::Succeeds;

bool conforms_to_riverty(const std::string& key) {
  static const std::regex kRule("[A-Za-z0-9_-]{1,50}");
  return std::regex_match(key, kRule);
}

TEST(AfterPayIdempotencyKey, AConformingReferenceIsTheKey) {
  const std::string fifty(50, 'a');
  for (const std::string& reference :
       {std::string("RMA-1"), std::string("a"), std::string("Az09_-"), fifty,
        std::string("rk-not-a-hash")}) {
    EXPECT_EQ(afterpay_idempotency_key(reference), reference);
  }
}

// Golden values: a later version must send the same key for the same reference, or a retry
// across an upgrade refunds twice. sha256("RMA 1") starts 916dd944...
TEST(AfterPayIdempotencyKey, OtherReferencesAreHashedStably) {
  EXPECT_EQ(afterpay_idempotency_key("RMA 1"),
            "rk-916dd94430fcf7a4e17d3bbf6fef5e1747188063d5a1d65");
  EXPECT_EQ(afterpay_idempotency_key("refund/2026/0001"),
            "rk-8f3e2de38586cf3d8a2033287e0ad108142b8dde3a204f4");
  EXPECT_EQ(afterpay_idempotency_key(std::string(51, 'a')),
            "rk-bfc5fe0e360152ca98c50fab4ed7e3078c17debc2917740");
  EXPECT_EQ(afterpay_idempotency_key("R\xC3\xBC"
                                     "ckgabe-7"),
            "rk-f2c6cda6de09d2c9129b377065c55ba6feaf290a1dec726");
  EXPECT_EQ(afterpay_idempotency_key(""), "rk-e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934");
}

TEST(AfterPayIdempotencyKey, EveryKeyConformsAndDistinctReferencesGetDistinctKeys) {
  const std::vector<std::string> references = {"RMA-1",
                                               "rma-1",
                                               "RMA-2",
                                               "RMA 1",
                                               "RMA  1",
                                               "RMA.1",
                                               "RMA/1",
                                               std::string(50, 'x'),
                                               std::string(51, 'x'),
                                               std::string(52, 'x'),
                                               std::string(51, 'y'),
                                               "\xC3\xBC",
                                               "",
                                               "-",
                                               "_",
                                               "RMA-1\xC2\xA0"};
  std::set<std::string> keys;
  for (const std::string& reference : references) {
    SCOPED_TRACE(reference);
    const std::string key = afterpay_idempotency_key(reference);
    EXPECT_TRUE(conforms_to_riverty(key)) << key;
    EXPECT_EQ(afterpay_idempotency_key(reference), key);
    keys.insert(key);
  }
  EXPECT_EQ(keys.size(), references.size());
  const std::string hashed = afterpay_idempotency_key("RMA 1");
  EXPECT_EQ(hashed.size(), 50u);
  EXPECT_TRUE(std::regex_match(hashed, std::regex("rk-[0-9a-f]{47}")));
}

TEST_F(AfterPayTest, TheRefundCarriesTheKeyOfItsReference) {
  RefundRequest hashed = request();
  hashed.reference = "refund/2026/0001";
  transport->respond_json(200, std::string(kRefunded));
  ASSERT_THAT(create(hashed), Succeeds());
  EXPECT_EQ(find_header(transport->last_request().headers, "X-Idempotency-Key"),
            "rk-8f3e2de38586cf3d8a2033287e0ad108142b8dde3a204f4");
  // The reference itself travels as transactionReference, verbatim.
  EXPECT_NE(transport->last_request().body.find(R"("transactionReference":"refund/2026/0001")"),
            std::string::npos);
}

/// Retries without waiting: the clock moves only when the pipeline sleeps.
class RetryTest : public AfterPayTest {
 protected:
  std::unique_ptr<RefundClient> retrying_client(int max_attempts = 3) {
    AfterPayOptions retrying = options();
    retrying.retry.max_attempts = max_attempts;
    retrying.retry.now = [this] { return now_; };
    retrying.retry.sleep = [this](std::chrono::milliseconds delay) {
      now_ += delay;
      ++sleeps_;
    };
    retrying.retry.random = [] { return std::uint64_t{7}; };
    return make_afterpay_client(retrying, transport);
  }

  /// Every POST sent, with its key; expects all to be the same request.
  void expect_same_request_each_time(std::size_t expected_posts) {
    const std::vector<HttpRequest> sent = posts();
    ASSERT_EQ(sent.size(), expected_posts);
    for (const HttpRequest& http : sent) {
      EXPECT_EQ(find_header(http.headers, "X-Idempotency-Key"), "RMA-1");
      EXPECT_EQ(http.body, sent.front().body);
      EXPECT_EQ(http.url, kRefundUrl);
    }
    // Riverty replays under the key: nothing is read back between attempts.
    EXPECT_EQ(transport->request_count(), expected_posts);
  }

  std::chrono::system_clock::time_point now_{std::chrono::seconds(1780272000)};
  int sleeps_ = 0;
};

TEST_F(RetryTest, AServerErrorIsResentUnderTheSameKey) {
  transport->respond_json(503, R"([{"type":"TechnicalError","message":"Unavailable"}])");
  transport->respond_json(200, std::string(kRefunded));
  const Result<Refund> refund = retrying_client()->create_refund(request());
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->attempts, 2);
  EXPECT_EQ(refund->id, "000000002");
  EXPECT_FALSE(refund->already_existed);
  EXPECT_EQ(sleeps_, 1);
  expect_same_request_each_time(2);
}

TEST_F(RetryTest, ALostAnswerIsResentUnderTheSameKey) {
  transport->fail(ErrorKind::outcome_unknown, "timeout after the request was sent");
  transport->respond_json(200, std::string(kRefunded));
  const Result<Refund> refund = retrying_client()->create_refund(request());
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->attempts, 2);
  expect_same_request_each_time(2);
}

TEST_F(RetryTest, EveryKindOfRetryKeepsTheKey) {
  transport->fail(ErrorKind::network, "connection refused");
  transport->respond_json(429, "");
  transport->respond_json(500, "");
  transport->fail(ErrorKind::outcome_unknown, "connection reset");
  transport->respond_json(200, std::string(kRefunded));
  const Result<Refund> refund = retrying_client(5)->create_refund(request());
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->attempts, 5);
  expect_same_request_each_time(5);
}

TEST_F(RetryTest, WhenEveryAttemptIsInDoubtTheOutcomeStaysUnknown) {
  for (int i = 0; i < 3; ++i) transport->respond_json(502, "<html>Bad Gateway</html>");
  const Result<Refund> refund = retrying_client()->create_refund(request());
  ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_EQ(refund.error().attempts, 3);
  expect_same_request_each_time(3);
}

TEST_F(RetryTest, ARefusalIsNotResent) {
  transport->respond_json(400, R"([{"message":"Invalid captureNumber",)"
                               R"("fieldReference":"captureNumber"}])");
  const Result<Refund> refund = retrying_client()->create_refund(request());
  ASSERT_THAT(refund, FailsWith(ErrorKind::invalid_request));
  EXPECT_EQ(posts().size(), 1u);
}

}  // namespace
}  // namespace refundkit::afterpay_test
