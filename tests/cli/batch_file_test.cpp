#include "batch_file.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "command_line.hpp"
#include "refund_request_builder.hpp"

namespace refundkit::cli {
namespace {

BatchFileCheck check(const std::string& text, const std::string& provider = "komfortkasse") {
  std::istringstream in(text);
  return check_batch_file(in, provider);
}

// The problem of a file that must be refused, as the command prints it.
std::string problem_of(const std::string& text, const std::string& provider = "komfortkasse") {
  const BatchFileCheck result = check(text, provider);
  if (!result.problem) {
    ADD_FAILURE() << "accepted: " << text;
    return "<accepted>";
  }
  return describe(*result.problem, "refunds.csv");
}

std::vector<RefundRequest> requests_of(const std::string& text, const std::string& provider) {
  std::istringstream in(text);
  BatchFileReader reader(in, provider);
  std::vector<RefundRequest> requests;
  while (auto request = reader.next()) requests.push_back(std::move(*request));
  EXPECT_FALSE(reader.problem().has_value()) << reader.problem()->message;
  return requests;
}

const char kHeader[] = "order,amount,currency,reference\n";

TEST(BatchFile, ColumnsByNameInAnyOrder) {
  const auto requests = requests_of(
      "\xEF\xBB\xBFreference,reason,currency,amount,order\r\n"
      "rma-1,\"Returned, \"\"wrong\"\" size\",EUR,12.30,KK-1001\r\n"
      "rma-2,,CHF,5,KK-1003",
      "komfortkasse");
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].order_id, "KK-1001");
  EXPECT_EQ(requests[0].reference, "rma-1");
  EXPECT_EQ(requests[0].amount, *Money::parse("12.30", "EUR"));
  EXPECT_EQ(requests[0].reason, "Returned, \"wrong\" size");
  EXPECT_EQ(requests[1].amount, *Money::parse("5.00", "CHF"));
  EXPECT_EQ(requests[1].reason, "");
}

TEST(BatchFile, VendorColumns) {
  const auto komfortkasse = requests_of(
      "order,amount,currency,reference,planned_date\nKK-1,1.00,EUR,r,2030-01-31\n", "komfortkasse");
  ASSERT_EQ(komfortkasse.size(), 1u);
  EXPECT_EQ(komfortkasse[0].planned_date->to_iso(), "2030-01-31");

  const auto afterpay = requests_of(
      "order,amount,currency,reference,capture_number,refund_type,credit_note_number,items\n"
      "RV-1,1190.00,NOK,r,000000001,return,CN-7,\"[{\"\"product_id\"\":\"\"SKU-1\"\","
      "\"\"quantity\"\":\"\"1\"\",\"\"gross_unit_price\"\":\"\"1200.00\"\","
      "\"\"net_unit_price\"\":\"\"960.00\"\",\"\"vat_percent\"\":\"\"25\"\","
      "\"\"vat_amount\"\":\"\"240.00\"\"},{\"\"product_id\"\":\"\"FEE\"\","
      "\"\"gross_unit_price\"\":\"\"-10.00\"\",\"\"net_unit_price\"\":\"\"-8.00\"\","
      "\"\"vat_percent\"\":\"\"25\"\",\"\"vat_amount\"\":\"\"-2.00\"\",\"\"type\"\":"
      "\"\"surcharge\"\"}]\"\n"
      "RV-2,5.00,EUR,r,000000001,,,\n",
      "afterpay");
  ASSERT_EQ(afterpay.size(), 2u);
  EXPECT_EQ(afterpay[0].capture_number, "000000001");
  EXPECT_EQ(afterpay[0].kind, RefundKind::returned_goods);
  EXPECT_EQ(afterpay[0].credit_note_number, "CN-7");
  ASSERT_EQ(afterpay[0].line_items.size(), 2u);
  EXPECT_EQ(afterpay[0].line_items[1].product_id, "FEE");
  EXPECT_EQ(afterpay[0].line_items[1].type, LineItemType::surcharge);
  EXPECT_TRUE(afterpay[1].line_items.empty());
  EXPECT_EQ(afterpay[1].kind, RefundKind::unspecified);

  const auto skippay = requests_of(
      "order,amount,currency,reference,vat,variable_symbol\n"
      "SP-1,125.90,CZK,r,21=21.85; 12=1.00,12345\n",
      "skippay");
  ASSERT_EQ(skippay.size(), 1u);
  ASSERT_EQ(skippay[0].vat_breakdown.size(), 2u);
  EXPECT_EQ(skippay[0].vat_breakdown[0].amount, *Money::parse("21.85", "CZK"));
  EXPECT_EQ(skippay[0].vat_breakdown[1].rate_percent, *Decimal::parse("12"));
  EXPECT_EQ(skippay[0].variable_symbol, "12345");
}

