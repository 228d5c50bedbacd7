#include "transport/curl_failure.hpp"

#include <string_view>

namespace refundkit::internal {
namespace {

constexpr std::string_view kNotSent = "; the request was not sent";
constexpr std::string_view kMayHaveBeenProcessed = "; the request may have been processed";

// The curl code and libcurl's own words, for whoever debugs the failure.
std::string curl_suffix(const TransferFailure& failure) {
  std::string suffix = " (curl error " + std::to_string(static_cast<int>(failure.code));
  if (!failure.detail.empty()) suffix += ": " + failure.detail;
  return suffix + ")";
}

Error make_error(ErrorKind kind, std::string message, const TransferFailure& failure) {
  Error error;
  error.kind = kind;
  error.message = std::move(message);
  error.http_status = failure.http_status;
  return error;
}

// What a failure before libcurl wrote the request was: resolving, connecting, the TLS handshake
// (certificate verification included) or local setup. Returns "" for any other code. These codes
// also occur after a request left (a retry's connect, a garbage answer), so they name the
// failure but never decide that nothing was sent.
std::string_view before_sending(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return "could not resolve the host";
    case CURLE_COULDNT_RESOLVE_PROXY:
      return "could not resolve the proxy";
    case CURLE_COULDNT_CONNECT:
      return "could not connect";
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
      return "TLS certificate verification failed (is the CA in ca_file/ca_path?)";
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CRL_BADFILE:
      return "could not load the trusted CA certificates (ca_file/ca_path)";
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
      return "TLS handshake failed";
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return "URL refused by libcurl";
    case CURLE_FAILED_INIT:
      return "libcurl could not start the transfer";
    default:
      return {};
  }
}

}  // namespace

Error classify_transfer_failure(const TransferFailure& failure, const TransferLimits& limits) {
  if (failure.body_over_limit || failure.code == CURLE_FILESIZE_EXCEEDED) {
    return make_error(ErrorKind::outcome_unknown,
                      "response exceeded the " + std::to_string(limits.max_response_bytes) +
                          "-byte limit" + std::string(kMayHaveBeenProcessed),
                      failure);
  }
  if (failure.headers_over_limit) {
    return make_error(ErrorKind::outcome_unknown,
                      "response headers exceeded the " + std::to_string(limits.max_header_bytes) +
                          "-byte limit" + std::string(kMayHaveBeenProcessed),
                      failure);
  }
  if (failure.out_of_memory) {
    return make_error(
        ErrorKind::outcome_unknown,
        "out of memory while receiving the response" + std::string(kMayHaveBeenProcessed), failure);
  }
  // libcurl's code alone does not tell whether the request left: a connect failure can be the
  // silent retry of a request already sent on a reused connection, and a protocol error can be
  // the server's garbage answer to it. Only "no request byte, no transfer stage" is certain.
  if (!failure.request_may_have_left) {
    std::string_view what = before_sending(failure.code);
    if (failure.code == CURLE_OPERATION_TIMEDOUT) what = "timed out while connecting";
    if (what.empty()) what = "the exchange failed before sending";
    return make_error(ErrorKind::network,
                      std::string(what) + std::string(kNotSent) + curl_suffix(failure), failure);
  }
  if (failure.resend_refused) {
    return make_error(ErrorKind::outcome_unknown,
                      "the connection died after the request was sent, and it was not sent again "
                      "because it is not idempotent" +
                          std::string(kMayHaveBeenProcessed) + curl_suffix(failure),
                      failure);
  }
  if (failure.code == CURLE_OPERATION_TIMEDOUT) {
    const std::string waited =
        "timed out after " + std::to_string(limits.request_timeout.count()) + " ms";
    const std::string while_doing =
        failure.http_status != 0
            ? " while receiving the response (HTTP " + std::to_string(failure.http_status) + ")"
            : " waiting for the response";
    return make_error(ErrorKind::outcome_unknown,
                      waited + while_doing + std::string(kMayHaveBeenProcessed), failure);
  }
  if (failure.code == CURLE_GOT_NOTHING) {
    return make_error(
        ErrorKind::outcome_unknown,
        "the server closed the connection without answering" + std::string(kMayHaveBeenProcessed),
        failure);
  }
  return make_error(ErrorKind::outcome_unknown,
                    "the exchange failed after the request may have been sent" +
                        std::string(kMayHaveBeenProcessed) + curl_suffix(failure),
                    failure);
}

Error never_sent(std::string why) {
  Error error;
  error.kind = ErrorKind::network;
  error.message = std::move(why) + "; the request was not sent";
  return error;
}

}  // namespace refundkit::internal
