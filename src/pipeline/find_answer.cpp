#include <utility>

#include "pipeline/refund_codec.hpp"

namespace refundkit::internal {

FindAnswer FindAnswer::of(Result<Refund> result) {
  if (result) return {Kind::found, std::move(result).value(), std::nullopt};
  Error error = std::move(result).error();
  const Kind kind = error.kind == ErrorKind::not_found ? Kind::absent : Kind::unreadable;
  return {kind, std::nullopt, std::move(error)};
}

Result<Refund> FindAnswer::to_result() && {
  if (kind == Kind::found && refund) return std::move(*refund);
  if (error) return std::move(*error);
  return Error{ErrorKind::outcome_unknown, "the read-back gave no answer"};
}

}  // namespace refundkit::internal
