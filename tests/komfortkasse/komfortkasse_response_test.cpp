// How a 2xx answer becomes a Refund: every field, every status, exact amounts, and 2xx bodies
// that cannot be read (outcome_unknown: the refund may exist).
#include <string>

#include "komfortkasse_fixture.hpp"

namespace refundkit::komfortkasse_test {
namespace {

using test_support::FailsWith;
using test_support::Succeeds;

constexpr char kFullAnswer[] = R"({
  "externalReference": "RMA-1",
  "amount": 12.30,
  "currency": "EUR",
  "plannedDate": "20-03-2026",
  "id": "5f1c2a",
  "executionDate": null,
  "referenceNumber": "KKBT00042",
  "status": "NEW"
})";

TEST_F(KomfortkasseTest, FullAnswerBecomesRefund) {
  const Result<Refund> refund = answer(200, kFullAnswer);

  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->provider, "komfortkasse");
  EXPECT_EQ(refund->id, "5f1c2a");
  EXPECT_TRUE(refund->other_ids.empty());
  EXPECT_EQ(refund->vendor_reference, "KKBT00042");
  EXPECT_EQ(refund->order_id, "1001");
  EXPECT_EQ(refund->reference, "RMA-1");
  EXPECT_EQ(refund->status, RefundStatus::pending);
  EXPECT_EQ(refund->vendor_status, "NEW");
  EXPECT_EQ(refund->amount, money("12.30"));
  EXPECT_EQ(refund->planned_date, (Date{2026, 3, 20}));
  EXPECT_EQ(refund->executed_date, std::nullopt);
  EXPECT_EQ(refund->http_status, 200);
  EXPECT_EQ(refund->raw_body, kFullAnswer);
}

TEST_F(KomfortkasseTest, AnyTwoHundredIsSuccess) {
  for (int status : {200, 201, 202}) {
    SCOPED_TRACE(status);
    const Result<Refund> refund = answer(status, R"({"status":"NEW"})");
    ASSERT_THAT(refund, Succeeds());
    EXPECT_EQ(refund->http_status, status);
  }
}

TEST_F(KomfortkasseTest, MissingFieldsFallBackToWhatWasSent) {
  const Result<Refund> refund = answer(200, R"({"status":"NEW"})");

  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->id, "");
  EXPECT_EQ(refund->vendor_reference, "");
  EXPECT_EQ(refund->reference, "RMA-1");
  EXPECT_EQ(refund->amount, money("12.30"));
  EXPECT_EQ(refund->planned_date, (Date{2026, 3, 20}));
  EXPECT_EQ(refund->executed_date, std::nullopt);
}

TEST_F(KomfortkasseTest, NullFieldsFallBackToWhatWasSent) {
  const Result<Refund> refund =
      answer(200, R"({"status":"NEW","id":null,"referenceNumber":null,"externalReference":null,)"
                  R"("amount":null,"currency":null,"plannedDate":null,"executionDate":null})");

  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->id, "");
  EXPECT_EQ(refund->reference, "RMA-1");
  EXPECT_EQ(refund->amount, money("12.30"));
  EXPECT_EQ(refund->planned_date, (Date{2026, 3, 20}));
}

TEST_F(KomfortkasseTest, EchoedDatesWinOverTheRequest) {
  const Result<Refund> refund =
      answer(200, R"({"status":"PROCESSED","externalReference":"RMA-1","amount":12.3,)"
                  R"("currency":"EUR","plannedDate":"2026-03-21","executionDate":"22-03-2026"})");

  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->reference, "RMA-1");
  EXPECT_EQ(refund->amount, money("12.30"));  // 12.3 is the amount sent, however written
  EXPECT_EQ(refund->planned_date, (Date{2026, 3, 21}));
  EXPECT_EQ(refund->executed_date, (Date{2026, 3, 22}));
}

// A 2xx whose echo differs from the request may describe another (existing) refund: it is
// never reported as this one, and never as failed either.
struct EchoCase {
  const char* name;
  std::string body;
  const char* field;  // named in the message
};

void PrintTo(const EchoCase& c, std::ostream* out) { *out << c.name; }

class DifferentEchoTest : public KomfortkasseTest,
                          public ::testing::WithParamInterface<EchoCase> {};

