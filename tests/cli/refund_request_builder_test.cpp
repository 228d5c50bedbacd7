#include "refund_request_builder.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace refundkit::cli {
namespace {

using ::testing::HasSubstr;

RefundCommand command_of(const char* provider) {
  RefundCommand command;
  command.provider = provider;
  command.order = "O-1";
  command.amount = "60.00";
  command.currency = "EUR";
  command.reference = "R-1";
  return command;
}

Money eur(const char* text) { return *Money::parse(text, "EUR"); }

constexpr const char* kPageItem =
    R"({"product_id":"0001","description":"Item 1 description","quantity":"5",)"
    R"("gross_unit_price":"12.00","net_unit_price":"10.00","vat_percent":"20.00",)"
    R"("vat_amount":"2.00","type":"physical_article"})";

TEST(RefundRequestBuilder, ReadsLineItemsExactly) {
  RefundCommand command = command_of("afterpay");
  command.capture_number = "000000001";
  command.refund_type = "return";
  command.items = {kPageItem, R"({"product_id":"FEE","quantity":1,"gross_unit_price":"-2.50",)"
                              R"("net_unit_price":"-2.50","vat_percent":"0","vat_amount":"0.00"})"};
  const Result<RefundRequest> request = build_refund_request(command);
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->capture_number, "000000001");
  EXPECT_EQ(request->kind, RefundKind::returned_goods);
  ASSERT_EQ(request->line_items.size(), 2u);
  const LineItem& item = request->line_items[0];
  EXPECT_EQ(item.product_id, "0001");
  EXPECT_EQ(item.description, "Item 1 description");
  EXPECT_EQ(item.quantity, Decimal::whole(5));
  EXPECT_EQ(item.gross_unit_price, eur("12.00"));
  EXPECT_EQ(item.net_unit_price, eur("10.00"));
  EXPECT_EQ(item.vat_percent, Decimal(2000, 2));
  EXPECT_EQ(item.vat_amount, eur("2.00"));
  EXPECT_EQ(item.type, LineItemType::physical_article);
  EXPECT_EQ(request->line_items[1].gross_unit_price, eur("-2.50"));
  EXPECT_EQ(request->line_items[1].type, LineItemType::unspecified);
}

TEST(RefundRequestBuilder, ReadsAnItemsFile) {
  const std::string path = ::testing::TempDir() + "refundkit_items.json";
  std::ofstream(path) << "[" << kPageItem << "]";
  RefundCommand command = command_of("afterpay");
  command.items_file = path;
  const Result<RefundRequest> request = build_refund_request(command);
  std::remove(path.c_str());
  ASSERT_TRUE(request) << request.error().message;
  ASSERT_EQ(request->line_items.size(), 1u);
  EXPECT_EQ(request->line_items[0].quantity, Decimal::whole(5));

  command.items_file = path + ".missing";
  EXPECT_THAT(build_refund_request(command).error().message, HasSubstr("cannot read"));
}

TEST(RefundRequestBuilder, RefusesItemsItCannotReadExactly) {
  const std::pair<const char*, const char*> cases[] = {
      {"not json", "expected one JSON object"},
      {"[]", "expected one JSON object"},
      {R"({"product_id":"A","gross_unit_price":12.00,"net_unit_price":"10.00",)"
       R"("vat_percent":"20","vat_amount":"2.00"})",
       "gross_unit_price must be a decimal string"},
      {R"({"product_id":"A","gross_unit_price":"12.001","net_unit_price":"10.00",)"
       R"("vat_percent":"20","vat_amount":"2.00"})",
       "gross_unit_price"},
      {R"({"gross_unit_price":"12.00","net_unit_price":"10.00","vat_percent":"20",)"
       R"("vat_amount":"2.00"})",
       "product_id"},
      {R"({"product_id":"A","gross_unit_price":"12.00","net_unit_price":"10.00",)"
       R"("vat_percent":"20","vat_amount":"2.00","colour":"red"})",
       "unknown field \"colour\""},
      {R"({"product_id":"A","gross_unit_price":"12.00","net_unit_price":"10.00",)"
       R"("vat_percent":"20","vat_amount":"2.00","type":"PhysicalArticle"})",
       "type must be one of"},
      {R"({"product_id":"A","quantity":2.5,"gross_unit_price":"12.00",)"
       R"("net_unit_price":"10.00","vat_percent":"20","vat_amount":"2.00"})",
       "quantity must be a decimal string"},
  };
  for (const auto& [json, problem] : cases) {
    const Result<LineItem> item = parse_line_item(json, "EUR", "--item 1");
    ASSERT_FALSE(item) << json;
    EXPECT_EQ(item.error().kind, ErrorKind::invalid_request);
    EXPECT_THAT(item.error().message, HasSubstr("--item 1")) << json;
    EXPECT_THAT(item.error().message, HasSubstr(problem)) << json;
  }
}

TEST(RefundRequestBuilder, ReadsVatPairs) {
  RefundCommand command = command_of("skippay");
  command.currency = "CZK";
  command.amount = "125.90";
  command.vat = {"21=21.85", "12.5=0.50"};
  command.variable_symbol = "0123456789";
  const Result<RefundRequest> request = build_refund_request(command);
  ASSERT_TRUE(request) << request.error().message;
  ASSERT_EQ(request->vat_breakdown.size(), 2u);
  EXPECT_EQ(request->vat_breakdown[0].rate_percent, Decimal::whole(21));
  EXPECT_EQ(request->vat_breakdown[0].amount, *Money::parse("21.85", "CZK"));
  EXPECT_EQ(request->vat_breakdown[1].rate_percent, Decimal(125, 1));
  EXPECT_EQ(request->variable_symbol, "0123456789");

  for (const char* bad : {"21", "x=1.00", "21=1.001", "21=abc"}) {
    const Result<VatAmount> vat = parse_vat_pair(bad, "CZK");
    ASSERT_FALSE(vat) << bad;
    EXPECT_THAT(vat.error().message, HasSubstr(std::string("--vat ") + bad));
  }
}

}  // namespace
}  // namespace refundkit::cli
