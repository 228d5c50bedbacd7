#include "usage.hpp"

namespace refundkit::cli {

const char* const kMainHelp =
    R"(refundkit: refund an order through Komfortkasse, Optty, AfterPay (Riverty) or Skip Pay.

Usage:
  refundkit refund <provider> [options]   create one refund (see: refundkit refund --help)
  refundkit status <provider> [options]   read a refund back by its reference
                                          (see: refundkit status --help)
  refundkit --help                        this text
  refundkit --version                     the version

Providers: komfortkasse (optty, afterpay and skippay are coming).

Output is one JSON object on stdout. Exit codes of refund:
  0  refund created (any status but failed/cancelled), or found already created under this
     --reference for the same order, amount and currency ("existing": true)
  1  refund definitely not made (an error other than outcome_unknown and duplicate_reference,
     or status failed/cancelled)
  2  the command line could not be understood (message on stderr)
  3  outcome unknown: the refund may exist; retry only with the same --reference
  4  a refund with this --reference exists that is not this one (another amount or currency,
     or one that cannot be compared): nothing new was made
Exit codes of status: 0 found, 1 no refund with this reference, 2 bad command line,
3 cannot tell (the read-back failed, or the vendor offers none).
)";

const char* const kRefundHelp = R"(Usage:
  refundkit refund <provider> --order ID --amount DECIMAL --currency CODE --reference REF
                   [--reason TEXT] [--planned-date YYYY-MM-DD] [--base-url URL]
                   [--timeout SECONDS] [--sandbox]

Creates one refund and prints it as JSON.

Options:
  --order ID               the vendor's order identifier (Komfortkasse: the order number)
  --amount DECIMAL         amount in major units, e.g. 12.30 (at most the currency's decimals)
  --currency CODE          ISO 4217 code, e.g. EUR
  --reference REF          your unique reference for this refund; reuse it (and only it) to retry
  --reason TEXT            free text for the vendor
  --planned-date DATE      Komfortkasse: when to send the transfer (in the future; default: the
                           day after today in Europe/Berlin)
  --base-url URL           send to this base URL instead of the vendor's production URL
                           (plain http only for loopback hosts)
  --timeout SECONDS        give up waiting for one request after this long (default 30); what
                           is safe is retried (up to 3 attempts); an answer still missing is
                           outcome_unknown (exit 3)
  --sandbox                start the embedded sandbox (default data set) and use it: no
                           credentials, no network. Orders: KK-1001 100.00 EUR, KK-1002 49.90 EUR,
                           KK-1003 250.00 CHF, KK-1004 80.00 EUR (bank details missing)
  -h, --help               this text

Credentials come from the environment only, never from flags:
  komfortkasse   KOMFORTKASSE_API_KEY

On success stdout holds:
  {"provider", "order", "reference", "id", "status", "vendor_status", "amount", "currency",
   "existing", "attempts", "vendor_response"}
  existing is true when the refund was found already made under this reference (a retry after
  exit 3 that reached its goal): nothing new was made.
  status is one of: pending, awaiting_customer, processing, succeeded, failed, cancelled,
  reversed, unknown.
On error:
  {"error": {"kind", "message", "http_status", "vendor_code", "vendor_message", "request_id",
   "retry_after_seconds", "attempts", "vendor_response"}}
  kind is one of: invalid_request, authentication, not_found, duplicate_reference,
  amount_exceeds_refundable, currency_mismatch, not_refundable, rate_limited, vendor_unavailable,
  network, outcome_unknown, protocol.

Exit codes: 0 created (or found already created), 1 not made, 2 bad command line,
3 outcome unknown (run the same command again), 4 this reference names another refund.
)";

const char* const kStatusHelp = R"(Usage:
  refundkit status <provider> --order ID --reference REF [--base-url URL] [--timeout SECONDS]
                   [--sandbox]

Reads back the refund made with your reference for the order and prints it as JSON (the fields
of refund's success output), without changing anything.

Exit codes: 0 found, 1 no refund with this reference for the order ({"error": {"kind":
"not_found", ...}}), 2 bad command line, 3 cannot tell (the read-back failed, or the vendor
offers none).
)";

}  // namespace refundkit::cli
