// What a Komfortkasse refund costs through refundkit, one at a time and in batches, against the
// best the same loopback server can do without it.
//
//   refundkit-bench-batch [--quick]              every figure, then one table
//   refundkit-bench-batch --profile DIR COUNT    callgrind of the raw loop, the sequential loop
//                                                and the batch
//   refundkit-bench-batch --client ...           the child of the memory figures (bench_client.hpp)
//   refundkit-bench-batch --serve                the echo server alone, its URL on stdout, until
//                                                standard input closes
//
// Every figure is a ratio to a baseline measured in the same run, against the same echo server
// (echo_server.hpp), with the same request bytes: the client's first request is captured on the
// server, and each other sender (raw libcurl, wrk, Python) is checked to send exactly that.
//   sequential  create_refund vs a raw libcurl loop on one reused easy handle, per request; and
//               the same raw loop handing libcurl the body through a read callback, as refundkit
//               did before it sent POSTFIELDS (what a second segment costs); client and server
//               pinned to one CPU (cpu_pin.hpp)
//   batch       create_refunds (concurrency 16) vs wrk at 16 connections and vs a raw libcurl
//               multi loop at 16 (raw_curl_multi.hpp), against the echo server; CPU time per
//               request of each sender, from getrusage of a child process; and create_refunds vs
//               wrk against the sandbox (wrk then with a reference of its own per request)
//   merchant    1,000 refunds with Python requests vs create_refunds
//   memory      peak RSS of a fresh process streaming 1k, 10k and 50k refunds
//   connections what the server accepted for a sequential run and for a batch
// Nothing here asserts on time; it exits non-zero only when a request fails or a sender does not
// send the client's bytes.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_client.hpp"
#include "cpu_pin.hpp"
#include "echo_server.hpp"
#include "processes.hpp"
#include "raw_curl.hpp"
#include "raw_curl_multi.hpp"
#include "refundkit/sandbox/sandbox.hpp"
#include "report.hpp"
#include "stats.hpp"

