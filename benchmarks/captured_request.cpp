#include "captured_request.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "bench_text.hpp"

namespace refundkit::bench {
namespace {

bool is_framing(const std::string& name) {
  const std::string key = lower(name);
  return key == "host" || key == "content-length";
}

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

}  // namespace

std::string with_reference(const std::string& body, const std::string& reference) {
  const std::string_view old = token_after(body, kReferenceKey);
  if (old.empty()) return body;
  const std::size_t at = static_cast<std::size_t>(old.data() - body.data());
  return body.substr(0, at) + "\"" + reference + "\"" + body.substr(at + old.size());
}

std::string differences(const CapturedRequest& a, const CapturedRequest& b) {
  std::string found;
  if (a.method != b.method) found += "method " + a.method + " vs " + b.method + "; ";
  if (a.path != b.path) found += "path " + a.path + " vs " + b.path + "; ";
  if (with_reference(a.body, "") != with_reference(b.body, "")) {
    found += "body " + a.body + " vs " + b.body + "; ";
  }
  for (const auto& header : a.headers) {
    if (std::find(b.headers.begin(), b.headers.end(), header) == b.headers.end()) {
      found += "only the first sends " + header.first + ": " + header.second + "; ";
    }
  }
  for (const auto& header : b.headers) {
    if (std::find(a.headers.begin(), a.headers.end(), header) == a.headers.end()) {
      found += "only the second sends " + header.first + ": " + header.second + "; ";
    }
  }
  return found;
}

Headers headers_to_replay(const CapturedRequest& sent) {
  Headers headers;
  for (const auto& header : sent.headers) {
    if (!is_framing(header.first)) headers.push_back(header);
  }
  return headers;
}

void export_request(const CapturedRequest& sent) {
  std::string lines;
  for (const auto& [name, value] : headers_to_replay(sent)) lines += name + ": " + value + "\n";
  setenv("BENCH_PATH", sent.path.c_str(), 1);
  setenv("BENCH_HEADERS", lines.c_str(), 1);
  setenv("BENCH_BODY", sent.body.c_str(), 1);
}

CapturedRequest imported_request() {
  CapturedRequest request{"POST", environment("BENCH_PATH"), {}, environment("BENCH_BODY")};
  const std::string lines = environment("BENCH_HEADERS");
  std::size_t begin = 0;
  while (begin < lines.size()) {
    std::size_t end = lines.find('\n', begin);
    if (end == std::string::npos) end = lines.size();
    const std::string line = lines.substr(begin, end - begin);
    const std::size_t colon = line.find(": ");
    if (colon != std::string::npos) {
      request.headers.emplace_back(line.substr(0, colon), line.substr(colon + 2));
    }
    begin = end + 1;
  }
  return request;
}

}  // namespace refundkit::bench
