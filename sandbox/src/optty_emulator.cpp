#include "optty_emulator.hpp"

#include <cctype>
#include <optional>
#include <set>
#include <utility>
#include <variant>
#include <vector>

#include "json_text.hpp"
#include "money.hpp"
#include "optty_refund_request.hpp"
#include "optty_wire.hpp"

namespace refundkit::sandbox::detail {

namespace {

// The vendor's documented texts (vendor-docs/001): NestJS's default exception bodies.
constexpr const char* kUnauthorized = "Unauthorized";
constexpr const char* kNotFound = "Not Found";
constexpr const char* kBadRequest = "Bad Request";

constexpr const char* kStatusSuccessful = "SUCCESSFUL";
constexpr const char* kOrderStatus = "CAPTURED";
constexpr const char* kCaptureStatus = "CAPTURED";
constexpr const char* kScope = "api-user";
// The vendor's sample answers a refund of a Klarna order, as a string (the schema says number).
constexpr const char* kBnplProvider = "KLARNA_AU";
// "The amount must be a positive number with up to 2 decimal places."
constexpr int kMaxAmountDecimals = 2;
// The refund's node field (the last 12 hex digits of its UUID) carries the refund count.
constexpr std::uint64_t kNodeBits = (std::uint64_t{1} << 48) - 1;

struct Rejection {
  int status;
  std::string message;
};

// {statusCode, message}, plus NestJS's "error" label on a 400 (as the vendor's 400 samples);
// its 401 and 404 samples have none.
void reply_optty_error(httplib::Response& response, int status, std::string_view message) {
  JsonText json;
  json.begin_object()
      .key("statusCode")
      .unsigned_integer(static_cast<std::uint64_t>(status))
      .key("message")
      .string(message);
  if (status == 400) json.key("error").string(kBadRequest);
  json.end_object();
  reply_json(response, status, std::move(json).take());
}
void reply_rejection(httplib::Response& response, const Rejection& rejection) {
  reply_optty_error(response, rejection.status, rejection.message);
}

// Constant time, so that the sandbox does not teach clients to leak secrets through timing.
bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return difference == 0;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

// "Bearer <token>": the scheme in any case (RFC 7235), then one token and nothing else.
std::optional<std::string_view> bearer_token(std::string_view header) {
  constexpr std::string_view kScheme = "bearer";
  if (header.size() <= kScheme.size() || !is_space(header[kScheme.size()])) return std::nullopt;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) return std::nullopt;
  }
  std::string_view token = header.substr(kScheme.size());
  while (!token.empty() && is_space(token.front())) token.remove_prefix(1);
  while (!token.empty() && is_space(token.back())) token.remove_suffix(1);
  if (token.empty()) return std::nullopt;
  for (const char c : token) {
    if (is_space(c)) return std::nullopt;
  }
  return token;
}

// The one value of `name` in a form: nullopt if absent, a rejection if given more than once
// (RFC 6749 section 3.2: parameters must not repeat).
std::variant<std::optional<std::string>, Rejection> single_field(const optty::FormFields& form,
                                                                 std::string_view name) {
  std::optional<std::string> value;
  for (const auto& [field, text] : form) {
    if (field != name) continue;
    if (value) return Rejection{400, std::string(name) + " must not be repeated"};
    value = text;
  }
  return value;
}