namespace {

using namespace refundkit::bench;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kSandboxOrders = 1000;
constexpr double kMiB = 1024.0;  // VmHWM is in KiB

struct Scale {
  int sequential_requests;  // per round and loop
  int sequential_rounds;
  std::size_t batch;
  int batch_rounds;
  int wrk_seconds;
  std::size_t merchant;
  std::vector<std::size_t> memory;  // the first is the baseline
};

const Scale kFull{1000, 10, 10000, 5, 2, 1000, {0, 1000, 10000, 50000}};
const Scale kQuick{200, 2, 1000, 1, 1, 100, {0, 1000, 5000}};

class BenchFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

double seconds_since(Clock::time_point started) {
  return std::chrono::duration<double>(Clock::now() - started).count();
}

// The request that `send` makes first, as the server received it.
CapturedRequest capture_first(EchoServer& echo, const std::function<void()>& send) {
  echo.capture_next();
  send();
  const std::optional<CapturedRequest> captured = echo.captured();
  if (!captured) throw BenchFailure("no request reached the echo server");
  return *captured;
}

CapturedRequest capture_client_request(EchoServer& echo) {
  const auto probe = make_client(echo.base_url());
  return capture_first(echo, [&] {
    const auto outcome = probe->create_refund(refund_request(kEchoOrder, reference('s', 99999999)));
    if (!outcome) throw BenchFailure("the first create_refund failed: " + outcome.error().message);
  });
}

void require_same_bytes(const CapturedRequest& client, const CapturedRequest& other,
                        const std::string& who) {
  const std::string found = differences(client, other);
  if (!found.empty()) throw BenchFailure(who + " does not send the client's request: " + found);
  std::printf("  %s sends the client's bytes (method, path, headers, body): yes\n", who.c_str());
}

// ---- sequential ----------------------------------------------------------------------------

struct Latency {
  double median_us = 0;
  double p99_us = 0;
};

struct Sequential {
  Latency raw;           // raw libcurl, CURLOPT_POSTFIELDS: the baseline
  Latency raw_callback;  // raw libcurl, the body through a read callback (refundkit's old way)
  Latency sdk;           // create_refund
  std::size_t connections = 0;
};

Sequential measure_sequential(const Scale& scale) {
  // A server of its own, started while pinned, so that its threads share the client's CPU.
  const PinnedToOneCpu pinned;
  EchoServer echo;
  std::printf("  client and server threads on CPU %d\n", pinned.cpu());
  const CapturedRequest sent = capture_client_request(echo);
  const auto client = make_client(echo.base_url());
  const std::string url = echo.base_url() + sent.path;
  RawCurlLoop raw(url, headers_to_replay(sent), sent.body);
  RawCurlLoop raw_callback(url, headers_to_replay(sent), sent.body,
                           RawCurlLoop::Body::read_callback);
  std::size_t raw_count = 0, sdk_count = 0;
  const std::function<void()> loops[] = {
      [&] {
        if (!raw.send(reference('r', raw_count++))) throw BenchFailure("a raw request failed");
      },
      [&] {
        if (!raw_callback.send(reference('r', raw_count++))) {
          throw BenchFailure("a raw request with a read callback failed");
        }
      },
      [&] {
        const auto outcome =
            client->create_refund(refund_request(kEchoOrder, reference('s', sdk_count++)));
        if (!outcome) throw BenchFailure("create_refund failed: " + outcome.error().message);
      }};
  constexpr std::size_t kLoops = std::size(loops);
  require_same_bytes(sent, capture_first(echo, loops[0]), "raw libcurl");
  require_same_bytes(sent, capture_first(echo, loops[1]), "raw libcurl with a read callback");

  const auto timed = [](int count, const std::function<void()>& once, std::vector<double>* into) {
    for (int i = 0; i < count; ++i) {
      const auto started = Clock::now();
      once();
      if (into != nullptr) into->push_back(seconds_since(started) * 1e6);
    }
  };
  // Warm-up: the connections open, code and allocator paged in.
  for (const auto& loop : loops) timed(200, loop, nullptr);
  // Short blocks taking turns, in a rotating order: on a shared machine the load changes within
  // a second, and every loop must see the same load; blocks rather than single requests, so that
  // each loop runs with its own code and data in the caches.
  constexpr int kBlock = 20;
  std::vector<double> all[kLoops];
  for (int round = 0; round < scale.sequential_rounds; ++round) {
    std::vector<double> this_round[kLoops];
    for (int block = 0; block * kBlock < scale.sequential_requests; ++block) {
      for (std::size_t turn = 0; turn < kLoops; ++turn) {
        const std::size_t loop = (static_cast<std::size_t>(block) + turn) % kLoops;
        timed(kBlock, loops[loop], &this_round[loop]);
      }
    }
    std::printf(
        "  round %d: median raw %.1f us, raw with read callback %.1f us, create_refund "
        "%.1f us\n",
        round + 1, median(this_round[0]), median(this_round[1]), median(this_round[2]));
    for (std::size_t loop = 0; loop < kLoops; ++loop) {
      all[loop].insert(all[loop].end(), this_round[loop].begin(), this_round[loop].end());
    }
  }

  const auto latency = [](const std::vector<double>& samples) {
    return Latency{median(samples), percentile(samples, 0.99)};
  };
  Sequential figures{latency(all[0]), latency(all[1]), latency(all[2]), 0};
  // Counted on a client of its own: the interleaved raw loops have connections too.
  const auto fresh = make_client(echo.base_url());
  echo.reset_counts();
  for (int i = 0; i < scale.sequential_requests; ++i) {
    if (!fresh->create_refund(refund_request(kEchoOrder, reference('q', std::size_t(i))))) {
      throw BenchFailure("create_refund failed while counting connections");
    }
  }
  figures.connections = echo.connections();
  return figures;
}

// ---- batches -------------------------------------------------------------------------------

// One create_refunds call of `count` refunds (the vector built beforehand, untimed); its
// seconds. Checks that every outcome is a refund and comes back in input order.
double timed_batch(refundkit::RefundClient& client, char phase, std::size_t& counter,
                   std::size_t count, const std::function<std::string(std::size_t)>& order_of) {
  std::vector<refundkit::RefundRequest> requests;
  requests.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    requests.push_back(refund_request(order_of(i), reference(phase, counter++)));
  }
  refundkit::BatchOptions options;
  options.concurrency = kConcurrency;
  const auto started = Clock::now();
  const auto outcomes = client.create_refunds(requests, options);
  const double seconds = seconds_since(started);
  if (outcomes.size() != count) throw BenchFailure("create_refunds lost outcomes");
  for (std::size_t i = 0; i < count; ++i) {
    if (!outcomes[i]) throw BenchFailure("a batch refund failed: " + outcomes[i].error().message);
    if (outcomes[i]->reference != requests[i].reference) {
      throw BenchFailure("create_refunds returned outcomes out of input order");
    }
  }
  return seconds;
}

