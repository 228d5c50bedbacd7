// Everything refused before sending: nothing reaches the transport, not even the login.
#include <functional>
#include <string>
#include <vector>

#include "skippay_fixture.hpp"

namespace refundkit::skippay_test {
namespace {

using test_support::describe;
using test_support::FailsWith;
using ::testing::HasSubstr;

struct Rejection {
  const char* name;
  std::function<void(RefundRequest&)> spoil;
  ErrorKind kind;
  const char* says;  // a part of the message
};

void PrintTo(const Rejection& rejection, std::ostream* out) { *out << rejection.name; }

VatAmount vat(Decimal rate, std::string_view amount, std::string_view currency = "CZK") {
  return VatAmount{rate, money(amount, currency)};
}

LineItem item(std::string_view gross, std::string_view vat_amount,
              std::string_view vat_currency = "CZK") {
  LineItem line;
  line.gross_unit_price = money(gross);
  line.vat_percent = Decimal::whole(21);
  line.vat_amount = money(vat_amount, vat_currency);
  return line;
}

const Rejection kRejections[] = {
    {"empty_application_id", [](RefundRequest& r) { r.order_id.clear(); },
     ErrorKind::invalid_request, "order_id"},
    {"control_in_application_id", [](RefundRequest& r) { r.order_id = "APP\n1"; },
     ErrorKind::invalid_request, "control characters"},
    // Not sent, but checked: it is what the merchant reconciles by.
    {"empty_reference", [](RefundRequest& r) { r.reference.clear(); }, ErrorKind::invalid_request,
     "reference"},
    {"reference_not_utf8", [](RefundRequest& r) { r.reference = "RMA-\xff"; },
     ErrorKind::invalid_request, "UTF-8"},
    {"no_currency", [](RefundRequest& r) { r.amount = Money(); }, ErrorKind::invalid_request,
     "no currency"},
    {"zero_amount", [](RefundRequest& r) { r.amount = money("0"); }, ErrorKind::invalid_request,
     "greater than zero"},
    {"negative_amount", [](RefundRequest& r) { r.amount = money("-1.00"); },
     ErrorKind::invalid_request, "greater than zero"},
    {"planned_date",
     [](RefundRequest& r) {
       r.planned_date = Date{2026, 7, 1};
     },
     ErrorKind::invalid_request, "planned_date"},
    {"capture_number", [](RefundRequest& r) { r.capture_number = "CAP-1"; },
     ErrorKind::invalid_request, "capture_number"},
    {"kind", [](RefundRequest& r) { r.kind = RefundKind::goodwill; }, ErrorKind::invalid_request,
     "kind"},
    {"currency_not_accepted", [](RefundRequest& r) { r.amount = money("10.00", "EUR"); },
     ErrorKind::currency_mismatch,
     "EUR, which this Skip Pay account does not accept (accepted: CZK)"},
    {"variable_symbol_letters", [](RefundRequest& r) { r.variable_symbol = "12A4"; },
     ErrorKind::invalid_request, "variable_symbol"},
    {"variable_symbol_sign", [](RefundRequest& r) { r.variable_symbol = "-123"; },
     ErrorKind::invalid_request, "variable_symbol"},
    {"variable_symbol_space", [](RefundRequest& r) { r.variable_symbol = "123 456"; },
     ErrorKind::invalid_request, "variable_symbol"},
    {"variable_symbol_eleven_digits", [](RefundRequest& r) { r.variable_symbol = "12345678901"; },
     ErrorKind::invalid_request, "1 to 10 digits"},
    {"variable_symbol_unicode_digits", [](RefundRequest& r) { r.variable_symbol = "\xd9\xa1"; },
     ErrorKind::invalid_request, "variable_symbol"},
    {"reason_not_utf8", [](RefundRequest& r) { r.reason = "vada \xc3"; },
     ErrorKind::invalid_request, "reason"},
    {"vat_in_another_currency",
     [](RefundRequest& r) { r.vat_breakdown = {vat(Decimal::whole(21), "1.00", "EUR")}; },
     ErrorKind::invalid_request, "is in EUR, not in the refund's currency CZK"},
    {"vat_without_currency",
     [](RefundRequest& r) {
       r.vat_breakdown = {VatAmount{Decimal::whole(21), Money()}};
     },
     ErrorKind::invalid_request, "no currency"},
    {"vat_negative", [](RefundRequest& r) { r.vat_breakdown = {vat(Decimal::whole(21), "-0.01")}; },
     ErrorKind::invalid_request, "negative"},
    {"vat_above_the_total",
     [](RefundRequest& r) {
       r.vat_breakdown = {vat(Decimal::whole(21), "100.00"), vat(Decimal::whole(12), "25.91")};
     },
     ErrorKind::invalid_request, "adds up to 125.91 CZK, more than the refund amount 125.90 CZK"},
    {"vat_rate_twice",
     [](RefundRequest& r) {
       r.vat_breakdown = {vat(Decimal::whole(21), "1.00"), vat(Decimal(2100, 2), "2.00")};
     },
     ErrorKind::invalid_request, "given twice"},
    {"vat_rate_negative",
     [](RefundRequest& r) { r.vat_breakdown = {vat(Decimal::whole(-21), "1.00")}; },
     ErrorKind::invalid_request, "from 0 to 100"},
    {"vat_rate_above_100",
     [](RefundRequest& r) { r.vat_breakdown = {vat(Decimal(10001, 2), "1.00")}; },
     ErrorKind::invalid_request, "from 0 to 100"},
    {"vat_overflowing",
     [](RefundRequest& r) {
       r.vat_breakdown = {
           VatAmount{Decimal::whole(21), Money::from_minor_units(INT64_MAX, r.amount.currency())},
           VatAmount{Decimal::whole(12), Money::from_minor_units(INT64_MAX, r.amount.currency())}};
     },
     ErrorKind::invalid_request, "more than can be represented"},
    {"line_items_not_adding_up", [](RefundRequest& r) { r.line_items = {item("100.00", "17.36")}; },
     ErrorKind::invalid_request, "add up to 100.00 CZK"},
    {"line_item_vat_in_another_currency",
     [](RefundRequest& r) { r.line_items = {item("125.90", "21.85", "EUR")}; },
     ErrorKind::invalid_request, "vat_amount in EUR"},
    {"derived_vat_above_the_total",
     [](RefundRequest& r) { r.line_items = {item("125.90", "125.91")}; },
     ErrorKind::invalid_request, "the VAT derived from the line items adds up to 125.91 CZK"},
    {"derived_vat_negative", [](RefundRequest& r) { r.line_items = {item("125.90", "-1.00")}; },
     ErrorKind::invalid_request, "negative"},
};

class RejectionTest : public SkipPayTest, public ::testing::WithParamInterface<Rejection> {};

TEST_P(RejectionTest, IsRefusedBeforeAnythingIsSent) {
  RefundRequest refund_request = request();
  GetParam().spoil(refund_request);
  const Result<Refund> refund = create(refund_request);
  ASSERT_THAT(refund, FailsWith(GetParam().kind));
  EXPECT_THAT(refund.error().message, HasSubstr(GetParam().says)) << describe(refund.error());
  EXPECT_THAT(refund.error().message, HasSubstr("Skip Pay"));
  EXPECT_EQ(refund.error().http_status, 0);
  EXPECT_EQ(refund.error().attempts, 0);
  EXPECT_EQ(transport->request_count(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Local, RejectionTest, ::testing::ValuesIn(kRejections),
                         [](const auto& info) { return std::string(info.param.name); });

TEST_F(SkipPayTest, AcceptedCurrenciesAreConfigurable) {
  SkipPayOptions eur_only = options();
  eur_only.accepted_currencies = {"eur"};
  const Result<Refund> czk = client_with(eur_only)->create_refund(request());
  ASSERT_THAT(czk, FailsWith(ErrorKind::currency_mismatch));
  EXPECT_THAT(czk.error().message, HasSubstr("(accepted: eur)"));

  SkipPayOptions none = options();
  none.accepted_currencies.clear();
  const Result<Refund> refused = client_with(none)->create_refund(request());
  ASSERT_THAT(refused, FailsWith(ErrorKind::invalid_request));
  EXPECT_THAT(refused.error().message, HasSubstr("accepted_currencies"));
  EXPECT_EQ(transport->request_count(), 0u);

  RefundRequest in_eur = request();
  in_eur.amount = money("10.00", "EUR");
  script_refund(test_support::make_json_response(201, "{}"));
  EXPECT_THAT(client_with(eur_only)->create_refund(in_eur), test_support::Succeeds());
}

TEST_F(SkipPayTest, TenDigitsAreAVariableSymbol) {
  RefundRequest refund_request = request();
  refund_request.variable_symbol = "0123456789";
  script_refund(test_support::make_json_response(201, "{}"));
  EXPECT_THAT(create(refund_request), test_support::Succeeds());
}

TEST_F(SkipPayTest, MissingOrUnsendableCredentialsAreAuthenticationErrors) {
  struct Case {
    const char* name;
    std::function<void(SkipPayOptions&)> spoil;
  };
  const Case cases[] = {
      {"no username", [](SkipPayOptions& o) { o.username.clear(); }},
      {"no password", [](SkipPayOptions& o) { o.password.clear(); }},
      {"password not UTF-8",
       [](SkipPayOptions& o) { o.password = std::string(kPassword) + "\xff"; }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    SkipPayOptions spoiled = options();
    c.spoil(spoiled);
    const auto spoiled_client = client_with(spoiled);
    const Result<Refund> refund = spoiled_client->create_refund(request());
    ASSERT_THAT(refund, FailsWith(ErrorKind::authentication));
    EXPECT_FALSE(test_support::any_field_contains(refund.error(), kPassword));
    const Result<Refund> found = spoiled_client->find_refund("APP-1001", "RMA-1");
    ASSERT_THAT(found, FailsWith(ErrorKind::authentication));
    EXPECT_FALSE(test_support::any_field_contains(found.error(), kPassword));
  }
  SkipPayOptions no_base = options();
  no_base.base_url.clear();
  EXPECT_THAT(client_with(no_base)->create_refund(request()),
              FailsWith(ErrorKind::invalid_request));
  EXPECT_EQ(transport->request_count(), 0u);
}

}  // namespace
}  // namespace refundkit::skippay_test
