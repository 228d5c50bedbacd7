#include "bench_client.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string_view>

#include "captured_request.hpp"
#include "raw_curl.hpp"

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

int run_client_child(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s --client BASE_URL sequential|stream|raw COUNT\n", argv[0]);
    return 2;
  }
  const std::string base_url = argv[2];
  const std::string_view mode = argv[3];
  const std::size_t count = std::strtoull(argv[4], nullptr, 10);
  if (mode != "sequential" && mode != "stream" && mode != "raw") {
    std::fprintf(stderr, "unknown mode %s\n", argv[3]);
    return 2;
  }
  // Not for the raw loop, whose process should hold nothing of refundkit's.
  const std::unique_ptr<RefundClient> client = mode == "raw" ? nullptr : make_client(base_url);
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

  const auto started = std::chrono::steady_clock::now();
  if (mode == "sequential") {
    for (std::size_t i = 0; i < count; ++i) {
      count_outcome(client->create_refund(refund_request(kEchoOrder, reference('c', i))));
    }
  } else if (mode == "raw") {
    const CapturedRequest sent = imported_request();
    RawCurlLoop raw(base_url + sent.path, sent.headers, sent.body);
    for (std::size_t i = 0; i < count; ++i) {
      if (raw.send(reference('c', i))) {
        ++ok;
      } else if (++failed == 1) {
        first_failure = "a raw libcurl request failed";
      }
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

  std::printf("ok=%zu failed=%zu seconds=%.3f vmhwm_kib=%ld\n", ok, failed, seconds,
              peak_rss_kib());
  if (failed != 0) std::fprintf(stderr, "first failure: %s\n", first_failure.c_str());
  return failed == 0 ? 0 : 1;
}

}  // namespace refundkit::bench
