#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

#include "refundkit/result.hpp"

namespace refundkit {
namespace {

Error make_error(std::string message) {
  Error error;
  error.kind = ErrorKind::not_found;
  error.message = std::move(message);
  error.http_status = 404;
  error.vendor_code = "E404";
  return error;
}

TEST(Result, HoldsAValue) {
  Result<int> result(42);
  EXPECT_TRUE(result.ok());
  EXPECT_TRUE(static_cast<bool>(result));
  EXPECT_EQ(result.value(), 42);
  EXPECT_EQ(*result, 42);
  result.value() = 7;
  EXPECT_EQ(*result, 7);
}

TEST(Result, HoldsAnError) {
  Result<std::string> result(make_error("no such order"));
  EXPECT_FALSE(result.ok());
  EXPECT_FALSE(static_cast<bool>(result));
  EXPECT_EQ(result.error().kind, ErrorKind::not_found);
  EXPECT_EQ(result.error().message, "no such order");
  EXPECT_EQ(result.error().http_status, 404);
  EXPECT_EQ(result.error().vendor_code, "E404");
}

TEST(Result, ArrowReachesMembers) {
  Result<std::string> result(std::string("abc"));
  EXPECT_EQ(result->size(), 3u);
  const Result<std::string>& constant = result;
  EXPECT_EQ(constant->size(), 3u);
  EXPECT_EQ(*constant, "abc");
}

TEST(Result, ValueOnAnErrorThrows) {
  Result<int> result(make_error("boom"));
  EXPECT_THROW((void)result.value(), BadResultAccess);
  EXPECT_THROW((void)*result, BadResultAccess);
  const Result<int>& constant = result;
  EXPECT_THROW((void)constant.value(), BadResultAccess);
  EXPECT_THROW((void)std::move(result).value(), BadResultAccess);
  try {
    (void)Result<int>(make_error("the reason")).value();
    FAIL() << "expected BadResultAccess";
  } catch (const BadResultAccess& e) {
    EXPECT_NE(std::string(e.what()).find("the reason"), std::string::npos);
  }
}

TEST(Result, ErrorOnAValueThrows) {
  Result<int> result(1);
  EXPECT_THROW((void)result.error(), BadResultAccess);
  EXPECT_THROW((void)std::move(result).error(), BadResultAccess);
}

TEST(Result, BadResultAccessIsALogicError) {
  Result<int> result(1);
  EXPECT_THROW((void)result.error(), std::logic_error);
}

TEST(Result, WorksWithMoveOnlyTypes) {
  Result<std::unique_ptr<int>> result(std::make_unique<int>(5));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(**result, 5);
  std::unique_ptr<int> taken = std::move(result).value();
  ASSERT_NE(taken, nullptr);
  EXPECT_EQ(*taken, 5);

  Result<std::unique_ptr<int>> moved_from(std::make_unique<int>(6));
  Result<std::unique_ptr<int>> moved_to(std::move(moved_from));
  EXPECT_EQ(**moved_to, 6);

  Result<std::unique_ptr<int>> failed(make_error("nope"));
  EXPECT_THROW((void)std::move(failed).value(), BadResultAccess);
}

TEST(Result, ErrorCanBeMovedOut) {
  Result<int> result(make_error("moved"));
  Error error = std::move(result).error();
  EXPECT_EQ(error.message, "moved");
  EXPECT_EQ(error.kind, ErrorKind::not_found);
}

TEST(Error, OnlyOutcomeUnknownMayHaveBeenExecuted) {
  Error error;
  error.kind = ErrorKind::outcome_unknown;
  EXPECT_TRUE(error.may_have_been_executed());
  error.kind = ErrorKind::network;
  EXPECT_FALSE(error.may_have_been_executed());
  error.kind = ErrorKind::vendor_unavailable;
  EXPECT_FALSE(error.may_have_been_executed());
}

}  // namespace
}  // namespace refundkit
