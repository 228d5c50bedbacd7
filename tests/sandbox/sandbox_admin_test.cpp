// The admin API under /_sandbox, the default data set and seed files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>

#include "sandbox_test_support.hpp"

namespace refundkit::sandbox::testing {
namespace {

using ::testing::HasSubstr;

// Runs `action`, expecting std::runtime_error whose message contains every one of `parts`.
template <typename Action>
void expect_runtime_error(Action action, std::initializer_list<std::string> parts) {
  try {
    action();
    ADD_FAILURE() << "no exception";
  } catch (const std::runtime_error& error) {
    for (const std::string& part : parts) EXPECT_THAT(error.what(), HasSubstr(part));
  }
}

class SandboxAdminTest : public ::testing::Test {
 protected:
  Sandbox sandbox_{test_options()};
  SandboxClient client_{sandbox_.port()};
};

TEST_F(SandboxAdminTest, ReportsHealth) {
  const Reply reply = client_.get("/_sandbox/health");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.json, Json::parse(R"({"status":"ok"})"));
}

TEST(SandboxDefaultOrdersTest, AreTheDocumentedOrders) {
  const std::vector<SandboxOrder> orders = default_orders();
  ASSERT_EQ(orders.size(), 4u);
  const auto expect_order = [](const SandboxOrder& order, const char* id, const char* amount,
                               const char* currency, bool bank_details_missing) {
    EXPECT_EQ(order.provider, "komfortkasse");
    EXPECT_EQ(order.order_id, id);
    EXPECT_EQ(order.amount, amount) << id;
    EXPECT_EQ(order.currency, currency) << id;
    EXPECT_EQ(order.bank_details_missing, bank_details_missing) << id;
  };
  expect_order(orders[0], "KK-1001", "100.00", "EUR", false);
  expect_order(orders[1], "KK-1002", "49.90", "EUR", false);
  expect_order(orders[2], "KK-1003", "250.00", "CHF", false);
  expect_order(orders[3], "KK-1004", "80.00", "EUR", true);
}

TEST_F(SandboxAdminTest, ListsTheOrdersWithTheirRefunds) {
  ASSERT_EQ(client_.refund("KK-1002", refund_body("RMA-1", "9.90")).status, 200);

  const Reply reply = client_.get("/_sandbox/orders");
  ASSERT_EQ(reply.status, 200);
  const Json& orders = reply.json.at("orders");
  ASSERT_EQ(orders.size(), 4u);
  EXPECT_EQ(orders[1], Json::parse(R"({"provider":"komfortkasse","order_id":"KK-1002",
      "amount":"49.90","currency":"EUR","bank_details_missing":false,"refunds":[
      {"id":"KK-R-000001","reference":"RMA-1","amount":"9.90","currency":"EUR","status":"NEW",
       "planned_date":"2030-06-16","vendor_reference":"KKBT00000001"}]})"));
  EXPECT_EQ(orders[3].at("bank_details_missing"), true);
  EXPECT_TRUE(orders[0].at("refunds").empty());
}

TEST_F(SandboxAdminTest, CreatesAnOrder) {
  const Reply reply = client_.post("/_sandbox/orders", R"({"provider":"komfortkasse",
      "order_id":"SHOP-77","amount":"12.30","currency":"EUR","bank_details_missing":true})");
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.json.at("order_id"), "SHOP-77");
  EXPECT_EQ(reply.json.at("amount"), "12.30");

  const Reply refund = client_.refund("SHOP-77", refund_body("RMA-1", "24.60"));
  ASSERT_EQ(refund.status, 200) << refund.body;
  EXPECT_EQ(refund.json.at("status"), "BANKDETAILS_MISSING");
  EXPECT_EQ(client_.refund("SHOP-77", refund_body("RMA-2", "0.01")).status, 400);
}

TEST_F(SandboxAdminTest, ReplacingAnOrderStartsItWithoutRefunds) {
  ASSERT_EQ(client_.refund("KK-1001", refund_body("RMA-1", "200.00")).status, 200);
  ASSERT_EQ(client_
                .post("/_sandbox/orders", R"({"provider":"komfortkasse","order_id":"KK-1001",
      "amount":"10.00","currency":"CHF"})")
                .status,
            201);

  EXPECT_TRUE(sandbox_.refunds().empty());
  const Reply refund = client_.refund("KK-1001", refund_body("RMA-1", "20.00", "CHF"));
  EXPECT_EQ(refund.status, 200) << refund.body;
}

