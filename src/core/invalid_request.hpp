#pragma once

#include <string>
#include <utility>

#include "refundkit/error.hpp"

namespace refundkit::detail {

/// The error for input refundkit rejects before anything is sent.
inline Error invalid_request(std::string message) {
  Error error;
  error.kind = ErrorKind::invalid_request;
  error.message = std::move(message);
  return error;
}

}  // namespace refundkit::detail
