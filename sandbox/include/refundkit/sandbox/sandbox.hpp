#pragma once

// The sandbox is a witness, not a mirror: it shares no code with the refundkit library (no
// refundkit target, no refundkit header). Its money, dates, JSON and loopback check are its own,
// so that a test against it proves the library right, not merely consistent with itself.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace refundkit::sandbox {

/// One item of a Riverty capture: what may be refunded from it.
struct SandboxItem {
  std::string product_id;
  std::string description;
  std::string quantity = "1";    ///< Decimal text; may be fractional ("2.5").
  std::string gross_unit_price;  ///< Decimal text in the order's currency ("12.00").
};

/// A Riverty capture of an order: refunds are made against one.
struct SandboxCapture {
  std::string capture_number;  ///< e.g. "000000001"
  std::string amount;          ///< Decimal text in the order's currency, > 0.
  std::vector<SandboxItem> items;
};

/// One order the sandbox knows, for one vendor. Fields that belong to one vendor only are
/// ignored by the others.
struct SandboxOrder {
  SandboxOrder() = default;
  /// The fields every vendor's order has; the others keep their defaults.
  SandboxOrder(std::string provider_name, std::string id, std::string total,
               std::string currency_code)
      : provider(std::move(provider_name)),
        order_id(std::move(id)),
        amount(std::move(total)),
        currency(std::move(currency_code)) {}

  std::string provider;  ///< One of hosted_providers(): "komfortkasse", "optty", ...
  std::string order_id;  ///< Optty: the order reference; Skip Pay: the application id.
  /// The order total as decimal text ("100.00"), at most the currency's decimals, more than zero.
  /// Kept as integer minor units inside; orders() writes it with exactly the currency's decimals.
  std::string amount;
  std::string currency;  ///< One of hosted_currencies(), e.g. "EUR".
  /// Komfortkasse: the customer's bank details are unknown, so refunds start BANKDETAILS_MISSING.
  bool bank_details_missing = false;
  /// AfterPay / Riverty: the order's captures.
  std::vector<SandboxCapture> captures;
  /// Skip Pay: the application state (READY, PROCESSING, CANCELLED, REJECTED), whether the
  /// order is invoiced, and the VAT rates of its items as percent text ("21", "12", "0").
  std::string application_state = "READY";
  bool invoiced = true;
  std::vector<std::string> vat_rates;
};

struct SandboxOptions {
  std::string host = "127.0.0.1";
  int port = 0;  ///< 0 = an ephemeral port.
  bool seed_default_orders = true;
  /// A JSON seed file ({"orders": [{"provider", "order_id", "amount", "currency", ...}]}), loaded
  /// after the default orders. Empty for none.
  std::string seed_file;
  std::string komfortkasse_api_key = "sandbox-komfortkasse-key";
  /// Optty: the client credentials the token endpoint accepts, the merchant id the order
  /// details call wants, and how long an issued token lives (expires_in, enforced).
  std::string optty_client_id = "sandbox-optty-client";
  std::string optty_client_secret = "sandbox-optty-secret";
  std::string optty_merchant_id = "sandbox-optty-merchant";
  std::chrono::seconds optty_token_lifetime{86400};
  /// AfterPay / Riverty: the X-Auth-Key accepted.
  std::string afterpay_api_key = "sandbox-afterpay-key";
  /// Skip Pay: the partner login accepted, how long a token lives (expiresIn, enforced) and the
  /// e-shop currency refunds must be in.
  std::string skippay_username = "sandbox-skippay-partner";
  std::string skippay_password = "sandbox-skippay-password";
  std::chrono::seconds skippay_token_lifetime{7200};
  std::string skippay_eshop_currency = "CZK";
  /// Today's date as "YYYY-MM-DD", for Komfortkasse's "plannedDate must be in the future" rule.
  /// When empty: Europe/Berlin's date at now() (see berlin_date()). Tests inject a fixed date.
  std::function<std::string()> today;
  /// The clock behind the default `today` and token expiry; empty: std::chrono::system_clock::now.
  std::function<std::chrono::system_clock::time_point()> now;
};

/// One refund the sandbox has recorded (any vendor), as seen through Sandbox::refunds().
struct SandboxRefund {
  std::string provider;
  std::string order_id;
  std::string id;         ///< The vendor's refund id, e.g. "KK-R-000001".
  std::string reference;  ///< The merchant's reference (Komfortkasse externalReference).
  std::string amount;     ///< Decimal text with exactly the currency's decimals, e.g. "12.30".
  std::string currency;   ///< e.g. "EUR".
  std::int64_t amount_minor = 0;  ///< The amount in minor units (1230).
  std::string status;             ///< The vendor's status text, e.g. "NEW".
  std::string planned_date;       ///< Komfortkasse plannedDate as "YYYY-MM-DD"; empty if none.
  std::string vendor_reference;   ///< Komfortkasse referenceNumber ("KKBT...").
  std::string capture_number;     ///< Riverty: the capture refunded.
};

/// The default data set (documented in the README).
std::vector<SandboxOrder> default_orders();

/// The providers whose APIs the sandbox emulates: "komfortkasse", "optty", "afterpay",
/// "skippay". Orders of any other provider are refused.
std::vector<std::string> hosted_providers();

/// The currencies the sandbox hosts orders in, sorted (AUD, CHF, CZK, DKK, EUR, GBP, JPY, NOK,
/// SEK, USD), and how many decimals each has (JPY 0, the others 2); nullopt for any other code.
std::vector<std::string> hosted_currencies();
std::optional<int> currency_decimals(std::string_view currency);