// CPU time per request of a sender running in a process of its own: user and system. The sum is
// exact; Linux splits it into user and system by sampling at the timer tick, so the split is
// rough for runs this short.
struct CpuCost {
  double user_us = 0;
  double system_us = 0;
  double busy = 0;       // CPU time over wall time: 1.0 is one core kept busy
  double server_us = 0;  // this process's CPU meanwhile: the echo server's threads

  double total_us() const { return user_us + system_us; }
};

struct Batch {
  double wrk_per_second = 0;
  std::size_t wrk_connections = 0;
  double multi_per_second = 0;
  std::size_t multi_connections = 0;  // the most any round opened
  double sdk_per_second = 0;
  std::size_t sdk_connections = 0;  // the most any round opened
  CpuCost wrk_cpu;
  CpuCost multi_cpu;
  CpuCost sdk_cpu;
  double sandbox_wrk_per_second = 0;
  double sandbox_sdk_per_second = 0;
};

// The round of median total CPU (the lower of two, as median() takes it), with its split.
CpuCost median_cost(std::vector<CpuCost> costs) {
  if (costs.empty()) return {};
  std::sort(costs.begin(), costs.end(),
            [](const CpuCost& a, const CpuCost& b) { return a.total_us() < b.total_us(); });
  return costs[(costs.size() - 1) / 2];
}

CpuCost cost_of(const CommandOutput& run, double requests, double wall_seconds,
                double server_seconds) {
  return {run.user_seconds * 1e6 / requests, run.system_seconds * 1e6 / requests,
          (run.user_seconds + run.system_seconds) / wall_seconds, server_seconds * 1e6 / requests};
}

// "135000 requests in 2.00s": the count before `key` in wrk's output, if any.
std::optional<double> number_before(const std::string& text, const std::string& key) {
  std::size_t end = text.find(key);
  if (end == std::string::npos) return std::nullopt;
  std::size_t begin = end;
  while (begin > 0 && text[begin - 1] >= '0' && text[begin - 1] <= '9') --begin;
  if (begin == end) return std::nullopt;
  return std::strtod(text.c_str() + begin, nullptr);
}

struct WrkRun {
  double per_second = 0;
  CpuCost cpu;  // wrk's threads, from getrusage of the child (its set-up included)
};

