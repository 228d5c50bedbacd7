// `refundkit batch` run as a process against the sandbox (the file checked before anything is
// sent, one JSON line per row, one refund per row however often the file runs, the exit codes),
// and its pass 2 in-process against a scripted client (cancellation, options, progress).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "batch_command.hpp"
#include "child_process.hpp"
#include "refundkit/sandbox/sandbox.hpp"
#include "sandbox_process_fixture.hpp"

namespace refundkit {
namespace {

using test::ProcessResult;
using test::run_process;
using ::testing::HasSubstr;

// A CSV cell holding any text: quoted, its quotes doubled.
std::string quoted_cell(const std::string& text) {
  std::string cell = "\"";
  for (const char c : text) {
    if (c == '"') cell += '"';
    cell += c;
  }
  return cell + "\"";
}

class BatchProcess : public test::SandboxProcessTest {
 protected:
  ~BatchProcess() override {
    for (const std::string& path : files_) std::remove(path.c_str());
  }

  std::string write_file(const std::string& text) {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string path = ::testing::TempDir() + "refundkit-batch-" + test->name() + "-" +
                             std::to_string(files_.size()) + ".csv";
    std::ofstream(path, std::ios::binary) << text;
    files_.push_back(path);
    return path;
  }

  // `refundkit batch <provider> --file FILE <the provider's sandbox URLs> <extra...>`.
  ProcessResult batch(const std::string& provider, const std::string& file,
                      const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"batch", provider, "--file", file};
    const std::vector<std::string> urls = sandbox_urls(provider);
    args.insert(args.end(), urls.begin(), urls.end());
    args.insert(args.end(), extra.begin(), extra.end());
    return run_cli(args);
  }

  // stdout as its JSON lines; each must parse and carry its row number, 1, 2, ... in order.
  static std::vector<nlohmann::json> lines_of(const ProcessResult& result) {
    std::vector<nlohmann::json> lines;
    std::istringstream out(result.out);
    std::string line;
    while (std::getline(out, line)) {
      auto document = nlohmann::json::parse(line, nullptr, false);
      EXPECT_TRUE(document.is_object()) << line;
      EXPECT_EQ(document.value("row", 0u), lines.size() + 1) << line;
      lines.push_back(std::move(document));
    }
    EXPECT_TRUE(result.out.empty() || result.out.back() == '\n');
    return lines;
  }

  std::vector<std::string> files_;
};

TEST_F(BatchProcess, ABadThirdRowStopsTheBatchBeforeAnythingIsSent) {
  const std::string file = write_file(
      "order,amount,currency,reference\n"
      "KK-1001,1.00,EUR,bt-bad-1\n"
      "KK-1002,2.00,EUR,bt-bad-2\n"
      "KK-1003,1.005,CHF,bt-bad-3\n"
      "KK-1004,4.00,EUR,bt-bad-4\n");
  const ProcessResult result = batch("komfortkasse", file);
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_THAT(result.err, HasSubstr("refundkit: " + file + " row 3: "));
  EXPECT_THAT(result.err, HasSubstr("nothing was sent"));
  EXPECT_EQ(result.out, "");
  EXPECT_TRUE(sandbox_.refunds().empty());
  // The vendor's own read confirms it: row 1's reference was never used.
  const ProcessResult status =
      run_process(REFUNDKIT_CLI_PATH,
                  {"status", "komfortkasse", "--order", "KK-1001", "--reference", "bt-bad-1",
                   "--base-url", sandbox_.komfortkasse_base_url()},
                  environment());
  EXPECT_EQ(status.exit_code, 1) << status.out;
}

TEST_F(BatchProcess, RowsWithTheSameOrderAndReferenceStopTheBatch) {
  const std::string file = write_file(
      "order,amount,currency,reference\n"
      "KK-1001,1.00,EUR,bt-twice\n"
      "KK-1002,1.00,EUR,bt-other\n"
      "KK-1001,2.00,EUR,bt-twice\n");
  const ProcessResult result = batch("komfortkasse", file);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("row 3: the same order 'KK-1001' and reference 'bt-twice' as "
                                    "row 1"));
  EXPECT_EQ(result.out, "");
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(BatchProcess, AnUnknownColumnOrAMissingFileIsExitTwo) {
  const ProcessResult unknown = batch(
      "komfortkasse", write_file("order,amount,currency,reference,colour\nKK-1001,1,EUR,r,red\n"));
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("header: unknown column 'colour'"));
  const ProcessResult missing = batch("komfortkasse", ::testing::TempDir() + "no-such-file.csv");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("cannot read"));
  const ProcessResult directory = batch("komfortkasse", ::testing::TempDir());
  EXPECT_EQ(directory.exit_code, 2);
  EXPECT_TRUE(sandbox_.refunds().empty());
}