TEST(BatchFile, AnEmptyFileOrAHeaderAloneHasNoRows) {
  for (const std::string& text : {std::string(), std::string(kHeader), std::string("\xEF\xBB\xBF"),
                                  std::string("order,amount,currency,reference")}) {
    const BatchFileCheck result = check(text);
    EXPECT_FALSE(result.problem.has_value()) << text;
    EXPECT_EQ(result.rows, 0u);
  }
  EXPECT_EQ(check(std::string(kHeader) + "KK-1,1.00,EUR,a\nKK-1,1.00,EUR,b\n").rows, 2u);
}

TEST(BatchFile, TheHeaderNamesKnownColumnsOnceAndTheRequiredOnes) {
  EXPECT_EQ(problem_of("order,amount,currency,reference,colour\n"),
            "refunds.csv header: unknown column 'colour' (the columns are order, amount, "
            "currency, reference, reason, planned_date, capture_number, refund_type, items, vat, "
            "variable_symbol, credit_note_number)");
  EXPECT_EQ(problem_of("order,amount,currency\nKK-1,1.00,EUR\n"),
            "refunds.csv header: missing the required column 'reference'");
  EXPECT_EQ(problem_of("order,amount,currency,reference,order\n"),
            "refunds.csv header: column 'order' appears twice");
  // Names are exact: a BOM is not part of them, but case and blanks are.
  EXPECT_NE(problem_of("Order,amount,currency,reference\n").find("unknown column 'Order'"),
            std::string::npos);
  EXPECT_NE(problem_of("order, amount,currency,reference\n").find("unknown column ' amount'"),
            std::string::npos);
  EXPECT_NE(problem_of("order,\"amo\nunt\",currency,reference\n").find("'amo?unt'"),
            std::string::npos);
  EXPECT_EQ(problem_of("order,\"amount,currency,reference\n"),
            "refunds.csv header: a quoted field opened on line 1 is never closed");
}

TEST(BatchFile, CsvErrorsNameTheDataRow) {
  const std::string good = "KK-1001,1.00,EUR,r-1\n";
  EXPECT_EQ(problem_of(kHeader + good + good.substr(0, 8) + "\"1.00,EUR,r-2\n"),
            "refunds.csv row 2: a quoted field opened on line 3 is never closed");
  EXPECT_EQ(problem_of(kHeader + good + "KK-1002,1.00,EUR\n"),
            "refunds.csv row 2: 3 fields where the first record has 4 fields");
  EXPECT_EQ(problem_of(kHeader + good + "KK-1002,1.00,EUR,r-2,extra\n"),
            "refunds.csv row 2: 5 fields where the first record has 4 fields");
  // A quoted line break does not shift the row numbers.
  EXPECT_EQ(problem_of("order,amount,currency,reference,reason\n"
                       "KK-1,1.00,EUR,r-1,\"two\nlines\"\n"
                       "KK-1,1.00,EUR,r-2,\"x\"y\n"),
            "refunds.csv row 2: text after the closing quote of a field");
}

