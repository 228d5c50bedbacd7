// Fault injection: every mode against refundkit's real transport (CurlTransport), the socket
// behaviour itself over a raw TCP client, and fault rules through the C++ and the admin API.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "refundkit/curl_transport.hpp"
#include "sandbox_test_support.hpp"

namespace refundkit::sandbox::testing {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// Waits (bounded; nothing is timed) until `condition` holds: for state a server thread records
// after the client has already given up.
bool eventually(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return condition();
}

class SandboxFaultTest : public ::testing::Test {
 protected:
  Sandbox sandbox_{test_options()};
  SandboxClient client_{sandbox_.port()};

  static std::shared_ptr<Transport> make_transport(std::chrono::milliseconds timeout = 20s,
                                                   std::size_t max_response_bytes = 1024 * 1024) {
    CurlTransportOptions options;
    options.allow_http_for_loopback = true;
    options.request_timeout = timeout;
    options.max_response_bytes = max_response_bytes;
    return make_curl_transport(options);
  }

  HttpRequest refund_request(const std::string& fault, const std::string& reference,
                             const std::string& order = "KK-1001") const {
    HttpRequest request;
    request.method = HttpMethod::post;
    request.url = sandbox_.komfortkasse_base_url() + "/order/" + order + "/refund";
    request.headers = {{"Content-Type", "application/json"}, {"X-Komfortkasse-API-Key", kApiKey}};
    if (!fault.empty()) request.headers.push_back({kFaultHeader, fault});
    request.body = refund_body(reference, "12.30");
    return request;
  }

  // One refund POST of 12.30 EUR against KK-1001 on a fresh transport (a fresh connection).
  Result<HttpResponse> send(const std::string& fault, const std::string& reference = "RMA-1",
                            std::chrono::milliseconds timeout = 20s,
                            std::size_t max_response_bytes = 1024 * 1024) const {
    return make_transport(timeout, max_response_bytes)->send(refund_request(fault, reference));
  }

  bool recorded(const std::string& reference) const {
    for (const SandboxRefund& refund : sandbox_.refunds()) {
      if (refund.reference == reference) return true;
    }
    return false;
  }

  std::uint64_t injected(const std::string& mode) const {
    const auto counts = sandbox_.fault_counts();
    const auto found = counts.find(mode);
    return found == counts.end() ? 0 : found->second;
  }

  void expect_outcome_unknown(const Result<HttpResponse>& result) const {
    ASSERT_FALSE(result.ok()) << "HTTP " << result->status << " " << result->body;
    EXPECT_EQ(result.error().kind, ErrorKind::outcome_unknown) << result.error().message;
    EXPECT_TRUE(result.error().may_have_been_executed());
  }
};

// --- Through CurlTransport ------------------------------------------------------------------

TEST_F(SandboxFaultTest, CloseBeforeProcessesNothingAndAnswersNothing) {
  const auto result = send("close_before");
  // The request left on a fresh connection and nothing came back: the transport cannot know
  // whether the vendor acted, so it is outcome_unknown (curl_failure.cpp: CURLE_GOT_NOTHING).
  expect_outcome_unknown(result);
  EXPECT_TRUE(sandbox_.refunds().empty());
  EXPECT_EQ(injected("close_before"), 1u);
}

TEST_F(SandboxFaultTest, DropAfterRecordsTheRefundButAnswersNothing) {
  expect_outcome_unknown(send("drop_after"));
  EXPECT_TRUE(recorded("RMA-1"));
  EXPECT_EQ(sandbox_.refunds().size(), 1u);
  // The refund exists: a retry with the same reference is refused, a read-back shows it.
  const Reply retry = client_.refund("KK-1001", refund_body("RMA-1", "12.30"));
  EXPECT_EQ(retry.status, 400);
  EXPECT_EQ(client_.order("KK-1001").json.at("refunds").size(), 1u);
  EXPECT_EQ(injected("drop_after"), 1u);
}

TEST_F(SandboxFaultTest, ResetBeforeProcessesNothing) {
  expect_outcome_unknown(send("reset_before"));
  EXPECT_TRUE(sandbox_.refunds().empty());
  EXPECT_EQ(injected("reset_before"), 1u);
}

TEST_F(SandboxFaultTest, ResetAfterRecordsTheRefund) {
  expect_outcome_unknown(send("reset_after"));
  EXPECT_TRUE(recorded("RMA-1"));
  EXPECT_EQ(injected("reset_after"), 1u);
}

TEST_F(SandboxFaultTest, DelayAfterOutlivesAShortClientTimeoutAndRecordsTheRefund) {
  expect_outcome_unknown(send("delay_after; delay_ms=5000", "RMA-1", 300ms));
  EXPECT_TRUE(eventually([&] { return recorded("RMA-1"); }));
  EXPECT_EQ(injected("delay_after"), 1u);
}

TEST_F(SandboxFaultTest, DelayAfterAnswersNormallyWhenTheClientWaits) {
  const auto result = send("delay_after; delay_ms=20");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(Json::parse(result->body).at("externalReference"), "RMA-1");
}

TEST_F(SandboxFaultTest, Status503WithRetryAfterBeforeProcessing) {
  const auto result = send("status; status=503; retry_after=7");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->status, 503);
  EXPECT_EQ(result->header("Retry-After"), "7");
  EXPECT_THAT(result->header("Content-Type"), StartsWith("application/json"));
  EXPECT_TRUE(sandbox_.refunds().empty());
  EXPECT_EQ(injected("status"), 1u);
}

