#include "faults.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "sandbox_server.hpp"

namespace refundkit::sandbox::detail {

namespace {

struct ModeInfo {
  FaultMode mode;
  std::string_view name;
  std::vector<std::string_view> parameters;
};

const std::vector<ModeInfo>& modes() {
  static const std::vector<ModeInfo> kModes = {
      {FaultMode::close_before, "close_before", {}},
      {FaultMode::drop_after, "drop_after", {}},
      {FaultMode::reset_before, "reset_before", {}},
      {FaultMode::reset_after, "reset_after", {}},
      {FaultMode::delay_after, "delay_after", {"delay_ms"}},
      {FaultMode::status, "status", {"status", "retry_after", "phase"}},
      {FaultMode::truncated_body, "truncated_body", {}},
      {FaultMode::garbage_then_close, "garbage_then_close", {"phase", "bytes"}},
      {FaultMode::dribble, "dribble", {"chunk_bytes", "pause_ms"}},
      {FaultMode::html_error, "html_error", {"status", "phase"}},
      {FaultMode::oversized_body, "oversized_body", {"bytes"}},
      {FaultMode::endless_chunked, "endless_chunked", {}},
      {FaultMode::wrong_content_type, "wrong_content_type", {}},
  };
  return kModes;
}

const ModeInfo* find_mode(std::string_view name) {
  for (const ModeInfo& info : modes()) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

std::string mode_list() {
  std::string names;
  for (const ModeInfo& info : modes()) {
    names += (names.empty() ? "" : ", ") + std::string(info.name);
  }
  return names;
}

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string_view trimmed(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

std::optional<std::uint64_t> parse_unsigned(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

// An IMF-fixdate (RFC 9110): "Sun, 06 Nov 1994 08:49:37 GMT".
bool is_http_date(std::string_view text) {
  static constexpr std::string_view kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' ||
      text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
    return false;
  }
  const auto digits = [&](std::size_t at, std::size_t count) {
    return parse_unsigned(text.substr(at, count)).has_value();
  };
  return std::find(std::begin(kDays), std::end(kDays), text.substr(0, 3)) != std::end(kDays) &&
         std::find(std::begin(kMonths), std::end(kMonths), text.substr(8, 3)) !=
             std::end(kMonths) &&
         digits(5, 2) && digits(12, 4) && digits(17, 2) && digits(20, 2) && digits(23, 2);
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 413:
      return "Payload Too Large";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return status >= 500 ? "Server Error" : status >= 400 ? "Client Error" : "OK";
  }
}

// SplitMix64: a tiny PRNG whose sequence is fixed by its definition (unlike the standard
// library's distributions), so that a seed means the same draws everywhere.
std::uint64_t next_random(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Uniform in [0, 1) with 53 random bits.
double next_unit(std::uint64_t& state) {
  return static_cast<double>(next_random(state) >> 11) * (1.0 / 9007199254740992.0);
}

bool is_admin_path(const std::string& path) {
  return path == "/_sandbox" || path.rfind("/_sandbox/", 0) == 0;
}

const std::string& filler() {
  static const std::string kFiller(64 * 1024, 'x');
  return kFiller;
}

constexpr std::string_view kPaddingPrefix = R"({"padding":")";

}  // namespace

std::variant<FaultSpec, std::string> make_fault_spec(std::string_view mode,
                                                     const FaultParameters& parameters) {
  const ModeInfo* info = find_mode(mode);
  if (info == nullptr) {
    return "unknown fault mode " + in_quotes(mode) + " (one of: " + mode_list() + ")";
  }
  for (const auto& parameter : parameters) {
    if (std::find(info->parameters.begin(), info->parameters.end(), parameter.first) ==
        info->parameters.end()) {
      std::string accepted;
      for (std::string_view name : info->parameters) {
        accepted += (accepted.empty() ? "" : ", ") + std::string(name);
      }
      return "fault " + std::string(info->name) + " has no parameter " +
             in_quotes(parameter.first) +
             (accepted.empty() ? " (it takes none)" : " (it takes: " + accepted + ")");
    }
  }
  std::string problem;
  const auto text = [&](const char* name) -> const std::string* {
    const auto found = parameters.find(name);
    return found == parameters.end() ? nullptr : &found->second;
  };
  const auto number = [&](const char* name, std::uint64_t fallback, std::uint64_t min,
                          std::uint64_t max) -> std::uint64_t {
    const std::string* value = text(name);
    if (value == nullptr) return fallback;
    const std::optional<std::uint64_t> parsed = parse_unsigned(*value);
    if (!parsed || *parsed < min || *parsed > max) {
      if (problem.empty()) {
        problem = std::string(name) + " must be a whole number from " + std::to_string(min) +
                  " to " + std::to_string(max) + ", not " + in_quotes(*value);
      }
      return fallback;
    }
    return *parsed;
  };
  const auto phase_after = [&](bool fallback) {
    const std::string* value = text("phase");
    if (value == nullptr) return fallback;
    if (*value == "before") return false;
    if (*value == "after") return true;
    if (problem.empty())
      problem = "phase must be \"before\" or \"after\", not " + in_quotes(*value);
    return fallback;
  };

  FaultSpec spec;
  spec.mode = info->mode;
  switch (spec.mode) {
    case FaultMode::close_before:
    case FaultMode::reset_before:
      spec.after = false;
      break;
    case FaultMode::drop_after:
    case FaultMode::reset_after:
    case FaultMode::truncated_body:
    case FaultMode::endless_chunked:
    case FaultMode::wrong_content_type:
      spec.after = true;
      break;
    case FaultMode::delay_after:
      spec.after = true;
      spec.delay = std::chrono::milliseconds(number("delay_ms", 2000, 0, 600000));
      break;
    case FaultMode::status: {
      spec.after = phase_after(false);
      const std::string* status = text("status");
      if (status == nullptr) {
        problem = "fault status needs status=429 or a 5xx status";
        break;
      }
      spec.status = static_cast<int>(number("status", 0, 429, 599));
      if (problem.empty() && spec.status != 429 && spec.status < 500) {
        problem = "status must be 429 or from 500 to 599, not " + in_quotes(*status);
      }
      if (problem.empty() && spec.status == 429 && spec.after) {
        problem = "status 429 is answered before processing (phase=before)";
      }
      if (const std::string* retry_after = text("retry_after")) {
        if (!parse_unsigned(*retry_after) && !is_http_date(*retry_after) && problem.empty()) {
          problem =
              "retry_after must be seconds or an HTTP-date (\"Sun, 06 Nov 1994 08:49:37 "
              "GMT\"), not " +
              in_quotes(*retry_after);
        }
        spec.retry_after = *retry_after;
      }
      break;
    }
    case FaultMode::garbage_then_close:
      spec.after = phase_after(true);
      spec.bytes = number("bytes", 256, 1, 64 * 1024);
      break;
    case FaultMode::dribble:
      spec.after = true;
      spec.chunk_bytes = number("chunk_bytes", 16, 1, 64 * 1024);
      spec.pause = std::chrono::milliseconds(number("pause_ms", 20, 0, 60000));
      break;
    case FaultMode::html_error:
      spec.after = phase_after(false);
      spec.status = static_cast<int>(number("status", 502, 400, 599));
      // As for "status": after processing only a 5xx may stand in for the answer. A 4xx tells
      // the client that nothing was made, which would be the sandbox lying about its own state.
      if (problem.empty() && spec.after && spec.status < 500) {
        problem = "an html_error after processing must be a 5xx (phase=before for a 4xx)";
      }
      break;
    case FaultMode::oversized_body:
      spec.after = true;
      spec.bytes = number("bytes", 4 * 1024 * 1024, 1, 1024 * 1024 * 1024);
      break;
  }
  if (!problem.empty()) return "fault " + std::string(info->name) + ": " + problem;
  return spec;
}

std::variant<std::pair<std::string, FaultParameters>, std::string> split_fault_text(
    std::string_view text) {
  const std::size_t first = text.find(';');
  const std::string_view mode = trimmed(text.substr(0, first));
  if (mode.empty()) return std::string("no fault mode (one of: " + mode_list() + ")");
  FaultParameters parameters;
  std::size_t position = first;
  while (position != std::string_view::npos) {
    const std::size_t next = text.find(';', position + 1);
    const std::string_view part =
        trimmed(text.substr(position + 1, next == std::string_view::npos ? std::string_view::npos
                                                                         : next - position - 1));
    position = next;
    if (part.empty()) continue;
    const std::size_t equals = part.find('=');
    if (equals == std::string_view::npos) {
      return "parameter " + in_quotes(part) + " is not name=value";
    }
    const std::string name(trimmed(part.substr(0, equals)));
    const std::string value(trimmed(part.substr(equals + 1)));
    if (name.empty()) return "parameter " + in_quotes(part) + " has no name";
    if (!parameters.emplace(name, value).second)
      return "parameter " + in_quotes(name) + " repeated";
  }
  return std::make_pair(std::string(mode), std::move(parameters));
}

std::variant<FaultRule, std::string> fault_rule_from_json(const nlohmann::json& body) {
  if (!body.is_object()) return std::string("a fault rule must be a JSON object");
  FaultRule rule;
  const auto whole_number = [](const nlohmann::json& value) -> std::optional<std::uint64_t> {
    if (value.is_number_unsigned()) return value.get<std::uint64_t>();
    if (value.is_number_integer() && value.get<std::int64_t>() >= 0) {
      return static_cast<std::uint64_t>(value.get<std::int64_t>());
    }
    return std::nullopt;
  };
  for (const auto& member : body.items()) {
    const std::string& name = member.key();
    const nlohmann::json& value = member.value();
    if (name == "fault" || name == "method" || name == "path_prefix") {
      if (!value.is_string()) return name + " must be a string";
      std::string& field = name == "fault"    ? rule.fault
                           : name == "method" ? rule.method
                                              : rule.path_prefix;
      field = value.get<std::string>();
    } else if (name == "count") {
      if (value.is_null()) continue;
      const std::optional<std::uint64_t> count = whole_number(value);
      if (!count) return std::string("count must be a whole number >= 0");
      rule.count = *count;
    } else if (name == "seed") {
      const std::optional<std::uint64_t> seed = whole_number(value);
      if (!seed) return std::string("seed must be a whole number >= 0");
      rule.seed = *seed;
    } else if (name == "rate") {
      if (!value.is_number()) return std::string("rate must be a number from 0 to 1");
      rule.rate = value.get<double>();
    } else if (value.is_string()) {
      rule.parameters[name] = value.get<std::string>();
    } else if (const std::optional<std::uint64_t> number = whole_number(value)) {
      rule.parameters[name] = std::to_string(*number);
    } else {
      return "parameter " + in_quotes(name) + " must be a string or a whole number";
    }
  }
  if (rule.fault.empty()) return "fault is required (one of: " + mode_list() + ")";
  return rule;
}

void write_fault_rule(JsonText& json, const FaultRuleStatus& status) {
  const FaultRule& rule = status.rule;
  json.begin_object().key("fault").string(rule.fault);
  for (const auto& parameter : rule.parameters) {
    json.key(parameter.first);
    if (const auto number = parse_unsigned(parameter.second)) {
      json.number_text(std::to_string(*number));  // "050" is no JSON number: write it as 50
    } else {
      json.string(parameter.second);
    }
  }
  json.key("method").string(rule.method).key("path_prefix").string(rule.path_prefix);
  json.key("count");
  if (rule.count) {
    json.unsigned_integer(*rule.count);
  } else {
    json.null();
  }
  json.key("rate")
      .number_text(nlohmann::json(rule.rate).dump())
      .key("seed")
      .unsigned_integer(rule.seed)
      .key("matched")
      .unsigned_integer(status.matched)
      .key("applied")
      .unsigned_integer(status.applied)
      .end_object();
}

FaultRule FaultInjector::add_rule(const FaultRule& rule) {
  auto spec = make_fault_spec(rule.fault, rule.parameters);
  if (const auto* problem = std::get_if<std::string>(&spec)) {
    throw std::invalid_argument(*problem);
  }
  if (!std::isfinite(rule.rate) || rule.rate < 0.0 || rule.rate > 1.0) {
    throw std::invalid_argument("rate must be a number from 0 to 1");
  }
  if (!rule.path_prefix.empty() && rule.path_prefix.front() != '/') {
    throw std::invalid_argument("path_prefix must start with '/'");
  }
  Rule stored;
  stored.rule = rule;
  for (char& c : stored.rule.method) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
      throw std::invalid_argument("method must be an HTTP method such as \"POST\"");
    }
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  stored.spec = std::get<FaultSpec>(spec);
  stored.random_state = rule.seed;
  FaultRule held = stored.rule;
  std::lock_guard<std::mutex> lock(mutex_);
  rules_.push_back(std::move(stored));
  has_rules_.store(true, std::memory_order_release);
  return held;
}

void FaultInjector::clear_rules() {
  std::lock_guard<std::mutex> lock(mutex_);
  rules_.clear();
  has_rules_.store(false, std::memory_order_release);
}

std::vector<FaultRuleStatus> FaultInjector::rules() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<FaultRuleStatus> list;
  for (const Rule& rule : rules_) list.push_back({rule.rule, rule.matched, rule.applied});
  return list;
}