TEST(BatchFile, ARowThatIsNoRefundStopsTheCheckAtItsNumber) {
  const std::string rows = std::string(kHeader) + "KK-1,1.00,EUR,r-1\nKK-2,2.00,EUR,r-2\n";
  EXPECT_EQ(problem_of(rows + "KK-3,1.005,EUR,r-3\nKK-4,1.00,EUR,r-4\n"),
            "refunds.csv row 3: 1.005 has more decimals than EUR allows (2)");
  EXPECT_EQ(problem_of(rows + "KK-3,0,EUR,r-3\n"),
            "refunds.csv row 3: amount must be greater than zero, got 0.00 EUR");
  EXPECT_EQ(problem_of(rows + ",1.00,EUR,r-3\n"), "refunds.csv row 3: order is empty");
  EXPECT_EQ(problem_of(rows + "KK-3,1.00,EUR,\n"), "refunds.csv row 3: reference is empty");
  EXPECT_NE(problem_of(rows + "KK-3,1.00,EUX,r-3\n").find("refunds.csv row 3: "),
            std::string::npos);
  // What every vendor checks before sending is checked here too.
  EXPECT_NE(
      problem_of(rows + "KK-3,1.00,EUR,\"r\x01\"\n").find("refunds.csv row 3: komfortkasse: "),
      std::string::npos);
}

// A value in another vendor's column is refused as its flag would be; an empty cell is no value.
TEST(BatchFile, VendorColumnsBelongToTheirVendor) {
  const std::string header = "order,amount,currency,reference,vat,capture_number\n";
  EXPECT_EQ(problem_of(header + "KK-1,1.00,EUR,r-1,,\nKK-2,1.00,EUR,r-2,21=0.17,\n"),
            "refunds.csv row 2: vat applies to skippay only");
  EXPECT_EQ(problem_of(header + "SP-1,1.00,CZK,r-1,,000000001\n", "skippay"),
            "refunds.csv row 1: capture_number applies to afterpay only");
  EXPECT_EQ(problem_of(header + "RV-1,1.00,EUR,r-1,21=1.00,000000001\n", "afterpay"),
            "refunds.csv row 1: vat applies to skippay only");
  EXPECT_EQ(problem_of("order,amount,currency,reference,capture_number\nRV-1,1.00,EUR,r-1,\n",
                       "afterpay"),
            "refunds.csv row 1: capture_number is required for afterpay");
  EXPECT_EQ(problem_of("order,amount,currency,reference,items\nKK-1,1.00,EUR,r-1,not json\n"),
            "refunds.csv row 1: items applies to afterpay only");
  EXPECT_EQ(problem_of("order,amount,currency,reference,planned_date\nOP-1,1.00,AUD,r,2030-01-01\n",
                       "optty"),
            "refunds.csv row 1: planned_date applies to komfortkasse only");
  EXPECT_FALSE(check(header + "KK-1,1.00,EUR,r-1,,\n").problem.has_value());
}

TEST(BatchFile, ItemsAndVatCellsAreReadExactly) {
  const std::string afterpay = "order,amount,currency,reference,capture_number,items\n";
  EXPECT_EQ(problem_of(afterpay + "RV-1,1.00,EUR,r,1,{}\n", "afterpay"),
            "refunds.csv row 1: items: expected a JSON array of line items");
  EXPECT_EQ(
      problem_of(afterpay + "RV-1,1.00,EUR,r,1,\"[{\"\"product_id\"\":\"\"\"\"}]\"\n", "afterpay"),
      "refunds.csv row 1: items item 1: product_id must be a non-empty string");
  const std::string item =
      "{\"\"product_id\"\":\"\"A\"\",\"\"gross_unit_price\"\":\"\"2.00\"\","
      "\"\"net_unit_price\"\":\"\"2.00\"\",\"\"vat_percent\"\":\"\"0\"\","
      "\"\"vat_amount\"\":\"\"0.00\"\"}";
  EXPECT_EQ(problem_of(afterpay + "RV-1,1.00,EUR,r,1,\"[" + item + "]\"\n", "afterpay"),
            "refunds.csv row 1: afterpay: the line items add up to 2.00 EUR, not the refund "
            "amount 1.00 EUR");
  EXPECT_FALSE(check(afterpay + "RV-1,2.00,EUR,r,1,\"[" + item + "]\"\n", "afterpay").problem);

  const std::string skippay = "order,amount,currency,reference,vat\n";
  EXPECT_NE(problem_of(skippay + "SP-1,10.00,CZK,r,21=1.00;12=x\n", "skippay")
                .find("refunds.csv row 1: vat 12=x: "),
            std::string::npos);
  EXPECT_EQ(problem_of(skippay + "SP-1,10.00,CZK,r,21=1.00;\n", "skippay"),
            "refunds.csv row 1: vat: an empty RATE=AMOUNT pair (one ';' too many?)");
  EXPECT_EQ(problem_of(skippay + "SP-1,10.00,CZK,r,21\n", "skippay"),
            "refunds.csv row 1: vat 21: expected RATE=AMOUNT, e.g. 21=10.50");
}

