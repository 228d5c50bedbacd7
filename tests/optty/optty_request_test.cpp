// What the adapter sends to the refund endpoint: exact method, URL, headers and body bytes, and
// what it refuses to send.
#include <string>
#include <utility>

#include "optty_fixture.hpp"

namespace refundkit::optty_test {
namespace {

using test_support::FailsWith;
using test_support::Succeeds;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

class RequestTest : public OpttyTest {
 protected:
  /// Sends refund_request (with `with` options) and returns what went to the refund endpoint.
  HttpRequest sent(const RefundRequest& refund_request, OpttyOptions with) {
    const std::size_t sent_before = api->request_count();
    api->respond_json(201, std::string(kSampleAnswer));
    make(std::move(with))->create_refund(refund_request).ok();
    EXPECT_EQ(api->request_count(), sent_before + 1);
    return api->last_request();
  }
  HttpRequest sent(const RefundRequest& refund_request) { return sent(refund_request, options()); }
};

auto header(std::string name, std::string value) {
  return AllOf(Field(&HttpHeader::name, name), Field(&HttpHeader::value, value));
}

TEST_F(RequestTest, SendsExactlyTheDocumentedRequest) {
  api->respond_json(201, std::string(kSampleAnswer));
  ASSERT_THAT(create(request()), Succeeds());
  const HttpRequest http = api->last_request();

  EXPECT_EQ(http.method, HttpMethod::post);
  EXPECT_EQ(http.url, kRefundUrl);
  EXPECT_THAT(http.headers, ElementsAre(header("Content-Type", "application/json"),
                                        header("Accept", "application/json"),
                                        header("Authorization", "Bearer token-1")));
  EXPECT_EQ(http.body,
            R"({"refundReference":"RMA-1","refundAmount":{"amount":12.30,"currency":"EUR"},)"
            R"("refundDescription":"Damaged on arrival","isActivatedViaOAuth":false})");
  EXPECT_FALSE(http.body_is_secret);
  EXPECT_FALSE(http.idempotent);
  EXPECT_EQ(api->request_count(), 1u);
  EXPECT_EQ(token_fetches(), 1u);
}

TEST_F(RequestTest, AmountIsMajorUnitsWithTheCurrencysDecimalsAtMostTwo) {
  struct Case {
    const char* amount;
    const char* currency;
    const char* json;
  };
  const Case cases[] = {
      {"12.30", "EUR", R"({"amount":12.30,"currency":"EUR"})"},
      {"0.01", "EUR", R"({"amount":0.01,"currency":"EUR"})"},
      {"24.98", "AUD", R"({"amount":24.98,"currency":"AUD"})"},
      {"100", "AUD", R"({"amount":100.00,"currency":"AUD"})"},
      {"1500", "JPY", R"({"amount":1500,"currency":"JPY"})"},
      {"1.250", "KWD", R"({"amount":1.25,"currency":"KWD"})"},
      {"3", "KWD", R"({"amount":3.00,"currency":"KWD"})"},
      {"92233720368547758.07", "EUR", R"({"amount":92233720368547758.07,"currency":"EUR"})"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.amount) + " " + c.currency);
    RefundRequest refund_request = request();
    refund_request.amount = money(c.amount, c.currency);
    EXPECT_EQ(sent(refund_request).body, std::string(R"({"refundReference":"RMA-1",)") +
                                             R"("refundAmount":)" + c.json +
                                             R"(,"refundDescription":"Damaged on arrival",)"
                                             R"("isActivatedViaOAuth":false})");
  }
}

TEST_F(RequestTest, AThreeDecimalAmountThatTwoDecimalsCannotHoldIsRefusedBeforeSending) {
  for (const char* amount : {"1.255", "0.001"}) {
    SCOPED_TRACE(amount);
    RefundRequest refund_request = request();
    refund_request.amount = money(amount, "KWD");
    const Result<Refund> refund = create(refund_request);
    ASSERT_THAT(refund, FailsWith(ErrorKind::invalid_request));
    EXPECT_THAT(refund.error().message, HasSubstr("at most two decimals"));
    EXPECT_EQ(refund.error().attempts, 0);
  }
  EXPECT_EQ(api->request_count(), 0u);
  EXPECT_EQ(token_fetches(), 0u);
}

TEST_F(RequestTest, ReasonIsTheDescriptionElseTheConfiguredDefault) {
  RefundRequest without_reason = request();
  without_reason.reason.clear();
  EXPECT_THAT(sent(without_reason).body, HasSubstr(R"("refundDescription":"Refund",)"));

  OpttyOptions custom = options();
  custom.default_description = "Goodwill \"refund\" \xC3\xBC";
  EXPECT_THAT(sent(without_reason, custom).body,
              HasSubstr(R"("refundDescription":"Goodwill \"refund\" )"
                        "\xC3\xBC"
                        R"(",)"));
  EXPECT_THAT(sent(request(), custom).body,
              HasSubstr(R"("refundDescription":"Damaged on arrival",)"));
}

TEST_F(RequestTest, IsActivatedViaOAuthComesFromTheOptions) {
  OpttyOptions oauth = options();
  oauth.is_activated_via_oauth = true;
  EXPECT_THAT(sent(request(), oauth).body, HasSubstr(R"("isActivatedViaOAuth":true})"));
}

TEST_F(RequestTest, EnvironmentsPickTheDocumentedHostsAndBothUrlsCanBeOverridden) {
  struct Case {
    OpttyEnvironment environment;
    const char* api_url;
    const char* token_url;
  };
  const Case cases[] = {
      {OpttyEnvironment::production, "https://api.optty.com/orders/ORD-1001/refund",
       "https://auth.optty.com/token"},
      {OpttyEnvironment::sandbox, "https://api.qa.optty.com/orders/ORD-1001/refund",
       "https://auth.qa.optty.com/token"},
  };
  for (const Case& c : cases) {
    auto fake = std::make_shared<test_support::FakeTransport>();
    fake->respond_json(200, R"({"access_token":"t","expires_in":86400})");
    fake->respond_json(201, std::string(kSampleAnswer));
    OpttyOptions environment = options();
    environment.base_url.clear();
    environment.token_url.clear();
    environment.environment = c.environment;
    ASSERT_THAT(vendors::optty::make_client(environment, fake, {})->create_refund(request()),
                Succeeds());
    const std::vector<HttpRequest> requests = fake->requests();
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].url, c.token_url);
    EXPECT_EQ(requests[1].url, c.api_url);
  }
  // Overrides: the fixture's own hosts, with a trailing slash on the base.
  OpttyOptions slash = options();
  slash.base_url = std::string(kBaseUrl) + "/";
  EXPECT_EQ(sent(request(), slash).url, kRefundUrl);
}

