#include "transport/curl_exchange.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string_view>
#include <utility>

#include "internal/text.hpp"
#include "refundkit/version.hpp"
#include "transport/curl_failure.hpp"
#include "transport/redaction.hpp"

namespace refundkit::internal {
namespace {

Error invalid_request(std::string message) {
  Error error;
  error.kind = ErrorKind::invalid_request;
  error.message = std::move(message) + "; the request was not sent";
  return error;
}

bool is_token_char(char c) {
  return is_ascii_alnum(c) || (c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
}

bool is_valid_header_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), is_token_char);
}

// CR, LF or NUL in a value would let it inject headers or cut the request short.
bool is_valid_header_value(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

long to_curl_milliseconds(std::chrono::milliseconds duration) {
  // 0 would mean "no timeout" to libcurl.
  return static_cast<long>(std::max<std::chrono::milliseconds::rep>(1, duration.count()));
}

}  // namespace

CurlExchange::CurlExchange(const HttpRequest& request, const CurlTransportOptions& options,
                           CURLSH* share)
    : request_(request), options_(options), share_(share) {}

std::optional<Error> CurlExchange::configure(CURL* handle) {
  if (request_.method == HttpMethod::get && !request_.body.empty()) {
    return invalid_request("a GET request cannot carry a body");
  }
  if (std::optional<Error> refused = build_header_list()) return refused;
  Result<CheckedUrl> checked = check_url(request_.url, options_.allow_http_for_loopback);
  if (!checked.ok()) return std::move(checked).error();
  url_ = std::move(checked->url);
  return set_options(handle, checked->loopback);
}

std::optional<Error> CurlExchange::build_header_list() {
  const auto append = [this](const std::string& line) {
    curl_slist* extended = curl_slist_append(header_list_.get(), line.c_str());
    if (extended == nullptr) return false;  // the old list is intact and still owned
    (void)header_list_.release();
    header_list_.reset(extended);
    return true;
  };
  bool has_content_type = false;
  bool has_expect = false;
  for (const HttpHeader& header : request_.headers) {
    if (!is_valid_header_name(header.name)) {
      return invalid_request("a request header has an invalid name");
    }
    if (!is_valid_header_value(header.value)) {
      return invalid_request("request header " + header.name +
                             " contains a line break or NUL in its value");
    }
    // The transport frames the body itself; a second framing header would desynchronise the
    // connection.
    if (equals_ignore_case(header.name, "Content-Length") ||
        equals_ignore_case(header.name, "Transfer-Encoding")) {
      return invalid_request("request header " + header.name + " is set by the transport");
    }
    has_content_type = has_content_type || equals_ignore_case(header.name, "Content-Type");
    has_expect = has_expect || equals_ignore_case(header.name, "Expect");
    // "Name;" is libcurl's spelling of a header with an empty value ("Name:" would remove it).
    const std::string line =
        header.value.empty() ? header.name + ";" : header.name + ": " + header.value;
    if (!append(line)) return invalid_request("out of memory while building the request headers");
  }
  // Send exactly what was asked: no form Content-Type libcurl would add to a POST, and no
  // "Expect: 100-continue" round trip for large bodies.
  if (!has_content_type && request_.method != HttpMethod::get && !append("Content-Type:")) {
    return invalid_request("out of memory while building the request headers");
  }
  if (!has_expect && !append("Expect:")) {
    return invalid_request("out of memory while building the request headers");
  }
  return std::nullopt;
}

