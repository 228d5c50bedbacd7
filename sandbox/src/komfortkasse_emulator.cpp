#include "komfortkasse_emulator.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "internal/json_reader.hpp"
#include "internal/json_writer.hpp"
#include "refundkit/decimal.hpp"
#include "vendors/komfortkasse/komfortkasse_clock.hpp"

namespace refundkit::sandbox::detail {

namespace {

// The error texts are part of the contract: the Komfortkasse adapter recognises them.
constexpr const char* kBadApiKey = "API key missing or invalid";
constexpr const char* kNotAnObject = "request body must be a JSON object";
constexpr const char* kBadReference =
    "externalReference is required and must be a non-empty string";
constexpr const char* kBadAmount =
    "amount is required and must be a number greater than 0 with at most 2 decimals";
constexpr const char* kBadCurrency = "currency is required and must be an ISO 4217 currency code";
constexpr const char* kBadPlannedDate =
    "plannedDate is required and must be a date in the format dd-MM-yyyy";
constexpr const char* kPastPlannedDate = "plannedDate must be in the future";
constexpr const char* kOrderNotFound = "order not found";
constexpr const char* kCurrencyMismatch = "currency does not match the order currency";
constexpr const char* kDuplicateReference = "externalReference already exists for this shop";
constexpr const char* kStatusCancelled = "CANCELLED";

// Refunds of one order may total at most this many times the order amount (vendor-notes.md).
constexpr std::int64_t kRefundLimitFactor = 2;

struct RefundRequestFields {
  std::string external_reference;
  std::string amount_text;  // as written in the body: a decimal with at most 2 decimals, > 0
  std::string currency;
  Date planned_date;
};

struct Rejection {
  int status;
  std::string message;
};

// Judged on the amount as written (internal::number_text keeps the original text), never through
// a double. Stricter than internal::read_money on purpose: "at most 2 decimals" means as written,
// so "1.000" and "1e1" are refused rather than normalised to 1 and 10.
bool is_valid_amount_text(const std::string& text) {
  const Result<Decimal> amount = Decimal::parse(text);
  return amount.ok() && amount->scale() <= 2 && amount->coefficient() > 0;
}

std::variant<RefundRequestFields, Rejection> read_refund_request(const std::string& body,
                                                                 const Date& today) {
  const std::optional<internal::Json> document = internal::parse_json_exact(body);
  if (!document || !document->is_object()) return Rejection{400, kNotAnObject};
  RefundRequestFields fields;

  std::optional<std::string> reference = internal::get_string(*document, "externalReference");
  if (!reference || reference->empty()) return Rejection{400, kBadReference};
  fields.external_reference = std::move(*reference);

  const internal::Json* amount = internal::find_member(*document, "amount");
  std::optional<std::string> amount_text =
      amount != nullptr ? internal::number_text(*amount) : std::nullopt;
  if (!amount_text || !is_valid_amount_text(*amount_text)) return Rejection{400, kBadAmount};
  fields.amount_text = std::move(*amount_text);

  std::optional<std::string> currency = internal::get_string(*document, "currency");
  if (!currency || !Currency::from_code(*currency).ok()) return Rejection{400, kBadCurrency};
  fields.currency = std::move(*currency);

  const std::optional<std::string> planned = internal::get_string(*document, "plannedDate");
  const std::optional<Date> planned_date =
      planned ? parse_komfortkasse_date(*planned) : std::nullopt;
  if (!planned_date) return Rejection{400, kBadPlannedDate};
  if (*planned_date <= today) return Rejection{400, kPastPlannedDate};
  fields.planned_date = *planned_date;
  return fields;
}

std::string zero_padded(std::uint64_t number, std::size_t width) {
  std::string digits = std::to_string(number);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return digits;
}

std::int64_t refund_limit(const Money& order_amount) {
  std::int64_t limit = 0;
  if (__builtin_mul_overflow(order_amount.minor_units(), kRefundLimitFactor, &limit)) {
    return std::numeric_limits<std::int64_t>::max();
  }
  return limit;
}

// Checks the order's rules and records the refund: one step under the state's lock.
std::variant<SandboxRefund, Rejection> record_refund(SandboxState& state,
                                                     const std::string& order_number,
                                                     const RefundRequestFields& fields) {
  const SandboxOrder* order = state.find_order(kKomfortkasseProvider, order_number);
  if (order == nullptr) return Rejection{404, kOrderNotFound};
  if (order->amount.currency().code() != fields.currency) {
    return Rejection{400, kCurrencyMismatch};
  }
  // Fails only when the currency has fewer decimals than written (e.g. "1.50" JPY).
  const Result<Money> amount = Money::parse_positive(fields.amount_text, fields.currency);
  if (!amount.ok()) return Rejection{400, kBadAmount};
  if (state.reference_in_use(kKomfortkasseProvider, fields.external_reference)) {
    return Rejection{400, kDuplicateReference};
  }
  std::int64_t refunded = 0;
  for (const SandboxRefund* refund : state.refunds_of(kKomfortkasseProvider, order_number)) {
    if (refund->status != kStatusCancelled) refunded += refund->amount.minor_units();
  }
  const std::int64_t remaining = refund_limit(order->amount) - refunded;
  if (amount->minor_units() > remaining) {
    const Money max = Money::from_minor_units(remaining, order->amount.currency());
    return Rejection{400, "refund amount exceeds the refundable amount of the order (max " +
                              max.to_decimal_string() + ")"};
  }

  const std::uint64_t number = ++state.refunds_created;
  SandboxRefund refund;
  refund.provider = kKomfortkasseProvider;
  refund.order_id = order_number;
  refund.id = "KK-R-" + zero_padded(number, 6);
  refund.reference = fields.external_reference;
  refund.amount = *amount;
  refund.status = order->bank_details_missing ? "BANKDETAILS_MISSING" : "NEW";
  refund.planned_date = fields.planned_date;
  refund.vendor_reference = "KKBT" + zero_padded(number, 8);
  state.add_refund(refund);
  return refund;
}

// The vendor's refund object: the request echoed plus id, executionDate, referenceNumber, status.
void write_refund(internal::JsonWriter& json, const SandboxRefund& refund) {
  json.begin_object()
      .key("externalReference")
      .string(refund.reference)
      .key("amount")
      .number(refund.amount)
      .key("currency")
      .string(refund.amount.currency().code())
      .key("plannedDate")
      .string(refund.planned_date ? format_komfortkasse_date(*refund.planned_date) : std::string())
      .key("id")
      .string(refund.id)
      .key("executionDate")
      .null()
      .key("referenceNumber")
      .string(refund.vendor_reference)
      .key("status")
      .string(refund.status)
      .end_object();
}

// Constant time, so that the sandbox does not teach clients to leak keys through timing.
bool same_secret(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return difference == 0;
}

bool is_digits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return !text.empty();
}

int to_int(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

std::optional<Date> parse_komfortkasse_date(std::string_view text) {
  if (text.size() != 10 || text[2] != '-' || text[5] != '-') return std::nullopt;
  const std::string_view day = text.substr(0, 2);
  const std::string_view month = text.substr(3, 2);
  const std::string_view year = text.substr(6, 4);
  if (!is_digits(day) || !is_digits(month) || !is_digits(year)) return std::nullopt;
  const Date date{to_int(year), to_int(month), to_int(day)};
  if (!date.is_valid()) return std::nullopt;
  return date;
}

std::string format_komfortkasse_date(const Date& date) {
  return zero_padded(static_cast<std::uint64_t>(date.day), 2) + "-" +
         zero_padded(static_cast<std::uint64_t>(date.month), 2) + "-" +
         zero_padded(static_cast<std::uint64_t>(date.year), 4);
}

KomfortkasseEmulator::KomfortkasseEmulator(StateStore& store, std::string api_key,
                                           std::function<Date()> today)
    : store_(store),
      api_key_(std::move(api_key)),
      // Komfortkasse judges "in the future" by Berlin's date; the same clock as the adapter's
      // default, so that a default plannedDate is never refused by the sandbox.
      today_(today ? std::move(today)
                   : std::function<Date()>([] { return vendors::komfortkasse::berlin_today(); })) {}

void KomfortkasseEmulator::register_routes(Router& router) {
  const std::string prefix(path_prefix());
  router.add("POST", prefix + "/order/{orderNumber}/refund",
             [this](const httplib::Request& request, httplib::Response& response,
                    const PathParams& params) { create_refund(request, response, params[0]); });
  router.add("GET", prefix + "/order/{orderNumber}",
             [this](const httplib::Request& request, httplib::Response& response,
                    const PathParams& params) { get_order(request, response, params[0]); });
}

bool KomfortkasseEmulator::authorized(const httplib::Request& request) const {
  return request.has_header("X-Komfortkasse-API-Key") &&
         same_secret(request.get_header_value("X-Komfortkasse-API-Key"), api_key_);
}

void KomfortkasseEmulator::create_refund(const httplib::Request& request,
                                         httplib::Response& response,
                                         const std::string& order_number) {
  if (!authorized(request)) return reply_error(response, 401, kBadApiKey);
  auto fields = read_refund_request(request.body, today_());
  if (const auto* rejection = std::get_if<Rejection>(&fields)) {
    return reply_error(response, rejection->status, rejection->message);
  }
  auto outcome = store_.with_state([&](SandboxState& state) {
    return record_refund(state, order_number, std::get<RefundRequestFields>(fields));
  });
  if (const auto* rejection = std::get_if<Rejection>(&outcome)) {
    return reply_error(response, rejection->status, rejection->message);
  }
  internal::JsonWriter json;
  write_refund(json, std::get<SandboxRefund>(outcome));
  reply_json(response, 200, json.str());
}

// Shape (ours; the vendor documents no schema): {"number", "amount", "currency"} plus
// "refunds": [refund objects as created] when includeRefunds=true.
void KomfortkasseEmulator::get_order(const httplib::Request& request, httplib::Response& response,
                                     const std::string& order_number) {
  if (!authorized(request)) return reply_error(response, 401, kBadApiKey);
  const bool include_refunds = request.get_param_value("includeRefunds") == "true";
  std::optional<std::string> body = store_.with_state([&](const SandboxState& state) {
    const SandboxOrder* order = state.find_order(kKomfortkasseProvider, order_number);
    if (order == nullptr) return std::optional<std::string>();
    internal::JsonWriter json;
    json.begin_object()
        .key("number")
        .string(order->order_id)
        .key("amount")
        .number(order->amount)
        .key("currency")
        .string(order->amount.currency().code());
    if (include_refunds) {
      json.key("refunds").begin_array();
      for (const SandboxRefund* refund : state.refunds_of(kKomfortkasseProvider, order_number)) {
        write_refund(json, *refund);
      }
      json.end_array();
    }
    json.end_object();
    return std::optional<std::string>(std::move(json).take());
  });
  if (!body) return reply_error(response, 404, kOrderNotFound);
  reply_json(response, 200, *body);
}

}  // namespace refundkit::sandbox::detail