TEST_F(BatchProcess, AnEmptyFileOrAHeaderAloneIsNothingToDo) {
  for (const char* text : {"", "order,amount,currency,reference\r\n"}) {
    const ProcessResult result = batch("komfortkasse", write_file(text));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "");
    EXPECT_THAT(result.err, HasSubstr("0 rows: 0 created"));
  }
}

// Komfortkasse refuses a reused reference, and the client reads the refund back: the second run
// reports every row as existing, and the vendor holds one refund per row.
TEST_F(BatchProcess, KomfortkasseRunTwiceMakesOneRefundPerRow) {
  const std::string file = write_file(
      "\xEF\xBB\xBFreference,order,amount,currency,reason\r\n"
      "bt-kk-1,KK-1001,12.30,EUR," +
      quoted_cell("Returned, \"wrong\" size\non two lines") +
      "\r\n"
      "bt-kk-2,KK-1003,25.00,CHF,\r\n"
      "bt-kk-3,KK-1004,5.00,EUR,Bank details to come\r\n"
      "bt-kk-4,KK-1001,1.00,EUR,");  // no final line break
  const ProcessResult first = batch("komfortkasse", file, {"--concurrency", "2"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const auto created = lines_of(first);
  ASSERT_EQ(created.size(), 4u);
  const char* references[] = {"bt-kk-1", "bt-kk-2", "bt-kk-3", "bt-kk-4"};
  for (std::size_t i = 0; i < created.size(); ++i) {
    EXPECT_EQ(created[i]["reference"], references[i]);
    EXPECT_EQ(created[i]["provider"], "komfortkasse");
    EXPECT_EQ(created[i]["existing"], false);
    EXPECT_TRUE(created[i]["id"].is_string());
  }
  EXPECT_EQ(created[0]["amount"], "12.30");
  EXPECT_EQ(created[1]["currency"], "CHF");
  EXPECT_EQ(created[2]["status"], "awaiting_customer");
  EXPECT_THAT(first.err, HasSubstr("4 rows: 4 created, 0 existing, 0 failed, 0 unknown"));
  ASSERT_EQ(refunds_of("komfortkasse").size(), 4u);

  const ProcessResult again = batch("komfortkasse", file);
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  const auto existing = lines_of(again);
  ASSERT_EQ(existing.size(), 4u);
  for (std::size_t i = 0; i < existing.size(); ++i) {
    EXPECT_EQ(existing[i]["existing"], true) << existing[i];
    EXPECT_EQ(existing[i]["id"], created[i]["id"]);
  }
  EXPECT_THAT(again.err, HasSubstr("4 rows: 0 created, 4 existing, 0 failed, 0 unknown"));
  // One refund per row; the rows run concurrently, so the vendor may have made them in any order.
  std::vector<std::string> made;
  for (const auto& refund : refunds_of("komfortkasse")) made.push_back(refund.reference);
  EXPECT_THAT(made, ::testing::UnorderedElementsAreArray(references));
}

// Riverty replays the first answer to a repeated idempotency key: the second run reports the
// same refunds, and nothing new is made.
TEST_F(BatchProcess, AfterPayRunTwiceIsReplayed) {
  const std::string items =
      R"([{"product_id":"SKU-1","description":"Jacket","quantity":"1","gross_unit_price":"1200.00",)"
      R"("net_unit_price":"960.00","vat_percent":"25","vat_amount":"240.00"},)"
      R"({"product_id":"FEE","description":"Return fee","quantity":"1","gross_unit_price":"-10.00",)"
      R"("net_unit_price":"-8.00","vat_percent":"25","vat_amount":"-2.00","type":"surcharge"}])";
  const std::string file = write_file(
      "order,amount,currency,reference,capture_number,refund_type,items,credit_note_number\n"
      "RV-3001,24.00,EUR,bt-rv-1,000000001,refund,,CN-1\n"
      "RV-3002,1190.00,NOK,bt-rv-2,000000001,return," +
      quoted_cell(items) + ",\n");
  const ProcessResult first = batch("afterpay", file);
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const auto created = lines_of(first);
  ASSERT_EQ(created.size(), 2u);
  EXPECT_EQ(created[0]["order"], "RV-3001");
  EXPECT_EQ(created[1]["amount"], "1190.00");
  ASSERT_EQ(refunds_of("afterpay").size(), 2u);

  const ProcessResult again = batch("afterpay", file);
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  const auto replayed = lines_of(again);
  ASSERT_EQ(replayed.size(), 2u);
  EXPECT_EQ(replayed[0]["id"], created[0]["id"]);
  EXPECT_EQ(replayed[1]["id"], created[1]["id"]);
  EXPECT_EQ(refunds_of("afterpay").size(), 2u);
}

// Optty refuses a reused refundReference and cannot show which refund holds it: the second run
// exits 4 (a script must not take it for "not made"), and makes nothing.
TEST_F(BatchProcess, OpttyRunTwiceEndsAsDuplicateReferences) {
  const std::string file = write_file(
      "order,amount,currency,reference,reason\n"
      "OP-2001,10.00,AUD,bt-op-1,Damaged\n"
      "OP-2003,5.00,USD,bt-op-2,\n");
  const ProcessResult first = batch("optty", file);
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  ASSERT_EQ(lines_of(first).size(), 2u);
  ASSERT_EQ(refunds_of("optty").size(), 2u);

  const ProcessResult again = batch("optty", file);
  EXPECT_EQ(again.exit_code, 4) << again.out << again.err;
  const auto lines = lines_of(again);
  ASSERT_EQ(lines.size(), 2u);
  for (const auto& line : lines) EXPECT_EQ(line["error"]["kind"], "duplicate_reference") << line;
  EXPECT_THAT(again.err, HasSubstr("2 failed (duplicate_reference 2)"));
  EXPECT_EQ(refunds_of("optty").size(), 2u);
}

TEST_F(BatchProcess, ARowOverTheRefundableAmountExitsOneAndTheOthersAreMade) {
  const std::string file = write_file(
      "order,amount,currency,reference\n"
      "KK-1001,1.00,EUR,bt-mix-1\n"
      "KK-1002,500.00,EUR,bt-mix-2\n"
      "NO-SUCH,1.00,EUR,bt-mix-3\n"
      "KK-1001,2.00,EUR,bt-mix-4\n");
  const ProcessResult result = batch("komfortkasse", file);
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  const auto lines = lines_of(result);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0]["existing"], false);
  EXPECT_EQ(lines[1]["error"]["kind"], "invalid_request");  // Komfortkasse's one text for a 400
  EXPECT_EQ(lines[2]["error"]["kind"], "not_found");
  EXPECT_EQ(lines[3]["amount"], "2.00");
  EXPECT_THAT(result.err, HasSubstr("4 rows: 2 created, 0 existing, 2 failed (invalid_request 1, "
                                    "not_found 1), 0 unknown"));
  EXPECT_EQ(refunds_of("komfortkasse").size(), 2u);
}

