#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "internal/json_writer.hpp"

namespace refundkit::internal {
namespace {

Money money(std::string_view amount, std::string_view code) {
  return Money::parse(amount, code).value();
}

std::string string_value(std::string_view text) {
  JsonWriter json;
  json.string(text);
  return json.str();
}

TEST(JsonWriter, WritesFieldsInOrderWithExactNumbers) {
  JsonWriter json;
  json.begin_object()
      .key("externalReference")
      .string("RMA-1")
      .key("amount")
      .number(money("12.3", "EUR"))
      .key("yen")
      .number(money("1500", "JPY"))
      .key("dinar")
      .number(money("1.25", "KWD"))
      .key("fee")
      .number(money("-0.05", "EUR"))
      .key("vat")
      .number(Decimal(1900, 2))
      .key("minor")
      .number(std::int64_t{12590})
      .key("oauth")
      .boolean(true)
      .key("off")
      .boolean(false)
      .key("none")
      .null()
      .end_object();
  EXPECT_TRUE(json.complete());
  EXPECT_EQ(json.str(),
            R"({"externalReference":"RMA-1","amount":12.30,"yen":1500,"dinar":1.250,)"
            R"("fee":-0.05,"vat":19.00,"minor":12590,"oauth":true,"off":false,"none":null})");
}

TEST(JsonWriter, NestsObjectsAndArrays) {
  JsonWriter json;
  json.begin_object()
      .key("totalPrice")
      .begin_object()
      .key("amount")
      .number(std::int64_t{100})
      .key("currency")
      .string("CZK")
      .end_object()
      .key("items")
      .begin_array()
      .begin_object()
      .key("q")
      .number(Decimal(3, 0))
      .end_object()
      .begin_object()
      .end_object()
      .string("x")
      .begin_array()
      .end_array()
      .end_array()
      .key("empty")
      .begin_object()
      .end_object()
      .end_object();
  EXPECT_TRUE(json.complete());
  EXPECT_EQ(json.str(),
            R"({"totalPrice":{"amount":100,"currency":"CZK"},"items":[{"q":3},{},"x",[]],)"
            R"("empty":{}})");
}

TEST(JsonWriter, TopLevelScalarsAndArrays) {
  JsonWriter array;
  array.begin_array().number(std::int64_t{1}).null().boolean(false).end_array();
  EXPECT_EQ(array.str(), "[1,null,false]");
  EXPECT_EQ(string_value("x"), "\"x\"");
  EXPECT_FALSE(JsonWriter().complete());
  JsonWriter open;
  open.begin_object();
  EXPECT_FALSE(open.complete());
}

TEST(JsonWriter, IntegerExtremes) {
  JsonWriter json;
  json.begin_array()
      .number(std::numeric_limits<std::int64_t>::min())
      .number(std::numeric_limits<std::int64_t>::max())
      .end_array();
  EXPECT_EQ(json.str(), "[-9223372036854775808,9223372036854775807]");
}

TEST(JsonWriter, EscapesStringsAndKeys) {
  EXPECT_EQ(string_value(R"(say "hi")"), R"("say \"hi\"")");
  EXPECT_EQ(string_value(R"(C:\path\)"), R"("C:\\path\\")");
  EXPECT_EQ(string_value("a\nb\tc\rd\be\f"), R"("a\nb\tc\rd\be\f")");
  EXPECT_EQ(string_value(std::string("\x01\x1F\0", 3)), R"("\u0001\u001f\u0000")");
  EXPECT_EQ(string_value("/ <script>"), R"("/ <script>")");
  // UTF-8 passes through as UTF-8.
  EXPECT_EQ(string_value("\xC3\xBC \xE2\x82\xAC \xF0\x9F\x98\x80"),
            "\"\xC3\xBC \xE2\x82\xAC \xF0\x9F\x98\x80\"");
  // Invalid UTF-8 never throws: it becomes U+FFFD (adapters validate first).
  EXPECT_EQ(string_value("a\xFF"
                         "b"),
            "\"a\xEF\xBF\xBD"
            "b\"");

  JsonWriter json;
  json.begin_object().key("k\"\\\n").string("v").end_object();
  EXPECT_EQ(json.str(), R"({"k\"\\\n":"v"})");
}

TEST(JsonWriter, OutputParsesBackToTheSameStrings) {
  const std::string tricky = "\"\\/\b\f\n\r\t\x01 \xC3\xBC \xF0\x9F\x98\x80 \x7F";
  JsonWriter json;
  json.begin_object().key(tricky).string(tricky).end_object();
  const auto parsed = nlohmann::json::parse(json.str());
  EXPECT_EQ(parsed.at(tricky).get<std::string>(), tricky);
}

// What the writer produced before it escaped on its own: nlohmann's serialiser, replacing
// invalid UTF-8. The escaper must match it byte for byte on every input.
std::string nlohmann_escaped(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', /*ensure_ascii=*/false,
                                   nlohmann::json::error_handler_t::replace);
}

TEST(JsonWriterEscaping, EveryControlCharacter) {
  const char* const expected[0x20] = {
      "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
      "\\b",     "\\t",     "\\n",     "\\u000b", "\\f",     "\\r",     "\\u000e", "\\u000f",
      "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
      "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f"};
  for (int c = 0; c < 0x20; ++c) {
    SCOPED_TRACE(c);
    const std::string text(1, static_cast<char>(c));
    EXPECT_EQ(string_value(text), "\"" + std::string(expected[c]) + "\"");
    EXPECT_EQ(string_value("a" + text + "b"), "\"a" + std::string(expected[c]) + "b\"");
  }
}