TEST_F(SandboxFaultTest, StatusAfterProcessingRecordsTheRefundAndHidesIt) {
  for (const char* status : {"500", "502", "503", "504"}) {
    const std::string reference = std::string("RMA-") + status;
    const auto result = send(std::string("status; status=") + status + "; phase=after", reference);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->status, std::stoi(status));
    EXPECT_THAT(result->body, ::testing::Not(HasSubstr(reference)));
    EXPECT_TRUE(recorded(reference)) << status;
  }
  EXPECT_EQ(injected("status"), 4u);
}

TEST_F(SandboxFaultTest, Status429WithAnHttpDate) {
  const auto result = send("status; status=429; retry_after=Wed, 21 Oct 2015 07:28:00 GMT");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->status, 429);
  EXPECT_EQ(result->header("Retry-After"), "Wed, 21 Oct 2015 07:28:00 GMT");
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(SandboxFaultTest, TruncatedBodyIsOutcomeUnknownAndRecorded) {
  expect_outcome_unknown(send("truncated_body"));
  EXPECT_TRUE(recorded("RMA-1"));
}

TEST_F(SandboxFaultTest, GarbageAfterIsOutcomeUnknownAndRecorded) {
  expect_outcome_unknown(send("garbage_then_close"));
  EXPECT_TRUE(recorded("RMA-1"));
}

TEST_F(SandboxFaultTest, GarbageBeforeProcessesNothing) {
  expect_outcome_unknown(send("garbage_then_close; phase=before; bytes=64"));
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(SandboxFaultTest, DribbleDeliversTheFullAnswer) {
  const auto result = send("dribble; chunk_bytes=7; pause_ms=2");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->body, R"({"externalReference":"RMA-1","amount":12.30,"currency":"EUR",)"
                          R"("plannedDate":"16-06-2030","id":"KK-R-000001","executionDate":null,)"
                          R"("referenceNumber":"KKBT00000001","status":"NEW"})");
  EXPECT_THAT(result->header("Content-Type"), StartsWith("application/json"));
  EXPECT_TRUE(recorded("RMA-1"));
  EXPECT_EQ(injected("dribble"), 1u);
}

