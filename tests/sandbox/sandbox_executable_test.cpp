// refundkit-sandbox as a child process: its first stdout line, its admin API, its shutdown.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "sandbox_test_support.hpp"

extern char** environ;

namespace refundkit::sandbox::testing {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// Generous bounds that only stop a broken build from hanging the suite; nothing is timed.
constexpr auto kStartupBound = 20s;
constexpr auto kExitBound = 20s;

// A running refundkit-sandbox with its stdout on a pipe (stderr discarded). Killed with SIGKILL
// if a test leaves it running.
class SandboxProcess {
 public:
  explicit SandboxProcess(const std::vector<std::string>& arguments) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    // The child starts with default signal handling and nothing blocked, whatever the test
    // runner does.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attributes, &none);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<std::string> argv_strings = {REFUNDKIT_SANDBOX_EXECUTABLE};
    argv_strings.insert(argv_strings.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (std::string& argument : argv_strings) argv.push_back(argument.data());
    argv.push_back(nullptr);
    const int error = posix_spawn(&pid_, argv[0], &actions, &attributes, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(pipe_fds[1]);
    stdout_fd_ = pipe_fds[0];
    if (error != 0) {
      close(stdout_fd_);
      throw std::runtime_error("posix_spawn failed");
    }
  }

  ~SandboxProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(stdout_fd_);
  }

  SandboxProcess(const SandboxProcess&) = delete;
  SandboxProcess& operator=(const SandboxProcess&) = delete;

  /// The next stdout line (without '\n'); nullopt at end of output or after the bound.
  std::optional<std::string> read_line() {
    const auto deadline = Clock::now() + kStartupBound;
    while (true) {
      const std::size_t newline = buffer_.find('\n');
      if (newline != std::string::npos) {
        std::string line = buffer_.substr(0, newline);
        buffer_.erase(0, newline + 1);
        return line;
      }
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd poll_fd{stdout_fd_, POLLIN, 0};
      if (poll(&poll_fd, 1, static_cast<int>(left.count())) <= 0) continue;
      char chunk[256];
      const ssize_t got = read(stdout_fd_, chunk, sizeof(chunk));
      if (got <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<std::size_t>(got));
    }
  }

  /// Everything left on stdout until the process closes it (bounded).
  std::string read_rest() {
    std::string rest;
    while (std::optional<std::string> line = read_line()) rest += *line + "\n";
    return rest + buffer_;
  }

  void signal(int signal_number) { kill(pid_, signal_number); }

  /// The exit code; a process killed by a signal, or still running after the bound (then killed
  /// here), counts as a failure of the test.
  int wait_for_exit() {
    const auto deadline = Clock::now() + kExitBound;
    int status = 0;
    while (Clock::now() < deadline) {
      const pid_t done = waitpid(pid_, &status, WNOHANG);
      if (done == pid_) {
        pid_ = -1;
        if (WIFEXITED(status)) return WEXITSTATUS(status);
        ADD_FAILURE() << "refundkit-sandbox died from signal " << WTERMSIG(status);
        return -1;
      }
      std::this_thread::sleep_for(10ms);
    }
    ADD_FAILURE() << "refundkit-sandbox did not exit in time; killing it";
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    return -1;
  }

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string buffer_;
};

// The port of a "http://127.0.0.1:PORT" line, or 0 if the line is not exactly that.
// (No std::regex: GCC 12 warns inside it under the sanitizers.)
int port_of(const std::string& line) {
  const std::string prefix = "http://127.0.0.1:";
  if (line.rfind(prefix, 0) != 0) return 0;
  const std::string digits = line.substr(prefix.size());
  if (digits.empty() || digits.size() > 5 ||
      digits.find_first_not_of("0123456789") != std::string::npos) {
    return 0;
  }
  const int port = std::stoi(digits);
  return port <= 65535 ? port : 0;
}

TEST(SandboxExecutableTest, PrintsItsUrlServesAndStopsOnSigterm) {
  SandboxProcess process({});
  const std::optional<std::string> first_line = process.read_line();
  ASSERT_TRUE(first_line.has_value());
  const int port = port_of(*first_line);
  ASSERT_GT(port, 0) << *first_line;

  SandboxClient client(port);
  const Reply health = client.get("/_sandbox/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.json.value("status", ""), "ok");
  // The default orders and the default key are there; the real clock decides "today".
  EXPECT_EQ(client.refund("KK-1001", refund_body("RMA-1", "1.00", "EUR", "01-01-2100")).status,
            200);

  process.signal(SIGTERM);
  EXPECT_EQ(process.wait_for_exit(), 0);
}

TEST(SandboxExecutableTest, StopsOnSigint) {
  SandboxProcess process({"--port", "0"});
  const std::optional<std::string> first_line = process.read_line();
  ASSERT_TRUE(first_line.has_value());
  ASSERT_GT(port_of(*first_line), 0) << *first_line;

  process.signal(SIGINT);
  EXPECT_EQ(process.wait_for_exit(), 0);
}

TEST(SandboxExecutableTest, LoadsASeedFileWithoutDefaultOrders) {
  const TempFile seed(R"({"orders": [{"provider": "komfortkasse", "order_id": "S-1",
      "amount": "3.00", "currency": "EUR"}]})");
  SandboxProcess process({"--no-default-orders", "--seed", seed.path()});
  const std::optional<std::string> first_line = process.read_line();
  ASSERT_TRUE(first_line.has_value());
  const int port = port_of(*first_line);
  ASSERT_GT(port, 0) << *first_line;

  const Reply orders = SandboxClient(port).get("/_sandbox/orders");
  ASSERT_EQ(orders.status, 200);
  ASSERT_EQ(orders.json.at("orders").size(), 1u);
  EXPECT_EQ(orders.json.at("orders")[0].at("order_id"), "S-1");

  process.signal(SIGTERM);
  EXPECT_EQ(process.wait_for_exit(), 0);
}

TEST(SandboxExecutableTest, RefusesANonLoopbackHost) {
  SandboxProcess process({"--host", "0.0.0.0"});
  EXPECT_EQ(process.read_rest(), "");
  EXPECT_EQ(process.wait_for_exit(), 2);
}

TEST(SandboxExecutableTest, RefusesUnknownArgumentsAndBadPorts) {
  for (const std::vector<std::string>& arguments : {std::vector<std::string>{"--frobnicate"},
                                                    {"--port", "70000"},
                                                    {"--port", "x"},
                                                    {"--port"}}) {
    SandboxProcess process(arguments);
    EXPECT_EQ(process.read_rest(), "") << arguments[0];
    EXPECT_EQ(process.wait_for_exit(), 2) << arguments[0];
  }
}

TEST(SandboxExecutableTest, FailsOnABadSeedFile) {
  const TempFile seed("{ not json");
  SandboxProcess process({"--seed", seed.path()});
  EXPECT_EQ(process.read_rest(), "");
  EXPECT_EQ(process.wait_for_exit(), 1);
}

TEST(SandboxExecutableTest, PrintsHelp) {
  SandboxProcess process({"--help"});
  EXPECT_THAT(process.read_rest(), ::testing::StartsWith("usage: refundkit-sandbox"));
  EXPECT_EQ(process.wait_for_exit(), 0);
}

}  // namespace
}  // namespace refundkit::sandbox::testing
