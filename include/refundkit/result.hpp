#pragma once

#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "refundkit/error.hpp"

namespace refundkit {

/// Thrown when a Result is used the wrong way: value() on an error, or error() on a value.
/// This is a programming mistake, not an outcome; outcomes are always returned, never thrown.
class BadResultAccess : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

/// A value or an Error, in the spirit of google-cloud-cpp's StatusOr: cheap on success,
/// loud on misuse.
template <typename T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<std::decay_t<T>, Error>, "Result<Error> is ambiguous");
  static_assert(!std::is_reference_v<T>, "Result<T&> is not supported");

 public:
  using value_type = T;

  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}      // NOLINT
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & { return require_value(), std::get<0>(state_); }
  const T& value() const& { return require_value(), std::get<0>(state_); }
  T&& value() && { return require_value(), std::get<0>(std::move(state_)); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& {
    if (ok())
      throw BadResultAccess("refundkit::Result::error() called on a Result holding a value");
    return std::get<1>(state_);
  }
  Error&& error() && {
    if (ok())
      throw BadResultAccess("refundkit::Result::error() called on a Result holding a value");
    return std::get<1>(std::move(state_));
  }

 private:
  void require_value() const {
    if (!ok()) {
      throw BadResultAccess("refundkit::Result::value() called on an error: " +
                            std::get<1>(state_).message);
    }
  }

  std::variant<T, Error> state_;
};

}  // namespace refundkit
