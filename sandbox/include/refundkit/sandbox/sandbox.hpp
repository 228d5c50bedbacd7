#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refundkit/date.hpp"
#include "refundkit/money.hpp"

namespace refundkit::sandbox {

/// One order the sandbox knows, for one vendor.
struct SandboxOrder {
  std::string provider;  ///< "komfortkasse" (later: "optty", "afterpay", "skippay").
  std::string order_id;
  Money amount;  ///< The order total (what refunds are limited against).
  /// Komfortkasse: the customer's bank details are unknown, so refunds start BANKDETAILS_MISSING.
  bool bank_details_missing = false;
};

struct SandboxOptions {
  std::string host = "127.0.0.1";
  int port = 0;  ///< 0 = an ephemeral port.
  bool seed_default_orders = true;
  /// A JSON seed file ({"orders": [{"provider", "order_id", "amount", "currency", ...}]}), loaded
  /// after the default orders. Empty for none.
  std::string seed_file;
  std::string komfortkasse_api_key = "sandbox-komfortkasse-key";
  /// Today's date, for Komfortkasse's "plannedDate must be in the future" rule. When empty,
  /// Komfortkasse's date (Europe/Berlin), as the adapter computes it: the UTC date of now + 2 h.
  /// Tests inject a fixed date.
  std::function<Date()> today;
};

/// One refund the sandbox has recorded (any vendor), as seen through Sandbox::refunds().
struct SandboxRefund {
  std::string provider;
  std::string order_id;
  std::string id;         ///< The vendor's refund id, e.g. "KK-R-000001".
  std::string reference;  ///< The merchant's reference (Komfortkasse externalReference).
  Money amount;
  std::string status;                ///< The vendor's status text, e.g. "NEW".
  std::optional<Date> planned_date;  ///< Komfortkasse plannedDate.
  std::string vendor_reference;      ///< Komfortkasse referenceNumber ("KKBT...").
};

/// The default data set (documented in the README).
std::vector<SandboxOrder> default_orders();

/// The providers whose APIs the sandbox emulates (today: "komfortkasse"). Orders of any other
/// provider are refused.
std::vector<std::string> hosted_providers();

/// Reads a seed file ({"orders": [...]}, format in the README). Throws std::runtime_error with a
/// message naming the file and the offending entry if it cannot be read or is invalid.
std::vector<SandboxOrder> load_seed_file(const std::string& path);

/// As load_seed_file(), from JSON text; `origin` names the source in error messages.
std::vector<SandboxOrder> parse_seed_json(std::string_view json_text, const std::string& origin);

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
  const SandboxOptions& options() const;

  /// Adds or replaces an order.
  /// A replaced order starts without refunds. Throws std::invalid_argument for an order the
  /// sandbox cannot host (unknown provider, empty order id, amount not positive).
  void add_order(const SandboxOrder& order);

  /// Every order, sorted by provider then order id.
  std::vector<SandboxOrder> orders() const;
  /// Every refund recorded, in creation order.
  std::vector<SandboxRefund> refunds() const;
  /// Restores the seeded state: the default orders (unless disabled) and the seed file's orders,
  /// no refunds. Refund ids keep counting up, so they stay unique for the sandbox's lifetime.
  void reset();

  /// Stops serving (idempotent).
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace refundkit::sandbox
