#include <gtest/gtest.h>

#include <string>

#include "internal/json_reader.hpp"

namespace refundkit::internal {
namespace {

Json parse(std::string_view text) {
  std::optional<Json> json = parse_json_exact(text);
  EXPECT_TRUE(json.has_value()) << text;
  return json.value_or(Json());
}

Money eur(std::string_view amount) { return Money::parse(amount, "EUR").value(); }
Currency currency(std::string_view code) { return Currency::from_code(code).value(); }

TEST(ParseJsonExact, KeepsNonIntegerNumbersAsTheirOriginalText) {
  const Json json = parse(R"({"a":12.30,"b":0.1,"c":1e2,"d":-0.0,"e":1E+2,"f":0.29})");
  for (const auto& [key, text] : {std::pair{"a", "12.30"},
                                  {"b", "0.1"},
                                  {"c", "1e2"},
                                  {"d", "-0.0"},
                                  {"e", "1E+2"},
                                  {"f", "0.29"}}) {
    SCOPED_TRACE(key);
    const Json* member = find_member(json, key);
    ASSERT_NE(member, nullptr);
    EXPECT_TRUE(is_exact_number(*member));
    EXPECT_FALSE(member->is_number_float());  // never went through a double
    EXPECT_EQ(number_text(*member), std::optional<std::string>(text));
  }
}

TEST(ParseJsonExact, IntegersStayIntegers) {
  const Json json = parse(R"([0, -7, 1500, 9223372036854775807, 18446744073709551615])");
  EXPECT_TRUE(json[1].is_number_integer());
  EXPECT_EQ(number_text(json[0]), "0");
  EXPECT_EQ(number_text(json[1]), "-7");
  EXPECT_EQ(number_text(json[2]), "1500");
  EXPECT_EQ(number_text(json[3]), "9223372036854775807");
  EXPECT_EQ(number_text(json[4]), "18446744073709551615");
}

TEST(ParseJsonExact, IntegersBeyondSixtyFourBitsKeepTheirText) {
  const Json json = parse("[123456789012345678901234567890, -99999999999999999999]");
  EXPECT_EQ(number_text(json[0]), "123456789012345678901234567890");
  EXPECT_EQ(number_text(json[1]), "-99999999999999999999");
}

TEST(ParseJsonExact, StringsAreNotNumbers) {
  const Json json = parse(R"({"a":"12.30","b":true,"c":null,"d":[],"e":{}})");
  for (const char* key : {"a", "b", "c", "d", "e"}) {
    SCOPED_TRACE(key);
    EXPECT_FALSE(is_exact_number(*find_member(json, key)));
    EXPECT_EQ(number_text(*find_member(json, key)), std::nullopt);
  }
  EXPECT_EQ(get_string(json, "a"), "12.30");
}

TEST(ParseJsonExact, NestedStructuresAreBuiltInPlace) {
  const Json json = parse(R"({"a":[1,{"b":[2.50,"x",[null]]}],"c":{"d":{}}})");
  ASSERT_TRUE(json.is_object());
  EXPECT_EQ(json["a"].size(), 2u);
  EXPECT_EQ(number_text(json["a"][1]["b"][0]), "2.50");
  EXPECT_EQ(json["a"][1]["b"][1], "x");
  EXPECT_TRUE(json["a"][1]["b"][2][0].is_null());
  EXPECT_TRUE(json["c"]["d"].is_object());
}

TEST(ParseJsonExact, ScalarDocuments) {
  EXPECT_EQ(number_text(parse("12.30")), "12.30");
  EXPECT_EQ(parse(R"("x")"), "x");
  EXPECT_TRUE(parse("null").is_null());
  EXPECT_TRUE(parse(" \n\t{} ").is_object());
}

TEST(ParseJsonExact, InvalidDocumentsAreNulloptNeverThrown) {
  for (const std::string& text : {std::string(""),
                                  std::string(" "),
                                  std::string("{"),
                                  std::string("{\"a\":}"),
                                  std::string("{\"a\":1,}"),
                                  std::string("[1,]"),
                                  std::string("{'a':1}"),
                                  std::string("{\"a\":1} {}"),
                                  std::string("// c\n{}"),
                                  std::string("NaN"),
                                  std::string("01"),
                                  std::string("1."),
                                  std::string("\"\xFF\""),
                                  std::string("\"a\nb\""),
                                  std::string("1e999"),
                                  std::string("-1e999"),
                                  std::string("{\"a\":1,\"a\":1}"),
                                  std::string("<html></html>"),
                                  std::string("{\"a\":1}\0", 8),
                                  std::string("{\"a\":1}\0{\"b\":2}", 15)}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(parse_json_exact(text), std::nullopt);
  }
}

TEST(ParseJsonExact, DuplicateKeysOnlyMatterWithinOneObject) {
  EXPECT_TRUE(parse_json_exact(R"({"a":{"x":1},"b":{"x":2}})").has_value());
  EXPECT_EQ(parse_json_exact(R"({"a":{"x":1,"x":2}})"), std::nullopt);
}

TEST(ParseJsonExact, DepthIsLimited) {
  const auto nested = [](std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
  };
  EXPECT_TRUE(parse_json_exact(nested(kMaxJsonDepth)).has_value());
  EXPECT_EQ(parse_json_exact(nested(kMaxJsonDepth + 1)), std::nullopt);
  EXPECT_EQ(parse_json_exact(std::string(1024 * 1024, '[')), std::nullopt);
}

TEST(ParseJsonExact, SizeIsLimited) {
  const std::string body = R"({"a":")" + std::string(100, 'x') + R"("})";
  EXPECT_TRUE(parse_json_exact(body, body.size()).has_value());
  EXPECT_EQ(parse_json_exact(body, body.size() - 1), std::nullopt);
  const std::string big = R"({"a":")" + std::string(kMaxJsonBodyBytes, 'x') + R"("})";
  EXPECT_EQ(parse_json_exact(big), std::nullopt);
}

TEST(JsonMembers, LookupsAreSafeOnAnyValue) {
  const Json json = parse(R"({"s":"text","n":42,"f":4.20,"z":null,"o":{}})");
  EXPECT_EQ(find_member(json, "missing"), nullptr);
  EXPECT_EQ(find_member(parse("[1]"), "s"), nullptr);
  EXPECT_EQ(find_member(parse("\"s\""), "s"), nullptr);
  EXPECT_TRUE(is_absent_or_null(json, "z"));
  EXPECT_TRUE(is_absent_or_null(json, "missing"));
  EXPECT_FALSE(is_absent_or_null(json, "s"));
  EXPECT_EQ(get_string(json, "s"), "text");
  EXPECT_EQ(get_string(json, "n"), std::nullopt);
  EXPECT_EQ(get_scalar_text(json, "s"), "text");
  EXPECT_EQ(get_scalar_text(json, "n"), "42");
  EXPECT_EQ(get_scalar_text(json, "f"), "4.20");
  EXPECT_EQ(get_scalar_text(json, "z"), std::nullopt);
  EXPECT_EQ(get_scalar_text(json, "o"), std::nullopt);
}

TEST(ReadMoney, AcceptsIntegersExactNumbersAndNumericStrings) {
  struct Case {
    const char* json;
    const char* code;
    const char* expected;
  };
  const Case cases[] = {
      {"12.30", "EUR", "12.30"},     {"12.3", "EUR", "12.30"},
      {"0.1", "EUR", "0.10"},        {"12", "EUR", "12.00"},
      {"\"12.30\"", "EUR", "12.30"}, {"-5.5", "EUR", "-5.50"},
      {"1e2", "EUR", "100.00"},      {"1.005e1", "EUR", "10.05"},
      {"12.300", "EUR", "12.30"},    {"1500", "JPY", "1500"},
      {"1500.0", "JPY", "1500"},     {"\"1500\"", "JPY", "1500"},
      {"1.250", "KWD", "1.250"},     {"1.25", "KWD", "1.250"},
      {"0.001", "KWD", "0.001"},     {"92233720368547758.07", "EUR", "92233720368547758.07"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.json) + " " + c.code);
    const Result<Money> money = read_money(parse(c.json), currency(c.code));
    ASSERT_TRUE(money.ok()) << money.error().message;
    EXPECT_EQ(*money, Money::parse(c.expected, c.code).value());
  }
}

TEST(ReadMoney, RejectsWhatIsNotExact) {
  struct Case {
    const char* json;
    const char* code;
  };
  const Case cases[] = {
      {"12.345", "EUR"},
      {"1.5", "JPY"},
      {"0.0001", "KWD"},
      {"1e-3", "EUR"},
      {"92233720368547758.08", "EUR"},
      {"123456789012345678901234567890", "EUR"},
      {"\"12,30\"", "EUR"},
      {"\"12.30 \"", "EUR"},
      {"\"+12\"", "EUR"},
      {"\"\"", "EUR"},
      {"\"012\"", "EUR"},
      {"true", "EUR"},
      {"null", "EUR"},
      {"[]", "EUR"},
      {"{}", "EUR"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.json) + " " + c.code);
    const Result<Money> money = read_money(parse(c.json), currency(c.code));
    ASSERT_FALSE(money.ok());
    EXPECT_EQ(money.error().kind, ErrorKind::protocol);
  }
}

