#include <gtest/gtest.h>

#include <string>

#include "core/printable.hpp"

namespace refundkit {
namespace {

TEST(PrintableExcerpt, KeepsPrintableAscii) {
  EXPECT_EQ(detail::printable_excerpt("12.30 EUR"), "12.30 EUR");
  EXPECT_EQ(detail::printable_excerpt(""), "");
}

TEST(PrintableExcerpt, ReplacesControlAndNonAsciiBytes) {
  EXPECT_EQ(detail::printable_excerpt(std::string("a\nb\0c\x7f", 6)), "a?b?c?");
  EXPECT_EQ(detail::printable_excerpt("\xc3\xa9"), "??");
}

TEST(PrintableExcerpt, CutsLongInput) {
  EXPECT_EQ(detail::printable_excerpt(std::string(40, 'x'), 8), "xxxxxxxx...");
  EXPECT_EQ(detail::printable_excerpt(std::string(8, 'x'), 8), "xxxxxxxx");
}

}  // namespace
}  // namespace refundkit