// The token request's rules in order: the form's grant and scope (400), then the client (401).
std::optional<Rejection> check_token_request(const httplib::Request& request,
                                             const SandboxOptions& options) {
  // Only a form-encoded body counts: credentials in the query or as JSON are not read.
  const std::optional<optty::FormFields> form =
      optty::has_media_type(request.get_header_value("Content-Type"),
                            "application/x-www-form-urlencoded")
          ? optty::parse_form(request.body)
          : std::optional<optty::FormFields>(optty::FormFields{});
  if (!form) return Rejection{400, "The form body has a malformed %-escape"};
  std::optional<std::string> values[4];
  const char* names[4] = {"grant_type", "scope", "client_id", "client_secret"};
  for (int i = 0; i < 4; ++i) {
    auto field = single_field(*form, names[i]);
    if (auto* rejection = std::get_if<Rejection>(&field)) return *rejection;
    values[i] = std::get<std::optional<std::string>>(std::move(field));
  }
  if (values[0] != "client_credentials") {
    return Rejection{400, "grant_type must be client_credentials"};
  }
  if (values[1] != kScope) return Rejection{400, std::string("scope must be ") + kScope};
  const bool client_known = values[2] && same_secret(*values[2], options.optty_client_id);
  const bool secret_right = values[3] && same_secret(*values[3], options.optty_client_secret);
  if (!client_known || !secret_right) return Rejection{401, kUnauthorized};
  return std::nullopt;
}

std::int64_t refunded_minor(const SandboxState& state, const std::string& order_reference) {
  std::int64_t refunded = 0;
  for (const SandboxRefund* refund : state.refunds_of(kOpttyProvider, order_reference)) {
    refunded += refund->amount_minor;
  }
  return refunded;
}

// The order's own rules, in order: it exists, the currency is its own, the amount is exact in
// that currency, the reference is new to the merchant, the amount fits the remainder.
std::variant<std::int64_t, Rejection> judge_refund(const SandboxState& state,
                                                   const std::string& order_reference,
                                                   const optty::RefundRequest& request) {
  const StoredOrder* order = state.find_order(kOpttyProvider, order_reference);
  if (order == nullptr) return Rejection{404, kNotFound};
  if (request.currency != order->currency) {
    return Rejection{400, "Refund currency " + request.currency +
                              " does not match order currency " + order->currency};
  }
  const std::optional<std::int64_t> amount =
      parse_minor_units(request.amount_text, order->decimals, kMaxAmountDecimals);
  if (!amount) {
    return Rejection{400, "Refund amount " + request.amount_text + " has more decimals than " +
                              order->currency + " allows"};
  }
  if (state.reference_in_use(kOpttyProvider, request.refund_reference)) {
    return Rejection{400,
                     "Refund reference " + request.refund_reference + " has already been used"};
  }
  const std::int64_t remaining = order->amount_minor - refunded_minor(state, order_reference);
  if (*amount > remaining) {
    return Rejection{400, "You can only refund amount up to " + order->currency + " " +
                              format_minor_units(remaining, order->decimals)};
  }
  return *amount;
}

// The vendor sample's shape, field for field; refundedAmount as a string (the schema's type).
std::string refund_answer(const SandboxRefund& refund,
                          std::chrono::system_clock::time_point created_at) {
  JsonText json;
  json.begin_object()
      .key("refundReference")
      .string(refund.vendor_reference)
      .key("bnplProvider")
      .string(kBnplProvider)
      .key("refundedAmount")
      .string(refund.amount)
      .key("refundStatus")
      .string(refund.status)
      .key("description")
      .begin_object()
      .end_object()
      .key("refundDate")
      .string(optty::rfc1123_date(created_at))
      .key("bnplRefundId")
      .string(refund.id)
      .end_object();
  return std::move(json).take();
}

// The order status fields common to the status and the details answers (the object stays open).
void begin_order(JsonText& json, const StoredOrder& order) {
  json.begin_object()
      .key("orderReference")
      .string(order.order_id)
      .key("status")
      .string(kOrderStatus)
      .key("amount")
      .number_text(format_minor_units(order.amount_minor, order.decimals))
      .key("currency")
      .string(order.currency)
      .key("captureStatus")
      .string(kCaptureStatus);
}

std::mt19937_64 seeded_random() {
  std::random_device device;
  std::seed_seq seed{device(), device(), device(), device()};
  return std::mt19937_64(seed);
}

}  // namespace

OpttyEmulator::OpttyEmulator(StateStore& store, const SandboxOptions& options, SandboxClock now)
    : store_(store),
      options_(options),
      now_(now),
      tokens_(std::move(now)),
      refund_id_random_(seeded_random()),
      refund_id_salt_(refund_id_random_()) {}