std::optional<Error> CurlExchange::set_options(CURL* handle, bool loopback) {
  CURLcode failed = CURLE_OK;
  const char* failed_option = "";
  const auto set = [&](CURLoption option, const char* name, auto value) {
    if (failed != CURLE_OK) return;
    const CURLcode result = curl_easy_setopt(handle, option, value);
    if (result != CURLE_OK) {
      failed = result;
      failed_option = name;
    }
  };
#define REFUNDKIT_SET_OPTION(option, value) set(option, #option, value)

  REFUNDKIT_SET_OPTION(CURLOPT_ERRORBUFFER, error_buffer_);
  REFUNDKIT_SET_OPTION(CURLOPT_CURLU, url_.get());
  // No signals: libcurl runs on the caller's threads, and SIGALRM-based DNS timeouts are not
  // thread-safe.
  REFUNDKIT_SET_OPTION(CURLOPT_NOSIGNAL, 1L);
  REFUNDKIT_SET_OPTION(CURLOPT_CONNECTTIMEOUT_MS, to_curl_milliseconds(options_.connect_timeout));
  REFUNDKIT_SET_OPTION(CURLOPT_TIMEOUT_MS, to_curl_milliseconds(options_.request_timeout));
  REFUNDKIT_SET_OPTION(CURLOPT_FOLLOWLOCATION, 0L);
  REFUNDKIT_SET_OPTION(CURLOPT_PROTOCOLS_STR,
                       loopback && options_.allow_http_for_loopback ? "http,https" : "https");
  REFUNDKIT_SET_OPTION(CURLOPT_REDIR_PROTOCOLS_STR, "https");
  REFUNDKIT_SET_OPTION(CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  REFUNDKIT_SET_OPTION(CURLOPT_SSL_VERIFYPEER, 1L);
  REFUNDKIT_SET_OPTION(CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options_.ca_file.empty()) REFUNDKIT_SET_OPTION(CURLOPT_CAINFO, options_.ca_file.c_str());
  if (!options_.ca_path.empty()) REFUNDKIT_SET_OPTION(CURLOPT_CAPATH, options_.ca_path.c_str());
  // A loopback server is never behind a proxy, whatever http_proxy says.
  if (loopback) REFUNDKIT_SET_OPTION(CURLOPT_NOPROXY, "*");
  user_agent_ = std::string("refundkit/") + version_string();
  REFUNDKIT_SET_OPTION(CURLOPT_USERAGENT, user_agent_.c_str());
  REFUNDKIT_SET_OPTION(CURLOPT_TCP_KEEPALIVE, 1L);
  // Re-asserted on every exchange after curl_easy_reset; attaching the same share is idempotent.
  if (share_ != nullptr) REFUNDKIT_SET_OPTION(CURLOPT_SHARE, share_);
  REFUNDKIT_SET_OPTION(CURLOPT_HTTPHEADER, header_list_.get());
  // No CURLOPT_ACCEPT_ENCODING: responses arrive uncompressed, so the size limit counts the
  // bytes the server actually sent and no decompression bomb can get past it.

  // libcurl 7.88 silently re-sends a request when a reused connection dies before any answer
  // byte (the server may have closed it just as we sent, or it may have processed the request
  // and dropped before answering). The pre-request callback runs before every request libcurl
  // sends, its silent re-send included: it refuses the re-send unless the request may be
  // repeated, and a refund is then reported as outcome_unknown instead of being delivered
  // twice. Keep-alive stays. The body goes as POSTFIELDS, so that headers and a small body leave
  // in one segment.
  switch (request_.method) {
    case HttpMethod::get:
      REFUNDKIT_SET_OPTION(CURLOPT_HTTPGET, 1L);
      break;
    case HttpMethod::put:
    case HttpMethod::post:
      // A PUT is framed like the POST (Content-Length from POSTFIELDSIZE) with its own verb.
      REFUNDKIT_SET_OPTION(CURLOPT_POSTFIELDSIZE_LARGE,
                           static_cast<curl_off_t>(request_.body.size()));
      REFUNDKIT_SET_OPTION(CURLOPT_POSTFIELDS, request_.body.data());
      if (request_.method == HttpMethod::put) REFUNDKIT_SET_OPTION(CURLOPT_CUSTOMREQUEST, "PUT");
      break;
  }
  REFUNDKIT_SET_OPTION(CURLOPT_PREREQFUNCTION, &CurlExchange::on_prereq);
  REFUNDKIT_SET_OPTION(CURLOPT_PREREQDATA, static_cast<void*>(this));
  // Fewer stale connections to reuse in the first place: many load balancers drop idle
  // connections after 60 s, so none idle for longer than 30 s is reused (libcurl's default is
  // 118 s).
  REFUNDKIT_SET_OPTION(CURLOPT_MAXAGE_CONN, 30L);

  // MAXFILESIZE stops a too-large Content-Length before the body arrives; the write callback
  // enforces the same limit on chunked bodies, which libcurl 7.88 does not stop.
  REFUNDKIT_SET_OPTION(CURLOPT_MAXFILESIZE_LARGE,
                       static_cast<curl_off_t>(std::min<std::size_t>(
                           options_.max_response_bytes,
                           static_cast<std::size_t>(std::numeric_limits<curl_off_t>::max()))));
  REFUNDKIT_SET_OPTION(CURLOPT_WRITEFUNCTION, &CurlExchange::on_body);
  REFUNDKIT_SET_OPTION(CURLOPT_WRITEDATA, static_cast<void*>(this));
  REFUNDKIT_SET_OPTION(CURLOPT_HEADERFUNCTION, &CurlExchange::on_header);
  REFUNDKIT_SET_OPTION(CURLOPT_HEADERDATA, static_cast<void*>(this));
#undef REFUNDKIT_SET_OPTION

  if (failed == CURLE_OK) return std::nullopt;
  Error error;
  error.kind = ErrorKind::network;
  error.message = std::string("libcurl refused option ") + failed_option + " (" +
                  curl_easy_strerror(failed) + "); the request was not sent";
  return error;
}

std::size_t CurlExchange::on_body(char* data, std::size_t size, std::size_t count, void* self) {
  return static_cast<CurlExchange*>(self)->receive_body(data, size * count);
}

std::size_t CurlExchange::on_header(char* data, std::size_t size, std::size_t count, void* self) {
  return static_cast<CurlExchange*>(self)->receive_header(data, size * count);
}

int CurlExchange::on_prereq(void* self, char*, char*, int, int) {
  return static_cast<CurlExchange*>(self)->before_sending();
}

int CurlExchange::before_sending() {
  ++requests_started_;
  if (requests_started_ > 1 && !may_resend()) {
    resend_refused_ = true;
    return CURL_PREREQFUNC_ABORT;
  }
  return CURL_PREREQFUNC_OK;
}

bool CurlExchange::may_resend() const noexcept {
  return request_.idempotent || request_.method == HttpMethod::get;
}

// Returning anything but `size` makes libcurl abandon the transfer (CURLE_WRITE_ERROR).
std::size_t CurlExchange::receive_body(const char* data, std::size_t size) {
  try {
    const std::size_t room = options_.max_response_bytes - body_.size();
    if (size > room) {
      body_.append(data, room);  // keep what fits: at most the limit stays in memory
      body_over_limit_ = true;
      return 0;
    }
    body_.append(data, size);
    return size;
  } catch (...) {
    out_of_memory_ = true;
    return 0;
  }
}

std::size_t CurlExchange::receive_header(const char* data, std::size_t size) {
  header_bytes_ += size;
  if (header_bytes_ > kMaxResponseHeaderBytes) {
    headers_over_limit_ = true;
    return 0;
  }
  try {
    std::string_view line(data, size);
    // A status line starts a response: an interim 1xx one or the final one. Only the final
    // response's headers are kept.
    if (line.substr(0, 5) == "HTTP/") {
      response_headers_.clear();
      return size;
    }
    const bool continuation = !line.empty() && (line.front() == ' ' || line.front() == '\t');
    line = trim(line);
    if (line.empty()) return size;
    if (continuation) {  // obsolete line folding
      if (!response_headers_.empty()) response_headers_.back().value.append(" ").append(line);
      return size;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return size;
    response_headers_.push_back(
        {std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1)))});
    return size;
  } catch (...) {
    out_of_memory_ = true;
    return 0;
  }
}

