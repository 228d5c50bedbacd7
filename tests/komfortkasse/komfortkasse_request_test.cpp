// What the adapter sends: exact method, URL, headers and body bytes, and what it refuses to send.
#include <string>
#include <vector>

#include "komfortkasse_fixture.hpp"

namespace refundkit::komfortkasse_test {
namespace {

using test_support::FailsWith;
using test_support::Succeeds;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;

constexpr char kNewRefund[] = R"({"status":"NEW"})";

// Sends request and returns what went over the wire.
class RequestTest : public KomfortkasseTest {
 protected:
  HttpRequest sent(const RefundRequest& refund_request) {
    const std::size_t sent_before = transport->request_count();
    transport->respond_json(200, kNewRefund);
    EXPECT_THAT(create(refund_request), Succeeds());
    EXPECT_EQ(transport->request_count(), sent_before + 1);
    return transport->last_request();
  }
};

auto header(std::string name, std::string value) {
  return AllOf(Field(&HttpHeader::name, name), Field(&HttpHeader::value, value));
}

TEST_F(RequestTest, SendsExactlyTheDocumentedRequest) {
  const HttpRequest http = sent(request());

  EXPECT_EQ(http.method, HttpMethod::post);
  EXPECT_EQ(http.url, kRefundUrl);
  EXPECT_THAT(http.headers, ElementsAre(header("X-Komfortkasse-API-Key", std::string(kApiKey)),
                                        header("Content-Type", "application/json"),
                                        header("Accept", "application/json")));
  EXPECT_EQ(http.body, R"({"externalReference":"RMA-1","amount":12.30,"currency":"EUR",)"
                       R"("plannedDate":"20-03-2026"})");
  EXPECT_FALSE(http.body_is_secret);
}

TEST_F(RequestTest, AmountIsWrittenInTheDocumentedFormatWithTwoDecimals) {
  struct Case {
    const char* amount;
    const char* currency;
    const char* json;
  };
  const Case cases[] = {
      {"12.30", "EUR", R"("amount":12.30,"currency":"EUR")"},
      {"12.3", "EUR", R"("amount":12.30,"currency":"EUR")"},
      {"0.01", "EUR", R"("amount":0.01,"currency":"EUR")"},
      {"1000000", "EUR", R"("amount":1000000.00,"currency":"EUR")"},
      {"0.1", "CHF", R"("amount":0.10,"currency":"CHF")"},
      {"1500", "JPY", R"("amount":1500.00,"currency":"JPY")"},
      {"1.25", "KWD", R"("amount":1.25,"currency":"KWD")"},
      {"92233720368547758.07", "EUR", R"("amount":92233720368547758.07,"currency":"EUR")"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.amount) + " " + c.currency);
    RefundRequest refund_request = request();
    refund_request.amount = money(c.amount, c.currency);
    EXPECT_EQ(sent(refund_request).body, std::string(R"({"externalReference":"RMA-1",)") + c.json +
                                             R"(,"plannedDate":"20-03-2026"})");
  }
}

TEST_F(RequestTest, AnAmountThatTwoDecimalsCannotHoldIsRefusedBeforeSending) {
  for (const auto& [amount, currency] :
       {std::pair<const char*, const char*>{"0.001", "KWD"}, {"92233720368547759", "JPY"}}) {
    SCOPED_TRACE(std::string(amount) + " " + currency);
    RefundRequest refund_request = request();
    refund_request.amount = money(amount, currency);
    const Result<Refund> refund = create(refund_request);
    ASSERT_THAT(refund, FailsWith(ErrorKind::invalid_request));
    EXPECT_THAT(refund.error().message, ::testing::HasSubstr("two decimals (0.00)"));
  }
  EXPECT_EQ(transport->request_count(), 0u);
}

TEST_F(RequestTest, OrderNumberIsOnePercentEncodedPathSegment) {
  struct Case {
    const char* order_number;
    const char* path_segment;
  };
  const Case cases[] = {
      {"1001", "1001"},
      {"A/../1", "A%2F..%2F1"},
      {"a b", "a%20b"},
      {"..", "%2E%2E"},
      {".", "%2E"},
      {"...", "%2E%2E%2E"},
      {"v1.2", "v1.2"},
      {"\xC3\xBC", "%C3%BC"},  // ü
      {"Az09-._~", "Az09-._~"},
      {"a?b#c%d&e=f+g", "a%3Fb%23c%25d%26e%3Df%2Bg"},
      {"x\\y", "x%5Cy"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.order_number);
    RefundRequest refund_request = request();
    refund_request.order_id = c.order_number;
    EXPECT_EQ(sent(refund_request).url,
              std::string("https://kk.example/api/v2/order/") + c.path_segment + "/refund");
  }
}

TEST_F(RequestTest, BaseUrlMayEndWithSlash) {
  KomfortkasseOptions with_slash = options();
  with_slash.base_url = "https://kk.example/api/v2/";
  transport->respond_json(200, kNewRefund);
  ASSERT_THAT(make_komfortkasse_client(with_slash, transport)->create_refund(request()),
              Succeeds());
  EXPECT_EQ(transport->last_request().url, kRefundUrl);
}

TEST_F(RequestTest, ReferenceIsJsonEscaped) {
  RefundRequest refund_request = request();
  refund_request.reference = "RMA \"7\" \\ \xC3\xBC/1";
  EXPECT_EQ(sent(refund_request).body,
            R"({"externalReference":"RMA \"7\" \\ )"
            "\xC3\xBC"
            R"(/1","amount":12.30,"currency":"EUR","plannedDate":"20-03-2026"})");
}

