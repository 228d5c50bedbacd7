// What the adapter refuses to send: inconsistent items and anything Riverty cannot honour.
#include <string>
#include <vector>

#include "afterpay_fixture.hpp"

namespace refundkit::afterpay_test {
namespace {

using test_support::FailsWith;
using test_support::Succeeds;
using ::testing::HasSubstr;

class ValidationTest : public AfterPayTest {
 protected:
  /// Expects the request refused locally with a message saying why, and nothing sent.
  void expect_refused(const RefundRequest& refund_request, const std::string& why,
                      ErrorKind kind = ErrorKind::invalid_request) {
    const Result<Refund> refund = create(refund_request);
    ASSERT_THAT(refund, FailsWith(kind));
    EXPECT_THAT(refund.error().message, HasSubstr(why));
    EXPECT_EQ(refund.error().http_status, 0);
    EXPECT_EQ(refund.error().attempts, 0);
    EXPECT_EQ(transport->request_count(), 0u);
  }

  Result<Refund> accepted(const RefundRequest& refund_request) {
    transport->respond_json(200, std::string(kRefunded));
    return create(refund_request);
  }

  static RefundRequest with_items(std::string_view amount, std::vector<LineItem> items) {
    RefundRequest refund_request = request();
    refund_request.amount = money(amount);
    refund_request.line_items = std::move(items);
    return refund_request;
  }
};

TEST_F(ValidationTest, GrossMustBeNetPlusVatWithinOneMinorUnit) {
  expect_refused(with_items("12.50", {item("1", "12.50", "10.42", "2.06")}),
                 "line item 1's gross unit price 12.50 EUR is not its net unit price 10.42 EUR "
                 "plus its VAT per unit 2.06 EUR");
  expect_refused(with_items("12.50", {item("1", "12.50", "10.42", "2.10")}), "line item 1's gross");
  // VAT per unit, not per line: 5 x (10.00 + 2.00), never 10.00 + 10.00.
  expect_refused(with_items("60.00", {item("1", "12.00", "10.00", "10.00", Decimal::whole(5))}),
                 "is not its net unit price");

  EXPECT_THAT(accepted(with_items("12.50", {item("1", "12.50", "10.42", "2.07")})), Succeeds());
  EXPECT_THAT(accepted(with_items("12.50", {item("1", "12.50", "10.42", "2.09")})), Succeeds());
}

TEST_F(ValidationTest, TheSecondOfTwoItemsIsNamed) {
  expect_refused(
      with_items("15.00", {item("1", "12.50", "10.42", "2.08"), item("2", "2.50", "2.00", "0.10")}),
      "line item 2's gross unit price 2.50 EUR");
}

TEST_F(ValidationTest, EveryMoneyFieldIsInTheRefundsCurrency) {
  LineItem net_in_sek = item("1", "12.50", "10.42", "2.08");
  net_in_sek.net_unit_price = money("10.42", "SEK");
  expect_refused(with_items("12.50", {net_in_sek}),
                 "line item 1 has a net price or VAT amount not in the refund's currency EUR");

  LineItem vat_in_nok = item("1", "12.50", "10.42", "2.08");
  vat_in_nok.vat_amount = money("2.08", "NOK");
  expect_refused(with_items("12.50", {vat_in_nok}), "not in the refund's currency EUR");

  expect_refused(with_items("12.50", {item("1", "12.50", "10.42", "2.08", Decimal::whole(1),
                                           Decimal(2000, 2), "CHF")}),
                 "line item 1 is not priced in the refund's currency EUR");
}

TEST_F(ValidationTest, TheItemsMustAddUpToTheAmount) {
  expect_refused(with_items("12.51", {item("1", "12.50", "10.42", "2.08")}),
                 "the line items add up to 12.50 EUR, not the refund amount 12.51 EUR");
  expect_refused(with_items("60.00", {item("1", "12.00", "10.00", "2.00", Decimal::whole(5)),
                                      item("fee", "-3.00", "-2.52", "-0.48")}),
                 "add up to 57.00 EUR");
}

TEST_F(ValidationTest, AReturnFeeCannotTurnTheRefundIntoACharge) {
  // Items that add up to nothing or less cannot match a refund amount above zero.
  expect_refused(with_items("0.01", {item("1", "2.00", "1.68", "0.32"),
                                     item("fee", "-3.00", "-2.52", "-0.48")}),
                 "add up to -1.00 EUR");
  RefundRequest zero = with_items("0.01", {});
  zero.amount = money("0.00");
  expect_refused(zero, "greater than zero");
}

TEST_F(ValidationTest, ItemsNeedSendableTextAndSensibleNumbers) {
  LineItem no_product = item("", "12.50", "10.42", "2.08");
  expect_refused(with_items("12.50", {no_product}),
                 "line item 1's product id (product_id) is empty");
  LineItem no_description = item("1", "12.50", "10.42", "2.08");
  no_description.description.clear();
  expect_refused(with_items("12.50", {no_description}), "line item 1's description is empty");
  LineItem broken_text = item("1", "12.50", "10.42", "2.08");
  broken_text.description = "bad \xC3";
  expect_refused(with_items("12.50", {broken_text}), "not valid UTF-8");
  LineItem negative_vat = item("1", "12.50", "10.42", "2.08", Decimal::whole(1), Decimal(-2000, 2));
  expect_refused(with_items("12.50", {negative_vat}), "negative VAT percentage");
  LineItem no_quantity = item("1", "12.50", "10.42", "2.08", Decimal::whole(0));
  expect_refused(with_items("12.50", {no_quantity}), "quantity that is not above zero");
}

TEST_F(ValidationTest, TheReasonOfAnAmountOnlyRefundIsItsItemsDescription) {
  RefundRequest bad_reason = request();
  bad_reason.reason = "line one\nline two";
  expect_refused(bad_reason, "the reason (reason), sent as the description");

  // With items the reason is not sent, so it is not checked either.
  RefundRequest with_items_and_reason = with_items("12.50", {item("1", "12.50", "10.42", "2.08")});
  with_items_and_reason.reason = "line one\nline two";
  EXPECT_THAT(accepted(with_items_and_reason), Succeeds());
  EXPECT_EQ(transport->last_request().body.find("line one"), std::string::npos);
}

TEST_F(ValidationTest, OnlyRivertysCurrenciesAreRefunded) {
  for (const char* code : {"EUR", "NOK", "SEK", "DKK", "CHF"}) {
    SCOPED_TRACE(code);
    RefundRequest refund_request = request();
    refund_request.amount = money("12.50", code);
    EXPECT_THAT(accepted(refund_request), Succeeds());
  }
  const std::size_t sent = transport->request_count();
  for (const char* code : {"USD", "GBP", "PLN", "JPY"}) {
    SCOPED_TRACE(code);
    RefundRequest refund_request = request();
    refund_request.amount = money("12", code);
    const Result<Refund> refund = create(refund_request);
    ASSERT_THAT(refund, FailsWith(ErrorKind::invalid_request));
    EXPECT_THAT(refund.error().message, HasSubstr("only in EUR, NOK, SEK, DKK or CHF"));
  }
  EXPECT_EQ(transport->request_count(), sent);
}

TEST_F(ValidationTest, FieldsRivertyCannotHonourAreRefused) {
  RefundRequest planned = request();
  planned.planned_date = Date{2026, 5, 1};
  expect_refused(planned, "RefundRequest::planned_date cannot be honoured");
  RefundRequest vat = request();
  vat.vat_breakdown = {VatAmount{Decimal(2000, 2), money("2.08")}};
  expect_refused(vat, "RefundRequest::vat_breakdown cannot be honoured");
  RefundRequest symbol = request();
  symbol.variable_symbol = "123";
  expect_refused(symbol, "RefundRequest::variable_symbol cannot be honoured");
}

TEST_F(ValidationTest, ACaptureNumberIsRequired) {
  RefundRequest no_capture = request();
  no_capture.capture_number.clear();
  expect_refused(no_capture, "the capture number (capture_number) is empty");
  RefundRequest bad_capture = request();
  bad_capture.capture_number = "0001\r\n";
  expect_refused(bad_capture, "the capture number (capture_number) has control characters");
}

TEST_F(ValidationTest, ACreditNoteNumberHasAtMostNineteenCharacters) {
  RefundRequest long_note = request();
  long_note.credit_note_number = "CN-2026-000000000042";  // 20
  expect_refused(long_note, "longer than 19 characters");
  RefundRequest broken_note = request();
  broken_note.credit_note_number = "CN\x01";
  expect_refused(broken_note, "credit note number (credit_note_number) is not valid UTF-8 text");
}

TEST_F(ValidationTest, OrderAndReferenceMustBeSendable) {
  RefundRequest no_order = request();
  no_order.order_id.clear();
  expect_refused(no_order, "the order id (order_id) is empty");
  RefundRequest no_reference = request();
  no_reference.reference.clear();
  expect_refused(no_reference, "the reference (reference) is empty");
}

TEST_F(ValidationTest, AnApiKeyMustBeConfiguredAndSendable) {
  for (const std::string& key : {std::string(), std::string(kApiKey) + "\r\n"}) {
    AfterPayOptions bad = options();
    bad.api_key = key;
    const Result<Refund> refund = make_afterpay_client(bad, transport)->create_refund(request());
    ASSERT_THAT(refund, FailsWith(ErrorKind::authentication));
    EXPECT_THAT(make_afterpay_client(bad, transport)->find_refund("ORD-1001", "RMA-1"),
                FailsWith(ErrorKind::authentication));
  }
  EXPECT_EQ(transport->request_count(), 0u);
}

}  // namespace
}  // namespace refundkit::afterpay_test
