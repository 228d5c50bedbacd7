#include "csv_reader.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace refundkit::cli {
namespace {

using Records = std::vector<std::vector<std::string>>;

// Every record of `text`; the test fails if the reader stops with an error.
Records records_of(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in);
  CsvRecord record;
  Records records;
  while (reader.next(record)) records.push_back(record.fields);
  EXPECT_FALSE(reader.error().has_value()) << reader.error()->message;
  return records;
}

// The error the reader stops with; the test fails if it reads `text` to the end.
CsvError error_of(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in);
  CsvRecord record;
  while (reader.next(record)) {
  }
  EXPECT_TRUE(reader.error().has_value()) << "no error in: " << text;
  return reader.error().value_or(CsvError{});
}

TEST(CsvReader, SplitsRecordsAndFields) {
  EXPECT_EQ(records_of("a,b,c\n1,2,3\n"), (Records{{"a", "b", "c"}, {"1", "2", "3"}}));
  EXPECT_EQ(records_of("a,,c\n,,\n"), (Records{{"a", "", "c"}, {"", "", ""}}));
  EXPECT_EQ(records_of("one\n"), (Records{{"one"}}));
  EXPECT_EQ(records_of(" spaced , kept \n"), (Records{{" spaced ", " kept "}}));
}

TEST(CsvReader, QuotedFieldsHoldQuotesCommasAndLineBreaks) {
  EXPECT_EQ(records_of("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"\"\n"),
            (Records{{"a,b", "say \"hi\"", "two\nlines", ""}}));
  EXPECT_EQ(records_of("\"crlf\r\ninside\",x\r\n"), (Records{{"crlf\r\ninside", "x"}}));
  EXPECT_EQ(records_of("\"\"\"\"\n"), (Records{{"\""}}));
}

TEST(CsvReader, CrlfAndLfLineEndsAndNoneAtTheEnd) {
  EXPECT_EQ(records_of("a,b\r\n1,2\r\n"), (Records{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(records_of("a,b\r\n1,2\n3,4"), (Records{{"a", "b"}, {"1", "2"}, {"3", "4"}}));
  EXPECT_EQ(records_of("a,b\n1,\"2\""), (Records{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(records_of("a,b\n1,"), (Records{{"a", "b"}, {"1", ""}}));
  EXPECT_TRUE(records_of("").empty());
}

TEST(CsvReader, SkipsAByteOrderMarkAtTheStartOnly) {
  EXPECT_EQ(records_of("\xEF\xBB\xBForder,amount\n"), (Records{{"order", "amount"}}));
  EXPECT_EQ(records_of("\xEF\xBB\xBF"), Records{});
  // Not a whole BOM: its bytes are data, for the caller to refuse.
  EXPECT_EQ(records_of("\xEF\xBBx\n"), (Records{{"\xEF\xBBx"}}));
  EXPECT_EQ(records_of("a\n\xEF\xBB\xBF\n"), (Records{{"a"}, {"\xEF\xBB\xBF"}}));
}

TEST(CsvReader, NumbersRecordsAndTheirFirstLines) {
  std::istringstream in("h1,h2\n\"multi\nline\",x\nlast,y\n");
  CsvReader reader(in);
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.number, 1u);
  EXPECT_EQ(record.line, 1u);
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.number, 2u);
  EXPECT_EQ(record.line, 2u);
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.number, 3u);
  EXPECT_EQ(record.line, 4u);
  EXPECT_EQ(record.fields, (std::vector<std::string>{"last", "y"}));
  EXPECT_FALSE(reader.next(record));
  EXPECT_FALSE(reader.error().has_value());
}

TEST(CsvReader, AnUnterminatedQuoteIsAnError) {
  const CsvError error = error_of("a,b\n1,2\n3,\"never\nclosed\n");
  EXPECT_EQ(error.record, 3u);
  EXPECT_EQ(error.line, 3u);
  EXPECT_EQ(error.message, "a quoted field opened on line 3 is never closed");
}

TEST(CsvReader, AFieldCountOtherThanTheFirstRecordsIsAnError) {
  CsvError error = error_of("a,b,c\n1,2,3\n1,2\n");
  EXPECT_EQ(error.record, 3u);
  EXPECT_EQ(error.line, 3u);
  EXPECT_EQ(error.message, "2 fields where the first record has 3 fields");
  error = error_of("a,b\n1,2,3\n");
  EXPECT_EQ(error.record, 2u);
  EXPECT_EQ(error.message, "3 fields where the first record has 2 fields");
  // An empty line is a record of one empty field.
  EXPECT_EQ(error_of("a,b\n1,2\n\n").message, "1 field where the first record has 2 fields");
}

TEST(CsvReader, StrayQuotesAndCarriageReturnsAreErrors) {
  EXPECT_EQ(error_of("a,b\"c\n").message, "a quote inside an unquoted field");
  EXPECT_EQ(error_of("\"a\"b,c\n").message, "text after the closing quote of a field");
  EXPECT_EQ(error_of("\"a\" ,c\n").message, "text after the closing quote of a field");
  EXPECT_EQ(error_of("a,b\rc,d\n").message, "a carriage return not followed by a line feed");
}

TEST(CsvReader, ReadsNothingMoreAfterAnError) {
  std::istringstream in("a\n\"open\n");
  CsvReader reader(in);
  CsvRecord record;
  EXPECT_TRUE(reader.next(record));
  EXPECT_FALSE(reader.next(record));
  ASSERT_TRUE(reader.error().has_value());
  EXPECT_FALSE(reader.next(record));
  EXPECT_EQ(reader.error()->record, 2u);
}

// A record is read when asked for, not the whole input first: memory stays flat.
TEST(CsvReader, ReadsOneRecordAtATime) {
  std::string text = "order,amount\n";
  for (int i = 0; i < 10000; ++i) text += "KK-" + std::to_string(i) + ",1.00\n";
  std::istringstream in(text);
  CsvReader reader(in);
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.fields[0], "KK-0");
  EXPECT_EQ(static_cast<std::size_t>(in.tellg()), std::string("order,amount\nKK-0,1.00\n").size());
}

}  // namespace
}  // namespace refundkit::cli
