#pragma once

// The request the refundkit client sends, as the echo server received it: what every other
// sender (raw libcurl, wrk, Python) must send too, and how it is handed to them.

#include <string>
#include <utility>
#include <vector>

namespace refundkit::bench {

using Headers = std::vector<std::pair<std::string, std::string>>;

/// One request as the server received it: what two clients are compared on.
struct CapturedRequest {
  std::string method;
  std::string path;
  /// Sorted by name (cpp-httplib keeps no wire order), names spelled as sent; httplib's own
  /// REMOTE_ADDR-style entries left out.
  Headers headers;
  std::string body;
};

/// The body with its "externalReference" value replaced by `reference`.
std::string with_reference(const std::string& body, const std::string& reference);

/// What differs between two captured requests once their references are blanked out; empty when
/// they are the same bytes.
std::string differences(const CapturedRequest& a, const CapturedRequest& b);

/// All but Host and Content-Length, which every HTTP client writes on its own (and writes the
/// same, for the same server and body length): what another sender has to set.
Headers headers_to_replay(const CapturedRequest& sent);

/// Hands the request to another process through BENCH_PATH, BENCH_HEADERS ("Name: value" lines,
/// headers_to_replay) and BENCH_BODY: how wrk_refund.lua and requests_loop.py read it.
void export_request(const CapturedRequest& sent);

/// The request export_request() left in this process's environment; empty fields if none.
CapturedRequest imported_request();

}  // namespace refundkit::bench