TEST_P(DifferentEchoTest, IsOutcomeUnknownNamingTheField) {
  const Result<Refund> refund = answer(201, GetParam().body);

  ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
  const Error& error = refund.error();
  EXPECT_EQ(error.http_status, 201);
  EXPECT_EQ(error.raw_body, GetParam().body);
  EXPECT_THAT(error.message, ::testing::HasSubstr("Komfortkasse answered HTTP 201 but its \"" +
                                                  std::string(GetParam().field) + "\""));
  EXPECT_THAT(error.message, ::testing::HasSubstr("differs from"));
  EXPECT_EQ(error.message.find('\n'), std::string::npos);  // the echo is shown printable
  EXPECT_THAT(error.message, ::testing::HasSubstr("may have been created"));
}

INSTANTIATE_TEST_SUITE_P(
    Komfortkasse, DifferentEchoTest,
    ::testing::Values(
        EchoCase{"reference", R"({"status":"NEW","externalReference":"RMA-0"})",
                 "externalReference"},
        EchoCase{"reference_case", R"({"status":"NEW","externalReference":"rma-1"})",
                 "externalReference"},
        EchoCase{"reference_empty", R"({"status":"NEW","externalReference":""})",
                 "externalReference"},
        EchoCase{"reference_control", R"({"status":"NEW","externalReference":"RMA-1\n"})",
                 "externalReference"},
        EchoCase{"amount", R"({"status":"NEW","amount":12.00})", "amount"},
        EchoCase{"amount_string", R"({"status":"NEW","amount":"24.60","currency":"EUR"})",
                 "amount"},
        EchoCase{"currency", R"({"status":"NEW","amount":12.30,"currency":"USD"})", "currency"},
        EchoCase{"currency_only", R"({"status":"NEW","currency":"CHF"})", "currency"}),
    [](const ::testing::TestParamInfo<EchoCase>& info) { return info.param.name; });

TEST_F(KomfortkasseTest, DifferentEchoMessageSaysWhatDiffers) {
  const Result<Refund> refund =
      answer(200, R"({"status":"NEW","externalReference":"RMA-0","amount":99.99})");
  ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_THAT(
      refund.error().message,
      ::testing::HasSubstr(R"(its "externalReference" "RMA-0" differs from the "RMA-1" sent)"));

  const Result<Refund> amount = answer(200, R"({"status":"NEW","amount":99.99})");
  ASSERT_THAT(amount, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_THAT(amount.error().message,
              ::testing::HasSubstr(R"(its "amount" 99.99 EUR differs from the 12.30 EUR sent)"));

  const Result<Refund> currency = answer(200, R"({"status":"NEW","currency":"USD"})");
  ASSERT_THAT(currency, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_THAT(currency.error().message,
              ::testing::HasSubstr(R"(its "currency" USD differs from the EUR sent)"));
}

TEST_F(KomfortkasseTest, NumericReferenceEchoMatchesItsText) {
  RefundRequest numeric = request();
  numeric.reference = "4711";
  transport->respond_json(200, R"({"status":"NEW","externalReference":4711})");
  const Result<Refund> refund = create(numeric);
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->reference, "4711");
}

TEST_F(KomfortkasseTest, NumericIdsAreKeptAsText) {
  const Result<Refund> refund =
      answer(200, R"({"status":"NEW","id":123456789012,"referenceNumber":42})");
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->id, "123456789012");
  EXPECT_EQ(refund->vendor_reference, "42");
}

TEST_F(KomfortkasseTest, EchoedCurrencyIsUsedToReadTheAmount) {
  RefundRequest yen = request();
  yen.amount = money("1500", "JPY");
  transport->respond_json(200, R"({"status":"NEW","amount":1500,"currency":"JPY"})");
  const Result<Refund> refund = create(yen);
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->amount, money("1500", "JPY"));

  RefundRequest dinar = request();
  dinar.amount = money("1.25", "KWD");
  transport->respond_json(200, R"({"status":"NEW","amount":1.250,"currency":"KWD"})");
  const Result<Refund> kwd = create(dinar);
  ASSERT_THAT(kwd, Succeeds());
  EXPECT_EQ(kwd->amount, money("1.250", "KWD"));
}

// ---- Statuses --------------------------------------------------------------------------------

struct StatusCase {
  const char* vendor_status;
  RefundStatus status;
};

class StatusTest : public KomfortkasseTest, public ::testing::WithParamInterface<StatusCase> {};

TEST_P(StatusTest, MapsVendorStatusAndKeepsItVerbatim) {
  const std::string vendor_status = GetParam().vendor_status;
  const Result<Refund> refund = answer(200, R"({"status":")" + vendor_status + R"("})");
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->status, GetParam().status);
  EXPECT_EQ(refund->vendor_status, vendor_status);
}