// wrk -c16 -t2 for `seconds` against `base_url`, sending `sent` (to `path` instead of its own
// when given; see wrk_refund.lua for `orders`); its requests per second and CPU per request.
// Any answer but a 2xx fails the run.
WrkRun run_wrk(const std::string& base_url, const CapturedRequest& sent, int seconds,
               const std::string& path = "", std::size_t orders = 0) {
  export_request(sent);
  if (!path.empty()) setenv("BENCH_PATH", path.c_str(), 1);
  if (orders != 0) {
    setenv("BENCH_ORDERS", std::to_string(orders).c_str(), 1);
  } else {
    unsetenv("BENCH_ORDERS");
  }
  const double server_before = own_cpu_seconds();
  const CommandOutput wrk = run_command(
      {"wrk", "-t2", "-c" + std::to_string(kConcurrency), "-d" + std::to_string(seconds) + "s",
       "-s", std::string(REFUNDKIT_BENCH_DIR) + "/wrk_refund.lua", base_url});
  const double server_seconds = own_cpu_seconds() - server_before;
  const std::optional<double> rate = number_after(wrk.output, "Requests/sec:");
  const std::optional<double> requests = number_before(wrk.output, " requests in ");
  if (wrk.exit_status != 0 || !rate || !requests || *requests <= 0 ||
      wrk.output.find("Non-2xx") != std::string::npos) {
    throw BenchFailure("wrk failed or got errors:\n" + wrk.output);
  }
  return {*rate, cost_of(wrk, *requests, *requests / *rate, server_seconds)};
}

// A sender of the batch figures in a child process of its own (bench_client.hpp: "batch" is
// create_refunds, "multi" the raw libcurl multi loop), `count` requests: the CPU it used per
// request, its server staying in this process. The raw loop's request comes from
// export_request().
CpuCost child_cpu_cost(EchoServer& echo, const std::string& mode, std::size_t count) {
  const double server_before = own_cpu_seconds();
  const CommandOutput child =
      run_command({own_executable(), "--client", echo.base_url(), mode, std::to_string(count)});
  // The child's set-up is in this, but the server is idle then.
  const double server_seconds = own_cpu_seconds() - server_before;
  const std::optional<double> seconds = number_after(child.output, "seconds=");
  const std::optional<double> user = number_after(child.output, "user_s=");
  const std::optional<double> system = number_after(child.output, "sys_s=");
  if (child.exit_status != 0 || !seconds || !user || !system || *seconds <= 0) {
    throw BenchFailure("the " + mode + " child failed:\n" + child.output);
  }
  CommandOutput measured;
  measured.user_seconds = *user;
  measured.system_seconds = *system;
  return cost_of(measured, static_cast<double>(count), *seconds, server_seconds);
}

void measure_sandbox(const CapturedRequest& sent, const Scale& scale, Batch& figures) {
  refundkit::sandbox::SandboxOptions options;
  options.seed_default_orders = false;
  // The echo server's key: then the captured headers are right for the sandbox too.
  options.komfortkasse_api_key = kApiKey;
  refundkit::sandbox::Sandbox sandbox(options);
  // Each run on fresh orders, and many of them, as a real batch would be: the sandbox sums an
  // order's refunds on every new one, and an order may refund at most twice its amount.
  const auto fresh_orders = [&] {
    sandbox.reset();
    for (std::size_t i = 0; i < kSandboxOrders; ++i) {
      sandbox.add_order({"komfortkasse", "BENCH-" + std::to_string(i), "1000000.00", "EUR"});
    }
  };
  const std::string path = sandbox.komfortkasse_base_url().substr(sandbox.base_url().size()) +
                           "/order/BENCH-{order}/refund";
  const auto client = make_client(sandbox.komfortkasse_base_url());
  std::size_t counter = 0;
  std::vector<double> wrk_rates, sdk_rates;
  for (int round = 0; round < scale.batch_rounds; ++round) {
    fresh_orders();
    wrk_rates.push_back(
        run_wrk(sandbox.base_url(), sent, scale.wrk_seconds, path, kSandboxOrders).per_second);
    fresh_orders();
    const double seconds = timed_batch(*client, 'x', counter, scale.batch, [](std::size_t i) {
      return "BENCH-" + std::to_string(i % kSandboxOrders);
    });
    if (sandbox.refunds().size() != scale.batch) throw BenchFailure("the sandbox lost refunds");
    sdk_rates.push_back(static_cast<double>(scale.batch) / seconds);
    std::printf("  sandbox round %d: wrk %.0f requests/s, create_refunds %.0f refunds/s\n",
                round + 1, wrk_rates.back(), sdk_rates.back());
  }
  figures.sandbox_wrk_per_second = median(wrk_rates);
  figures.sandbox_sdk_per_second = median(sdk_rates);
}

