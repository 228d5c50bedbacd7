#include "skippay_emulator.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <optional>
#include <utility>
#include <variant>

#include "calendar.hpp"
#include "json_text.hpp"
#include "money.hpp"
#include "skippay_refund_request.hpp"

namespace refundkit::sandbox::detail {

namespace {

// The token endpoint's and the bearer check's bodies are OAuth-style {"error",
// "error_description"} (vendor-notes.md for invalid_token; the rest is our assumption).
constexpr const char* kInvalidToken = "invalid_token";
constexpr const char* kTokenMissing = "Full authentication is required to access this resource";
constexpr const char* kTokenUnknown = "Invalid access token";
constexpr const char* kTokenExpired = "Access token expired";

// The ledger's status for a created refund: the vendor documents none (ours).
constexpr const char* kRefundCreated = "CREATED";

std::string zero_padded(std::uint64_t number, std::size_t width) {
  std::string digits = std::to_string(number);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return digits;
}

// "2030-06-15T10:00:00Z": UTC, whole seconds.
std::string utc_timestamp(std::chrono::system_clock::time_point instant) {
  constexpr std::int64_t kDay = 86400;
  const std::int64_t seconds =
      std::chrono::duration_cast<std::chrono::seconds>(instant.time_since_epoch()).count();
  std::int64_t days = seconds / kDay;
  std::int64_t of_day = seconds % kDay;
  if (of_day < 0) {
    of_day += kDay;
    --days;
  }
  char clock[16];
  std::snprintf(clock, sizeof clock, "T%02d:%02d:%02dZ", static_cast<int>(of_day / 3600),
                static_cast<int>(of_day / 60 % 60), static_cast<int>(of_day % 60));
  return format_iso_date(civil_from_days(days)) + clock;
}

void reply_oauth_error(httplib::Response& response, int status, const char* error,
                       const char* description) {
  reply_json(response, status,
             JsonText()
                 .begin_object()
                 .key("error")
                 .string(error)
                 .key("error_description")
                 .string(description)
                 .end_object()
                 .str());
}

// Constant time, so that the sandbox does not teach clients to leak secrets through timing.
bool same_secret(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return difference == 0;
}

// "Bearer <token>" (the scheme in any case, RFC 6750); nullopt without one.
std::optional<std::string> bearer_token(const httplib::Request& request) {
  if (!request.has_header("Authorization")) return std::nullopt;
  const std::string value = request.get_header_value("Authorization");
  constexpr std::string_view kScheme = "bearer ";
  if (value.size() <= kScheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(value[i])) != kScheme[i]) return std::nullopt;
  }
  return value.substr(kScheme.size());
}

bool refuses_refunds(const std::string& application_state) {
  return application_state == "PROCESSING" || application_state == "REJECTED";
}

// The vendor's stateReason values (its OpenAPI); which one a seeded application shows is ours.
const char* state_reason(const StoredOrder& order) {
  if (order.application_state == "READY") return order.invoiced ? "READY_PAID" : "READY_TO_SHIP";
  if (order.application_state == "PROCESSING") return "PROCESSING_VALIDATION_IN_PROGRESS";
  if (order.application_state == "CANCELLED") {
    return order.invoiced ? "CANCELLED_RETURNED" : "CANCELLED_NOT_PAID";
  }
  return "REJECTED";
}

std::optional<SkipPayError> currency_error(const StoredOrder& order,
                                           const SkipPayRefundRequest& request,
                                           const std::string& eshop_currency) {
  if (request.currency != eshop_currency || request.currency != order.currency) {
    return skippay_currency_mismatch("totalPrice.currency");
  }
  for (std::size_t i = 0; i < request.vat.size(); ++i) {
    if (request.vat[i].currency != request.currency) {
      return skippay_currency_mismatch("totalVat[" + std::to_string(i) + "].currency");
    }
  }
  return std::nullopt;
}

std::optional<SkipPayError> vat_rate_error(const StoredOrder& order,
                                           const SkipPayRefundRequest& request) {
  for (std::size_t i = 0; i < request.vat.size(); ++i) {
    const SkipPayVatLine& line = request.vat[i];
    // The page: only a rate "with a non-zero amount" must be on the order.
    if (line.amount == 0) continue;
    const bool on_order =
        std::any_of(order.vat_rates.begin(), order.vat_rates.end(),
                    [&](const std::string& rate) { return same_vat_rate(line.vat_rate, rate); });
    if (!on_order) return skippay_vat_rate_not_found("totalVat[" + std::to_string(i) + "].vatRate");
  }
  return std::nullopt;
}