INSTANTIATE_TEST_SUITE_P(
    Komfortkasse, StatusTest,
    ::testing::Values(
        StatusCase{"NEW", RefundStatus::pending}, StatusCase{"PLANNED", RefundStatus::pending},
        StatusCase{"BANKDETAILS_MISSING", RefundStatus::awaiting_customer},
        StatusCase{"IN_PROCESS", RefundStatus::processing},
        StatusCase{"PROCESSED", RefundStatus::succeeded},
        StatusCase{"RETURNED", RefundStatus::reversed}, StatusCase{"ERROR", RefundStatus::failed},
        StatusCase{"CANCELLED", RefundStatus::cancelled},
        StatusCase{"LEGACY", RefundStatus::cancelled},
        // Tolerated spellings.
        StatusCase{"new", RefundStatus::pending}, StatusCase{"Processed", RefundStatus::succeeded},
        StatusCase{"bankdetails_missing", RefundStatus::awaiting_customer},
        // Unknown: kept verbatim for the caller to decide.
        StatusCase{"ON_HOLD", RefundStatus::unknown}, StatusCase{"CANCELED", RefundStatus::unknown},
        StatusCase{" NEW", RefundStatus::unknown}, StatusCase{"N\xC3\x9C", RefundStatus::unknown}));

// ---- Exact amounts ---------------------------------------------------------------------------

struct AmountCase {
  const char* json;      // the "amount" value as the vendor writes it
  const char* expected;  // EUR, or nullptr when it must be refused
};

class AmountTest : public KomfortkasseTest, public ::testing::WithParamInterface<AmountCase> {};