/// Reads a seed file ({"orders": [...]}, format in the README). Throws std::runtime_error with a
/// message naming the file and the offending entry if it cannot be read or is invalid.
std::vector<SandboxOrder> load_seed_file(const std::string& path);

/// As load_seed_file(), from JSON text; `origin` names the source in error messages.
std::vector<SandboxOrder> parse_seed_json(std::string_view json_text, const std::string& origin);

/// The sandbox's own date rule: Europe/Berlin is UTC+1 (CET), and UTC+2 (CEST) from the last
/// Sunday of March 01:00 UTC until the last Sunday of October 01:00 UTC.
std::chrono::seconds berlin_utc_offset(std::chrono::system_clock::time_point instant);
/// Berlin's calendar date at `instant`, as "YYYY-MM-DD".
std::string berlin_date(std::chrono::system_clock::time_point instant);

/// True for the addresses the sandbox may listen on: 127.0.0.0/8 (a dotted quad), ::1 and
/// "localhost" (any case).
bool is_loopback_host(std::string_view host) noexcept;

/// The request header that injects a fault into that one request:
/// "X-Sandbox-Fault: <mode>[; name=value ...]", e.g. "status; status=503; retry_after=2".
/// The sandbox consumes it (the vendor emulator never sees it). Modes: sandbox/README.md.
inline constexpr const char* kFaultHeader = "X-Sandbox-Fault";

/// A standing fault: applied to requests that match its filters, instead of a header.
struct FaultRule {
  /// The mode ("close_before", "drop_after", "reset_before", "reset_after", "delay_after",
  /// "status", "truncated_body", "garbage_then_close", "dribble", "html_error",
  /// "oversized_body", "endless_chunked", "wrong_content_type").
  std::string fault;
  /// The mode's parameters as text, e.g. {{"status", "503"}, {"retry_after", "2"}}.
  std::map<std::string, std::string> parameters;
  std::string method;       ///< Only requests with this method ("POST"); empty: any method.
  std::string path_prefix;  ///< Only paths starting with this ("/komfortkasse/"); empty: any.
  /// Fault at most this many requests (the next N that match and are drawn); empty: no limit.
  std::optional<std::uint64_t> count;
  /// The fraction of matching requests to fault, in [0, 1]. Below 1, each matching request draws
  /// from the rule's own PRNG seeded with `seed`: the same seed faults the same requests.
  double rate = 1.0;
  std::uint64_t seed = 0;
};

/// A FaultRule from the header syntax ("status; status=503; retry_after=2"), without filters.
/// Throws std::invalid_argument for an unknown mode or parameter, or a bad value.
FaultRule parse_fault_rule(std::string_view spec);

/// A rule as the sandbox holds it, with what it has done.
struct FaultRuleStatus {
  FaultRule rule;
  std::uint64_t matched = 0;  ///< Requests that matched its filters while it had count left.
  std::uint64_t applied = 0;  ///< Faults it injected.
};

/// A stateful emulator of the vendors' refund APIs on one loopback HTTP server. Each vendor lives
/// under its own path prefix (komfortkasse_base_url() etc.); admin endpoints live under /_sandbox.
/// Thread-safe. The destructor stops the server.
class Sandbox {
 public:
  /// Starts serving at once. Throws std::runtime_error if the address cannot be bound or the
  /// seed file cannot be read.
  explicit Sandbox(SandboxOptions options = {});
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  /// "http://127.0.0.1:PORT".
  std::string base_url() const;
  int port() const;
  /// Base URL for KomfortkasseOptions::base_url: base_url() + "/komfortkasse/api/v2".
  std::string komfortkasse_base_url() const;
  /// OpttyOptions::base_url: base_url() + "/optty/api"; token_url: base_url() +
  /// "/optty/auth/token".
  std::string optty_base_url() const;
  std::string optty_token_url() const;
  /// AfterPayOptions::base_url: base_url() + "/afterpay" (the client adds /api/v3/...).
  std::string afterpay_base_url() const;
  /// SkipPayOptions::base_url: base_url() + "/skippay" (the client adds /financing/v1/... and
  /// /authentication/v1/partner).
  std::string skippay_base_url() const;
  const SandboxOptions& options() const;

  /// Adds or replaces an order.
  /// A replaced order starts without refunds. Throws std::invalid_argument for an order the
  /// sandbox cannot host (unknown provider or currency, empty order id, an amount that is not
  /// a decimal > 0 with at most the currency's decimals).
  void add_order(const SandboxOrder& order);

  /// Every order, sorted by provider then order id.
  std::vector<SandboxOrder> orders() const;
  /// Every refund recorded, in creation order.
  std::vector<SandboxRefund> refunds() const;
  /// Restores the seeded state: the default orders (unless disabled) and the seed file's orders,
  /// no refunds, fault counters at zero (fault rules stay). Refund ids keep counting up, so they
  /// stay unique for the sandbox's lifetime.
  void reset();

  /// Adds a fault rule after the existing ones (the first rule that fires wins). Throws
  /// std::invalid_argument for an unknown mode or parameter, a bad value, a rate outside [0, 1]
  /// or a path prefix not starting with '/'.
  void add_fault_rule(const FaultRule& rule);
  /// Removes every fault rule (the counters stay).
  void clear_fault_rules();
  std::vector<FaultRuleStatus> fault_rules() const;
  /// Faults injected since start or the last reset(), by mode (modes never injected are absent),
  /// header and rule faults alike.
  std::map<std::string, std::uint64_t> fault_counts() const;

  /// Stops serving (idempotent). Pauses of faults in progress end at once.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace refundkit::sandbox