// A lost answer outranks every definite failure; Skip Pay cannot recognise the refund, so stderr
// says to check before retrying, and the row was sent exactly once.
TEST_F(BatchProcess, AnUnknownOutcomeExitsThreeWhateverElseFailed) {
  sandbox::FaultRule drop = sandbox::parse_fault_rule("drop_after");
  drop.method = "POST";
  drop.path_prefix = "/skippay/financing/";
  drop.count = 1;
  sandbox_.add_fault_rule(drop);
  const std::string file = write_file(
      "order,amount,currency,reference,vat,variable_symbol\n"
      "SP-4001,10.00,CZK,bt-sp-1,,\n"
      "SP-4003,10.00,CZK,bt-sp-2,,\n"
      "SP-4001,125.90,CZK,bt-sp-3,21=21.85,12345\n");
  // One at a time: the fault must meet row 1's request, whatever the batch driver.
  const ProcessResult result = batch("skippay", file, {"--timeout", "5", "--concurrency", "1"});
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  const auto lines = lines_of(result);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["error"]["kind"], "outcome_unknown");
  EXPECT_EQ(lines[0]["error"]["attempts"], 1);
  EXPECT_TRUE(lines[1].contains("error"));
  EXPECT_EQ(lines[2]["amount"], "125.90");
  EXPECT_THAT(result.err, HasSubstr("1 unknown"));
  EXPECT_THAT(result.err, HasSubstr("before retrying"));
  EXPECT_EQ(refunds_of("skippay").size(), 2u);  // rows 1 and 3; row 2 refused
}

