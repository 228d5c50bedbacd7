#pragma once

#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "refundkit/sandbox/sandbox.hpp"

namespace refundkit::sandbox::testing {

using Json = nlohmann::json;

inline constexpr const char* kApiKey = "sandbox-komfortkasse-key";
inline constexpr const char* kRefundPathPrefix = "/komfortkasse/api/v2/order/";

// The only error texts Komfortkasse documents.
inline constexpr const char* kInvalidRequest = "Invalid request";
inline constexpr const char* kApiKeyMissing = "API Key missing";
inline constexpr const char* kOrderNotFound = "Order not found";

/// The sandbox's "today" in these tests, so that plannedDate rules are deterministic.
inline std::string fixed_today() { return "2030-06-15"; }
inline constexpr const char* kTomorrow = "16-06-2030";

inline SandboxOptions test_options() {
  SandboxOptions options;
  options.today = fixed_today;
  return options;
}

struct Reply {
  int status = 0;  ///< 0 when no HTTP response arrived.
  std::string body;
  Json json;  ///< Discarded unless the body is JSON.
};

/// Raw HTTP against a sandbox: paths are sent exactly as written (no client-side encoding).
class SandboxClient {
 public:
  explicit SandboxClient(int port) : client_("127.0.0.1", port) {
    client_.set_url_encode(false);
    client_.set_connection_timeout(5);
    client_.set_read_timeout(10);
  }

  Reply get(const std::string& path, const httplib::Headers& headers = {}) {
    return to_reply(client_.Get(path.c_str(), headers));
  }
  Reply post(const std::string& path, const std::string& body,
             const httplib::Headers& headers = {}) {
    return to_reply(client_.Post(path.c_str(), headers, body, "application/json"));
  }
  Reply request_delete(const std::string& path) { return to_reply(client_.Delete(path.c_str())); }
  /// POST {prefix}/order/{encoded_order}/refund with the sandbox API key.
  Reply refund(const std::string& encoded_order, const std::string& body) {
    return post(kRefundPathPrefix + encoded_order + "/refund", body, api_key_header());
  }
  Reply order(const std::string& encoded_order, bool include_refunds = true) {
    return get(kRefundPathPrefix + encoded_order + (include_refunds ? "?includeRefunds=true" : ""),
               api_key_header());
  }

  static httplib::Headers api_key_header(const std::string& key = kApiKey) {
    return {{"X-Komfortkasse-API-Key", key}};
  }

 private:
  static Reply to_reply(const httplib::Result& result) {
    Reply reply;
    if (!result) return reply;
    reply.status = result->status;
    reply.body = result->body;
    reply.json = Json::parse(result->body, nullptr, false);
    return reply;
  }

  httplib::Client client_;
};

/// A Komfortkasse refund body; `amount` is raw JSON text ("12.30").
inline std::string refund_body(const std::string& reference, const std::string& amount,
                               const std::string& currency = "EUR",
                               const std::string& planned_date = kTomorrow) {
  return R"({"externalReference":")" + reference + R"(","amount":)" + amount + R"(,"currency":")" +
         currency + R"(","plannedDate":")" + planned_date + R"("})";
}

/// A file in the temp directory that is removed again when the test ends.
class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("refundkit-sandbox-test-" + std::to_string(getpid()) + "-" +
             std::to_string(counter++) + ".json");
    std::ofstream(path_) << content;
  }
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace refundkit::sandbox::testing