std::map<std::string, std::uint64_t> FaultInjector::counts() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::map<std::string, std::uint64_t> counts;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    if (counts_[i] != 0) counts[std::string(modes()[i].name)] = counts_[i];
  }
  return counts;
}

void FaultInjector::reset_counts() {
  std::lock_guard<std::mutex> lock(mutex_);
  counts_.fill(0);
}

void FaultInjector::shutdown() {
  {
    std::lock_guard<std::mutex> lock(stop_mutex_);
    stopping_ = true;
  }
  stopping_flag_.store(true, std::memory_order_relaxed);
  stop_signal_.notify_all();
}

bool FaultInjector::pause(std::chrono::milliseconds duration) {
  std::unique_lock<std::mutex> lock(stop_mutex_);
  return !stop_signal_.wait_for(lock, duration, [this] { return stopping_; });
}

void FaultInjector::count(FaultMode mode) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++counts_[static_cast<std::size_t>(mode)];
}

std::optional<FaultSpec> FaultInjector::draw(const httplib::Request& request) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (Rule& rule : rules_) {
    if (!rule.rule.method.empty() && rule.rule.method != request.method) continue;
    if (request.path.compare(0, rule.rule.path_prefix.size(), rule.rule.path_prefix) != 0) {
      continue;
    }
    if (rule.rule.count && rule.applied >= *rule.rule.count) continue;
    ++rule.matched;
    if (rule.rule.rate < 1.0 && !(next_unit(rule.random_state) < rule.rule.rate)) continue;
    ++rule.applied;
    ++counts_[static_cast<std::size_t>(rule.spec.mode)];
    return rule.spec;
  }
  return std::nullopt;
}