TEST_F(SandboxFaultTest, DribbleKeepsAnErrorAnswerAsItIs) {
  HttpRequest request = refund_request("dribble; chunk_bytes=3; pause_ms=1", "RMA-1");
  request.headers[1].value = "not-the-key";
  const auto result = make_transport()->send(request);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->status, 401);
  EXPECT_EQ(result->body, R"({"error":"API Key missing"})");
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(SandboxFaultTest, HtmlErrorLooksLikeAProxyPage) {
  const auto result = send("html_error");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->status, 502);
  EXPECT_THAT(result->header("Content-Type"), StartsWith("text/html"));
  EXPECT_THAT(result->body, HasSubstr("<html>"));
  EXPECT_THAT(result->body, HasSubstr("502 Bad Gateway"));
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(SandboxFaultTest, HtmlErrorAfterProcessingRecordsTheRefund) {
  const auto result = send("html_error; status=504; phase=after");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->status, 504);
  EXPECT_THAT(result->body, HasSubstr("504 Gateway Timeout"));
  EXPECT_TRUE(recorded("RMA-1"));
}

TEST_F(SandboxFaultTest, OversizedBodyExceedsTheTransportsLimit) {
  expect_outcome_unknown(send("oversized_body"));  // 4 MiB against the 1 MiB default
  EXPECT_TRUE(recorded("RMA-1"));
  EXPECT_EQ(injected("oversized_body"), 1u);
}

TEST_F(SandboxFaultTest, OversizedBodyIsValidJsonOfTheRequestedSize) {
  const auto result = send("oversized_body; bytes=5000");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->body.size(), 5000u);
  const Json body = Json::parse(result->body);
  EXPECT_EQ(body.at("externalReference"), "RMA-1");  // the real answer, padded
  EXPECT_EQ(body.at("status"), "NEW");
  EXPECT_TRUE(body.at("padding").is_string());
}

TEST_F(SandboxFaultTest, EndlessChunkedBodyStopsAtTheLimitWithoutHanging) {
  expect_outcome_unknown(send("endless_chunked"));
  EXPECT_TRUE(recorded("RMA-1"));
}

// More endless bodies than the server has threads: each writer stops when its client goes away,
// or the last requests (and the health check) would find no thread left to serve them.
TEST_F(SandboxFaultTest, EndlessBodiesDoNotKeepServerThreads) {
  constexpr int kRequests = 12;  // cpp-httplib's pool has 8 threads
  for (int i = 0; i < kRequests; ++i) {
    expect_outcome_unknown(send("endless_chunked", "RMA-E" + std::to_string(i), 20s, 64 * 1024));
  }
  EXPECT_EQ(sandbox_.refunds().size(), static_cast<std::size_t>(kRequests));
  EXPECT_EQ(client_.get("/_sandbox/health").status, 200);
  EXPECT_EQ(injected("endless_chunked"), static_cast<std::uint64_t>(kRequests));
}

TEST_F(SandboxFaultTest, WrongContentTypeKeepsTheRealBody) {
  const auto result = send("wrong_content_type");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->status, 200);
  EXPECT_THAT(result->header("Content-Type"), StartsWith("text/html"));
  EXPECT_EQ(Json::parse(result->body).at("externalReference"), "RMA-1");
  EXPECT_TRUE(recorded("RMA-1"));
}

TEST_F(SandboxFaultTest, AnUnknownFaultIsRefusedWithoutProcessing) {
  for (const char* fault :
       {"explode", "status", "status; status=404",
        "status; status=429; "
        "phase=after",
        "delay_after; delay_ms=-1", "close_before; x=1", "dribble; chunk_bytes",
        "status; status=503; retry_after=soon", "html_error; status=404; phase=after"}) {
    const auto result = send(fault);
    ASSERT_TRUE(result.ok()) << fault << ": " << result.error().message;
    EXPECT_EQ(result->status, 400) << fault;
    EXPECT_THAT(result->body, HasSubstr(kFaultHeader)) << fault;
  }
  EXPECT_TRUE(sandbox_.refunds().empty());
  EXPECT_TRUE(sandbox_.fault_counts().empty());
}

