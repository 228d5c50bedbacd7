// How much CurlTransport, and a whole Komfortkasse refund, cost on top of raw libcurl.
//
//   refundkit-bench-transport [requests-per-round] [rounds]
//
// Three loops send the same kind of POST to servers on 127.0.0.1, over one kept-alive connection:
//   raw       a hand-written libcurl loop reusing one easy handle (the baseline)
//   transport refundkit::CurlTransport::send (pooled handle, policy checks, redaction-free path)
//   refund    KomfortkasseClient::create_refund against the sandbox (validation, JSON both ways,
//             the sandbox's own bookkeeping included)
// Rounds alternate the loops so that machine noise hits all of them alike; the report is the
// median per-request time of each and its ratio to the baseline.
#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "refundkit/refundkit.hpp"
#include "refundkit/sandbox/loopback_server.hpp"
#include "refundkit/sandbox/sandbox.hpp"

namespace {

using Clock = std::chrono::steady_clock;

constexpr char kBody[] =
    R"({"externalReference":"bench","amount":12.30,"currency":"EUR","plannedDate":"01-01-2030"})";

std::size_t discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

double microseconds_per_request(int requests, const std::function<bool()>& send_one) {
  const auto started = Clock::now();
  for (int i = 0; i < requests; ++i) {
    if (!send_one()) {
      std::fprintf(stderr, "a request failed\n");
      std::exit(1);
    }
  }
  return std::chrono::duration<double, std::micro>(Clock::now() - started).count() / requests;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int requests = argc > 1 ? std::atoi(argv[1]) : 2000;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
  if (requests <= 0 || rounds <= 0) {
    std::fprintf(stderr, "usage: refundkit-bench-transport [requests-per-round] [rounds]\n");
    return 2;
  }

  httplib::Server echo;
  echo.Post("/refund", [](const httplib::Request&, httplib::Response& response) {
    response.set_content(R"({"status":"NEW"})", "application/json");
  });
  refundkit::sandbox::LoopbackServer server(echo);
  const std::string url = server.base_url() + "/refund";

  curl_global_init(CURL_GLOBAL_DEFAULT);
  CURL* raw = curl_easy_init();
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  headers = curl_slist_append(headers, "X-Komfortkasse-API-Key: bench-key");
  curl_easy_setopt(raw, CURLOPT_URL, url.c_str());
  curl_easy_setopt(raw, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(raw, CURLOPT_POSTFIELDS, kBody);
  curl_easy_setopt(raw, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(raw, CURLOPT_WRITEFUNCTION, discard);
  const auto raw_send = [raw] {
    long status = 0;
    return curl_easy_perform(raw) == CURLE_OK &&
           curl_easy_getinfo(raw, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK && status == 200;
  };

  refundkit::CurlTransportOptions options;
  options.allow_http_for_loopback = true;
  auto transport = refundkit::make_curl_transport(options);
  refundkit::HttpRequest request;
  request.method = refundkit::HttpMethod::post;
  request.url = url;
  request.headers = {{"Content-Type", "application/json"}, {"X-Komfortkasse-API-Key", "bench-key"}};
  request.body = kBody;
  const auto transport_send = [&] {
    auto response = transport->send(request);
    return response && response->status == 200;
  };

  refundkit::sandbox::SandboxOptions sandbox_options;
  sandbox_options.seed_default_orders = false;
  refundkit::sandbox::Sandbox sandbox(sandbox_options);
  // Refunds spread over many orders, as a real run would be: no order piles up thousands.
  constexpr int kOrders = 1000;
  for (int i = 0; i < kOrders; ++i) {
    sandbox.add_order({"komfortkasse", "BENCH-" + std::to_string(i), "1000000.00", "EUR"});
  }
  refundkit::KomfortkasseOptions client_options;
  client_options.api_key = sandbox.options().komfortkasse_api_key;
  client_options.base_url = sandbox.komfortkasse_base_url();
  auto client = refundkit::make_komfortkasse_client(client_options, transport);
  refundkit::RefundRequest refund;
  refund.amount = refundkit::Money::parse("0.01", "EUR").value();
  long long reference = 0;
  const auto refund_send = [&] {
    refund.reference = "bench-" + std::to_string(++reference);
    refund.order_id = "BENCH-" + std::to_string(reference % kOrders);
    return static_cast<bool>(client->create_refund(refund));
  };

  // Warm up: connections open, handles pooled, code paged in.
  microseconds_per_request(100, raw_send);
  microseconds_per_request(100, transport_send);
  microseconds_per_request(100, refund_send);

  std::vector<double> raw_times, transport_times, refund_times;
  for (int round = 0; round < rounds; ++round) {
    raw_times.push_back(microseconds_per_request(requests, raw_send));
    transport_times.push_back(microseconds_per_request(requests, transport_send));
    refund_times.push_back(microseconds_per_request(requests, refund_send));
  }
  const double baseline = median(raw_times);
  std::printf("%d rounds x %d requests, one kept-alive loopback connection each\n", rounds,
              requests);
  std::printf("%-10s %12s %10s\n", "loop", "us/request", "ratio");
  std::printf("%-10s %12.1f %10.2f\n", "raw", baseline, 1.0);
  std::printf("%-10s %12.1f %10.2f\n", "transport", median(transport_times),
              median(transport_times) / baseline);
  std::printf("%-10s %12.1f %10.2f\n", "refund", median(refund_times),
              median(refund_times) / baseline);

  curl_slist_free_all(headers);
  curl_easy_cleanup(raw);
  return 0;
}
