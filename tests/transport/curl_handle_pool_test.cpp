#include "transport/curl_handle_pool.hpp"

#include <gtest/gtest.h>

#include "transport/curl_global.hpp"

namespace refundkit::internal {
namespace {

TEST(CurlHandlePoolTest, ReusesTheMostRecentlyReturnedHandle) {
  ASSERT_EQ(ensure_curl_global_init(), CURLE_OK);
  CurlHandlePool pool(2);
  CurlEasyHandle first = pool.checkout();
  ASSERT_NE(first, nullptr);
  CURL* const raw = first.get();
  pool.give_back(std::move(first));
  EXPECT_EQ(pool.idle_count(), 1u);
  CurlEasyHandle again = pool.checkout();
  EXPECT_EQ(again.get(), raw);
  EXPECT_EQ(pool.idle_count(), 0u);
}

TEST(CurlHandlePoolTest, KeepsAtMostMaxIdleHandles) {
  CurlHandlePool pool(2);
  CurlEasyHandle a = pool.checkout();
  CurlEasyHandle b = pool.checkout();
  CurlEasyHandle c = pool.checkout();
  EXPECT_NE(a.get(), b.get());
  pool.give_back(std::move(a));
  pool.give_back(std::move(b));
  pool.give_back(std::move(c));  // closed: the pool is full
  EXPECT_EQ(pool.idle_count(), 2u);
}

TEST(CurlHandlePoolTest, LeaseGivesTheHandleBack) {
  CurlHandlePool pool(4);
  {
    CurlHandleLease lease(pool);
    ASSERT_TRUE(lease);
    EXPECT_EQ(pool.idle_count(), 0u);
  }
  EXPECT_EQ(pool.idle_count(), 1u);
}

}  // namespace
}  // namespace refundkit::internal