TEST_F(SandboxAdminTest, RefusesAnInvalidOrder) {
  const std::pair<const char*, const char*> cases[] = {
      {R"(not json)", "JSON"},
      {R"([])", "object"},
      {R"({"provider":"optty","order_id":"X","amount":"1.00","currency":"EUR"})", "provider"},
      {R"({"order_id":"X","amount":"1.00","currency":"EUR"})", "provider"},
      {R"({"provider":"komfortkasse","order_id":"","amount":"1.00","currency":"EUR"})", "order_id"},
      {R"({"provider":"komfortkasse","order_id":"X","amount":1.00,"currency":"EUR"})", "amount"},
      {R"({"provider":"komfortkasse","order_id":"X","amount":"1.234","currency":"EUR"})", "amount"},
      {R"({"provider":"komfortkasse","order_id":"X","amount":"0.00","currency":"EUR"})", "amount"},
      {R"({"provider":"komfortkasse","order_id":"X","amount":"1.00"})", "currency"},
      {R"({"provider":"komfortkasse","order_id":"X","amount":"1.00","currency":"EUR",
           "bank_details_missing":"yes"})",
       "bank_details_missing"},
      {R"({"provider":"komfortkasse","order_id":"X","amount":"1.00","currency":"EUR",
           "colour":"red"})",
       "colour"},
  };
  for (const auto& [body, field] : cases) {
    const Reply reply = client_.post("/_sandbox/orders", body);
    EXPECT_EQ(reply.status, 400) << body;
    EXPECT_THAT(reply.json.value("error", ""), HasSubstr(field)) << body;
  }
  EXPECT_EQ(sandbox_.orders().size(), 4u);
}

TEST_F(SandboxAdminTest, ResetRestoresTheSeededState) {
  ASSERT_EQ(client_.refund("KK-1001", refund_body("RMA-1", "1.00")).status, 200);
  sandbox_.add_order({"komfortkasse", "EXTRA", "5.00", "EUR"});

  const Reply reply = client_.post("/_sandbox/reset", "");
  EXPECT_EQ(reply.status, 200) << reply.body;

  EXPECT_TRUE(sandbox_.refunds().empty());
  ASSERT_EQ(sandbox_.orders().size(), 4u);
  EXPECT_EQ(client_.refund("EXTRA", refund_body("RMA-2", "1.00")).status, 404);
  // The reference is free again; the new refund still gets a new id.
  const Reply again = client_.refund("KK-1001", refund_body("RMA-1", "1.00"));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json.at("id"), "KK-R-000002");
}

TEST_F(SandboxAdminTest, ResetThroughTheApiMatchesTheEndpoint) {
  ASSERT_EQ(client_.refund("KK-1001", refund_body("RMA-1", "1.00")).status, 200);
  sandbox_.reset();
  EXPECT_TRUE(sandbox_.refunds().empty());
  EXPECT_EQ(sandbox_.orders().size(), 4u);
}

TEST_F(SandboxAdminTest, AnswersUnknownRoutesWithJson) {
  const Reply unknown = client_.get("/nowhere");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_TRUE(unknown.json.contains("error")) << unknown.body;

  const Reply wrong_method = client_.get("/_sandbox/reset");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_TRUE(wrong_method.json.contains("error")) << wrong_method.body;

  const Reply no_refund_list =
      client_.get(std::string(kRefundPathPrefix) + "KK-1001/refund", client_.api_key_header());
  EXPECT_EQ(no_refund_list.status, 405);
}

TEST_F(SandboxAdminTest, RefusesBodiesOver64KiB) {
  const std::string huge(65 * 1024, ' ');
  const Reply reply = client_.refund("KK-1001", "{" + huge + "}");
  EXPECT_EQ(reply.status, 413);
  EXPECT_TRUE(sandbox_.refunds().empty());
  // The server is still fine afterwards.
  EXPECT_EQ(client_.get("/_sandbox/health").status, 200);
}

TEST_F(SandboxAdminTest, AddOrderRefusesOrdersItCannotHost) {
  const SandboxOrder refused[] = {
      {"optty", "X", "1.00", "EUR"},         {"komfortkasse", "", "1.00", "EUR"},
      {"komfortkasse", "X", "0.00", "EUR"},  {"komfortkasse", "X", "1.00", ""},
      {"komfortkasse", "X", "1.00", "XYZ"},  {"komfortkasse", "X", "1.001", "EUR"},
      {"komfortkasse", "X", "1.5", "JPY"},   {"komfortkasse", "X", "-1.00", "EUR"},
      {"komfortkasse", "X", "1e2", "EUR"},   {"komfortkasse", "X", "", "EUR"},
      {"komfortkasse", "X", "1.", "EUR"},    {"komfortkasse", "X", ".5", "EUR"},
      {"komfortkasse", "X", " 1.00", "EUR"}, {"komfortkasse", "X", "99999999999999999999", "EUR"},
  };
  for (const SandboxOrder& order : refused) {
    EXPECT_THROW(sandbox_.add_order(order), std::invalid_argument)
        << order.provider << " " << order.order_id << " " << order.amount << " " << order.currency;
  }
  EXPECT_EQ(sandbox_.orders().size(), 4u);
}

