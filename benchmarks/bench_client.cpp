#include "bench_client.hpp"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "captured_request.hpp"
#include "raw_curl.hpp"
#include "raw_curl_multi.hpp"

namespace refundkit::bench {

std::unique_ptr<RefundClient> make_client(const std::string& base_url, const std::string& api_key) {
  CurlTransportOptions transport;
  transport.allow_http_for_loopback = true;
  KomfortkasseOptions options;
  options.api_key = api_key;
  options.base_url = base_url;
  return make_komfortkasse_client(options, make_curl_transport(transport));
}

std::string reference(char phase, std::size_t number) {
  char text[32];
  std::snprintf(text, sizeof text, "rk-%c-%08zu", phase, number);
  return text;
}

RefundRequest refund_request(const std::string& order_id, const std::string& reference_text) {
  RefundRequest request;
  request.order_id = order_id;
  request.reference = reference_text;
  request.amount = Money::parse("0.01", "EUR").value();
  return request;
}

long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  constexpr std::string_view kField = "VmHWM:";
  while (std::getline(status, line)) {
    if (line.compare(0, kField.size(), kField) == 0) {
      return std::strtol(line.c_str() + kField.size(), nullptr, 10);
    }
  }
  return 0;
}

namespace {

// User and system CPU seconds this process has used so far.
std::pair<double, double> cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6;
  };
  return {seconds(usage.ru_utime), seconds(usage.ru_stime)};
}

}  // namespace

int run_client_child(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s --client BASE_URL sequential|stream|batch|raw|multi COUNT\n",
                 argv[0]);
    return 2;
  }
  const std::string base_url = argv[2];
  const std::string_view mode = argv[3];
  const std::size_t count = std::strtoull(argv[4], nullptr, 10);
  const bool raw_mode = mode == "raw" || mode == "multi";
  if (mode != "sequential" && mode != "stream" && mode != "batch" && !raw_mode) {
    std::fprintf(stderr, "unknown mode %s\n", argv[3]);
    return 2;
  }
  // Not for the raw loops, whose process should hold nothing of refundkit's.
  const std::unique_ptr<RefundClient> client = raw_mode ? nullptr : make_client(base_url);
  std::size_t ok = 0;
  std::size_t failed = 0;
  std::string first_failure;
  const auto count_outcome = [&](const Result<Refund>& outcome) {
    if (outcome) {
      ++ok;
    } else if (++failed == 1) {
      first_failure = outcome.error().message;
    }
  };

  const CapturedRequest sent = raw_mode ? imported_request() : CapturedRequest{};
  // create_refunds' input, built before the clock starts, as in the batch figure.
  std::vector<RefundRequest> requests;
  if (mode == "batch") {
    requests.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      requests.push_back(refund_request(kEchoOrder, reference('c', i)));
    }
  }

  const auto [user_before, system_before] = cpu_seconds();
  const auto started = std::chrono::steady_clock::now();
  if (mode == "sequential") {
    for (std::size_t i = 0; i < count; ++i) {
      count_outcome(client->create_refund(refund_request(kEchoOrder, reference('c', i))));
    }
  } else if (mode == "raw") {
    RawCurlLoop raw(base_url + sent.path, sent.headers, sent.body);
    for (std::size_t i = 0; i < count; ++i) {
      if (raw.send(reference('c', i))) {
        ++ok;
      } else if (++failed == 1) {
        first_failure = "a raw libcurl request failed";
      }
    }
  } else if (mode == "multi") {
    // Its handles made inside the clock, as create_refunds makes its own.
    RawCurlMulti multi(base_url + sent.path, sent.headers, sent.body, kConcurrency);
    ok = multi.run(count, [](std::size_t i) { return reference('c', i); });
    failed = count - ok;
    if (failed != 0) first_failure = "a raw libcurl multi request failed";
  } else if (mode == "batch") {
    BatchOptions options;
    options.concurrency = kConcurrency;
    for (const Result<Refund>& outcome : client->create_refunds(requests, options)) {
      count_outcome(outcome);
    }
  } else {
    std::size_t generated = 0;
    const RefundSource next = [&]() -> std::optional<RefundRequest> {
      if (generated == count) return std::nullopt;
      return refund_request(kEchoOrder, reference('c', generated++));
    };
    const RefundSink sink = [&](std::size_t, Result<Refund> outcome) { count_outcome(outcome); };
    BatchOptions options;
    options.concurrency = kConcurrency;
    options.total = count;
    client->stream_refunds(next, sink, options);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto [user_after, system_after] = cpu_seconds();

  std::printf("ok=%zu failed=%zu seconds=%.6f user_s=%.6f sys_s=%.6f vmhwm_kib=%ld\n", ok, failed,
              seconds, user_after - user_before, system_after - system_before, peak_rss_kib());
  if (failed != 0) std::fprintf(stderr, "first failure: %s\n", first_failure.c_str());
  return failed == 0 ? 0 : 1;
}

}  // namespace refundkit::bench