TEST_F(RequestTest, OrderReferenceIsOnePercentEncodedPathSegment) {
  const std::pair<const char*, const char*> cases[] = {{"A/../1", "A%2F..%2F1"},
                                                       {"..", "%2E%2E"},
                                                       {"a b?c#d", "a%20b%3Fc%23d"},
                                                       {"\xC3\xBC", "%C3%BC"}};
  for (const auto& [order, segment] : cases) {
    SCOPED_TRACE(order);
    RefundRequest refund_request = request();
    refund_request.order_id = order;
    EXPECT_EQ(sent(refund_request).url,
              std::string("https://api.optty.example/orders/") + segment + "/refund");
  }
}

TEST_F(RequestTest, FieldsOpttyCannotHonourAreRefusedNotDropped) {
  RefundRequest planned = request();
  planned.planned_date = Date{2026, 7, 1};
  RefundRequest captured = request();
  captured.capture_number = "CAP-1";
  RefundRequest itemised = request();
  LineItem item;
  item.gross_unit_price = money("12.30");
  itemised.line_items.push_back(item);
  RefundRequest with_vat = request();
  with_vat.vat_breakdown.push_back({Decimal(2100, 2), money("2.13")});
  RefundRequest returned = request();
  returned.kind = RefundKind::returned_goods;
  RefundRequest symbol = request();
  symbol.variable_symbol = "123";
  const std::pair<const char*, RefundRequest> cases[] = {
      {"planned_date", planned},   {"capture_number", captured}, {"line_items", itemised},
      {"vat_breakdown", with_vat}, {"kind", returned},           {"variable_symbol", symbol}};
  for (const auto& [field, refund_request] : cases) {
    SCOPED_TRACE(field);
    const Result<Refund> refund = create(refund_request);
    ASSERT_THAT(refund, FailsWith(ErrorKind::invalid_request));
    EXPECT_THAT(refund.error().message, HasSubstr(std::string("RefundRequest::") + field));
  }
  // A credit note number is a document number, like reason: dropped, not refused.
  RefundRequest credit_note = request();
  credit_note.credit_note_number = "CN-7";
  EXPECT_THAT(sent(credit_note).body, ::testing::Not(HasSubstr("CN-7")));
  EXPECT_EQ(api->request_count(), 1u);
}

TEST_F(RequestTest, InvalidRequestsAreRefusedBeforeAnythingIsSent) {
  RefundRequest no_order = request();
  no_order.order_id.clear();
  RefundRequest no_reference = request();
  no_reference.reference.clear();
  RefundRequest control = request();
  control.reference = "RMA\n1";
  RefundRequest zero = request();
  zero.amount = money("0");
  RefundRequest negative = request();
  negative.amount = money("-1.00");
  RefundRequest no_currency = request();
  no_currency.amount = Money();
  RefundRequest bad_utf8 = request();
  bad_utf8.reason = "broken \xC3";
  for (const RefundRequest& refund_request :
       {no_order, no_reference, control, zero, negative, no_currency, bad_utf8}) {
    EXPECT_THAT(create(refund_request), FailsWith(ErrorKind::invalid_request));
  }
  OpttyOptions no_description = options();
  no_description.default_description.clear();
  RefundRequest without_reason = request();
  without_reason.reason.clear();
  const Result<Refund> refused = make(no_description)->create_refund(without_reason);
  ASSERT_THAT(refused, FailsWith(ErrorKind::invalid_request));
  EXPECT_THAT(refused.error().message, HasSubstr("refundDescription"));

  EXPECT_EQ(api->request_count(), 0u);
  EXPECT_EQ(token_fetches(), 0u);
}

TEST_F(RequestTest, MissingOrUnsendableCredentialsAreAuthenticationErrorsAndNothingIsSent) {
  OpttyOptions no_id = options();
  no_id.client_id.clear();
  OpttyOptions no_secret = options();
  no_secret.client_secret.clear();
  OpttyOptions newline = options();
  newline.client_secret = std::string(kClientSecret) + "\n";
  for (const OpttyOptions& with : {no_id, no_secret, newline}) {
    const Result<Refund> refund = make(with)->create_refund(request());
    ASSERT_THAT(refund, FailsWith(ErrorKind::authentication));
    EXPECT_FALSE(test_support::any_field_contains(refund.error(), kClientSecret));
  }
  EXPECT_EQ(api->request_count(), 0u);
  EXPECT_EQ(token_fetches(), 0u);
}

}  // namespace
}  // namespace refundkit::optty_test
