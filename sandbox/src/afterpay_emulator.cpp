#include "afterpay_emulator.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include "afterpay_ids.hpp"
#include "json_text.hpp"
#include "money.hpp"

namespace refundkit::sandbox::detail {

namespace {

using afterpay::Answer;
using afterpay::error_answer;
using afterpay::ResponseMessage;

constexpr const char* kRefundedStatus = "Refunded";
constexpr const char* kIdempotencyHeader = "X-Idempotency-Key";
constexpr std::array<std::string_view, 5> kSupportedCurrencies = {"EUR", "NOK", "SEK", "DKK",
                                                                  "CHF"};

// Constant time, so that the sandbox does not teach clients to leak keys through timing.
bool same_secret(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return difference == 0;
}

void reply(httplib::Response& response, const Answer& answer) {
  reply_json(response, answer.status, answer.body);
}

const StoredCapture* find_capture(const StoredOrder& order, const std::string& number) {
  for (const StoredCapture& capture : order.captures) {
    if (capture.capture_number == number) return &capture;
  }
  return nullptr;
}

std::int64_t remaining_of(const StoredCapture& capture,
                          const std::vector<const SandboxRefund*>& refunds) {
  std::int64_t remaining = capture.amount_minor;
  for (const SandboxRefund* refund : refunds) {
    if (refund->capture_number == capture.capture_number) remaining -= refund->amount_minor;
  }
  return remaining;
}

// What one request refunds: an amount from a capture.
struct PlannedRefund {
  const StoredCapture* capture;
  std::int64_t amount_minor;
};

// The refunds a request makes, or why it makes none. Items: one refund of their total from the
// named capture. No items: the remainder of the named capture, or of every capture.
std::variant<std::vector<PlannedRefund>, ResponseMessage> plan_refunds(
    const StoredOrder& order, const std::vector<const SandboxRefund*>& refunds,
    const afterpay::RefundOrderRequest& request) {
  std::vector<const StoredCapture*> captures;
  if (request.capture_number) {
    const StoredCapture* capture = find_capture(order, *request.capture_number);
    if (capture == nullptr) return afterpay::unknown_capture();
    captures.push_back(capture);
  } else {
    for (const StoredCapture& capture : order.captures) captures.push_back(&capture);
  }

  std::vector<PlannedRefund> planned;
  if (!request.items.empty()) {
    afterpay::ItemTotal total;
    for (const afterpay::RefundItem& item : request.items) {
      total.add(item.gross_unit_price_micros, item.quantity_micros);
    }
    const std::optional<std::int64_t> amount = total.minor_units(order.decimals);
    if (amount && *amount <= 0) return afterpay::amount_not_positive();
    if (!amount || *amount > remaining_of(*captures.front(), refunds)) {
      return afterpay::exceeds_remaining_amount();
    }
    planned.push_back({captures.front(), *amount});
    return planned;
  }
  for (const StoredCapture* capture : captures) {
    const std::int64_t remaining = remaining_of(*capture, refunds);
    if (remaining > 0) planned.push_back({capture, remaining});
  }
  // Nothing left to refund: any amount would exceed what remains.
  if (planned.empty()) return afterpay::exceeds_remaining_amount();
  return planned;
}

// The request, or the answer refusing it on its form (content type, JSON, fields).
std::variant<afterpay::RefundOrderRequest, Answer> read_body(const httplib::Request& request) {
  if (!afterpay::is_blank(request.body) &&
      !afterpay::is_json_content_type(request.get_header_value("Content-Type"))) {
    return error_answer(415, afterpay::unsupported_content_type());
  }
  auto parsed = afterpay::read_refund_request(request.body);
  if (auto* errors = std::get_if<std::vector<ResponseMessage>>(&parsed)) {
    return error_answer(400, *errors);
  }
  return std::get<afterpay::RefundOrderRequest>(std::move(parsed));
}

// RefundOrderResponse: the page's fields, then the newer docs' two.
std::string refund_answer_json(const StoredOrder& order,
                               const std::vector<const SandboxRefund*>& refunds,
                               const std::vector<std::string>& refund_numbers) {
  std::int64_t captured = 0;
  for (const StoredCapture& capture : order.captures) captured += capture.amount_minor;
  std::int64_t refunded = 0;
  for (const SandboxRefund* refund : refunds) refunded += refund->amount_minor;
  const auto amount = [&](std::int64_t minor) { return format_minor_units(minor, order.decimals); };
  JsonText json;
  json.begin_object()
      .key("totalCapturedAmount")
      .number_text(amount(captured))
      .key("totalAuthorizedAmount")
      .number_text(amount(order.amount_minor))
      .key("refundNumbers")
      .begin_array();
  for (const std::string& number : refund_numbers) json.string(number);
  json.end_array()
      .key("totalRefundedAmount")
      .number_text(amount(refunded))
      .key("remainingAuthorizedAmount")
      .number_text(amount(std::max<std::int64_t>(0, order.amount_minor - captured)))
      .end_object();
  return std::move(json).take();
}

}  // namespace

AfterPayEmulator::AfterPayEmulator(StateStore& store, const SandboxOptions& options,
                                   SandboxClock now)
    : store_(store), options_(options), now_(std::move(now)) {}

void AfterPayEmulator::register_routes(Router& router) {
  const std::string orders = std::string(path_prefix()) + "/api/v3/orders/{orderNumber}";
  router.add("POST", orders + "/refunds",
             [this](const httplib::Request& request, httplib::Response& response,
                    const PathParams& params) { create_refund(request, response, params[0]); });
  router.add("GET", orders,
             [this](const httplib::Request& request, httplib::Response& response,
                    const PathParams& params) { read(request, response, params[0], true, ""); });
  router.add("GET", orders + "/refunds",
             [this](const httplib::Request& request, httplib::Response& response,
                    const PathParams& params) { read(request, response, params[0], false, ""); });
  router.add(
      "GET", orders + "/refunds/{refundNumber}",
      [this](const httplib::Request& request, httplib::Response& response,
             const PathParams& params) { read(request, response, params[0], false, params[1]); });
}

void AfterPayEmulator::reset() {
  store_.with_state([this](SandboxState&) {
    details_.clear();
    answers_by_key_.clear();
  });
}

bool AfterPayEmulator::authorized(const httplib::Request& request) const {
  return request.has_header("X-Auth-Key") &&
         same_secret(request.get_header_value("X-Auth-Key"), options_.afterpay_api_key);
}

void AfterPayEmulator::create_refund(const httplib::Request& request, httplib::Response& response,
                                     const std::string& order_number) {
  if (!authorized(request)) return reply(response, error_answer(401, afterpay::unauthorized()));
  const bool keyed = request.has_header(kIdempotencyHeader);
  const std::string key = request.get_header_value(kIdempotencyHeader);
  if (keyed && !afterpay::is_valid_idempotency_key(key)) {
    return reply(response, error_answer(400, afterpay::invalid_idempotency_key()));
  }
  const std::variant<afterpay::RefundOrderRequest, Answer> parsed = read_body(request);
  // Length-prefixed, so that no order number and body can pass for another pair.
  const std::string fingerprint =
      std::to_string(order_number.size()) + ':' + order_number + request.body;

  const Answer answer = store_.with_state([&](SandboxState& state) {
    if (keyed) {
      const auto earlier = answers_by_key_.find(key);
      if (earlier != answers_by_key_.end()) {
        if (earlier->second.request_fingerprint == fingerprint) return earlier->second.answer;
        return error_answer(400, afterpay::idempotency_key_reused());
      }
    }
    // A request refused on its fields was never processed: its key stays unused.
    if (const auto* refusal = std::get_if<Answer>(&parsed)) return *refusal;
    Answer processed =
        process_refund(state, order_number, std::get<afterpay::RefundOrderRequest>(parsed));
    if (keyed) answers_by_key_.emplace(key, KeyedAnswer{fingerprint, processed});
    return processed;
  });
  reply(response, answer);
}

Answer AfterPayEmulator::process_refund(SandboxState& state, const std::string& order_number,
                                        const afterpay::RefundOrderRequest& request) {
  const StoredOrder* order = state.find_order(kAfterPayProvider, order_number);
  if (order == nullptr) return error_answer(404, afterpay::order_not_found());
  if (std::find(kSupportedCurrencies.begin(), kSupportedCurrencies.end(), order->currency) ==
      kSupportedCurrencies.end()) {
    return error_answer(400, afterpay::unsupported_currency(order->currency));
  }
  if (order->captures.empty()) return error_answer(400, afterpay::order_not_captured());

  auto plan = plan_refunds(*order, state.refunds_of(kAfterPayProvider, order_number), request);
  if (const auto* refusal = std::get_if<ResponseMessage>(&plan)) {
    return error_answer(400, *refusal);
  }

  std::vector<std::string> refund_numbers;
  const std::string inserted_at = afterpay::utc_timestamp(now_());
  for (const PlannedRefund& planned : std::get<std::vector<PlannedRefund>>(plan)) {
    SandboxRefund refund;
    refund.provider = kAfterPayProvider;
    refund.order_id = order_number;
    refund.id = afterpay::padded_number(
        afterpay::next_refund_number(*order, state.refunds_of(kAfterPayProvider, order_number)));
    refund.reference = request.transaction_reference.value_or("");
    refund.amount = format_minor_units(planned.amount_minor, order->decimals);
    refund.currency = order->currency;
    refund.amount_minor = planned.amount_minor;
    refund.status = kRefundedStatus;
    refund.vendor_reference = afterpay::refund_guid(++state.refunds_created);
    refund.capture_number = planned.capture->capture_number;

    afterpay::RefundDetails details;
    for (const afterpay::RefundItem& item : request.items) details.items.push_back(item.as_sent);
    details.transaction_reference = request.transaction_reference;
    details.parent_transaction_reference = request.parent_transaction_reference;
    details.inserted_at = inserted_at;
    details_[refund.vendor_reference] = std::move(details);
    refund_numbers.push_back(refund.id);
    state.add_refund(std::move(refund));
  }
  return Answer{200, refund_answer_json(*order, state.refunds_of(kAfterPayProvider, order_number),
                                        refund_numbers)};
}

void AfterPayEmulator::read(const httplib::Request& request, httplib::Response& response,
                            const std::string& order_number, bool whole_order,
                            const std::string& refund_number) {
  if (!authorized(request)) return reply(response, error_answer(401, afterpay::unauthorized()));
  const Answer answer = store_.with_state([&](const SandboxState& state) {
    const StoredOrder* order = state.find_order(kAfterPayProvider, order_number);
    if (order == nullptr) return error_answer(404, afterpay::order_not_found());
    std::vector<const SandboxRefund*> refunds = state.refunds_of(kAfterPayProvider, order_number);
    if (whole_order) return Answer{200, afterpay::order_read_json(*order, refunds, details_)};
    if (!refund_number.empty()) {
      refunds.erase(
          std::remove_if(refunds.begin(), refunds.end(),
                         [&](const SandboxRefund* refund) { return refund->id != refund_number; }),
          refunds.end());
      if (refunds.empty()) return error_answer(404, afterpay::refund_not_found());
    }
    return Answer{200, afterpay::refunds_read_json(*order, refunds, details_)};
  });
  reply(response, answer);
}

}  // namespace refundkit::sandbox::detail