TEST_F(SandboxFaultTest, AdminPathsAreNeverFaulted) {
  EXPECT_EQ(client_.get("/_sandbox/health", {{kFaultHeader, "close_before"}}).status, 200);
  EXPECT_EQ(client_.get("/_sandbox/orders", {{kFaultHeader, "status; status=503"}}).status, 200);

  FaultRule everything = parse_fault_rule("status; status=503");
  sandbox_.add_fault_rule(everything);
  EXPECT_EQ(client_.get("/_sandbox/health").status, 200);
  EXPECT_EQ(client_.get("/_sandbox/faults").status, 200);
  EXPECT_EQ(client_.order("KK-1001").status, 503);
  EXPECT_EQ(injected("status"), 1u);
}

TEST_F(SandboxFaultTest, TheServerKeepsServingAfterEveryMode) {
  for (const char* fault :
       {"close_before", "drop_after", "reset_before", "reset_after", "truncated_body",
        "garbage_then_close", "oversized_body", "endless_chunked"}) {
    (void)send(fault, std::string("RMA-") + fault);
    const Reply health = client_.get("/_sandbox/health");
    EXPECT_EQ(health.status, 200) << fault;
  }
  EXPECT_EQ(sandbox_.fault_counts().size(), 8u);
}

// --- The socket behaviour itself, over a raw TCP client ------------------------------------

struct RawExchange {
  std::string received;
  bool clean_eof = false;  // recv() returned 0
  int error = 0;           // errno of a failed recv(), e.g. ECONNRESET
};

RawExchange raw_exchange(int port, const std::string& fault) {
  const std::string body = refund_body("RMA-RAW", "12.30");
  const std::string request = std::string("POST ") + kRefundPathPrefix +
                              "KK-1001/refund HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                              "X-Komfortkasse-API-Key: " +
                              kApiKey + "\r\nContent-Type: application/json\r\nContent-Length: " +
                              std::to_string(body.size()) + "\r\n" + kFaultHeader + ": " + fault +
                              "\r\n\r\n" + body;
  RawExchange exchange;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  timeval bound{20, 0};  // only so that a broken build cannot hang the suite
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &bound, sizeof(bound));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
          static_cast<ssize_t>(request.size())) {
    ::close(fd);
    throw std::runtime_error("cannot talk to the sandbox");
  }
  char chunk[4096];
  while (true) {
    const ssize_t got = ::recv(fd, chunk, sizeof(chunk), 0);
    if (got > 0) {
      exchange.received.append(chunk, static_cast<std::size_t>(got));
    } else {
      if (got == 0) exchange.clean_eof = true;
      if (got < 0) exchange.error = errno;
      break;
    }
  }
  ::close(fd);
  return exchange;
}

TEST_F(SandboxFaultTest, CloseModesEndWithAFinAndNoByte) {
  for (const char* fault : {"close_before", "drop_after"}) {
    const RawExchange exchange = raw_exchange(sandbox_.port(), fault);
    EXPECT_TRUE(exchange.clean_eof) << fault << " errno " << exchange.error;
    EXPECT_EQ(exchange.received, "") << fault;
  }
}

TEST_F(SandboxFaultTest, ResetModesEndWithARst) {
  for (const char* fault : {"reset_before", "reset_after"}) {
    const RawExchange exchange = raw_exchange(sandbox_.port(), fault);
    EXPECT_EQ(exchange.error, ECONNRESET) << fault;
    EXPECT_FALSE(exchange.clean_eof) << fault;
    EXPECT_EQ(exchange.received, "") << fault;
  }
  EXPECT_EQ(sandbox_.refunds().size(), 1u);  // reset_after processed it
}

TEST_F(SandboxFaultTest, TruncatedBodyPromisesTheFullLengthAndSendsHalf) {
  const RawExchange exchange = raw_exchange(sandbox_.port(), "truncated_body");
  EXPECT_TRUE(exchange.clean_eof);
  ASSERT_THAT(exchange.received, StartsWith("HTTP/1.1 200 OK\r\n"));
  const std::size_t header_end = exchange.received.find("\r\n\r\n");
  ASSERT_NE(header_end, std::string::npos);
  const std::string headers = exchange.received.substr(0, header_end);
  const std::size_t length_at = headers.find("Content-Length: ");
  ASSERT_NE(length_at, std::string::npos) << headers;
  const std::size_t promised = std::stoul(headers.substr(length_at + 16));
  const std::size_t sent = exchange.received.size() - header_end - 4;
  EXPECT_EQ(sent, promised / 2);
  EXPECT_GT(promised, sent);
  EXPECT_THAT(headers, HasSubstr("Content-Type: application/json"));
}