TEST_F(BatchProcess, TheEmbeddedSandboxNeedsNoCredentials) {
  const std::string file =
      write_file("order,amount,currency,reference\nKK-1001,5.00,EUR,bt-emb-1\n");
  const ProcessResult result =
      run_process(REFUNDKIT_CLI_PATH, {"batch", "komfortkasse", "--file", file, "--sandbox"}, {});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(lines_of(result).size(), 1u);
}

TEST_F(BatchProcess, HelpMentionsTheCommand) {
  const ProcessResult help = run_process(REFUNDKIT_CLI_PATH, {"batch", "--help"}, {});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("refundkit batch <provider> --file FILE"));
  EXPECT_THAT(help.out, HasSubstr("capture_number"));
  const ProcessResult main_help = run_process(REFUNDKIT_CLI_PATH, {"--help"}, {});
  EXPECT_THAT(main_help.out, HasSubstr("refundkit batch <provider>"));
  const ProcessResult bad = run_process(
      REFUNDKIT_CLI_PATH, {"batch", "komfortkasse", "--file", "x.csv", "--concurrency", "0"}, {});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--concurrency"));
}

// Pass 2 in-process, against a client whose refunds are scripted.
class ScriptedClient : public RefundClient {
 public:
  std::string_view provider() const noexcept override { return "komfortkasse"; }

  Result<Refund> create_refund(const RefundRequest& request) override {
    ++sent;
    if (sent == cancel_after && cancel != nullptr) cancel->store(true);
    if (request.order_id == "LOST") return Error{ErrorKind::outcome_unknown, "lost"};
    Refund refund;
    refund.provider = "komfortkasse";
    refund.order_id = request.order_id;
    refund.reference = request.reference;
    refund.amount = request.amount;
    refund.status = RefundStatus::pending;
    refund.raw_body = "{\n  \"amount\": 1.50,\n  \"note\": \"two  spaces\"\n}";
    return refund;
  }

  void stream_refunds(const RefundSource& next, const RefundSink& sink,
                      const BatchOptions& options) override {
    concurrency = options.concurrency;
    total = options.total;
    RefundClient::stream_refunds(next, sink, options);
  }

  int sent = 0;
  int cancel_after = 0;
  std::atomic<bool>* cancel = nullptr;
  std::size_t concurrency = 0;
  std::size_t total = 0;
};

std::string rows(int count, const char* order = "KK-1") {
  std::string text = "order,amount,currency,reference\n";
  for (int i = 1; i <= count; ++i) {
    text += std::string(order) + ",1.50,EUR,r-" + std::to_string(i) + "\n";
  }
  return text;
}

TEST(BatchSend, CancelledRowsAreOutputAsCancelledAndExitOne) {
  std::atomic<bool> cancel{false};
  ScriptedClient client;
  client.cancel = &cancel;
  client.cancel_after = 2;
  std::istringstream file(rows(5));
  std::ostringstream out;
  std::ostringstream err;
  cli::BatchCommand command;
  command.session.provider = "komfortkasse";
  command.file = "refunds.csv";
  command.concurrency = 7;
  cli::BatchOutput output{out, err};
  output.cancel = &cancel;
  EXPECT_EQ(cli::send_batch(client, file, command, 5, output), cli::kRefundNotMade);
  EXPECT_EQ(client.sent, 2);
  EXPECT_EQ(client.concurrency, 7u);
  EXPECT_EQ(client.total, 5u);

  std::istringstream lines(out.str());
  std::string line;
  std::vector<nlohmann::json> documents;
  while (std::getline(lines, line)) documents.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(documents.size(), 5u);
  EXPECT_EQ(documents[1]["row"], 2);
  EXPECT_EQ(documents[1]["reference"], "r-2");
  for (std::size_t i = 2; i < 5; ++i) {
    EXPECT_EQ(documents[i]["row"], i + 1);
    EXPECT_EQ(documents[i]["error"]["kind"], "cancelled");
  }
  EXPECT_THAT(err.str(), HasSubstr("5 rows: 2 created, 0 existing, 3 failed (cancelled 3)"));
  EXPECT_THAT(err.str(), HasSubstr("refundkit: cancelled"));
}