Batch measure_batches(EchoServer& echo, const CapturedRequest& sent, const Scale& scale) {
  Batch figures;
  const auto client = make_client(echo.base_url());
  std::size_t counter = 0, multi_counter = 0;
  // A fresh multi handle for every run, as create_refunds makes one for every call: each run
  // opens its own connections.
  const auto run_multi = [&](std::size_t count) {
    RawCurlMulti multi(echo.base_url() + sent.path, headers_to_replay(sent), sent.body,
                       kConcurrency);
    const std::size_t ok =
        multi.run(count, [&](std::size_t) { return reference('n', multi_counter++); });
    if (ok != count) throw BenchFailure("a raw libcurl multi request failed");
  };
  require_same_bytes(sent, capture_first(echo, [&] { run_multi(1); }), "raw libcurl multi");
  std::vector<double> wrk_rates, multi_rates, sdk_rates;
  std::vector<CpuCost> wrk_costs;
  std::size_t multi_round_connections = 0, sdk_round_connections = 0;
  // The three take turns in a rotating order, so that each sees the same machine load.
  const std::function<void(int)> senders[] = {
      [&](int round) {
        echo.reset_counts();
        echo.capture_next();
        const WrkRun wrk = run_wrk(echo.base_url(), sent, scale.wrk_seconds);
        wrk_rates.push_back(wrk.per_second);
        wrk_costs.push_back(wrk.cpu);
        if (round == 0) {
          const std::optional<CapturedRequest> captured = echo.captured();
          if (!captured) throw BenchFailure("wrk's requests were not captured");
          require_same_bytes(sent, *captured, "wrk");
        }
        figures.wrk_connections = echo.connections();
      },
      [&](int) {
        echo.reset_counts();
        const auto started = Clock::now();
        run_multi(scale.batch);
        multi_rates.push_back(static_cast<double>(scale.batch) / seconds_since(started));
        multi_round_connections = echo.connections();
        figures.multi_connections = std::max(figures.multi_connections, multi_round_connections);
      },
      [&](int) {
        echo.reset_counts();
        const double seconds = timed_batch(*client, 'b', counter, scale.batch,
                                           [](std::size_t) { return std::string(kEchoOrder); });
        sdk_rates.push_back(static_cast<double>(scale.batch) / seconds);
        sdk_round_connections = echo.connections();
        figures.sdk_connections = std::max(figures.sdk_connections, sdk_round_connections);
      }};
  constexpr int kSenders = static_cast<int>(std::size(senders));
  for (int round = 0; round < scale.batch_rounds; ++round) {
    for (int turn = 0; turn < kSenders; ++turn) senders[(round + turn) % kSenders](round);
    std::printf(
        "  round %d: wrk %.0f requests/s, raw libcurl multi %.0f requests/s on %zu connections, "
        "create_refunds %.0f refunds/s on %zu\n",
        round + 1, wrk_rates.back(), multi_rates.back(), multi_round_connections, sdk_rates.back(),
        sdk_round_connections);
  }
  figures.wrk_per_second = median(wrk_rates);
  figures.multi_per_second = median(multi_rates);
  figures.sdk_per_second = median(sdk_rates);
  figures.wrk_cpu = median_cost(wrk_costs);

  // CPU per request: each sender in a child process, so that getrusage holds only the sender,
  // not the server's threads.
  export_request(sent);
  std::vector<CpuCost> multi_costs, sdk_costs;
  for (int round = 0; round < scale.batch_rounds; ++round) {
    multi_costs.push_back(child_cpu_cost(echo, "multi", scale.batch));
    sdk_costs.push_back(child_cpu_cost(echo, "batch", scale.batch));
    std::printf(
        "  CPU round %d, us per request (user + system; the server meanwhile): raw libcurl multi "
        "%.1f + %.1f (%.1f), create_refunds %.1f + %.1f (%.1f)\n",
        round + 1, multi_costs.back().user_us, multi_costs.back().system_us,
        multi_costs.back().server_us, sdk_costs.back().user_us, sdk_costs.back().system_us,
        sdk_costs.back().server_us);
  }
  figures.multi_cpu = median_cost(multi_costs);
  figures.sdk_cpu = median_cost(sdk_costs);
  measure_sandbox(sent, scale, figures);
  return figures;
}