Result<HttpResponse> CurlExchange::finish(CURL* handle, CURLcode code) {
  long status = 0;
  if (curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK) status = 0;
  if (code == CURLE_OK) {
    HttpResponse response;
    response.status = static_cast<int>(status);
    response.headers = std::move(response_headers_);
    response.body = std::move(body_);
    return response;
  }

  // Conservative: "not sent" needs both no request byte written and no transfer stage reached.
  // Both are per perform: libcurl zeroes them when a transfer starts (and curl_easy_reset does
  // too), so a pooled handle never reports its previous exchange; a silent retry on a fresh
  // connection keeps the first attempt's, so a request that left on the reused connection
  // still counts as having left.
  long request_bytes = 1;
  curl_off_t pretransfer_us = 1;
  const bool certainly_unsent =
      curl_easy_getinfo(handle, CURLINFO_REQUEST_SIZE, &request_bytes) == CURLE_OK &&
      curl_easy_getinfo(handle, CURLINFO_PRETRANSFER_TIME_T, &pretransfer_us) == CURLE_OK &&
      request_bytes == 0 && pretransfer_us == 0;

  TransferFailure failure;
  failure.code = code;
  // A refused re-send means the first attempt left, whatever libcurl counts for the second.
  failure.request_may_have_left = !certainly_unsent || resend_refused_;
  failure.resend_refused = resend_refused_;
  failure.http_status = static_cast<int>(status);
  failure.body_over_limit = body_over_limit_;
  failure.headers_over_limit = headers_over_limit_;
  failure.out_of_memory = out_of_memory_;
  failure.detail = error_buffer_[0] != '\0' ? std::string(error_buffer_) : curl_easy_strerror(code);
  if (reveals_request_secret(failure.detail, request_)) failure.detail = curl_easy_strerror(code);

  TransferLimits limits;
  limits.request_timeout = options_.request_timeout;
  limits.max_response_bytes = options_.max_response_bytes;
  limits.max_header_bytes = kMaxResponseHeaderBytes;
  Error error = classify_transfer_failure(failure, limits);
  // The answer to a secret request (a token exchange) may itself be a credential.
  if (!request_.body_is_secret) error.raw_body = std::move(body_);
  return error;
}

}  // namespace refundkit::internal