TEST_F(RequestTest, PlannedDateIsDayMonthYear) {
  RefundRequest refund_request = request();
  refund_request.planned_date = Date{2027, 1, 5};
  EXPECT_THAT(sent(refund_request).body, ::testing::HasSubstr(R"("plannedDate":"05-01-2027")"));
}

TEST_F(RequestTest, PlannedDateDefaultsToTomorrow) {
  struct Case {
    Date today;
    const char* tomorrow;
  };
  const Case cases[] = {
      {{2026, 3, 14}, "15-03-2026"},  {{2026, 1, 31}, "01-02-2026"}, {{2026, 4, 30}, "01-05-2026"},
      {{2025, 12, 31}, "01-01-2026"}, {{2024, 2, 28}, "29-02-2024"}, {{2024, 2, 29}, "01-03-2024"},
      {{2023, 2, 28}, "01-03-2023"},  {{2100, 2, 28}, "01-03-2100"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.today.to_iso());
    today = c.today;
    RefundRequest refund_request = request();
    refund_request.planned_date.reset();
    transport->respond_json(200, kNewRefund);
    const Result<Refund> refund = create(refund_request);
    ASSERT_THAT(refund, Succeeds());
    EXPECT_THAT(transport->last_request().body,
                ::testing::HasSubstr(std::string(R"("plannedDate":")") + c.tomorrow + "\""));
    // The date sent is the date reported when the answer does not echo one.
    EXPECT_EQ(refund->planned_date, c.today.next_day());
  }
}

TEST_F(RequestTest, ReasonIsDroppedAsKomfortkasseHasNoFieldForIt) {
  RefundRequest with_reason = request();
  with_reason.reason = "damaged";
  EXPECT_EQ(sent(with_reason).body, sent(request()).body);
}

TEST_F(RequestTest, FieldsThatMoveMoneyAndCannotBeHonouredAreRefusedBeforeSending) {
  struct Case {
    const char* field;
    void (*set)(RefundRequest&);
  };
  const Case cases[] = {
      {"kind", [](RefundRequest& r) { r.kind = RefundKind::returned_goods; }},
      {"capture_number", [](RefundRequest& r) { r.capture_number = "C-1"; }},
      {"variable_symbol", [](RefundRequest& r) { r.variable_symbol = "123"; }},
      {"line_items", [](RefundRequest& r) { r.line_items.push_back(LineItem{}); }},
      {"vat_breakdown", [](RefundRequest& r) { r.vat_breakdown.push_back(VatAmount{}); }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.field);
    RefundRequest refund_request = request();
    c.set(refund_request);
    const Result<Refund> refund = create(refund_request);
    ASSERT_THAT(refund, FailsWith(ErrorKind::invalid_request));
    EXPECT_THAT(refund.error().message, ::testing::HasSubstr(c.field));
    EXPECT_EQ(refund.error().attempts, 0);
  }
  EXPECT_EQ(transport->request_count(), 0u);
}

TEST_F(RequestTest, WithoutRetriesAnUnknownOutcomeIsSentOnceThenReadBack) {
  transport->respond_json(500, R"({"error":"internal"})");
  const Result<Refund> refund = create(request());
  ASSERT_THAT(refund, FailsWith(ErrorKind::outcome_unknown));
  EXPECT_EQ(refund.error().attempts, 1);
  ASSERT_EQ(transport->request_count(), 2u);
  EXPECT_EQ(posts().size(), 1u);
  EXPECT_EQ(transport->last_request().method, HttpMethod::get);
  EXPECT_EQ(transport->last_request().url,
            "https://kk.example/api/v2/order/1001?includeRefunds=true");
}

TEST_F(RequestTest, LongestAcceptedIdentifiersAreSent) {
  RefundRequest refund_request = request();
  refund_request.reference = std::string(255, 'r');
  refund_request.order_id = std::string(255, 'o');
  const HttpRequest http = sent(refund_request);
  EXPECT_THAT(http.body, ::testing::HasSubstr(std::string(255, 'r')));
}

// ---- Validation: nothing is sent -------------------------------------------------------------

struct InvalidCase {
  const char* name;
  void (*spoil)(KomfortkasseOptions&, RefundRequest&);
  ErrorKind kind;
};

void PrintTo(const InvalidCase& c, std::ostream* out) { *out << c.name; }

