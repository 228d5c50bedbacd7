#pragma once

// How every refundkit loop of the benchmark is set up, so that all of them send the same kind of
// refund: one Komfortkasse client on the built-in transport, 0.01 EUR per refund, the default
// plannedDate (tomorrow), references of one fixed width.

#include <cstddef>
#include <memory>
#include <string>

#include "refundkit/refundkit.hpp"

namespace refundkit::bench {

inline constexpr char kApiKey[] = "bench-komfortkasse-key";
/// Refunds in flight in every batch, and wrk's connections.
inline constexpr std::size_t kConcurrency = 16;
/// The echo server's order: it keeps no orders, so one number serves every request.
inline constexpr char kEchoOrder[] = "BENCH-1";

/// A Komfortkasse client on make_curl_transport (plain http allowed for loopback), so that a
/// batch runs on whatever driver the library has for its own transport.
std::unique_ptr<RefundClient> make_client(const std::string& base_url,
                                          const std::string& api_key = kApiKey);

/// "rk-<phase>-<number, 8 digits>": unique per phase and number, and always as long, so that
/// every body of a comparison has the same Content-Length.
std::string reference(char phase, std::size_t number);

/// 0.01 EUR for `order_id` under `reference_text`.
RefundRequest refund_request(const std::string& order_id, const std::string& reference_text);

/// The child process of the memory figures, the CPU figures and the profiles:
///   --client BASE_URL sequential|stream|batch|raw|multi COUNT
/// sends COUNT refunds to the echo server at BASE_URL, one create_refund after another, through
/// stream_refunds (kConcurrency, a generating source and a counting sink: only the SDK holds
/// memory), through one create_refunds (kConcurrency, the requests built before the clock
/// starts), with the raw libcurl loop, or with the raw libcurl multi loop (kConcurrency; both raw
/// loops send the request from export_request), then prints "ok=N failed=N seconds=S user_s=U
/// sys_s=Y vmhwm_kib=K" on stdout: wall and CPU seconds (getrusage) of the sending alone, set-up
/// left out. Exit 1 on a failure.
int run_client_child(int argc, char** argv);

/// Peak resident set of this process (VmHWM), in KiB; 0 if unreadable.
long peak_rss_kib();

}  // namespace refundkit::bench
