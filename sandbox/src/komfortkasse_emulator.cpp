#include "komfortkasse_emulator.hpp"

#include <cstdint>
#include <limits>
#include <utility>
#include <variant>

#include "json_text.hpp"
#include "refundkit/decimal.hpp"

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

// Reads the amount exactly, from its JSON text: never through a double.
bool is_valid_amount_text(const std::string& text) {
  const Result<Decimal> amount = Decimal::parse(text);
  return amount.ok() && amount->scale() <= 2 && amount->coefficient() > 0;
}

std::variant<RefundRequestFields, Rejection> read_refund_request(const std::string& body,
                                                                 const Date& today) {
  const Json document = Json::parse(body, nullptr, false);
  const std::optional<std::map<std::string, std::string>> numbers = raw_number_texts(body);
  if (document.is_discarded() || !document.is_object() || !numbers) {
    return Rejection{400, kNotAnObject};
  }
  RefundRequestFields fields;

  const auto reference = document.find("externalReference");
  if (reference == document.end() || !reference->is_string() ||
      reference->get_ref<const std::string&>().empty()) {
    return Rejection{400, kBadReference};
  }
  fields.external_reference = reference->get<std::string>();

  const auto amount = document.find("amount");
  const auto amount_text = numbers->find("/amount");
  if (amount == document.end() || !amount->is_number() || amount_text == numbers->end() ||
      !is_valid_amount_text(amount_text->second)) {
    return Rejection{400, kBadAmount};
  }
  fields.amount_text = amount_text->second;

  const auto currency = document.find("currency");
  if (currency == document.end() || !currency->is_string() ||
      !Currency::from_code(currency->get_ref<const std::string&>()).ok()) {
    return Rejection{400, kBadCurrency};
  }
  fields.currency = currency->get<std::string>();

  const auto planned = document.find("plannedDate");
  const std::optional<Date> planned_date =
      planned != document.end() && planned->is_string()
          ? parse_komfortkasse_date(planned->get_ref<const std::string&>())
          : std::nullopt;
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
  state.refunds.push_back(refund);
  return refund;
}

// The vendor's refund object: the request echoed plus id, executionDate, referenceNumber, status.
std::string refund_json(const SandboxRefund& refund) {
  return JsonObjectWriter()
      .string("externalReference", refund.reference)
      .raw("amount", refund.amount.to_decimal_string())
      .string("currency", refund.amount.currency().code())
      .string("plannedDate",
              refund.planned_date ? format_komfortkasse_date(*refund.planned_date) : std::string())
      .string("id", refund.id)
      .null("executionDate")
      .string("referenceNumber", refund.vendor_reference)
      .string("status", refund.status)
      .str();
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
  reply_json(response, 200, refund_json(std::get<SandboxRefund>(outcome)));
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
    JsonObjectWriter writer;
    writer.string("number", order->order_id)
        .raw("amount", order->amount.to_decimal_string())
        .string("currency", order->amount.currency().code());
    if (include_refunds) {
      std::vector<std::string> refunds;
      for (const SandboxRefund* refund : state.refunds_of(kKomfortkasseProvider, order_number)) {
        refunds.push_back(refund_json(*refund));
      }
      writer.raw("refunds", json_array(refunds));
    }
    return std::optional<std::string>(writer.str());
  });
  if (!body) return reply_error(response, 404, kOrderNotFound);
  reply_json(response, 200, *body);
}

}  // namespace refundkit::sandbox::detail
