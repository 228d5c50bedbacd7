// The checks every adapter runs before sending: identifiers, amount, fields a vendor cannot
// honour, and line items that must add up to the refund amount.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "internal/refund_validation.hpp"

namespace refundkit::internal {
namespace {

using ::testing::HasSubstr;

Money eur(std::int64_t minor_units) { return Money::from_minor_units(minor_units, "EUR").value(); }

LineItem item(std::int64_t gross_minor, Decimal quantity) {
  LineItem line;
  line.product_id = "SKU";
  line.quantity = quantity;
  line.gross_unit_price = eur(gross_minor);
  return line;
}

RefundRequest with_items(std::int64_t amount_minor, std::vector<LineItem> items) {
  RefundRequest request;
  request.order_id = "1001";
  request.reference = "RMA-1";
  request.amount = eur(amount_minor);
  request.line_items = std::move(items);
  return request;
}

constexpr std::initializer_list<RefundField> kItemsHonoured = {RefundField::line_items};

TEST(RefundValidation, ItemsThatAddUpToTheAmountPass) {
  // 2 x 12.00 + 1.5 x 3.99 (5.985 -> 5.99) + a return fee of -2.50 = 27.49
  const RefundRequest request = with_items(
      2749,
      {item(1200, Decimal::whole(2)), item(399, Decimal(15, 1)), item(-250, Decimal::whole(1))});
  EXPECT_EQ(check_common_fields("V", request, kItemsHonoured), std::nullopt);
}

TEST(RefundValidation, ItemsThatDoNotAddUpAreRefusedNamingBothTotals) {
  const RefundRequest request = with_items(2500, {item(1200, Decimal::whole(2))});
  const auto error = check_common_fields("V", request, kItemsHonoured);
  ASSERT_TRUE(error);
  EXPECT_EQ(error->kind, ErrorKind::invalid_request);
  EXPECT_THAT(error->message, HasSubstr("add up to 24.00 EUR, not the refund amount 25.00 EUR"));
}

TEST(RefundValidation, LineTotalsRoundHalfAwayFromZero) {
  EXPECT_EQ(line_total_minor_units(item(399, Decimal(15, 1))), 599);    // 5.985
  EXPECT_EQ(line_total_minor_units(item(333, Decimal(5, 1))), 167);     // 1.665
  EXPECT_EQ(line_total_minor_units(item(-333, Decimal(5, 1))), -167);   // -1.665
  EXPECT_EQ(line_total_minor_units(item(100, Decimal(1234, 3))), 123);  // 1.234
  EXPECT_EQ(
      line_total_minor_units(item(std::numeric_limits<std::int64_t>::max(), Decimal::whole(2))),
      std::nullopt);
}

TEST(RefundValidation, ItemsInAnotherCurrencyOrWithoutQuantityAreRefused) {
  RefundRequest other_currency = with_items(1000, {item(1000, Decimal::whole(1))});
  other_currency.line_items[0].gross_unit_price = Money::from_minor_units(1000, "CHF").value();
  ASSERT_TRUE(check_common_fields("V", other_currency, kItemsHonoured));
  EXPECT_THAT(check_common_fields("V", other_currency, kItemsHonoured)->message,
              HasSubstr("line item 1 is not priced in the refund's currency EUR"));

  const RefundRequest no_quantity = with_items(0, {item(1000, Decimal::whole(0))});
  EXPECT_TRUE(check_common_fields("V", no_quantity, kItemsHonoured));
}

TEST(RefundValidation, FieldsOutsideTheHonouredOnesAreRefusedNamingThem) {
  RefundRequest request = with_items(1000, {item(1000, Decimal::whole(1))});
  const auto error = check_common_fields("Vendor", request, {});
  ASSERT_TRUE(error);
  EXPECT_EQ(error->message.rfind("Vendor: RefundRequest::line_items cannot be honoured", 0), 0u)
      << error->message;

  request.line_items.clear();
  request.reason = "informational only";
  EXPECT_EQ(check_common_fields("Vendor", request, {}), std::nullopt);
  request.planned_date = Date{2030, 1, 1};
  EXPECT_TRUE(check_common_fields("Vendor", request, {}));
  EXPECT_EQ(check_common_fields("Vendor", request, {RefundField::planned_date}), std::nullopt);
}

TEST(RefundValidation, IdentifiersAndAmountAreCheckedFirst) {
  RefundRequest request = with_items(1000, {});
  request.order_id = "";
  EXPECT_THAT(check_common_fields("V", request, {})->message, HasSubstr("order id"));
  request.order_id = "1001";
  request.reference = std::string(256, 'r');
  EXPECT_THAT(check_common_fields("V", request, {})->message, HasSubstr("longer than 255"));
  request.reference = "bad\nref";
  EXPECT_THAT(check_common_fields("V", request, {})->message, HasSubstr("control characters"));
  request.reference = "RMA-1";
  request.amount = eur(0);
  EXPECT_THAT(check_common_fields("V", request, {})->message, HasSubstr("greater than zero"));
  request.amount = Money();
  EXPECT_THAT(check_common_fields("V", request, {})->message, HasSubstr("no currency"));
}

}  // namespace
}  // namespace refundkit::internal
