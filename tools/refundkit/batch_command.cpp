#include "batch_command.hpp"

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <utility>

#include "batch_file.hpp"
#include "client_session.hpp"
#include "json_output.hpp"
#include "providers.hpp"

namespace refundkit::cli {
namespace {

// A signal handler may touch nothing but a lock-free atomic (or a volatile sig_atomic_t).
std::atomic<bool> g_cancel_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);

struct sigaction g_previous_interrupt;
struct sigaction g_previous_terminate;

void set_disposition(int signal_number, void (*handler)(int)) {
  struct sigaction action {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  sigaction(signal_number, &action, nullptr);
}

extern "C" void request_cancel(int) {
  g_cancel_requested.store(true);
  set_disposition(SIGINT, SIG_DFL);
  set_disposition(SIGTERM, SIG_DFL);
}

ExitCode file_error(std::ostream& err, const std::string& message) {
  err << "refundkit: " << message << "; nothing was sent\n";
  return kUsageError;
}

}  // namespace

CancelOnSignals::CancelOnSignals() {
  g_cancel_requested.store(false);
  struct sigaction action {};
  action.sa_handler = request_cancel;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &g_previous_interrupt);
  sigaction(SIGTERM, &action, &g_previous_terminate);
}

CancelOnSignals::~CancelOnSignals() {
  sigaction(SIGINT, &g_previous_interrupt, nullptr);
  sigaction(SIGTERM, &g_previous_terminate, nullptr);
}

const std::atomic<bool>& CancelOnSignals::flag() const noexcept { return g_cancel_requested; }

ExitCode send_batch(RefundClient& client, std::istream& file, const BatchCommand& command,
                    std::size_t total, const BatchOutput& output) {
  const std::string& provider = command.session.provider;
  BatchFileReader reader(file, provider);
  std::size_t given = 0;
  // At most the rows the check counted: a file that grew since is not sent beyond them.
  const RefundSource next = [&]() -> std::optional<RefundRequest> {
    if (given == total) return std::nullopt;
    std::optional<RefundRequest> request = reader.next();
    if (request) ++given;
    return request;
  };
  BatchTally tally;
  BatchProgressReporter reporter(output.err, output.progress_style, output.now);
  const RefundSink sink = [&](std::size_t index, Result<Refund> outcome) {
    if (output.out_is_terminal) reporter.erase();
    output.out << (outcome ? refund_json_line(index + 1, *outcome)
                           : error_json_line(index + 1, outcome.error()))
               << '\n';
    // Row by row: a second signal ends the process with the default disposition, which flushes
    // nothing, and a script reading the lines should see each as its refund ends.
    output.out.flush();
    tally.add(outcome);
  };

  BatchProgress last{0, total, 0};
  BatchOptions options;
  options.concurrency = command.concurrency;
  options.total = total;
  options.cancel = output.cancel;
  options.on_progress = [&](const BatchProgress& progress) {
    last = progress;
    reporter.update(progress);
  };
  client.stream_refunds(next, sink, options);
  reporter.finish(last);

  ExitCode code = tally.exit_code();
  if (given < total) {
    const std::string why = reader.problem()
                                ? " (" + describe(*reader.problem(), command.file) + ")"
                                : " (it has fewer rows)";
    output.err << "refundkit: " << command.file << " changed while the batch ran" << why
               << ": rows " << given + 1 << " to " << total << " were not sent\n";
    code = batch_exit_code(code, kRefundNotMade);
  }
  output.err << "refundkit: " << tally.summary() << '\n';
  if (output.cancel != nullptr && output.cancel->load()) {
    output.err << "refundkit: cancelled: the rows not sent yet end as cancelled (nothing was "
                  "sent for them)\n";
  }
  if (tally.unknown() > 0) {
    output.err << "refundkit: outcome unknown for " << tally.unknown()
               << (tally.unknown() == 1 ? " row: " : " rows: ") << outcome_unknown_advice(provider)
               << '\n';
  }
  return code;
}

ExitCode run_batch(const BatchCommand& command, std::ostream& out, std::ostream& err) {
  std::error_code ignored;
  if (std::filesystem::is_directory(command.file, ignored)) {
    return file_error(err, command.file + " is a directory");
  }
  std::ifstream file(command.file, std::ios::binary);
  if (!file) return file_error(err, "cannot read " + command.file);

  const BatchFileCheck check = check_batch_file(file, command.session.provider);
  if (check.problem) return file_error(err, describe(*check.problem, command.file));
  if (check.rows == 0) {
    err << "refundkit: " << BatchTally().summary() << '\n';
    return kRefundCreated;
  }
  // The same open file again, so that pass 2 reads what pass 1 checked even if the name is
  // replaced meanwhile; a pipe cannot be read twice.
  file.clear();
  if (!file.seekg(0)) return file_error(err, command.file + " cannot be read twice (a pipe?)");

  auto session = open_client_session(command.session);
  if (!session) {
    err << "refundkit: " << session.error().message << '\n';
    return exit_code_for(session.error());
  }
  const CancelOnSignals cancel;
  BatchOutput output{out, err};
  output.progress_style = isatty(STDERR_FILENO) == 1 ? BatchProgressReporter::Style::terminal
                                                     : BatchProgressReporter::Style::plain;
  output.out_is_terminal = isatty(STDOUT_FILENO) == 1;
  output.cancel = &cancel.flag();
  return send_batch(*(*session)->client, file, command, check.rows, output);
}

}  // namespace refundkit::cli