TEST_F(SandboxFaultTest, GarbageIsNotHttp) {
  const RawExchange exchange = raw_exchange(sandbox_.port(), "garbage_then_close; bytes=300");
  EXPECT_TRUE(exchange.clean_eof);
  EXPECT_EQ(exchange.received.size(), 300u);
  EXPECT_THAT(exchange.received, ::testing::Not(StartsWith("HTTP")));
}

// --- Rules ----------------------------------------------------------------------------------

TEST_F(SandboxFaultTest, ARuleWithACountFaultsTheNextNMatchingRequests) {
  FaultRule rule = parse_fault_rule("status; status=503");
  rule.count = 2;
  sandbox_.add_fault_rule(rule);

  EXPECT_EQ(client_.refund("KK-1001", refund_body("RMA-1", "1.00")).status, 503);
  EXPECT_EQ(client_.refund("KK-1001", refund_body("RMA-2", "1.00")).status, 503);
  EXPECT_EQ(client_.refund("KK-1001", refund_body("RMA-3", "1.00")).status, 200);
  EXPECT_EQ(sandbox_.refunds().size(), 1u);
  EXPECT_EQ(injected("status"), 2u);
  const std::vector<FaultRuleStatus> rules = sandbox_.fault_rules();
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].applied, 2u);
  EXPECT_EQ(rules[0].matched, 2u);
  EXPECT_EQ(rules[0].rule.fault, "status");
  EXPECT_EQ(rules[0].rule.parameters.at("status"), "503");
}

TEST_F(SandboxFaultTest, RulesFilterByMethodAndPathPrefix) {
  FaultRule reads = parse_fault_rule("status; status=502");
  reads.method = "get";
  reads.path_prefix = "/komfortkasse/";
  sandbox_.add_fault_rule(reads);
  FaultRule elsewhere = parse_fault_rule("close_before");
  elsewhere.path_prefix = "/optty/";
  sandbox_.add_fault_rule(elsewhere);

  EXPECT_EQ(client_.refund("KK-1001", refund_body("RMA-1", "1.00")).status, 200);  // a POST
  EXPECT_EQ(client_.order("KK-1001").status, 502);
  EXPECT_EQ(client_.get("/nowhere").status, 404);  // neither prefix
  EXPECT_EQ(injected("status"), 1u);
  EXPECT_EQ(injected("close_before"), 0u);
}

TEST_F(SandboxFaultTest, TheFirstRuleThatFiresWins) {
  FaultRule first = parse_fault_rule("status; status=503");
  first.count = 1;
  sandbox_.add_fault_rule(first);
  sandbox_.add_fault_rule(parse_fault_rule("status; status=500"));
  EXPECT_EQ(client_.order("KK-1001").status, 503);
  EXPECT_EQ(client_.order("KK-1001").status, 500);
  EXPECT_EQ(client_.order("KK-1001").status, 500);
}

TEST_F(SandboxFaultTest, AHeaderFaultTakesPrecedenceOverRules) {
  sandbox_.add_fault_rule(parse_fault_rule("status; status=503"));
  const Reply reply =
      client_.get(std::string(kRefundPathPrefix) + "KK-1001",
                  {{"X-Komfortkasse-API-Key", kApiKey}, {kFaultHeader, "html_error; status=500"}});
  EXPECT_EQ(reply.status, 500);
  EXPECT_THAT(reply.body, HasSubstr("<html>"));
  EXPECT_EQ(sandbox_.fault_rules().at(0).matched, 0u);
}

