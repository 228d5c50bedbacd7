#include <gtest/gtest.h>

#include "internal/secrets.hpp"
#include "internal/text.hpp"

namespace refundkit::internal {
namespace {

TEST(Text, CaseInsensitiveContains) {
  EXPECT_TRUE(contains_ignore_case("externalReference ALREADY exists", "already"));
  EXPECT_TRUE(contains_ignore_case("abc", ""));
  EXPECT_FALSE(contains_ignore_case("abc", "abcd"));
  EXPECT_EQ(ascii_lower("AbC-\xC3\x9C"), "abc-\xC3\x9C");  // non-ASCII untouched
  EXPECT_EQ(ascii_upper("in_process"), "IN_PROCESS");
}

TEST(Text, WholeWordsOnly) {
  EXPECT_TRUE(contains_word_ignore_case("reference already USED.", "used"));
  EXPECT_TRUE(contains_word_ignore_case("used", "used"));
  EXPECT_TRUE(contains_word_ignore_case("(used)", "USED"));
  EXPECT_TRUE(contains_word_ignore_case("DUPLICATE_REFERENCE", "duplicate"));
  EXPECT_TRUE(contains_word_ignore_case("it does not match", "does not match"));
  EXPECT_TRUE(contains_word_ignore_case("refused, then used", "used"));  // a later whole match
  for (const char* text : {"refused", "unused", "caused", "usedx", "used2", "reused"}) {
    EXPECT_FALSE(contains_word_ignore_case(text, "used")) << text;
  }
  EXPECT_FALSE(contains_word_ignore_case("does not exist", "exists"));
  EXPECT_FALSE(contains_word_ignore_case("does  not match", "does not match"));
  EXPECT_FALSE(contains_word_ignore_case("anything", ""));
  EXPECT_FALSE(contains_word_ignore_case("", "used"));
  // Non-ASCII letters are not word characters (ASCII-only, as the rest of this file).
  EXPECT_TRUE(contains_word_ignore_case("\xC3\xBCused", "used"));
}

TEST(Text, AnyWord) {
  EXPECT_TRUE(contains_any_word_ignore_case("reference in use", {"duplicate", "in use"}));
  EXPECT_FALSE(contains_any_word_ignore_case("refused", {"used", "fuse"}));
  EXPECT_FALSE(contains_any_word_ignore_case("anything", {}));
}

TEST(Text, Utf8Validation) {
  for (const char* valid : {"", "abc", "\xC3\xBC", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
                            "\xEF\xBF\xBF", "\xF4\x8F\xBF\xBF"}) {
    EXPECT_TRUE(is_valid_utf8(valid)) << valid;
  }
  for (const char* invalid : {"\xFF", "\x80", "\xC3", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80",
                              "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xE2\x82", "a\xC3(b"}) {
    EXPECT_FALSE(is_valid_utf8(invalid)) << invalid;
  }
}

TEST(Text, ControlCharacters) {
  EXPECT_FALSE(has_control_characters("RMA-1 \xC3\xBC"));
  EXPECT_TRUE(has_control_characters("a\nb"));
  EXPECT_TRUE(has_control_characters(std::string("a\0b", 3)));
  EXPECT_TRUE(has_control_characters("a\x7F"));
}

TEST(Text, ShortenForMessageCutsOnCharacterBoundary) {
  EXPECT_EQ(shorten_for_message("short", 10), "short");
  EXPECT_EQ(shorten_for_message("abcdef", 3), "abc...");
  // "ü" is two bytes: a cut inside it moves before it.
  EXPECT_EQ(shorten_for_message("ab\xC3\xBC"
                                "cd",
                                3),
            "ab...");
}

TEST(Secrets, RedactsEveryOccurrence) {
  std::string text = "key=s3cret-key, again s3cret-keys3cret-key";
  redact_secret(text, "s3cret-key");
  EXPECT_EQ(text, "key=[REDACTED], again [REDACTED][REDACTED]");

  std::string body = "a1b2 a1b";
  redact_secret(body, "a1b");  // too short to be a secret: redacting would mangle bodies
  EXPECT_EQ(body, "a1b2 a1b");

  Error error;
  error.message = error.vendor_code = error.vendor_message = error.raw_body = "x s3cret-key x";
  redact_secret(error, "s3cret-key");
  for (const std::string* field :
       {&error.message, &error.vendor_code, &error.vendor_message, &error.raw_body}) {
    EXPECT_EQ(*field, "x [REDACTED] x");
  }

  Refund refund;
  refund.id = refund.reference = refund.raw_body = "s3cret-key";
  refund.other_ids = {"1", "s3cret-key"};
  redact_secret(refund, "s3cret-key");
  EXPECT_EQ(refund.id, "[REDACTED]");
  EXPECT_EQ(refund.reference, "[REDACTED]");
  EXPECT_EQ(refund.raw_body, "[REDACTED]");
  EXPECT_EQ(refund.other_ids[1], "[REDACTED]");
}

}  // namespace
}  // namespace refundkit::internal
