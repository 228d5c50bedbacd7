#include "usage.hpp"

namespace refundkit::cli {

const char* const kMainHelp =
    R"(refundkit: refund an order through Komfortkasse, Optty, AfterPay (Riverty) or Skip Pay.

Usage:
  refundkit refund <provider> [options]   create one refund (see: refundkit refund --help)
  refundkit status <provider> [options]   read a refund back by its reference
                                          (see: refundkit status --help)
  refundkit batch <provider> --file FILE  one refund per row of a CSV file
                                          (see: refundkit batch --help)
  refundkit --help                        this text
  refundkit --version                     the version

Providers: komfortkasse, optty, afterpay (Riverty), skippay.

Output is one JSON object on stdout. Exit codes of refund:
  0  refund created (any status but failed/cancelled), or found already created under this
     --reference for the same order, amount and currency ("existing": true)
  1  refund definitely not made (an error other than outcome_unknown and duplicate_reference,
     or status failed/cancelled)
  2  the command line could not be understood (message on stderr)
  3  outcome unknown: the refund may exist; retry only with the same --reference, except for
     skippay, which cannot recognise a refund it made: check before retrying
  4  a refund with this --reference exists that is not this one (another amount or currency,
     or one that cannot be compared): nothing new was made
Exit codes of status: 0 found, 1 no refund with this reference, 2 bad command line,
3 cannot tell (the read-back failed, or the vendor offers none).
Exit codes of batch: 3 if any row's outcome is unknown, else 4 if any row's reference names
another refund, else 1 if any row was not made, else 0; 2 for a bad command line or file.
)";

const char* const kRefundHelp = R"(Usage:
  refundkit refund <provider> --order ID --amount DECIMAL --currency CODE --reference REF
                   [--reason TEXT] [vendor options] [--base-url URL] [--timeout SECONDS]
                   [--sandbox]

Creates one refund and prints it as JSON.

Options:
  --order ID               the vendor's order identifier: Komfortkasse order number, Optty
                           order reference, Riverty order number, Skip Pay application id
  --amount DECIMAL         amount in major units, e.g. 12.30 (at most the currency's decimals)
  --currency CODE          ISO 4217 code, e.g. EUR
  --reference REF          your unique reference for this refund; reuse it (and only it) to retry
  --reason TEXT            free text for the vendor (Optty: shown to the payment provider)
  --base-url URL           send to this base URL instead of the vendor's production URL
                           (plain http only for loopback hosts)
  --timeout SECONDS        give up waiting for one request after this long (default 30); what
                           is safe is retried (up to 3 attempts); an answer still missing is
                           outcome_unknown (exit 3)
  --sandbox                start the embedded sandbox (default data set) and use it: no
                           credentials, no network. Orders: komfortkasse KK-1001 100.00 EUR,
                           KK-1002 49.90 EUR, KK-1003 250.00 CHF, KK-1004 80.00 EUR (bank details
                           missing); optty OP-2001 100.00 AUD, OP-2002 24.98 AUD, OP-2003 75.50
                           USD; afterpay RV-3001 300.00 EUR and RV-3002 1500.00 NOK (capture
                           000000001), RV-3003 80.00 EUR (not captured); skippay SP-4001 1259.00
                           CZK (READY, invoiced, VAT 21/12/0), SP-4002 (PROCESSING), SP-4003 (not
                           invoiced), SP-4004 (CANCELLED)
  -h, --help               this text

Komfortkasse:
  --planned-date DATE      when to send the transfer (in the future; default: the day after
                           today in Europe/Berlin)
Optty:
  --auth-url URL           the token endpoint instead of https://auth.optty.com/token
AfterPay (Riverty):
  --capture-number N       the capture refunded (required)
  --item JSON              one refunded item (repeatable, in order): {"product_id",
                           "description", "quantity", "gross_unit_price", "net_unit_price",
                           "vat_percent", "vat_amount", "type"}; amounts and quantity as decimal
                           strings ("12.00"), vat_amount per unit, type one of physical_article,
                           digital_article, gift_card, discount, shipping_fee, surcharge, info,
                           subscription; a return fee is an item with a negative gross price.
                           The items must add up to --amount. Without items the amount is sent
                           as one item.
  --items-file FILE        a JSON array of such items
  --refund-type TYPE       refund (goodwill) or return (goods came back)
  --credit-note-number N   your credit note number (at most 19 characters)
Skip Pay:
  --vat RATE=AMOUNT        VAT contained in the refund at RATE percent (repeatable), e.g.
                           --vat 21=21.85
  --variable-symbol DIGITS the payment's variable symbol (digits only, at most 10)

Credentials come from the environment only, never from flags:
  komfortkasse   KOMFORTKASSE_API_KEY
  optty          OPTTY_CLIENT_ID, OPTTY_CLIENT_SECRET (and OPTTY_MERCHANT_ID for read-back)
  afterpay       AFTERPAY_API_KEY
  skippay        SKIPPAY_USERNAME, SKIPPAY_PASSWORD

On success stdout holds:
  {"provider", "order", "reference", "id", "status", "vendor_status", "amount", "currency",
   "existing", "attempts", "vendor_response"}
  existing is true when the refund was found already made under this reference (a retry after
  exit 3 that reached its goal): nothing new was made.
  status is one of: pending, awaiting_customer, processing, succeeded, failed, cancelled,
  reversed, unknown.
On error:
  {"error": {"kind", "message", "http_status", "vendor_code", "vendor_message", "request_id",
   "vendor_field", "customer_message", "retry_after_seconds", "attempts", "vendor_response"}}
  kind is one of: invalid_request, authentication, not_found, duplicate_reference,
  amount_exceeds_refundable, currency_mismatch, not_refundable, rate_limited, vendor_unavailable,
  network, outcome_unknown, protocol. customer_message is the vendor's text for the customer
  (Riverty); request_id the vendor's request or support ticket id.

Exit codes: 0 created (or found already created), 1 not made, 2 bad command line,
3 outcome unknown (run the same command again; skippay: check first, see stderr),
4 this reference names another refund.
)";