// ---- the merchant's alternative ----------------------------------------------------------------

struct Merchant {
  double python_seconds = 0;
  double sdk_seconds = 0;
};

Merchant measure_merchant(EchoServer& echo, const CapturedRequest& sent, const Scale& scale) {
  export_request(sent);
  echo.capture_next();
  const CommandOutput python =
      run_command({"python3", std::string(REFUNDKIT_BENCH_DIR) + "/requests_loop.py",
                   echo.base_url() + sent.path, std::to_string(scale.merchant)});
  const std::optional<double> seconds = number_after(python.output, "seconds=");
  if (python.exit_status != 0 || !seconds) {
    throw BenchFailure("the Python requests loop failed:\n" + python.output);
  }
  const std::optional<CapturedRequest> captured = echo.captured();
  if (!captured) throw BenchFailure("Python's requests were not captured");
  require_same_bytes(sent, *captured, "Python requests");

  const auto client = make_client(echo.base_url());
  std::size_t counter = 0;
  const double sdk = timed_batch(*client, 'm', counter, scale.merchant,
                                 [](std::size_t) { return std::string(kEchoOrder); });
  return {*seconds, sdk};
}

// ---- memory --------------------------------------------------------------------------------

// Peak RSS in KiB of a fresh process streaming `count` refunds: a fresh heap each, so that one
// batch's high-water mark does not hide the next one's.
long child_peak_rss_kib(EchoServer& echo, std::size_t count) {
  const CommandOutput child =
      run_command({own_executable(), "--client", echo.base_url(), "stream", std::to_string(count)});
  const std::optional<double> kib = number_after(child.output, "vmhwm_kib=");
  if (child.exit_status != 0 || !kib) {
    throw BenchFailure("the streaming child failed:\n" + child.output);
  }
  std::printf("  %6zu refunds: %s", count, child.output.c_str());
  return static_cast<long>(*kib);
}

// ---- the run -------------------------------------------------------------------------------

