#pragma once

#include <httplib.h>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "json_text.hpp"
#include "refundkit/sandbox/sandbox.hpp"
#include "router.hpp"

namespace refundkit::sandbox::detail {

/// The fault modes (sandbox/README.md, "Faults").
enum class FaultMode {
  close_before,
  drop_after,
  reset_before,
  reset_after,
  delay_after,
  status,
  truncated_body,
  garbage_then_close,
  dribble,
  html_error,
  oversized_body,
  endless_chunked,
  wrong_content_type,
};
/// wrong_content_type stays last.
inline constexpr std::size_t kFaultModeCount =
    static_cast<std::size_t>(FaultMode::wrong_content_type) + 1;

using FaultParameters = std::map<std::string, std::string>;

/// One fault, validated and with its defaults filled in.
struct FaultSpec {
  FaultMode mode = FaultMode::close_before;
  bool after = false;       ///< The vendor processes the request (and changes state) first.
  int status = 0;           ///< status, html_error
  std::string retry_after;  ///< status: the Retry-After value, if any
  std::chrono::milliseconds delay{2000};  ///< delay_after
  std::size_t chunk_bytes = 16;           ///< dribble
  std::chrono::milliseconds pause{20};    ///< dribble
  std::size_t bytes = 0;                  ///< oversized_body, garbage_then_close
};

/// The spec of `mode` with `parameters`, or a message saying what is wrong with them.
std::variant<FaultSpec, std::string> make_fault_spec(std::string_view mode,
                                                     const FaultParameters& parameters);

/// Splits the header syntax "mode; name=value; ..." into the mode and its parameters (not yet
/// validated), or returns a message.
std::variant<std::pair<std::string, FaultParameters>, std::string> split_fault_text(
    std::string_view text);

/// Reads a rule as POST /_sandbox/faults takes it (not yet validated), or returns a message.
std::variant<FaultRule, std::string> fault_rule_from_json(const nlohmann::json& body);
/// A rule as GET /_sandbox/faults lists it.
void write_fault_rule(JsonText& json, const FaultRuleStatus& status);

/// Fault injection in front of the vendor emulators (the Router's interceptor): per request by
/// the X-Sandbox-Fault header, or by standing rules. Admin paths (/_sandbox...) are never
/// faulted. Thread-safe.
class FaultInjector {
 public:
  /// Returns the rule as held (method upper-cased). Throws std::invalid_argument (see
  /// Sandbox::add_fault_rule).
  FaultRule add_rule(const FaultRule& rule);
  void clear_rules();
  std::vector<FaultRuleStatus> rules() const;
  std::map<std::string, std::uint64_t> counts() const;
  void reset_counts();
  /// Ends every pause at once and stops endless bodies; for good (the sandbox is stopping).
  void shutdown();

  /// The RequestInterceptor.
  void handle(const httplib::Request& request, httplib::Response& response, const Router& router);

 private:
  struct Rule {
    FaultRule rule;
    FaultSpec spec;
    std::uint64_t random_state = 0;
    std::uint64_t matched = 0;
    std::uint64_t applied = 0;
  };

  std::optional<FaultSpec> draw(const httplib::Request& request);
  void count(FaultMode mode);
  void apply(const FaultSpec& spec, const httplib::Request& request, httplib::Response& response,
             const Router& router);
  /// Waits `duration`, or less if the sandbox stops; false if it stopped.
  bool pause(std::chrono::milliseconds duration);
  bool stopping() const { return stopping_flag_.load(std::memory_order_relaxed); }

  mutable std::mutex mutex_;  // rules_, counts_
  std::vector<Rule> rules_;
  std::array<std::uint64_t, kFaultModeCount> counts_{};
  std::atomic<bool> has_rules_{false};
  std::atomic<std::uint64_t> garbage_sequence_{0};

  std::mutex stop_mutex_;
  std::condition_variable stop_signal_;
  bool stopping_ = false;  // under stop_mutex_
  std::atomic<bool> stopping_flag_{false};
};

}  // namespace refundkit::sandbox::detail
