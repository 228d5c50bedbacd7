#include "komfortkasse_emulator.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

#include "calendar.hpp"
#include "json_text.hpp"
#include "money.hpp"

namespace refundkit::sandbox::detail {

namespace {

// The only error texts Komfortkasse documents (vendor-docs/000, vendor-notes.md). Every 400 gets
// the same text, a reused externalReference included: the vendor documents no other.
constexpr const char* kInvalidRequest = "Invalid request";
constexpr const char* kApiKeyMissing = "API Key missing";
constexpr const char* kOrderNotFound = "Order not found";
constexpr const char* kStatusCancelled = "CANCELLED";

// Refunds of one order may total at most this many times the order amount (vendor-notes.md).
constexpr std::int64_t kRefundLimitFactor = 2;
// "Format: 0.00": at most two decimals, as written.
constexpr int kMaxAmountDecimals = 2;

struct RefundRequestFields {
  std::string external_reference;
  std::string amount_text;  // as written in the body: a plain decimal, at most 2 decimals, > 0
  std::string currency;
  CivilDate planned_date;
};

struct Rejection {
  int status;
  const char* message;
};

const std::string* string_member(const FlatObject& object, const char* name) {
  const auto found = object.find(name);
  if (found == object.end() || found->second.kind != FlatValue::Kind::string) return nullptr;
  return &found->second.text;
}

// The amount as written: a JSON number that is a plain decimal ("12.30", "5", "0.5") with at most
// two decimals and more than zero; "1.000", "1e1" and "-5.00" are refused, never normalised.
bool is_valid_amount_text(const std::string& text) {
  const std::optional<std::int64_t> hundredths =
      parse_minor_units(text, kMaxAmountDecimals, kMaxAmountDecimals);
  return hundredths && *hundredths > 0;
}

std::variant<RefundRequestFields, Rejection> read_refund_request(const std::string& body,
                                                                 const CivilDate& today) {
  const std::optional<FlatObject> document = read_flat_object(body);
  const Rejection invalid{400, kInvalidRequest};
  if (!document) return invalid;
  RefundRequestFields fields;

  const std::string* reference = string_member(*document, "externalReference");
  if (reference == nullptr || reference->empty()) return invalid;
  fields.external_reference = *reference;

  const auto amount = document->find("amount");
  if (amount == document->end() || amount->second.kind != FlatValue::Kind::number ||
      !is_valid_amount_text(amount->second.text)) {
    return invalid;
  }
  fields.amount_text = amount->second.text;

  const std::string* currency = string_member(*document, "currency");
  if (currency == nullptr || currency->empty()) return invalid;
  fields.currency = *currency;

  const std::string* planned = string_member(*document, "plannedDate");
  const std::optional<CivilDate> planned_date =
      planned != nullptr ? parse_komfortkasse_date(*planned) : std::nullopt;
  if (!planned_date) return invalid;
  if (days_from_civil(*planned_date) <= days_from_civil(today)) return invalid;
  fields.planned_date = *planned_date;
  return fields;
}

std::string zero_padded(std::uint64_t number, std::size_t width) {
  std::string digits = std::to_string(number);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return digits;
}

std::int64_t refund_limit(std::int64_t order_amount_minor) {
  std::int64_t limit = 0;
  if (__builtin_mul_overflow(order_amount_minor, kRefundLimitFactor, &limit)) {
    return std::numeric_limits<std::int64_t>::max();
  }
  return limit;
}

// Checks the order's rules and records the refund: one step under the state's lock.
std::variant<SandboxRefund, Rejection> record_refund(SandboxState& state,
                                                     const std::string& order_number,
                                                     const RefundRequestFields& fields) {
  const StoredOrder* order = state.find_order(kKomfortkasseProvider, order_number);
  if (order == nullptr) return Rejection{404, kOrderNotFound};
  const Rejection invalid{400, kInvalidRequest};
  if (order->currency != fields.currency) return invalid;
  // Fails when the amount is not exact in the currency's minor units ("1.50" JPY).
  const std::optional<std::int64_t> amount =
      parse_minor_units(fields.amount_text, order->decimals, kMaxAmountDecimals);
  if (!amount || *amount <= 0) return invalid;
  if (state.reference_in_use(kKomfortkasseProvider, fields.external_reference)) return invalid;
  std::int64_t refunded = 0;
  for (const SandboxRefund* refund : state.refunds_of(kKomfortkasseProvider, order_number)) {
    if (refund->status != kStatusCancelled) refunded += refund->amount_minor;
  }
  if (*amount > refund_limit(order->amount_minor) - refunded) return invalid;

  const std::uint64_t number = ++state.refunds_created;
  SandboxRefund refund;
  refund.provider = kKomfortkasseProvider;
  refund.order_id = order_number;
  refund.id = "KK-R-" + zero_padded(number, 6);
  refund.reference = fields.external_reference;
  refund.amount = format_minor_units(*amount, order->decimals);
  refund.currency = order->currency;
  refund.amount_minor = *amount;
  refund.status = order->bank_details_missing ? "BANKDETAILS_MISSING" : "NEW";
  refund.planned_date = format_iso_date(fields.planned_date);
  refund.vendor_reference = "KKBT" + zero_padded(number, 8);
  state.add_refund(refund);
  return refund;
}

std::string komfortkasse_date_of(const std::string& iso_date) {
  const std::optional<CivilDate> date = parse_iso_date(iso_date);
  return date ? format_komfortkasse_date(*date) : std::string();
}

// The vendor's refund object: the request echoed plus id, executionDate, referenceNumber, status.
// The amount is a JSON number written with exactly the currency's decimals.
void write_refund(JsonText& json, const SandboxRefund& refund) {
  json.begin_object()
      .key("externalReference")
      .string(refund.reference)
      .key("amount")
      .number_text(refund.amount)
      .key("currency")
      .string(refund.currency)
      .key("plannedDate")
      .string(komfortkasse_date_of(refund.planned_date))
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

}  // namespace

KomfortkasseEmulator::KomfortkasseEmulator(StateStore& store, std::string api_key,
                                           std::function<std::string()> today)
    : store_(store), api_key_(std::move(api_key)), today_(std::move(today)) {}

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
  if (!authorized(request)) return reply_error(response, 401, kApiKeyMissing);
  const std::string today_text = today_();
  const std::optional<CivilDate> today = parse_iso_date(today_text);
  if (!today) {
    throw std::runtime_error("the sandbox's today is not a YYYY-MM-DD date: " + today_text);
  }
  auto fields = read_refund_request(request.body, *today);
  if (const auto* rejection = std::get_if<Rejection>(&fields)) {
    return reply_error(response, rejection->status, rejection->message);
  }
  auto outcome = store_.with_state([&](SandboxState& state) {
    return record_refund(state, order_number, std::get<RefundRequestFields>(fields));
  });
  if (const auto* rejection = std::get_if<Rejection>(&outcome)) {
    return reply_error(response, rejection->status, rejection->message);
  }
  JsonText json;
  write_refund(json, std::get<SandboxRefund>(outcome));
  reply_json(response, 200, std::move(json).take());
}

// Shape (ours; the vendor documents no schema): {"number", "amount", "currency"} plus
// "refunds": [refund objects exactly as created] when includeRefunds=true.
void KomfortkasseEmulator::get_order(const httplib::Request& request, httplib::Response& response,
                                     const std::string& order_number) {
  if (!authorized(request)) return reply_error(response, 401, kApiKeyMissing);
  const bool include_refunds = request.get_param_value("includeRefunds") == "true";
  std::optional<std::string> body = store_.with_state([&](const SandboxState& state) {
    const StoredOrder* order = state.find_order(kKomfortkasseProvider, order_number);
    if (order == nullptr) return std::optional<std::string>();
    JsonText json;
    json.begin_object()
        .key("number")
        .string(order->order_id)
        .key("amount")
        .number_text(format_minor_units(order->amount_minor, order->decimals))
        .key("currency")
        .string(order->currency);
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