TEST_P(AmountTest, ReadsEchoedAmountExactlyOrNotAtAll) {
  const std::string body = std::string(R"({"status":"NEW","amount":)") + GetParam().json + "}";
  // The request carries the expected amount: a differing echo is a different refund.
  RefundRequest sent = request();
  if (GetParam().expected != nullptr) sent.amount = money(GetParam().expected);
  transport->respond_json(200, body);
  const Result<Refund> refund = create(sent);
  if (GetParam().expected != nullptr) {
    ASSERT_THAT(refund, Succeeds());
    EXPECT_EQ(refund->amount, money(GetParam().expected));
  } else {
    ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
    EXPECT_EQ(refund.error().raw_body, body);
    EXPECT_EQ(refund.error().http_status, 200);
    EXPECT_THAT(refund.error().message, ::testing::HasSubstr("amount"));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Komfortkasse, AmountTest,
    ::testing::Values(
        AmountCase{"12.30", "12.30"}, AmountCase{"0.1", "0.10"}, AmountCase{"0.10", "0.10"},
        AmountCase{"12.3", "12.30"}, AmountCase{"12", "12.00"}, AmountCase{"\"12.30\"", "12.30"},
        AmountCase{"\"7\"", "7.00"}, AmountCase{"0.29", "0.29"},  // not exact as a double
        AmountCase{"1.005e1", "10.05"},                           // exponents applied exactly
        AmountCase{"1e2", "100.00"}, AmountCase{"1E+2", "100.00"}, AmountCase{"1230e-2", "12.30"},
        AmountCase{"12.300", "12.30"},  // trailing zeros carry no value
        AmountCase{"92233720368547758.07", "92233720368547758.07"},  // beyond a double's 53 bits
        AmountCase{"12.345", nullptr},  // more decimals than EUR: never rounded
        AmountCase{"1e-3", nullptr}, AmountCase{"92233720368547758.08", nullptr},  // overflow
        AmountCase{"\"12,30\"", nullptr}, AmountCase{"\" 12.30\"", nullptr},
        AmountCase{"\"\"", nullptr}, AmountCase{"true", nullptr}, AmountCase{"{}", nullptr},
        AmountCase{"[12.30]", nullptr}));

TEST_F(KomfortkasseTest, AmountOutsideJsonNumberRangeMakesTheBodyUnreadable) {
  const Result<Refund> refund = answer(200, R"({"status":"NEW","amount":1e999})");
  ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
}

// ---- Dates -----------------------------------------------------------------------------------

TEST_F(KomfortkasseTest, AcceptsBothDateForms) {
  for (const char* text : {"02-04-2026", "2026-04-02"}) {
    SCOPED_TRACE(text);
    const Result<Refund> refund =
        answer(200, std::string(R"({"status":"PROCESSED","executionDate":")") + text + "\"}");
    ASSERT_THAT(refund, Succeeds());
    EXPECT_EQ(refund->executed_date, (Date{2026, 4, 2}));
  }
}

TEST_F(KomfortkasseTest, EmptyExecutionDateMeansNotExecuted) {
  const Result<Refund> refund = answer(200, R"({"status":"NEW","executionDate":""})");
  ASSERT_THAT(refund, Succeeds());
  EXPECT_EQ(refund->executed_date, std::nullopt);
}

TEST_F(KomfortkasseTest, MalformedDatesAreUnreadable) {
  for (const char* field : {"plannedDate", "executionDate"}) {
    for (const char* value : {R"("30-02-2026")", R"("2026/04/02")", R"("2-4-2026")",
                              R"("yesterday")", R"("2026-04-02T10:00:00Z")", "20260402", "true"}) {
      SCOPED_TRACE(std::string(field) + "=" + value);
      const std::string body = std::string(R"({"status":"NEW",")") + field + R"(":)" + value + "}";
      const Result<Refund> refund = answer(200, body);
      ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
      EXPECT_THAT(refund.error().message, ::testing::HasSubstr(field));
      EXPECT_EQ(refund.error().raw_body, body);
    }
  }
}

// ---- 2xx bodies that cannot be read ----------------------------------------------------------

struct UnreadableCase {
  const char* name;
  std::string body;
};

void PrintTo(const UnreadableCase& c, std::ostream* out) { *out << c.name; }

class UnreadableSuccessTest : public KomfortkasseTest,
                              public ::testing::WithParamInterface<UnreadableCase> {};

TEST_P(UnreadableSuccessTest, IsOutcomeUnknownWithRawBody) {
  const Result<Refund> refund = answer(200, GetParam().body);

  ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
  const Error& error = refund.error();
  EXPECT_TRUE(error.may_have_been_executed());
  EXPECT_EQ(error.http_status, 200);
  EXPECT_EQ(error.raw_body, GetParam().body);
  EXPECT_TRUE(error.vendor_message.empty());
  EXPECT_THAT(error.message, ::testing::HasSubstr("Komfortkasse answered HTTP 200"));
  EXPECT_THAT(error.message, ::testing::HasSubstr("may have been created"));
  EXPECT_EQ(posts().size(), 1u);  // then read back, which finds nothing
}

INSTANTIATE_TEST_SUITE_P(
    Komfortkasse, UnreadableSuccessTest,
    ::testing::Values(
        UnreadableCase{"empty", ""}, UnreadableCase{"whitespace", " \r\n"},
        UnreadableCase{"text", "OK"},
        UnreadableCase{"html", "<html><body><h1>Refund created</h1></body></html>"},
        UnreadableCase{"truncated", R"({"status":"NEW","amount":12.)"},
        UnreadableCase{"trailing_garbage", R"({"status":"NEW"} x)"},
        UnreadableCase{"array", R"([{"status":"NEW"}])"}, UnreadableCase{"string", R"("NEW")"},
        UnreadableCase{"null", "null"}, UnreadableCase{"number", "12.30"},
        UnreadableCase{"empty_object", "{}"}, UnreadableCase{"null_status", R"({"status":null})"},
        UnreadableCase{"numeric_status", R"({"status":1})"},
        UnreadableCase{"empty_status", R"({"status":""})"},
        UnreadableCase{"object_status", R"({"status":{"code":"NEW"}})"},
        UnreadableCase{"wrong_key_case", R"({"Status":"NEW"})"},
        UnreadableCase{"duplicate_key", R"({"status":"NEW","amount":1.00,"amount":2.00})"},
        UnreadableCase{"invalid_utf8", "{\"status\":\"NEW\",\"id\":\"\xFF\"}"},
        UnreadableCase{"unknown_currency", R"({"status":"NEW","currency":"EURO"})"},
        UnreadableCase{"numeric_currency", R"({"status":"NEW","currency":978})"},
        UnreadableCase{"object_id", R"({"status":"NEW","id":{"value":"1"}})"},
        UnreadableCase{"array_reference", R"({"status":"NEW","referenceNumber":["KKBT1"]})"},
        UnreadableCase{"oversized",
                       R"({"status":"NEW","pad":")" + std::string(2 * 1024 * 1024, 'x') + "\"}"}),
    [](const ::testing::TestParamInfo<UnreadableCase>& info) { return info.param.name; });

TEST_F(KomfortkasseTest, NoContentIsOutcomeUnknown) {
  transport->respond(204, "");
  const Result<Refund> refund = create(request());
  ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_EQ(refund.error().http_status, 204);
}

}  // namespace
}  // namespace refundkit::komfortkasse_test
