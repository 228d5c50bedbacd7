#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "internal/http_errors.hpp"

namespace refundkit::internal {
namespace {

using ::testing::HasSubstr;

HttpResponse response(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

TEST(HttpStatusTable, NamedCodes) {
  struct Case {
    int status;
    ErrorKind kind;
  };
  const Case cases[] = {
      {400, ErrorKind::invalid_request}, {401, ErrorKind::authentication},
      {403, ErrorKind::authentication},  {404, ErrorKind::not_found},
      {409, ErrorKind::protocol},        {422, ErrorKind::invalid_request},
      {429, ErrorKind::rate_limited},    {500, ErrorKind::outcome_unknown},
      {502, ErrorKind::outcome_unknown}, {503, ErrorKind::outcome_unknown},
      {504, ErrorKind::outcome_unknown}, {303, ErrorKind::outcome_unknown},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(error_kind_for_http_status(c.status), c.kind) << c.status;
  }
}

// Every adapter call is a refund POST: a server error may follow a committed refund, and a
// 503 may come from a gateway that forwarded the POST.
TEST(HttpStatusTable, EveryServerErrorMayHaveBeenExecuted) {
  for (int status = 500; status <= 599; ++status) {
    EXPECT_EQ(error_kind_for_http_status(status), ErrorKind::outcome_unknown) << status;
  }
}

// A 409 may be a WAF or a lock: never duplicate_reference ("already refunded") by status alone.
TEST(HttpStatusTable, ConflictIsNotADuplicate) {
  EXPECT_EQ(error_kind_for_http_status(409), ErrorKind::protocol);
}

TEST(HttpStatusTable, NonsenseStatusesProveNothing) {
  for (int status : {-1, 0, 1, 42, 99, 600, 601, 999, 1000, 2147483647}) {
    EXPECT_EQ(error_kind_for_http_status(status), ErrorKind::outcome_unknown) << status;
  }
}

TEST(HttpStatusTable, VendorUnavailableIsLeftToAdapters) {
  for (int status = -1; status <= 1000; ++status) {
    EXPECT_NE(error_kind_for_http_status(status), ErrorKind::vendor_unavailable) << status;
  }
}

TEST(HttpStatusTable, EverythingElseIsProtocol) {
  for (int status : {100, 101, 199, 300, 301, 302, 304, 307, 308, 399, 402,
                     405, 406, 408, 409, 410, 411, 413, 415, 418, 451, 499}) {
    EXPECT_EQ(error_kind_for_http_status(status), ErrorKind::protocol) << status;
  }
}

TEST(HttpStatusTable, SuccessIsExactlyTwoHundreds) {
  EXPECT_FALSE(is_success_status(199));
  EXPECT_TRUE(is_success_status(200));
  EXPECT_TRUE(is_success_status(201));
  EXPECT_TRUE(is_success_status(299));
  EXPECT_FALSE(is_success_status(300));
  EXPECT_FALSE(is_success_status(0));
}

TEST(HttpError, KeepsEverythingAndNamesVendorAndStatus) {
  const Error error = http_error("Optty", response(400, R"({"message":"too much"})"),
                                 ErrorKind::amount_exceeds_refundable, "E42", "too much");
  EXPECT_EQ(error.kind, ErrorKind::amount_exceeds_refundable);
  EXPECT_EQ(error.http_status, 400);
  EXPECT_EQ(error.vendor_code, "E42");
  EXPECT_EQ(error.vendor_message, "too much");
  EXPECT_EQ(error.raw_body, R"({"message":"too much"})");
  EXPECT_EQ(error.message, "Optty answered HTTP 400 (amount_exceeds_refundable): [E42] too much");
}

TEST(HttpError, DescribesBodiesWithoutAMessage) {
  EXPECT_EQ(http_error("V", response(404, ""), ErrorKind::not_found, "", "").message,
            "V answered HTTP 404 (not_found) with an empty body");
  EXPECT_EQ(http_error("V", response(404, "<html/>"), ErrorKind::not_found, "", "").message,
            "V answered HTTP 404 (not_found) with no readable error message in its 7-byte body");
}

TEST(HttpError, OutcomeUnknownSaysTheRefundMayExist) {
  const Error error = http_error("V", response(502, ""), ErrorKind::outcome_unknown, "", "");
  EXPECT_THAT(error.message, HasSubstr("V answered HTTP 502 (outcome_unknown)"));
  EXPECT_THAT(error.message, HasSubstr("may have been created"));
  EXPECT_TRUE(error.may_have_been_executed());
}

TEST(UnreadableSuccess, IsOutcomeUnknown) {
  const Error error = unreadable_success("V", response(201, "<html>"), "with a non-JSON body");
  EXPECT_EQ(error.kind, ErrorKind::outcome_unknown);
  EXPECT_EQ(error.http_status, 201);
  EXPECT_EQ(error.raw_body, "<html>");
  EXPECT_THAT(error.message, HasSubstr("V answered HTTP 201 but with a non-JSON body"));
}

TEST(TransportFailure, KeepsKindAndPrefixesVendor) {
  Error original;
  original.kind = ErrorKind::network;
  original.message = "could not connect";
  const Error error = transport_failure("V", original);
  EXPECT_EQ(error.kind, ErrorKind::network);
  EXPECT_EQ(error.message, "V: could not connect");
  EXPECT_EQ(error.http_status, 0);
}

TEST(LocalError, HasNoHttpPart) {
  const Error error = local_error(ErrorKind::invalid_request, "x");
  EXPECT_EQ(error.kind, ErrorKind::invalid_request);
  EXPECT_EQ(error.message, "x");
  EXPECT_EQ(error.http_status, 0);
}

}  // namespace
}  // namespace refundkit::internal
