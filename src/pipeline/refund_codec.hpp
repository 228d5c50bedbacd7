#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refundkit/refund.hpp"
#include "refundkit/result.hpp"
#include "refundkit/transport.hpp"

namespace refundkit::internal {

/// How a vendor recognises a refund it has already made. It decides what the pipeline may send
/// again after a request that may have reached the vendor without a definite answer.
enum class Deduplication {
  /// No key and no reference the vendor checks (Skip Pay): once a refund may have left, it is
  /// never sent again.
  none,
  /// The merchant reference is unique at the vendor, which refuses a reused one (Komfortkasse,
  /// Optty). A resend is safe, and a read-back by reference tells whether the refund exists.
  unique_reference,
  /// A key the vendor replays (Riverty's X-Idempotency-Key): a resend returns the first answer.
  idempotency_key,
};

/// A refund request checked and ready to send.
struct PreparedRefund {
  /// The request as it goes out: defaults filled in (e.g. Komfortkasse's plannedDate), so that
  /// interpreting the answer needs nothing else.
  RefundRequest request;
  HttpRequest http;
};

/// What one read-back answer says about a merchant reference.
struct FindAnswer {
  enum class Kind {
    found,   ///< `refund` is the refund made with the reference.
    absent,  ///< The answer shows the order without one (`error`: not_found).
    /// The answer lists the order's refunds but cannot say which, if any, has the reference (a
    /// vendor whose list omits it): `error` (outcome_unknown) says so. Not a failure: it is
    /// what this vendor's read-back can tell.
    unidentifiable,
    unreadable,  ///< No usable answer (a failure, an error status, an unreadable body): `error`.
  };
  Kind kind = Kind::unreadable;
  std::optional<Refund> refund;
  std::optional<Error> error;

  /// found for a Refund, absent for ErrorKind::not_found, unreadable for any other Error: for
  /// vendors whose read-back always identifies the refund.
  static FindAnswer of(Result<Refund> result);
  /// The public find_refund's view: the Refund, or the Error.
  Result<Refund> to_result() &&;
};

/// One vendor's wire format, and nothing else: building requests and reading answers, as pure
/// functions without I/O, so that the pipeline (and a batch driver over curl multi) can drive
/// them. Validation, retries, read-back, layering and redaction are the pipeline's.
class RefundCodec {
 public:
  virtual ~RefundCodec() = default;

  virtual std::string_view provider() const noexcept = 0;     ///< "komfortkasse"
  virtual std::string_view vendor_name() const noexcept = 0;  ///< "Komfortkasse", in messages
  virtual Deduplication deduplication() const noexcept = 0;

  /// Everything the vendor would refuse that can be known locally is an Error here (see
  /// pipeline/refund_validation.hpp), so that a bad request is never sent.
  virtual Result<PreparedRefund> prepare_create(const RefundRequest& request) const = 0;
  /// Any answer to the create request, 2xx or not, as a Refund or an Error.
  virtual Result<Refund> interpret_create(const PreparedRefund& sent,
                                          const HttpResponse& response) const = 0;

  /// True when the vendor can list an order's refunds by merchant reference.
  virtual bool can_find() const noexcept = 0;
  /// The read-back request (only called when can_find()).
  virtual Result<HttpRequest> prepare_find(std::string_view order_id,
                                           std::string_view reference) const = 0;
  /// What the read-back answer says about `reference` (see FindAnswer).
  virtual FindAnswer interpret_find(std::string_view order_id, std::string_view reference,
                                    const HttpResponse& response) const = 0;

  /// The credentials this codec sends: scrubbed from every Refund and Error that leaves.
  virtual std::vector<std::string> secrets() const = 0;
};

}  // namespace refundkit::internal