TEST(JsonWriterEscaping, QuotesBackslashAndTheRestOfAscii) {
  EXPECT_EQ(string_value("\""), R"("\"")");
  EXPECT_EQ(string_value("\\"), R"("\\")");
  EXPECT_EQ(string_value("\\\"\\"), R"("\\\"\\")");
  EXPECT_EQ(string_value(""), R"("")");
  EXPECT_EQ(string_value("\x7F"), "\"\x7F\"");  // DEL is not a control character in JSON
  for (int c = 0x20; c < 0x80; ++c) {
    if (c == '"' || c == '\\') continue;
    const std::string text(1, static_cast<char>(c));
    EXPECT_EQ(string_value(text), "\"" + text + "\"") << c;
  }
}

TEST(JsonWriterEscaping, MultibyteUtf8PassesThrough) {
  for (const std::string text :
       {"\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80", "\xEF\xBF\xBF",
        "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF",
        "Gr\xC3\xBC\xC3\x9F"
        "e \xE2\x82\xAC\n"}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(string_value(text), nlohmann_escaped(text));
  }
  EXPECT_EQ(string_value("\xE2\x82\xAC\""), "\"\xE2\x82\xAC\\\"\"");
}

TEST(JsonWriterEscaping, InvalidUtf8IsReplacedAsNlohmannDid) {
  const std::string fffd = "\xEF\xBF\xBD";
  struct Case {
    std::string text;
    std::string expected;  // between the quotes
  };
  const Case cases[] = {
      {"\x80", fffd},                                   // a continuation byte on its own
      {"\xFF", fffd},                                   // never valid
      {"\xC0\xAF", fffd + fffd},                        // overlong '/': C0 is never valid
      {"\xE0\x80\x80", fffd + fffd + fffd},             // overlong: E0 needs A0..BF next
      {"\xED\xA0\x80", fffd + fffd + fffd},             // a UTF-16 surrogate
      {"\xF4\x90\x80\x80", fffd + fffd + fffd + fffd},  // above U+10FFFF
      {"\xC3", fffd},                                   // cut off at the end
      {"a\xE2\x82", "a" + fffd},                        // cut off at the end, two bytes in
      {"\xC3"
       "a",
       fffd + "a"},                   // the byte that broke the sequence is kept
      {"\xE2\x82\"", fffd + "\\\""},  // ... and escaped if it needs to be
      {"\xE2\x82\n", fffd + "\\n"},
      {"\xC3\xC3\xBC", fffd + "\xC3\xBC"},  // ... or starts a valid sequence of its own
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(string_value(c.text), "\"" + c.expected + "\"");
    EXPECT_EQ(string_value(c.text), nlohmann_escaped(c.text));
  }
}

TEST(JsonWriterEscaping, SameAsNlohmannForEveryShortString) {
  // Every string of one and two bytes, then random ones from bytes that exercise each path.
  for (int a = 0; a < 256; ++a) {
    const std::string one(1, static_cast<char>(a));
    ASSERT_EQ(string_value(one), nlohmann_escaped(one)) << a;
    for (int b = 0; b < 256; ++b) {
      const std::string two = {static_cast<char>(a), static_cast<char>(b)};
      ASSERT_EQ(string_value(two), nlohmann_escaped(two)) << a << " " << b;
    }
  }
  const unsigned char alphabet[] = {'a',  '"',  '\\', '\n', 0x00, 0x1F, 0x7F, 0x80, 0x8F,
                                    0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1,
                                    0xED, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF};
  std::mt19937 random(20240611);
  std::uniform_int_distribution<std::size_t> pick(0, sizeof alphabet - 1);
  std::uniform_int_distribution<std::size_t> length(0, 12);
  for (int i = 0; i < 200000; ++i) {
    std::string text(length(random), '\0');
    for (char& c : text) c = static_cast<char>(alphabet[pick(random)]);
    ASSERT_EQ(string_value(text), nlohmann_escaped(text)) << ::testing::PrintToString(text);
  }
}

TEST(JsonWriterEscaping, KeysAreEscapedLikeStrings) {
  JsonWriter json;
  json.begin_object().key("a\x01\xFF").string("").end_object();
  EXPECT_EQ(json.str(), "{\"a\\u0001\xEF\xBF\xBD\":\"\"}");
}

TEST(JsonWriter, NestsDeeperThanTheInlineScopes) {
  JsonWriter json;
  for (int i = 0; i < 20; ++i) json.begin_array();
  json.begin_object().key("k").number(std::int64_t{1}).key("l").begin_array().end_array();
  json.end_object();
  for (int i = 0; i < 20; ++i) json.number(std::int64_t{i}).end_array();
  EXPECT_TRUE(json.complete());
  std::string expected = std::string(20, '[') + R"({"k":1,"l":[]})";
  for (int i = 19; i >= 0; --i) expected += "," + std::to_string(19 - i) + "]";
  EXPECT_EQ(json.str(), expected);
}

}  // namespace
}  // namespace refundkit::internal
