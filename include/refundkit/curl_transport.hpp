#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "refundkit/transport.hpp"

namespace refundkit {

struct CurlTransportOptions {
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  /// Whole exchange, connect included.
  std::chrono::milliseconds request_timeout{std::chrono::seconds(30)};
  /// Responses larger than this are abandoned while receiving (chunked bodies included).
  std::size_t max_response_bytes = 1024 * 1024;
  /// Extra trust anchors (PEM file / OpenSSL hashed directory); the system store otherwise.
  std::string ca_file;
  std::string ca_path;
  /// Plain http is refused unless this is set, and even then only for loopback hosts
  /// (127.0.0.0/8, ::1, localhost): for the sandbox and local tests.
  bool allow_http_for_loopback = false;
  /// Idle easy handles kept for reuse (each keeps its connections and TLS sessions warm).
  std::size_t max_idle_handles = 16;
  /// Called once per exchange with redacted data; must be thread-safe.
  HttpLogHook log_hook;
};

/// The libcurl transport: pooled easy handles (keep-alive, TLS session reuse), https only,
/// TLS 1.2+ with peer and host verification, no redirects, bounded responses.
/// Initialises libcurl globally, once and thread-safely, on first use.
std::shared_ptr<Transport> make_curl_transport(CurlTransportOptions options = {});

/// True for 127.0.0.0/8, ::1 and "localhost": the hosts plain http may be allowed for.
bool is_loopback_host(std::string_view host) noexcept;

}  // namespace refundkit