const char* const kStatusHelp = R"(Usage:
  refundkit status <provider> --order ID --reference REF [--base-url URL] [--auth-url URL]
                   [--timeout SECONDS] [--sandbox]

Reads back the refund made with your reference for the order and prints it as JSON (the fields
of refund's success output), without changing anything.

Exit codes: 0 found, 1 no refund with this reference for the order ({"error": {"kind":
"not_found", ...}}), 2 bad command line, 3 cannot tell (the read-back failed, or the vendor
cannot identify refunds by reference: Optty's order details list refunds without their
reference, and Skip Pay's application read lists none).
)";

const char* const kBatchHelp = R"(Usage:
  refundkit batch <provider> --file FILE [--concurrency N] [--base-url URL] [--auth-url URL]
                  [--timeout SECONDS] [--sandbox]

Makes one refund per row of a CSV file, each exactly as `refundkit refund` makes it (the same
checks, retries and read-back), several at once. Credentials come from the environment, as for
refund.

Options:
  --file FILE              the CSV file (below); read twice: checked whole, then sent
  --concurrency N          refunds in flight at once, 1 to 256 (default 16)
  --base-url URL           send to this base URL instead of the vendor's production URL
  --auth-url URL           optty: the token endpoint
  --timeout SECONDS        per request, as for refund (default 30)
  --sandbox                use the embedded sandbox (default data set): no credentials
  -h, --help               this text

The file: RFC 4180 CSV (commas; double quotes around a field holding commas, quotes as "", or
line breaks; CRLF or LF; a UTF-8 byte order mark is ignored) with a header row naming the
columns, in any order:
  order, amount, currency, reference          required in every row
  reason                                      optional
  planned_date                                komfortkasse
  capture_number (required), refund_type, items, credit_note_number
                                              afterpay; items is a JSON array of line items as
                                              for --items-file
  vat, variable_symbol                        skippay; vat is RATE=AMOUNT pairs separated by ';'
An empty cell is a value not given; a value in another vendor's column is an error, as the
flag would be. Example:
  order,amount,currency,reference,reason
  KK-1001,12.30,EUR,rma-1,"Returned, wrong size"

Nothing is sent unless the whole file is good: a row that cannot be read or made into a
refund, or two rows with the same order and reference, stop the command with exit 2 and
"refundkit: FILE row N: ..." on stderr (row 1 is the first after the header).

stdout: one JSON object per row, on one line each, in the file's order: {"row": N, ...} with
the fields of refund's output, or {"row": N, "error": {...}}.
stderr: progress (on a terminal a line redrawn in place, otherwise a line every 5 s), then a
summary: created, existing (found already made under its reference), failed by kind, unknown.

Ctrl-C or SIGTERM: the refunds in flight finish, the rows not yet sent end as cancelled; a
second signal ends the process at once.

Running the same file again is safe with komfortkasse (rows read back: "existing": true),
optty (rows refused as reused references: duplicate_reference, exit 4) and afterpay (the
vendor replays its answers). Not with skippay: it cannot recognise a refund it has made, so
every row would be refunded again; check the rows whose outcome is unknown and send only those
you must.

Exit codes: 3 if any row's outcome is unknown (the refund may exist), else 4 if any row's
reference names another refund, else 1 if any row was not made (cancelled included), else 0;
2 for a bad command line or a bad file (nothing sent).
)";

}  // namespace refundkit::cli