void FaultInjector::handle(const httplib::Request& request, httplib::Response& response,
                           const Router& router) {
  const bool has_header = request.has_header(kFaultHeader);
  // The fast path: no header, no rules.
  if ((!has_header && !has_rules_.load(std::memory_order_acquire)) || is_admin_path(request.path)) {
    return router.route(request, response);
  }
  if (!has_header) {
    const std::optional<FaultSpec> spec = draw(request);
    if (!spec) return router.route(request, response);
    return apply(*spec, request, response, router);
  }

  auto split = split_fault_text(request.get_header_value(kFaultHeader));
  if (const auto* problem = std::get_if<std::string>(&split)) {
    return reply_error(response, 400, std::string(kFaultHeader) + ": " + *problem);
  }
  const auto& [mode, parameters] = std::get<std::pair<std::string, FaultParameters>>(split);
  auto spec = make_fault_spec(mode, parameters);
  if (const auto* problem = std::get_if<std::string>(&spec)) {
    return reply_error(response, 400, std::string(kFaultHeader) + ": " + *problem);
  }
  count(std::get<FaultSpec>(spec).mode);
  // Consumed: the vendor emulator sees the request without it.
  httplib::Request without_header = request;
  without_header.headers.erase(kFaultHeader);
  apply(std::get<FaultSpec>(spec), without_header, response, router);
}