TEST_F(SandboxAdminTest, KeepsAmountsAsMinorUnitsOfTheCurrency) {
  sandbox_.add_order({"komfortkasse", "X-1", "12.3", "EUR"});
  sandbox_.add_order({"komfortkasse", "X-2", "1500", "JPY"});
  sandbox_.add_order({"komfortkasse", "X-3", "7", "CZK"});
  std::map<std::string, std::string> amounts;
  for (const SandboxOrder& order : sandbox_.orders()) amounts[order.order_id] = order.amount;
  EXPECT_EQ(amounts.size(), 7u);
  EXPECT_EQ(amounts["X-1"], "12.30");
  EXPECT_EQ(amounts["X-2"], "1500");
  EXPECT_EQ(amounts["X-3"], "7.00");
}

TEST(SandboxCurrencyTest, HostsItsOwnTableOfCurrencies) {
  EXPECT_EQ(hosted_currencies(), (std::vector<std::string>{"AUD", "CHF", "CZK", "DKK", "EUR", "GBP",
                                                           "JPY", "NOK", "SEK", "USD"}));
  EXPECT_EQ(currency_decimals("EUR"), 2);
  EXPECT_EQ(currency_decimals("JPY"), 0);
  EXPECT_EQ(currency_decimals("eur"), std::nullopt);
  EXPECT_EQ(currency_decimals("KWD"), std::nullopt);
}

TEST(SandboxSeedTest, StartsEmptyWithoutDefaultOrders) {
  SandboxOptions options = test_options();
  options.seed_default_orders = false;
  Sandbox sandbox(options);
  EXPECT_TRUE(sandbox.orders().empty());
  EXPECT_EQ(SandboxClient(sandbox.port()).refund("KK-1001", refund_body("RMA-1", "1.00")).status,
            404);
}

TEST(SandboxSeedTest, LoadsASeedFileAfterTheDefaults) {
  const TempFile seed(R"({"orders": [
      {"provider": "komfortkasse", "order_id": "X-1", "amount": "12.30", "currency": "EUR",
       "bank_details_missing": false},
      {"provider": "komfortkasse", "order_id": "KK-1001", "amount": "5.00", "currency": "CHF"}]})");
  SandboxOptions options = test_options();
  options.seed_file = seed.path();
  Sandbox sandbox(options);
  SandboxClient client(sandbox.port());

  EXPECT_EQ(sandbox.orders().size(), 5u);  // KK-1001 replaced by the file
  EXPECT_EQ(client.refund("X-1", refund_body("RMA-1", "24.60")).status, 200);
  EXPECT_EQ(client.refund("KK-1001", refund_body("RMA-2", "10.01", "CHF")).status, 400);

  sandbox.reset();
  EXPECT_EQ(sandbox.orders().size(), 5u);
  EXPECT_TRUE(sandbox.refunds().empty());
}

TEST(SandboxSeedTest, LoadsOnlyTheSeedFileWithoutDefaults) {
  const TempFile seed(R"({"orders": [{"provider": "komfortkasse", "order_id": "X-1",
      "amount": "12.30", "currency": "EUR"}]})");
  SandboxOptions options = test_options();
  options.seed_default_orders = false;
  options.seed_file = seed.path();
  Sandbox sandbox(options);

  const std::vector<SandboxOrder> orders = sandbox.orders();
  ASSERT_EQ(orders.size(), 1u);
  EXPECT_EQ(orders[0].order_id, "X-1");
  EXPECT_EQ(orders[0].amount, "12.30");
  EXPECT_EQ(orders[0].currency, "EUR");
  EXPECT_FALSE(orders[0].bank_details_missing);
}

TEST(SandboxSeedTest, AcceptsAnEmptyOrderList) {
  EXPECT_TRUE(parse_seed_json(R"({"orders": []})", "test").empty());
}

TEST(SandboxSeedTest, RefusesAMissingFile) {
  const std::string path = "/nonexistent/refundkit-seed.json";
  expect_runtime_error([&] { load_seed_file(path); }, {path});
  SandboxOptions options = test_options();
  options.seed_file = path;
  expect_runtime_error([&] { Sandbox sandbox(options); }, {path});
}

TEST(SandboxSeedTest, RefusesABadFileNamingTheProblem) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "not valid JSON"},
      {"{", "not valid JSON"},
      {"[]", "orders"},
      {R"({"orders": {}})", "orders"},
      {R"({"orders": [{"provider": "komfortkasse", "order_id": "X", "amount": "1.001",
           "currency": "EUR"}]})",
       "orders[0]: amount"},
      {R"({"orders": [{"provider": "komfortkasse", "order_id": "X", "amount": "1.00",
           "currency": "EUR"}, {"provider": "skippay", "order_id": "Y", "amount": "1",
           "currency": "CZK"}]})",
       "orders[1]: provider"},
  };
  for (const auto& [content, problem] : cases) {
    const TempFile seed(content);
    expect_runtime_error([&] { load_seed_file(seed.path()); }, {seed.path(), problem});
  }
}

}  // namespace
}  // namespace refundkit::sandbox::testing
