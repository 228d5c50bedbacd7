#pragma once

#include <curl/curl.h>

#include <chrono>
#include <cstddef>
#include <string>

#include "refundkit/error.hpp"

namespace refundkit::internal {

/// What is known about a transfer that did not complete.
struct TransferFailure {
  CURLcode code = CURLE_OK;
  /// False only when libcurl wrote no request byte and never reached the transfer stage.
  bool request_may_have_left = true;
  int http_status = 0;  ///< 0 when no status line arrived.
  bool body_over_limit = false;
  bool headers_over_limit = false;
  bool out_of_memory = false;  ///< A callback could not store what it received.
  /// libcurl was about to send the request again on a fresh connection (its reused one died
  /// before any answer), and the request may not be repeated.
  bool resend_refused = false;
  /// libcurl's explanation (error buffer), already checked to contain no credential.
  std::string detail;
};

struct TransferLimits {
  std::chrono::milliseconds request_timeout{0};
  std::size_t max_response_bytes = 0;
  std::size_t max_header_bytes = 0;
};

/// Classifies a failed transfer, conservatively because this is about money: ErrorKind::network
/// only when the request certainly never left (!request_may_have_left: DNS, connect, TLS
/// handshake and verification, a timeout before any byte was written), whatever the curl code;
/// everything else is ErrorKind::outcome_unknown, a connect failure or protocol error included
/// (libcurl's silent retry of a request already sent, a garbage answer).
/// The message says what happened and whether the request may have been processed; it never
/// contains header values or bodies.
Error classify_transfer_failure(const TransferFailure& failure, const TransferLimits& limits);

/// ErrorKind::network for a request refundkit could not even hand to libcurl (no handle, no
/// global initialisation): `why`, and that nothing was sent.
Error never_sent(std::string why);

}  // namespace refundkit::internal