TEST(BatchFile, TheSameOrderAndReferenceOnTwoRowsNamesBoth) {
  EXPECT_EQ(problem_of(std::string(kHeader) +
                       "KK-1,1.00,EUR,r-1\nKK-2,1.00,EUR,r-1\nKK-1,2.00,EUR,r-1\n"),
            "refunds.csv row 3: the same order 'KK-1' and reference 'r-1' as row 1");
  // The reference alone, or the order alone, may repeat.
  EXPECT_FALSE(check(std::string(kHeader) + "KK-1,1.00,EUR,r-1\nKK-2,1.00,EUR,r-1\n"
                                            "KK-1,1.00,EUR,r-2\n")
                   .problem);
}

// The reader hands over one row at a time (what the batch's source relies on).
TEST(BatchFile, TheReaderStreamsRows) {
  std::string text = kHeader;
  for (int i = 0; i < 5000; ++i) {
    text += "KK-" + std::to_string(i) + ",1.00,EUR,r-" + std::to_string(i) + "\n";
  }
  std::istringstream in(text);
  BatchFileReader reader(in, "komfortkasse");
  ASSERT_TRUE(reader.next().has_value());
  const auto second = reader.next();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->order_id, "KK-1");
  EXPECT_EQ(reader.rows(), 2u);
  EXPECT_LT(static_cast<std::size_t>(in.tellg()), 100u);
}

// A row and the same refund as flags of `refundkit refund` get the same verdict: both made into
// the same request, or both refused.
TEST(BatchFile, AgreesWithTheRefundCommand) {
  struct Case {
    const char* provider;
    std::vector<std::string> columns;
    std::vector<std::string> cells;
  };
  const Case cases[] = {
      {"komfortkasse", {"planned_date"}, {"2030-02-01"}},
      {"komfortkasse", {"planned_date"}, {"2030-02-30"}},
      {"komfortkasse", {"variable_symbol"}, {"123"}},
      {"afterpay", {"capture_number", "refund_type"}, {"000000001", "refund"}},
      {"afterpay", {"capture_number", "refund_type"}, {"000000001", "gift"}},
      {"afterpay", {"refund_type"}, {"return"}},
      {"skippay", {"vat", "variable_symbol"}, {"21=0.17", "42"}},
      {"skippay", {"vat"}, {"21=x"}},
      {"optty", {"reason"}, {"Damaged"}},
      {"optty", {"credit_note_number"}, {"CN-1"}},
  };
  for (const Case& c : cases) {
    std::string header = "order,amount,currency,reference";
    std::string row = "O-1,1.00,EUR,ref-1";
    std::vector<std::string> args = {"refund", c.provider,   "--order", "O-1",         "--amount",
                                     "1.00",   "--currency", "EUR",     "--reference", "ref-1"};
    for (std::size_t i = 0; i < c.columns.size(); ++i) {
      header += "," + c.columns[i];
      row += "," + c.cells[i];
      std::string flag = "--" + c.columns[i];
      std::replace(flag.begin(), flag.end(), '_', '-');
      args.insert(args.end(), {flag, c.cells[i]});
    }
    const BatchFileCheck by_file = check(header + "\n" + row + "\n", c.provider);
    auto parsed = parse_command_line(args);
    bool by_flags = false;
    if (const auto* invocation = std::get_if<Invocation>(&parsed)) {
      by_flags = build_refund_request(invocation->refund).ok();
    }
    EXPECT_EQ(!by_file.problem.has_value(), by_flags) << c.provider << " " << row;
  }
}

}  // namespace
}  // namespace refundkit::cli
