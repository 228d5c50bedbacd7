#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

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

}  // namespace
}  // namespace refundkit::internal
