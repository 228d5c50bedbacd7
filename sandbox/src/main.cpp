// refundkit-sandbox: runs the vendor emulator until SIGINT or SIGTERM.
//
// The first line on stdout is exactly the base URL ("http://127.0.0.1:PORT"), so that scripts
// and tests can start it on an ephemeral port and read where it listens; everything meant for
// people goes to stderr.
#include <signal.h>

#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include "refundkit/sandbox/sandbox.hpp"

namespace {

constexpr int kExitUsage = 2;
constexpr int kExitFailure = 1;

constexpr const char* kUsage =
    "usage: refundkit-sandbox [--host HOST] [--port PORT] [--seed FILE] [--no-default-orders]\n"
    "\n"
    "Runs a local, stateful emulator of the vendors' refund APIs (Komfortkasse) until\n"
    "SIGINT or SIGTERM. Prints its base URL as the first line on stdout.\n"
    "\n"
    "  --host HOST           loopback address to listen on (default 127.0.0.1)\n"
    "  --port PORT           port to listen on; 0 picks a free one (default 0)\n"
    "  --seed FILE           JSON file of extra orders: {\"orders\": [...]}\n"
    "  --no-default-orders   start without the default orders (KK-1001..KK-1004)\n"
    "  --help                show this help\n";

std::optional<int> parse_port(std::string_view text) {
  if (text.empty() || text.size() > 5) return std::nullopt;
  int port = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    port = port * 10 + (c - '0');
  }
  if (port > 65535) return std::nullopt;
  return port;
}

struct Command {
  refundkit::sandbox::SandboxOptions options;
  bool help = false;
};

// Accepts "--name value" and "--name=value". Returns an error message, or nothing.
std::optional<std::string> parse_arguments(int argc, char** argv, Command& command) {
  for (int i = 1; i < argc; ++i) {
    std::string_view argument = argv[i];
    std::optional<std::string_view> inline_value;
    if (const std::size_t equals = argument.find('='); equals != std::string_view::npos) {
      inline_value = argument.substr(equals + 1);
      argument = argument.substr(0, equals);
    }
    const auto value = [&]() -> std::optional<std::string_view> {
      if (inline_value) return inline_value;
      if (i + 1 < argc) return std::string_view(argv[++i]);
      return std::nullopt;
    };
    if (argument == "--help" || argument == "-h") {
      command.help = true;
    } else if (argument == "--no-default-orders" && !inline_value) {
      command.options.seed_default_orders = false;
    } else if (argument == "--host") {
      const auto host = value();
      if (!host || host->empty()) return "--host needs a value";
      command.options.host = std::string(*host);
    } else if (argument == "--port") {
      const auto text = value();
      const std::optional<int> port = text ? parse_port(*text) : std::nullopt;
      if (!port) return "--port needs a number from 0 to 65535";
      command.options.port = *port;
    } else if (argument == "--seed") {
      const auto file = value();
      if (!file || file->empty()) return "--seed needs a file name";
      command.options.seed_file = std::string(*file);
    } else {
      return "unknown argument: " + std::string(argv[i]);
    }
  }
  if (!command.help && !refundkit::sandbox::is_loopback_host(command.options.host)) {
    return "refusing to listen on " + command.options.host +
           ": the sandbox has no authentication on its admin API, use a loopback address "
           "(127.0.0.1, ::1, localhost)";
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  Command command;
  if (const auto problem = parse_arguments(argc, argv, command)) {
    std::cerr << "refundkit-sandbox: " << *problem << "\n\n" << kUsage;
    return kExitUsage;
  }
  if (command.help) {
    std::cout << kUsage;
    return 0;
  }

  // Block the shutdown signals before any thread starts (threads inherit the mask), then wait
  // for them synchronously: no work happens in a signal handler.
  sigset_t shutdown_signals;
  sigemptyset(&shutdown_signals);
  sigaddset(&shutdown_signals, SIGINT);
  sigaddset(&shutdown_signals, SIGTERM);
  if (const int error = pthread_sigmask(SIG_BLOCK, &shutdown_signals, nullptr); error != 0) {
    std::cerr << "refundkit-sandbox: cannot block signals: " << std::strerror(error) << "\n";
    return kExitFailure;
  }
  try {
    refundkit::sandbox::Sandbox sandbox(command.options);
    std::cout << sandbox.base_url() << std::endl;  // flushes: a reader waits for this line
    std::cerr << "refundkit sandbox listening on " << sandbox.base_url() << "\n"
              << "Komfortkasse base URL: " << sandbox.komfortkasse_base_url() << "\n"
              << "Komfortkasse API key (sandbox only): " << sandbox.options().komfortkasse_api_key
              << "\n"
              << "Optty base URL: " << sandbox.optty_base_url()
              << ", token URL: " << sandbox.optty_token_url() << "\n"
              << "Optty client id / secret / merchant id (sandbox only): "
              << sandbox.options().optty_client_id << " / " << sandbox.options().optty_client_secret
              << " / " << sandbox.options().optty_merchant_id << "\n"
              << "AfterPay (Riverty) base URL: " << sandbox.afterpay_base_url()
              << ", API key (sandbox only): " << sandbox.options().afterpay_api_key << "\n"
              << "Skip Pay base URL: " << sandbox.skippay_base_url()
              << ", partner login (sandbox only): " << sandbox.options().skippay_username << " / "
              << sandbox.options().skippay_password << "\n"
              << "Admin API: " << sandbox.base_url() << "/_sandbox (Ctrl-C to stop)\n"
              << "Faults: header " << refundkit::sandbox::kFaultHeader << ", or rules at "
              << sandbox.base_url() << "/_sandbox/faults" << std::endl;

    int received = 0;
    while (sigwait(&shutdown_signals, &received) != 0) {
    }
    std::cerr << "refundkit sandbox: stopping on " << (received == SIGINT ? "SIGINT" : "SIGTERM")
              << std::endl;
    sandbox.stop();
  } catch (const std::exception& error) {
    std::cerr << "refundkit-sandbox: " << error.what() << "\n";
    return kExitFailure;
  }
  return 0;
}
