#pragma once

#include <gmock/gmock.h>

#include <string>
#include <string_view>
#include <vector>

#include "refundkit/error.hpp"
#include "refundkit/refund.hpp"
#include "refundkit/result.hpp"

namespace refundkit::test_support {

/// One line with every field, for failure messages.
std::string describe(const Error& error);

/// Every text field of an Error / a Refund (for "no secret anywhere" assertions).
std::vector<std::string_view> text_fields(const Error& error);
std::vector<std::string_view> text_fields(const Refund& refund);
bool any_field_contains(const Error& error, std::string_view needle);
bool any_field_contains(const Refund& refund, std::string_view needle);

/// EXPECT_THAT(result, Succeeds()): shows the error when it did not.
MATCHER(Succeeds, "succeeds") {
  if (!arg.ok()) *result_listener << "failed: " << ::refundkit::test_support::describe(arg.error());
  return arg.ok();
}

/// EXPECT_THAT(result, FailsWith(ErrorKind::not_found)).
MATCHER_P(FailsWith, kind,
          std::string(negation ? "does not fail" : "fails") +
              " with ErrorKind::" + std::string(::refundkit::to_string(kind))) {
  if (arg.ok()) {
    *result_listener << "succeeded";
    return false;
  }
  *result_listener << ::refundkit::test_support::describe(arg.error());
  return arg.error().kind == kind;
}

}  // namespace refundkit::test_support