// The statuses of 40 order reads under a rule of the given rate and seed, on a fresh sandbox.
std::vector<int> faulted_sequence(double rate, std::uint64_t seed) {
  Sandbox sandbox(test_options());
  FaultRule rule = parse_fault_rule("status; status=503");
  rule.rate = rate;
  rule.seed = seed;
  sandbox.add_fault_rule(rule);
  SandboxClient client(sandbox.port());
  std::vector<int> statuses;
  for (int i = 0; i < 40; ++i) statuses.push_back(client.order("KK-1001").status);
  return statuses;
}

TEST(SandboxFaultRateTest, TheSameSeedFaultsTheSameRequests) {
  const std::vector<int> first = faulted_sequence(0.3, 42);
  const std::vector<int> second = faulted_sequence(0.3, 42);
  EXPECT_EQ(first, second);
  const auto faulted = std::count(first.begin(), first.end(), 503);
  EXPECT_GT(faulted, 0);
  EXPECT_LT(faulted, 40);
  EXPECT_EQ(std::count(first.begin(), first.end(), 200), 40 - faulted);
  EXPECT_NE(faulted_sequence(0.3, 43), first);
}

TEST(SandboxFaultRateTest, RatesZeroAndOne) {
  const std::vector<int> never = faulted_sequence(0.0, 1);
  EXPECT_EQ(std::count(never.begin(), never.end(), 200), 40);
  const std::vector<int> always = faulted_sequence(1.0, 1);
  EXPECT_EQ(std::count(always.begin(), always.end(), 503), 40);
}

TEST_F(SandboxFaultTest, ResetZeroesTheCountersAndKeepsTheRules) {
  sandbox_.add_fault_rule(parse_fault_rule("status; status=503"));
  EXPECT_EQ(client_.order("KK-1001").status, 503);
  EXPECT_EQ(injected("status"), 1u);

  sandbox_.reset();
  EXPECT_TRUE(sandbox_.fault_counts().empty());
  EXPECT_EQ(sandbox_.fault_rules().size(), 1u);
  EXPECT_EQ(client_.order("KK-1001").status, 503);

  sandbox_.clear_fault_rules();
  EXPECT_TRUE(sandbox_.fault_rules().empty());
  EXPECT_EQ(client_.order("KK-1001").status, 200);
  EXPECT_EQ(injected("status"), 1u);  // clearing rules keeps the counters
}

TEST(SandboxFaultRuleTest, ParsesTheHeaderSyntax) {
  const FaultRule rule = parse_fault_rule(" status ;status=503;  retry_after = 2 ;");
  EXPECT_EQ(rule.fault, "status");
  EXPECT_EQ(rule.parameters,
            (std::map<std::string, std::string>{{"status", "503"}, {"retry_after", "2"}}));
  EXPECT_TRUE(rule.method.empty());
  EXPECT_FALSE(rule.count.has_value());
  EXPECT_EQ(rule.rate, 1.0);
}

TEST(SandboxFaultRuleTest, RefusesBadRules) {
  for (const char* spec :
       {"", "boom", "status", "status; status=200", "status; status=5o3", "html_error; status=302",
        "drop_after; phase=before", "garbage_then_close; phase=sideways", "dribble; chunk_bytes=0",
        "oversized_body; bytes=9999999999", "status; status=503; status=504",
        "delay_after; delay_ms"}) {
    EXPECT_THROW(parse_fault_rule(spec), std::invalid_argument) << spec;
  }
  Sandbox sandbox(test_options());
  FaultRule rule = parse_fault_rule("close_before");
  rule.rate = 1.5;
  EXPECT_THROW(sandbox.add_fault_rule(rule), std::invalid_argument);
  rule.rate = 0.5;
  rule.path_prefix = "komfortkasse";
  EXPECT_THROW(sandbox.add_fault_rule(rule), std::invalid_argument);
  rule.path_prefix = "/";
  rule.method = "PO ST";
  EXPECT_THROW(sandbox.add_fault_rule(rule), std::invalid_argument);
  FaultRule unknown;
  unknown.fault = "close_after";
  EXPECT_THROW(sandbox.add_fault_rule(unknown), std::invalid_argument);
  EXPECT_TRUE(sandbox.fault_rules().empty());
}