void OpttyEmulator::register_routes(Router& router) {
  const std::string prefix(path_prefix());
  router.add("POST", prefix + "/auth/token",
             [this](const httplib::Request& request, httplib::Response& response,
                    const PathParams&) { issue_token(request, response); });
  router.add("POST", prefix + "/api/orders/{orderReference}/refund",
             [this](const httplib::Request& request, httplib::Response& response,
                    const PathParams& params) { create_refund(request, response, params[0]); });
  router.add("GET", prefix + "/api/orders/{orderReference}",
             [this](const httplib::Request& request, httplib::Response& response,
                    const PathParams& params) { get_order(request, response, params[0]); });
  router.add("POST", prefix + "/api/orders/{orderReference}/details",
             [this](const httplib::Request& request, httplib::Response& response,
                    const PathParams& params) { get_order_details(request, response, params[0]); });
}

void OpttyEmulator::reset() {
  tokens_.forget_all();
  // Keeps what belongs to refunds still recorded (one may have been made since the store's reset).
  store_.with_state([this](const SandboxState& state) {
    std::set<std::string> recorded;
    for (const SandboxRefund& refund : state.refunds) {
      if (refund.provider == kOpttyProvider) recorded.insert(refund.id);
    }
    for (auto it = extras_by_refund_id_.begin(); it != extras_by_refund_id_.end();) {
      it = recorded.count(it->first) != 0 ? std::next(it) : extras_by_refund_id_.erase(it);
    }
  });
}

bool OpttyEmulator::authorized(const httplib::Request& request) const {
  if (!request.has_header("Authorization")) return false;
  const std::string header = request.get_header_value("Authorization");
  const std::optional<std::string_view> token = bearer_token(header);
  return token && tokens_.is_valid(*token);
}

void OpttyEmulator::issue_token(const httplib::Request& request, httplib::Response& response) {
  if (const std::optional<Rejection> rejection = check_token_request(request, options_)) {
    return reply_rejection(response, *rejection);
  }
  const std::chrono::seconds lifetime = options_.optty_token_lifetime;
  JsonText json;
  json.begin_object()
      .key("access_token")
      .string(tokens_.issue(lifetime))
      .key("expires_in")
      .unsigned_integer(static_cast<std::uint64_t>(lifetime.count() > 0 ? lifetime.count() : 0))
      .key("token_type")
      .string("Bearer")
      .key("scope")
      .string(kScope)
      .end_object();
  response.set_header("Cache-Control", "no-store");
  reply_json(response, 200, std::move(json).take());
}

void OpttyEmulator::create_refund(const httplib::Request& request, httplib::Response& response,
                                  const std::string& order_reference) {
  // As the vendor's Express stack: the body is parsed before the token guard runs, and the
  // schema is checked after it.
  auto body = optty::read_json_body(request.get_header_value("Content-Type"), request.body);
  if (auto* rejection = std::get_if<optty::BodyRejection>(&body)) {
    return reply_optty_error(response, 400, rejection->message);
  }
  if (!authorized(request)) return reply_optty_error(response, 401, kUnauthorized);
  auto fields = optty::read_refund_request(std::get<JsonNode>(body));
  if (auto* rejection = std::get_if<optty::BodyRejection>(&fields)) {
    return reply_optty_error(response, 400, rejection->message);
  }
  const optty::RefundRequest& refund_request = std::get<optty::RefundRequest>(fields);
  const std::chrono::system_clock::time_point now = now_();

  auto outcome =
      store_.with_state([&](SandboxState& state) -> std::variant<SandboxRefund, Rejection> {
        auto judged = judge_refund(state, order_reference, refund_request);
        if (auto* rejection = std::get_if<Rejection>(&judged)) return *rejection;
        const std::int64_t amount = std::get<std::int64_t>(judged);
        const StoredOrder& order = *state.find_order(kOpttyProvider, order_reference);
        const std::uint64_t number = ++state.refunds_created;
        SandboxRefund refund;
        refund.provider = kOpttyProvider;
        refund.order_id = order_reference;
        refund.id =
            optty::uuid_text(refund_id_random_(), (refund_id_random_() & ~kNodeBits) |
                                                      ((number ^ refund_id_salt_) & kNodeBits));
        refund.reference = refund_request.refund_reference;
        refund.amount = format_minor_units(amount, order.decimals);
        refund.currency = order.currency;
        refund.amount_minor = amount;
        refund.status = kStatusSuccessful;
        // The vendor's sample answers TgEHcPtpN2HSrTMK-0 with TgEHcPtpN2HSrTMK-0-00.
        refund.vendor_reference = refund_request.refund_reference + "-00";
        state.add_refund(refund);
        extras_by_refund_id_[refund.id] = RefundExtras{now, refund_request.description};
        return refund;
      });
  if (auto* rejection = std::get_if<Rejection>(&outcome)) {
    return reply_rejection(response, *rejection);
  }
  reply_json(response, 201, refund_answer(std::get<SandboxRefund>(outcome), now));
}