// One line per row even when the vendor's body spans several; its values stay verbatim.
TEST(BatchSend, AMultiLineVendorBodyStaysOnItsRowsLine) {
  ScriptedClient client;
  std::istringstream file(rows(2));
  std::ostringstream out;
  std::ostringstream err;
  cli::BatchCommand command;
  command.session.provider = "komfortkasse";
  EXPECT_EQ(cli::send_batch(client, file, command, 2, cli::BatchOutput{out, err}),
            cli::kRefundCreated);
  const std::string text = out.str();
  const std::string first_line = text.substr(0, text.find('\n'));
  EXPECT_THAT(first_line, HasSubstr(R"("vendor_response":{"amount":1.50,"note":"two  spaces"}})"));
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2);
}

TEST(BatchSend, ProgressLinesFollowTheInjectedClock) {
  ScriptedClient client;
  std::istringstream file(rows(3, "LOST"));
  std::ostringstream out;
  std::ostringstream err;
  cli::BatchCommand command;
  command.session.provider = "komfortkasse";
  std::chrono::steady_clock::time_point now{};
  cli::BatchOutput output{out, err};
  output.now = [&now] { return now += std::chrono::seconds(3); };
  EXPECT_EQ(cli::send_batch(client, file, command, 3, output), cli::kOutcomeUnknown);
  // Start at 3 s; rows end at 6, 9 and 12 s: lines at 9 s (6 s in) and not at 12 s (3 s later).
  EXPECT_THAT(err.str(), HasSubstr("refundkit: 2/3 done, 2 failed, 0.3/s, about 3 s left\n"));
  EXPECT_THAT(err.str(), ::testing::Not(HasSubstr("3/3 done")));
  EXPECT_THAT(err.str(), HasSubstr("3 rows: 0 created, 0 existing, 0 failed, 3 unknown"));
  EXPECT_THAT(err.str(), HasSubstr("outcome unknown for 3 rows"));
}

// A file that lost rows between the check and the sending: what is missing is said, never
// passed over.
TEST(BatchSend, AFileThatChangedSinceTheCheckIsReported) {
  ScriptedClient client;
  std::istringstream file(rows(2) + "KK-1,1.005,EUR,r-3\n");
  std::ostringstream out;
  std::ostringstream err;
  cli::BatchCommand command;
  command.session.provider = "komfortkasse";
  command.file = "refunds.csv";
  EXPECT_EQ(cli::send_batch(client, file, command, 4, cli::BatchOutput{out, err}),
            cli::kRefundNotMade);
  EXPECT_EQ(client.sent, 2);
  EXPECT_THAT(err.str(), HasSubstr("refunds.csv changed while the batch ran (refunds.csv row 3: "));
  EXPECT_THAT(err.str(), HasSubstr("rows 3 to 4 were not sent"));
}

TEST(CancelOnSignals, TheFirstSignalCancelsAndTheSecondIsTheDefault) {
  struct sigaction before {};
  sigaction(SIGTERM, nullptr, &before);
  {
    const cli::CancelOnSignals guard;
    EXPECT_FALSE(guard.flag().load());
    struct sigaction installed {};
    sigaction(SIGINT, nullptr, &installed);
    EXPECT_NE(installed.sa_handler, SIG_DFL);
    raise(SIGTERM);
    EXPECT_TRUE(guard.flag().load());
    struct sigaction after {};
    sigaction(SIGTERM, nullptr, &after);
    EXPECT_EQ(after.sa_handler, SIG_DFL);
    sigaction(SIGINT, nullptr, &after);
    EXPECT_EQ(after.sa_handler, SIG_DFL);
  }
  struct sigaction restored {};
  sigaction(SIGTERM, nullptr, &restored);
  EXPECT_EQ(restored.sa_handler, before.sa_handler);
  const cli::CancelOnSignals again;
  EXPECT_FALSE(again.flag().load());
}

}  // namespace
}  // namespace refundkit
