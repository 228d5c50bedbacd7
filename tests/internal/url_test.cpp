#include <gtest/gtest.h>

#include "internal/url.hpp"

namespace refundkit::internal {
namespace {

TEST(PercentEncodePathSegment, KeepsOnlyUnreservedCharacters) {
  struct Case {
    std::string segment;
    const char* encoded;
  };
  const Case cases[] = {
      {"ABCxyz019-._~", "ABCxyz019-._~"},
      {"a b", "a%20b"},
      {"a/b", "a%2Fb"},
      {"A/../1", "A%2F..%2F1"},
      {"?#[]@!$&'()*+,;=:", "%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%3A"},
      {"100%", "100%25"},
      {"\xC3\xBC", "%C3%BC"},
      {"\xE2\x82\xAC", "%E2%82%AC"},
      {"\xFF", "%FF"},
      {std::string("a\0b", 3), "a%00b"},
      {"\r\n", "%0D%0A"},
      {"", ""},
      // Dot-segments would walk the path; other dots are ordinary characters.
      {".", "%2E"},
      {"..", "%2E%2E"},
      {"...", "%2E%2E%2E"},
      {".a", ".a"},
      {"a..", "a.."},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.segment);
    EXPECT_EQ(percent_encode_path_segment(c.segment), c.encoded);
  }
}

TEST(JoinUrl, ExactlyOneSlashBetweenBaseAndPath) {
  EXPECT_EQ(join_url("https://h/api/v2", "order/1"), "https://h/api/v2/order/1");
  EXPECT_EQ(join_url("https://h/api/v2/", "order/1"), "https://h/api/v2/order/1");
  EXPECT_EQ(join_url("https://h/api/v2/", "/order/1"), "https://h/api/v2/order/1");
  EXPECT_EQ(join_url("https://h/api/v2//", "//order/1"), "https://h/api/v2/order/1");
  EXPECT_EQ(join_url("https://h", "order"), "https://h/order");
  EXPECT_EQ(join_url("http://127.0.0.1:8080/komfortkasse/api/v2", "order/%2E%2E/refund"),
            "http://127.0.0.1:8080/komfortkasse/api/v2/order/%2E%2E/refund");
}

TEST(UrlWithPathSegments, EncodesEachSegment) {
  EXPECT_EQ(url_with_path_segments("https://h/api/v2/", {"order", "A/../1", "refund"}),
            "https://h/api/v2/order/A%2F..%2F1/refund");
  EXPECT_EQ(url_with_path_segments("https://h", {"orders", "a b", "refund"}),
            "https://h/orders/a%20b/refund");
  EXPECT_EQ(url_with_path_segments("https://h", {".."}), "https://h/%2E%2E");
}

}  // namespace
}  // namespace refundkit::internal