// Checks the application's rules in the page's order and records the refund: one step under the
// state's lock, so that concurrent refunds cannot together exceed the order total.
std::variant<SandboxRefund, SkipPayError> record_refund(SandboxState& state,
                                                        const std::string& application_id,
                                                        const SkipPayRefundRequest& request,
                                                        const std::string& eshop_currency) {
  const StoredOrder* order = state.find_order(kSkipPayProvider, application_id);
  if (order == nullptr) return skippay_object_not_found();
  if (refuses_refunds(order->application_state)) {
    return skippay_invalid_application_state(order->application_state);
  }
  if (!order->invoiced) return skippay_not_invoiced();
  if (auto error = currency_error(*order, request, eshop_currency)) return std::move(*error);
  if (request.variable_symbol && !is_valid_variable_symbol(*request.variable_symbol)) {
    return skippay_invalid_format("variableSymbol");
  }
  if (auto error = vat_rate_error(*order, request)) return std::move(*error);
  std::int64_t refunded = 0;
  for (const SandboxRefund* refund : state.refunds_of(kSkipPayProvider, application_id)) {
    refunded += refund->amount_minor;
  }
  if (request.amount > order->amount_minor - refunded) {
    return skippay_total_price_limit_exceeded();
  }

  SandboxRefund refund;
  refund.provider = kSkipPayProvider;
  refund.order_id = application_id;
  refund.id = "SP-R-" + zero_padded(++state.refunds_created, 6);
  refund.amount = format_minor_units(request.amount, order->decimals);
  refund.currency = order->currency;
  refund.amount_minor = request.amount;
  refund.status = kRefundCreated;
  state.add_refund(refund);  // reference stays empty: the vendor has no merchant reference
  return refund;
}

void write_amount(JsonText& json, std::int64_t minor_units, const std::string& currency) {
  json.begin_object()
      .key("amount")
      .number_text(std::to_string(minor_units))
      .key("currency")
      .string(currency)
      .end_object();
}

void optional_string(JsonText& json, const std::optional<std::string>& value) {
  if (value) {
    json.string(*value);
  } else {
    json.null();
  }
}

// The created refund: not publicly documented, so its shape is ours: the request echoed (amounts
// in minor units, VAT rates as written) with an id and the creation time.
std::string created_refund_json(const SandboxRefund& refund, const SkipPayRefundRequest& request,
                                const std::string& created_at) {
  JsonText json;
  json.begin_object().key("id").string(refund.id).key("totalPrice");
  write_amount(json, request.amount, request.currency);
  json.key("totalVat").begin_array();
  for (const SkipPayVatLine& line : request.vat) {
    json.begin_object()
        .key("amount")
        .number_text(std::to_string(line.amount))
        .key("currency")
        .string(line.currency)
        .key("vatRate")
        .number_text(line.vat_rate)
        .end_object();
  }
  json.end_array().key("reason");
  optional_string(json, request.reason);
  json.key("variableSymbol");
  optional_string(json, request.variable_symbol);
  json.key("createdAt").string(created_at).end_object();
  return std::move(json).take();
}

// The application detail as the vendor's OpenAPI shapes it, reduced to what the sandbox knows:
// no refunds list (the vendor's has none), and the order total as created.
std::string application_json(const StoredOrder& order) {
  JsonText json;
  json.begin_object()
      .key("id")
      .string(order.order_id)
      .key("state")
      .string(order.application_state)
      .key("stateReason")
      .string(state_reason(order))
      .key("order")
      .begin_object()
      .key("number")
      .string(order.order_id)
      .key("totalPrice");
  write_amount(json, order.amount_minor, order.currency);
  json.end_object().end_object();
  return std::move(json).take();
}

}  // namespace

SkipPayEmulator::SkipPayEmulator(StateStore& store, const SandboxOptions& options, SandboxClock now)
    : store_(store), options_(options), now_(std::move(now)) {}

void SkipPayEmulator::register_routes(Router& router) {
  const std::string prefix(path_prefix());
  router.add("POST", prefix + "/authentication/v1/partner",
             [this](const httplib::Request& request, httplib::Response& response,
                    const PathParams&) { issue_token(request, response); });
  router.add("POST", prefix + "/financing/v1/applications/{applicationId}/refunds",
             [this](const httplib::Request& request, httplib::Response& response,
                    const PathParams& params) { create_refund(request, response, params[0]); });
  router.add("GET", prefix + "/financing/v1/applications/{applicationId}",
             [this](const httplib::Request& request, httplib::Response& response,
                    const PathParams& params) { get_application(request, response, params[0]); });
}