const InvalidCase kInvalidCases[] = {
    {"no api key", [](KomfortkasseOptions& o, RefundRequest&) { o.api_key.clear(); },
     ErrorKind::authentication},
    {"api key with CRLF",
     [](KomfortkasseOptions& o, RefundRequest&) { o.api_key = "abc\r\nX-Evil: 1"; },
     ErrorKind::authentication},
    {"no base url", [](KomfortkasseOptions& o, RefundRequest&) { o.base_url.clear(); },
     ErrorKind::invalid_request},
    {"empty order", [](KomfortkasseOptions&, RefundRequest& r) { r.order_id.clear(); },
     ErrorKind::invalid_request},
    {"order too long",
     [](KomfortkasseOptions&, RefundRequest& r) { r.order_id = std::string(256, '1'); },
     ErrorKind::invalid_request},
    {"order not UTF-8", [](KomfortkasseOptions&, RefundRequest& r) { r.order_id = "10\xFF"; },
     ErrorKind::invalid_request},
    {"order with newline", [](KomfortkasseOptions&, RefundRequest& r) { r.order_id = "10\n01"; },
     ErrorKind::invalid_request},
    {"empty reference", [](KomfortkasseOptions&, RefundRequest& r) { r.reference.clear(); },
     ErrorKind::invalid_request},
    {"reference too long",
     [](KomfortkasseOptions&, RefundRequest& r) { r.reference = std::string(256, 'r'); },
     ErrorKind::invalid_request},
    {"reference not UTF-8",
     [](KomfortkasseOptions&, RefundRequest& r) { r.reference = "RMA-\xC3"; },
     ErrorKind::invalid_request},
    {"reference with tab", [](KomfortkasseOptions&, RefundRequest& r) { r.reference = "RMA\t1"; },
     ErrorKind::invalid_request},
    {"zero amount", [](KomfortkasseOptions&, RefundRequest& r) { r.amount = money("0.00"); },
     ErrorKind::invalid_request},
    {"negative amount", [](KomfortkasseOptions&, RefundRequest& r) { r.amount = money("-5.00"); },
     ErrorKind::invalid_request},
    {"no currency", [](KomfortkasseOptions&, RefundRequest& r) { r.amount = Money(); },
     ErrorKind::invalid_request},
    {"planned today",
     [](KomfortkasseOptions&, RefundRequest& r) {
       r.planned_date = Date{2026, 3, 14};
     },
     ErrorKind::invalid_request},
    {"planned yesterday",
     [](KomfortkasseOptions&, RefundRequest& r) {
       r.planned_date = Date{2026, 3, 13};
     },
     ErrorKind::invalid_request},
    {"planned last year",
     [](KomfortkasseOptions&, RefundRequest& r) {
       r.planned_date = Date{2025, 12, 31};
     },
     ErrorKind::invalid_request},
    {"planned date that does not exist",
     [](KomfortkasseOptions&, RefundRequest& r) {
       r.planned_date = Date{2026, 2, 30};
     },
     ErrorKind::invalid_request},
};

class ValidationTest : public KomfortkasseTest,
                       public ::testing::WithParamInterface<InvalidCase> {};

TEST_P(ValidationTest, FailsLocallyAndSendsNothing) {
  KomfortkasseOptions spoiled_options = options();
  RefundRequest spoiled_request = request();
  GetParam().spoil(spoiled_options, spoiled_request);

  const Result<Refund> refund =
      make_komfortkasse_client(spoiled_options, transport)->create_refund(spoiled_request);

  ASSERT_THAT(refund, FailsWith(GetParam().kind));
  EXPECT_EQ(transport->request_count(), 0u);
  EXPECT_EQ(refund.error().http_status, 0);
  EXPECT_TRUE(refund.error().raw_body.empty());
  EXPECT_THAT(refund.error().message, ::testing::StartsWith("Komfortkasse: "));
  EXPECT_FALSE(refund.error().may_have_been_executed());
}

INSTANTIATE_TEST_SUITE_P(Komfortkasse, ValidationTest, ::testing::ValuesIn(kInvalidCases),
                         [](const ::testing::TestParamInfo<InvalidCase>& info) {
                           std::string name = info.param.name;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST_F(KomfortkasseTest, PlannedTomorrowIsTheEarliestAccepted) {
  RefundRequest refund_request = request();
  refund_request.planned_date = Date{2026, 3, 15};
  transport->respond_json(200, kNewRefund);
  EXPECT_THAT(create(refund_request), Succeeds());
}

TEST_F(KomfortkasseTest, ProviderName) { EXPECT_EQ(client()->provider(), "komfortkasse"); }

TEST_F(KomfortkasseTest, DefaultTransportIsCreatedWhenNoneIsGiven) {
  KomfortkasseOptions no_key = options();
  no_key.api_key.clear();
  // Validation fails before the (curl) transport is used: nothing leaves the machine.
  const auto default_client = make_komfortkasse_client(no_key);
  ASSERT_NE(default_client, nullptr);
  EXPECT_THAT(default_client->create_refund(request()), FailsWith(ErrorKind::authentication));
}

}  // namespace
}  // namespace refundkit::komfortkasse_test