int run_all(const Scale& scale) {
  std::printf("machine: %s\n", machine_description().c_str());
  EchoServer echo;

  const CapturedRequest sent = capture_client_request(echo);
  std::printf("the client's request: %s %s, %zu headers, body %s\n", sent.method.c_str(),
              sent.path.c_str(), sent.headers.size(), sent.body.c_str());

  std::printf("sequential: %d rounds x %d requests per loop\n", scale.sequential_rounds,
              scale.sequential_requests);
  const Sequential sequential = measure_sequential(scale);
  std::printf("batches: %d rounds of wrk for %d s and create_refunds of %zu\n", scale.batch_rounds,
              scale.wrk_seconds, scale.batch);
  const Batch batch = measure_batches(echo, sent, scale);
  // More than 16 when a run is long: cpp-httplib closes a connection after 10,000 requests.
  std::printf("  wrk's last run came on %zu connections\n", batch.wrk_connections);
  std::printf("merchant: %zu refunds with Python requests, then with create_refunds\n",
              scale.merchant);
  const Merchant merchant = measure_merchant(echo, sent, scale);
  std::printf("memory: peak RSS of a child streaming refunds\n");
  std::vector<long> rss;
  for (std::size_t count : scale.memory) rss.push_back(child_peak_rss_kib(echo, count));

  std::vector<Figure> figures;
  const auto ratio = [](double value, double base) { return format("%.2f", value / base); };
  figures.push_back({"sequential create_refund, median",
                     format("%.1f us", sequential.sdk.median_us),
                     format("raw libcurl %.1f us", sequential.raw.median_us),
                     ratio(sequential.sdk.median_us, sequential.raw.median_us), "<= 1.05"});
  figures.push_back({"sequential create_refund, p99", format("%.1f us", sequential.sdk.p99_us),
                     format("raw libcurl %.1f us", sequential.raw.p99_us),
                     ratio(sequential.sdk.p99_us, sequential.raw.p99_us), "<= 1.05"});
  // refundkit sends the body as POSTFIELDS, as the raw loop does: all of the gap above is its
  // own work. This is what the read callback it used before cost on its own.
  figures.push_back({"  raw libcurl, body by read callback, median",
                     format("%.1f us", sequential.raw_callback.median_us),
                     format("raw libcurl %.1f us", sequential.raw.median_us),
                     ratio(sequential.raw_callback.median_us, sequential.raw.median_us),
                     "(two segments)"});
  figures.push_back({format("create_refunds %zu, concurrency %zu", scale.batch, kConcurrency),
                     format("%.0f refunds/s", batch.sdk_per_second),
                     format("wrk -c%zu -t2 %.0f req/s", kConcurrency, batch.wrk_per_second),
                     ratio(batch.sdk_per_second, batch.wrk_per_second), ">= 0.80"});
  figures.push_back({"  against raw libcurl multi (refundkit's part)",
                     format("%.0f refunds/s", batch.sdk_per_second),
                     format("raw multi %.0f req/s", batch.multi_per_second),
                     ratio(batch.sdk_per_second, batch.multi_per_second), "-"});
  figures.push_back({"  raw libcurl multi against wrk (libcurl's part)",
                     format("%.0f req/s", batch.multi_per_second),
                     format("wrk -c%zu -t2 %.0f req/s", kConcurrency, batch.wrk_per_second),
                     ratio(batch.multi_per_second, batch.wrk_per_second), "-"});
  const auto cpu = [](const CpuCost& cost) {
    return format("%.1f us (%.1f+%.1f)", cost.total_us(), cost.user_us, cost.system_us);
  };
  figures.push_back({"CPU per request, wrk -t2", cpu(batch.wrk_cpu), "-", "-",
                     format("(%.2f cores)", batch.wrk_cpu.busy)});
  figures.push_back({"CPU per request, raw libcurl multi", cpu(batch.multi_cpu),
                     format("wrk %.1f us", batch.wrk_cpu.total_us()),
                     ratio(batch.multi_cpu.total_us(), batch.wrk_cpu.total_us()),
                     format("(%.2f cores)", batch.multi_cpu.busy)});
  figures.push_back({"CPU per refund, create_refunds", cpu(batch.sdk_cpu),
                     format("raw multi %.1f us", batch.multi_cpu.total_us()),
                     ratio(batch.sdk_cpu.total_us(), batch.multi_cpu.total_us()),
                     format("(%.2f cores)", batch.sdk_cpu.busy)});
  figures.push_back({"  the echo server's CPU per request meanwhile",
                     format("%.1f / %.1f / %.1f us", batch.wrk_cpu.server_us,
                            batch.multi_cpu.server_us, batch.sdk_cpu.server_us),
                     "wrk / raw multi / create_refunds", "-", "-"});
  figures.push_back({format("the same through the sandbox (%zu orders)", kSandboxOrders),
                     format("%.0f refunds/s", batch.sandbox_sdk_per_second),
                     format("wrk -c%zu -t2 %.0f req/s", kConcurrency, batch.sandbox_wrk_per_second),
                     ratio(batch.sandbox_sdk_per_second, batch.sandbox_wrk_per_second),
                     "(its own ceiling)"});
  figures.push_back({"  the sandbox's ceiling against the echo server's",
                     format("%.0f req/s", batch.sandbox_wrk_per_second),
                     format("echo server %.0f req/s", batch.wrk_per_second),
                     ratio(batch.sandbox_wrk_per_second, batch.wrk_per_second), "-"});
  figures.push_back({format("%zu refunds, create_refunds", scale.merchant),
                     format("%.3f s", merchant.sdk_seconds),
                     format("Python requests %.3f s", merchant.python_seconds),
                     format("%.1fx faster", merchant.python_seconds / merchant.sdk_seconds),
                     "speed-up"});
  // The first streaming run against a process that sends nothing (libraries, libcurl's and
  // OpenSSL's set-up); the larger ones against the first, which is what "flat" means.
  for (std::size_t i = 1; i < rss.size(); ++i) {
    const std::size_t base = i == 1 ? 0 : 1;
    const double mib = static_cast<double>(rss[i]) / kMiB;
    const double base_mib = static_cast<double>(rss[base]) / kMiB;
    figures.push_back({format("peak RSS, stream_refunds %zu", scale.memory[i]),
                       format("%.1f MiB", mib),
                       format("%zu refunds %.1f MiB", scale.memory[base], base_mib),
                       format("%.2f", mib / base_mib), "<= 32 MiB, flat"});
  }
  figures.push_back(
      {"connections, sequential run", format("%zu", sequential.connections), "-", "-", "1"});
  figures.push_back({"connections, batch (most in a round)", format("%zu", batch.sdk_connections),
                     format("concurrency %zu", kConcurrency), "-", format("<= %zu", kConcurrency)});
  figures.push_back({"connections, raw libcurl multi (most in a round)",
                     format("%zu", batch.multi_connections),
                     format("concurrency %zu", kConcurrency), "-", format("<= %zu", kConcurrency)});
  std::printf("\n%s\n", machine_description().c_str());
  std::printf("batch driver: %s\n", batch.sdk_connections > 1
                                        ? "several connections at once (multi)"
                                        : "one connection (the sequential default)");
  print_table(figures);
  return 0;
}