void SkipPayEmulator::reset() { tokens_.forget_all(); }

void SkipPayEmulator::issue_token(const httplib::Request& request, httplib::Response& response) {
  const std::optional<FlatObject> body = read_flat_object(request.body);
  const auto text = [&](const char* name) -> const std::string* {
    if (!body) return nullptr;
    const auto found = body->find(name);
    if (found == body->end() || found->second.kind != FlatValue::Kind::string) return nullptr;
    return &found->second.text;
  };
  const std::string* username = text("username");
  const std::string* password = text("password");
  if (username == nullptr || password == nullptr) {
    return reply_oauth_error(response, 400, "invalid_request",
                             "username and password are required");
  }
  // Both compared, always, so that the time taken does not tell which one was wrong.
  const bool user_ok = same_secret(*username, options_.skippay_username);
  const bool password_ok = same_secret(*password, options_.skippay_password);
  if (!user_ok || !password_ok) {
    return reply_oauth_error(response, 401, "invalid_grant", "Bad credentials");
  }
  const std::chrono::seconds lifetime = options_.skippay_token_lifetime;
  const std::string token = tokens_.issue(now_(), lifetime);
  reply_json(response, 200,
             JsonText()
                 .begin_object()
                 .key("accessToken")
                 .string(token)
                 .key("expiresIn")
                 .number_text(std::to_string(lifetime.count()))
                 .end_object()
                 .str());
}

bool SkipPayEmulator::authorized(const httplib::Request& request,
                                 httplib::Response& response) const {
  const std::optional<std::string> token = bearer_token(request);
  const char* problem = kTokenMissing;
  if (token) {
    switch (tokens_.check(*token, now_())) {
      case SkipPayTokens::Verdict::valid:
        return true;
      case SkipPayTokens::Verdict::expired:
        problem = kTokenExpired;
        break;
      case SkipPayTokens::Verdict::unknown:
        problem = kTokenUnknown;
        break;
    }
  }
  response.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
  reply_oauth_error(response, 401, kInvalidToken, problem);
  return false;
}

void SkipPayEmulator::reply_errors(httplib::Response& response, const SkipPayError& error) {
  const std::string ticket = "SP-T-" + zero_padded(++tickets_, 8);
  JsonText json;
  json.begin_object()
      .key("errors")
      .begin_array()
      .begin_object()
      .key("code")
      .string(error.code)
      .key("message")
      .string(error.message)
      .key("severity")
      .string("ERROR")
      .key("attribute");
  optional_string(json, error.attribute);
  json.key("ticketId").string(ticket).end_object().end_array().end_object();
  reply_json(response, error.status, std::move(json).take());
}

void SkipPayEmulator::create_refund(const httplib::Request& request, httplib::Response& response,
                                    const std::string& application_id) {
  if (!authorized(request, response)) return;
  auto parsed = read_skippay_refund_request(request.body);
  if (const auto* error = std::get_if<SkipPayError>(&parsed)) return reply_errors(response, *error);
  const auto& fields = std::get<SkipPayRefundRequest>(parsed);
  const std::string created_at = utc_timestamp(now_());
  auto outcome = store_.with_state([&](SandboxState& state) {
    return record_refund(state, application_id, fields, options_.skippay_eshop_currency);
  });
  if (const auto* error = std::get_if<SkipPayError>(&outcome)) {
    return reply_errors(response, *error);
  }
  reply_json(response, 201,
             created_refund_json(std::get<SandboxRefund>(outcome), fields, created_at));
}

void SkipPayEmulator::get_application(const httplib::Request& request, httplib::Response& response,
                                      const std::string& application_id) {
  if (!authorized(request, response)) return;
  std::optional<std::string> body = store_.with_state([&](const SandboxState& state) {
    const StoredOrder* order = state.find_order(kSkipPayProvider, application_id);
    if (order == nullptr) return std::optional<std::string>();
    return std::optional<std::string>(application_json(*order));
  });
  if (!body) return reply_errors(response, skippay_object_not_found());
  reply_json(response, 200, *body);
}

}  // namespace refundkit::sandbox::detail