// The order status, as the vendor's GET /orders/{orderReference}: no refunds in it.
void OpttyEmulator::get_order(const httplib::Request& request, httplib::Response& response,
                              const std::string& order_reference) {
  if (!authorized(request)) return reply_optty_error(response, 401, kUnauthorized);
  std::optional<std::string> body = store_.with_state([&](const SandboxState& state) {
    const StoredOrder* order = state.find_order(kOpttyProvider, order_reference);
    if (order == nullptr) return std::optional<std::string>();
    JsonText json;
    begin_order(json, *order);
    json.end_object();
    return std::optional<std::string>(std::move(json).take());
  });
  if (!body) return reply_optty_error(response, 404, kNotFound);
  reply_json(response, 200, *body);
}

// The order details: the status fields plus its refunds. As in the vendor's sample, refundId is
// the ORDER's reference: nothing in an entry names the refundReference or the bnplRefundId.
void OpttyEmulator::get_order_details(const httplib::Request& request, httplib::Response& response,
                                      const std::string& order_reference) {
  if (!authorized(request)) return reply_optty_error(response, 401, kUnauthorized);
  const std::optional<optty::FormFields> query = optty::parse_form(optty::query_of(request.target));
  std::optional<std::string> merchant_id;
  for (const auto& [name, value] : query.value_or(optty::FormFields{})) {
    if (name == "merchantId") merchant_id = value;
  }
  if (!merchant_id || merchant_id->empty()) {
    return reply_optty_error(response, 400, "merchantId must be a string");
  }
  if (!same_secret(*merchant_id, options_.optty_merchant_id)) {
    return reply_optty_error(response, 400, "merchantId " + *merchant_id + " is not yours");
  }
  std::optional<std::string> body = store_.with_state([&](const SandboxState& state) {
    const StoredOrder* order = state.find_order(kOpttyProvider, order_reference);
    if (order == nullptr) return std::optional<std::string>();
    JsonText json;
    begin_order(json, *order);
    json.key("refunds").begin_array();
    for (const SandboxRefund* refund : state.refunds_of(kOpttyProvider, order_reference)) {
      const auto extras = extras_by_refund_id_.find(refund->id);
      json.begin_object()
          .key("refundId")
          .string(order->order_id)
          .key("amount")
          .string(refund->amount)
          .key("currency")
          .string(refund->currency)
          .key("status")
          .string(refund->status)
          .key("createdAt");
      if (extras != extras_by_refund_id_.end()) {
        json.string(optty::iso8601_utc(extras->second.created_at))
            .key("refundReason")
            .string(extras->second.description);
      } else {
        json.null().key("refundReason").null();
      }
      json.key("refundFailureReason").null().end_object();
    }
    json.end_array().end_object();
    return std::optional<std::string>(std::move(json).take());
  });
  if (!body) return reply_optty_error(response, 404, kNotFound);
  reply_json(response, 200, *body);
}

}  // namespace refundkit::sandbox::detail