// Callgrind of the client alone: the server stays in this process, outside valgrind, so that
// the profile holds nothing but refundkit and libcurl.
int run_profiles(const std::string& directory, const std::string& count) {
  EchoServer echo;
  // The raw loop's profile is the baseline: what libcurl costs for the same request anyway.
  export_request(capture_client_request(echo));
  for (const char* mode : {"raw", "sequential", "stream"}) {
    const std::string out = directory + "/callgrind." + mode + ".out";
    const CommandOutput child =
        run_command({"valgrind", "--tool=callgrind", "--callgrind-out-file=" + out,
                     own_executable(), "--client", echo.base_url(), mode, count});
    std::printf("%s: %s", out.c_str(), child.output.c_str());
    if (child.exit_status != 0) return 1;
  }
  return 0;
}

// The echo server alone, for measuring a client by hand (strace, time, another profiler).
int serve() {
  EchoServer echo;
  std::printf("%s\n", echo.base_url().c_str());
  while (std::fgetc(stdin) != EOF) {
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Progress shows as it happens, also through a pipe (scripts/bench-batch.sh | tee).
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const std::string first = argc > 1 ? argv[1] : "";
  try {
    if (first == "--client") return run_client_child(argc, argv);
    if (first == "--profile" && argc == 4) return run_profiles(argv[2], argv[3]);
    if (first == "--serve" && argc == 2) return serve();
    if (argc == 1) return run_all(kFull);
    if (argc == 2 && first == "--quick") return run_all(kQuick);
  } catch (const BenchFailure& failure) {
    std::fprintf(stderr, "refundkit-bench-batch: %s\n", failure.what());
    return 1;
  }
  std::fprintf(stderr,
               "usage: refundkit-bench-batch [--quick]\n"
               "       refundkit-bench-batch --profile DIR COUNT\n"
               "       refundkit-bench-batch --serve\n"
               "       refundkit-bench-batch --client BASE_URL "
               "sequential|stream|batch|raw|multi COUNT\n");
  return 2;
}