// A fault spoils the answer, never its meaning: a refusal padded or streamed stays a refusal.
TEST_F(SandboxFaultTest, PaddedAndEndlessBodiesKeepTheRealStatus) {
  HttpRequest refused = refund_request("oversized_body; bytes=5000", "RMA-P");
  refused.headers[1].value = "not-the-key";
  const auto result = make_transport()->send(refused);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->status, 401);
  EXPECT_EQ(Json::parse(result->body).at("error"), "API Key missing");
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(SandboxFaultTest, TheAdminApiWritesEveryParameterAsValidJson) {
  const Reply created =
      client_.post("/_sandbox/faults", R"({"fault": "delay_after", "delay_ms": "050"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json.at("delay_ms"), 50);
  const Reply listed = client_.get("/_sandbox/faults");
  ASSERT_EQ(listed.status, 200);
  EXPECT_TRUE(Json::accept(listed.body)) << listed.body;
}

TEST_F(SandboxFaultTest, RulesThroughTheAdminApi) {
  const Reply created = client_.post("/_sandbox/faults", R"({"fault": "drop_after",
      "method": "POST", "path_prefix": "/komfortkasse/", "count": 1})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json.at("fault"), "drop_after");

  expect_outcome_unknown(send("", "RMA-1"));
  EXPECT_TRUE(recorded("RMA-1"));
  const auto second = send("", "RMA-2");  // the count is used up
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->status, 200);

  const Reply listed = client_.get("/_sandbox/faults");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.json, Json::parse(R"({"rules":[{"fault":"drop_after","method":"POST",
      "path_prefix":"/komfortkasse/","count":1,"rate":1.0,"seed":0,"matched":1,"applied":1}],
      "injected":{"drop_after":1}})"));

  const Reply cleared = client_.request_delete("/_sandbox/faults");
  EXPECT_EQ(cleared.status, 200);
  EXPECT_TRUE(client_.get("/_sandbox/faults").json.at("rules").empty());
  EXPECT_EQ(client_.get("/_sandbox/faults").json.at("injected").at("drop_after"), 1);
}

TEST_F(SandboxFaultTest, AdminApiRuleWithParametersRateAndSeed) {
  const Reply created = client_.post("/_sandbox/faults", R"({"fault": "status", "status": 503,
      "retry_after": 5, "phase": "after", "rate": 0.5, "seed": 42})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::vector<FaultRuleStatus> rules = sandbox_.fault_rules();
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].rule.parameters,
            (std::map<std::string, std::string>{
                {"phase", "after"}, {"retry_after", "5"}, {"status", "503"}}));
  EXPECT_EQ(rules[0].rule.rate, 0.5);
  EXPECT_EQ(rules[0].rule.seed, 42u);
  const Json listed = client_.get("/_sandbox/faults").json.at("rules").at(0);
  EXPECT_EQ(listed.at("status"), 503);
  EXPECT_EQ(listed.at("retry_after"), 5);
  EXPECT_EQ(listed.at("phase"), "after");
}

TEST_F(SandboxFaultTest, AdminApiRefusesBadRules) {
  for (const char* body :
       {"not json", "[]", R"({})", R"({"fault":"boom"})", R"({"fault":"close_before","x":1})",
        R"({"fault":"close_before","rate":2})", R"({"fault":"close_before","count":-1})",
        R"({"fault":"close_before","path_prefix":"komfortkasse"})",
        R"({"fault":"status","status":503.5})", R"({"fault":"status","status":true})",
        R"({"fault":7})"}) {
    const Reply reply = client_.post("/_sandbox/faults", body);
    EXPECT_EQ(reply.status, 400) << body;
    EXPECT_TRUE(reply.json.contains("error")) << body;
  }
  EXPECT_TRUE(sandbox_.fault_rules().empty());
}

}  // namespace
}  // namespace refundkit::sandbox::testing