void FaultInjector::apply(const FaultSpec& spec, const httplib::Request& request,
                          httplib::Response& response, const Router& router) {
  if (spec.after) router.route(request, response);
  if (response.status < 0) response.status = 200;
  switch (spec.mode) {
    case FaultMode::close_before:
    case FaultMode::drop_after:
      return connection::close_without_answer();
    case FaultMode::reset_before:
    case FaultMode::reset_after:
      return connection::reset_without_answer();
    case FaultMode::delay_after:
      pause(spec.delay);
      return;
    case FaultMode::status: {
      response.headers.clear();
      response.status = spec.status;
      if (!spec.retry_after.empty()) response.set_header("Retry-After", spec.retry_after);
      response.set_content(JsonText()
                               .begin_object()
                               .key("error")
                               .string(reason_phrase(spec.status))
                               .end_object()
                               .str(),
                           "application/json");
      return;
    }
    case FaultMode::html_error: {
      const std::string title =
          std::to_string(spec.status) + " " + std::string(reason_phrase(spec.status));
      response.headers.clear();
      response.status = spec.status;
      response.set_content("<html>\r\n<head><title>" + title +
                               "</title></head>\r\n<body>\r\n<center><h1>" + title +
                               "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n"
                               "</html>\r\n",
                           "text/html");
      return;
    }
    case FaultMode::truncated_body: {
      // The real status line and headers, the full Content-Length, half the body, then FIN.
      std::string raw = "HTTP/1.1 " + std::to_string(response.status) + " " +
                        std::string(reason_phrase(response.status)) + "\r\n";
      for (const auto& header : response.headers) {
        if (header.first == "Content-Length" || header.first == "Connection") continue;
        raw += header.first + ": " + header.second + "\r\n";
      }
      raw += "Content-Length: " + std::to_string(response.body.size()) + "\r\n\r\n";
      raw.append(response.body, 0, response.body.size() / 2);
      connection::send_then_close(raw);
      return;
    }
    case FaultMode::garbage_then_close: {
      std::uint64_t state = garbage_sequence_.fetch_add(1, std::memory_order_relaxed);
      std::string garbage(spec.bytes, '\0');
      for (char& byte : garbage) byte = static_cast<char>(next_random(state) & 0xFF);
      if (garbage[0] == 'H') garbage[0] = 'h';  // never the start of an HTTP status line
      connection::send_then_close(garbage);
      return;
    }
    case FaultMode::dribble: {
      if (response.body.empty()) return;
      auto body = std::make_shared<std::string>(std::move(response.body));
      const std::string content_type = response.get_header_value("Content-Type");
      response.body.clear();
      response.headers.erase("Content-Type");
      const std::size_t chunk = spec.chunk_bytes;
      const std::chrono::milliseconds pause_between = spec.pause;
      response.set_content_provider(
          body->size(), content_type.empty() ? "application/json" : content_type,
          [this, body, chunk, pause_between](std::size_t offset, std::size_t length,
                                             httplib::DataSink& sink) {
            if (offset > 0 && !pause(pause_between)) return false;
            return sink.write(body->data() + offset, std::min(chunk, length));
          });
      return;
    }
    case FaultMode::oversized_body: {
      // {"padding":"xxx...", then the real members}: valid JSON of exactly `bytes` bytes (or
      // just enough for that shape).
      const std::string& real = response.body;
      auto suffix = std::make_shared<std::string>(
          real.size() > 2 && real.front() == '{' ? "\"," + real.substr(1) : std::string("\"}"));
      const std::size_t total =
          std::max<std::size_t>(spec.bytes, kPaddingPrefix.size() + suffix->size());
      // The real status stays: a refusal padded past the client's cap is still a refusal.
      response.headers.clear();
      response.body.clear();
      response.set_content_provider(
          total, "application/json",
          [suffix, total](std::size_t offset, std::size_t, httplib::DataSink& sink) {
            if (offset < kPaddingPrefix.size()) {
              return sink.write(kPaddingPrefix.data() + offset, kPaddingPrefix.size() - offset);
            }
            const std::size_t fill_end = total - suffix->size();
            if (offset < fill_end) {
              return sink.write(filler().data(), std::min(fill_end - offset, filler().size()));
            }
            return sink.write(suffix->data() + (offset - fill_end), total - offset);
          });
      return;
    }
    case FaultMode::endless_chunked: {
      response.headers.clear();
      response.body.clear();
      response.set_chunked_content_provider(
          "application/json", [this](std::size_t offset, httplib::DataSink& sink) {
            if (stopping() || !sink.is_writable()) return false;
            if (offset == 0) return sink.write(kPaddingPrefix.data(), kPaddingPrefix.size());
            return sink.write(filler().data(), 16 * 1024);
          });
      return;
    }
    case FaultMode::wrong_content_type:
      response.headers.erase("Content-Type");
      response.set_header("Content-Type", "text/html");
      return;
  }
}

}  // namespace refundkit::sandbox::detail