TEST(ReadMoney, NeedsACurrency) {
  const Result<Money> money = read_money(parse("12.30"), Currency());
  ASSERT_FALSE(money.ok());
  EXPECT_EQ(money.error().kind, ErrorKind::protocol);
}

TEST(ReadMoney, ADoubleBuiltInCodeIsRefused) {
  // Only parse_json_exact output is exact; a double has already lost the vendor's text.
  EXPECT_FALSE(read_money(Json(12.30), currency("EUR")).ok());
  EXPECT_EQ(read_money(Json(1230), currency("EUR")).value(), eur("1230.00"));
}

TEST(ParseJsonExactParser, DecodesEscapesToUtf8) {
  EXPECT_EQ(parse(R"("\u00fc\u20ac\ud83d\ude00\/")"), "\xC3\xBC\xE2\x82\xAC\xF0\x9F\x98\x80/");
  EXPECT_EQ(parse(R"("a\u0000b")").get<std::string>(), std::string("a\0b", 3));
  EXPECT_TRUE(parse("\xEF\xBB\xBF{}").is_object());  // a byte order mark, as nlohmann allows
}

TEST(ParseJsonExactParser, NumbersAtTheLimitsOfADouble) {
  EXPECT_EQ(number_text(parse("1.7976931348623158e308")), "1.7976931348623158e308");
  EXPECT_EQ(parse_json_exact("1.7976931348623159e308"), std::nullopt);  // rounds to infinity
  EXPECT_EQ(number_text(parse("1e-400")), "1e-400");                    // rounds to zero: finite
  EXPECT_EQ(number_text(parse("-9223372036854775808")), "-9223372036854775808");
  EXPECT_TRUE(parse("-9223372036854775808").is_number_integer());
  EXPECT_TRUE(is_exact_number(parse("-9223372036854775809")));
  EXPECT_TRUE(parse("18446744073709551615").is_number_unsigned());
  EXPECT_TRUE(is_exact_number(parse("18446744073709551616")));
  EXPECT_TRUE(parse("-0").is_number_integer());
  EXPECT_EQ(number_text(parse("-0")), "0");
}

TEST(JsonMembers, FindStringAndScalarText) {
  const Json json = parse(R"({"s":"text","externalReference":"RMA-1","n":42,"z":null})");
  ASSERT_NE(find_string(json, "s"), nullptr);
  EXPECT_EQ(*find_string(json, "s"), "text");
  EXPECT_EQ(*find_string(json, "externalReference"), "RMA-1");
  EXPECT_EQ(find_string(json, "n"), nullptr);
  EXPECT_EQ(find_string(json, "missing"), nullptr);
  EXPECT_EQ(find_string(parse("[\"s\"]"), "s"), nullptr);
  EXPECT_EQ(scalar_text(*find_member(json, "s")), "text");
  EXPECT_EQ(scalar_text(*find_member(json, "n")), "42");
  EXPECT_EQ(scalar_text(*find_member(json, "z")), std::nullopt);
}

}  // namespace
}  // namespace refundkit::internal
