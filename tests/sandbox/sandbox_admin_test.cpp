// The admin API under /_sandbox, the default data set and seed files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstddef>
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

// The documented default data set (README "Sandbox"): 4 orders per Komfortkasse, 3 Optty, 3
// Riverty and 4 Skip Pay applications.
constexpr std::size_t kDefaultOrderCount = 14;

const SandboxOrder* find_order(const std::vector<SandboxOrder>& orders, const std::string& id) {
  for (const SandboxOrder& order : orders) {
    if (order.order_id == id) return &order;
  }
  return nullptr;
}

TEST(SandboxDefaultOrdersTest, AreTheDocumentedOrders) {
  const std::vector<SandboxOrder> orders = default_orders();
  ASSERT_EQ(orders.size(), kDefaultOrderCount);
  const auto expect_order = [&](const char* provider, const char* id, const char* amount,
                                const char* currency) -> const SandboxOrder& {
    const SandboxOrder* order = find_order(orders, id);
    static const SandboxOrder kMissing;
    if (order == nullptr) {
      ADD_FAILURE() << id << " missing";
      return kMissing;
    }
    EXPECT_EQ(order->provider, provider) << id;
    EXPECT_EQ(order->amount, amount) << id;
    EXPECT_EQ(order->currency, currency) << id;
    return *order;
  };
  EXPECT_FALSE(expect_order("komfortkasse", "KK-1001", "100.00", "EUR").bank_details_missing);
  expect_order("komfortkasse", "KK-1002", "49.90", "EUR");
  expect_order("komfortkasse", "KK-1003", "250.00", "CHF");
  EXPECT_TRUE(expect_order("komfortkasse", "KK-1004", "80.00", "EUR").bank_details_missing);
  expect_order("optty", "OP-2001", "100.00", "AUD");
  expect_order("optty", "OP-2002", "24.98", "AUD");
  expect_order("optty", "OP-2003", "75.50", "USD");
  const SandboxOrder& riverty = expect_order("afterpay", "RV-3001", "300.00", "EUR");
  ASSERT_EQ(riverty.captures.size(), 1u);
  EXPECT_EQ(riverty.captures[0].capture_number, "000000001");
  EXPECT_EQ(riverty.captures[0].amount, "300.00");
  ASSERT_EQ(riverty.captures[0].items.size(), 1u);
  EXPECT_EQ(riverty.captures[0].items[0].gross_unit_price, "12.00");
  EXPECT_EQ(expect_order("afterpay", "RV-3002", "1500.00", "NOK").captures.size(), 1u);
  EXPECT_TRUE(expect_order("afterpay", "RV-3003", "80.00", "EUR").captures.empty());
  const SandboxOrder& ready = expect_order("skippay", "SP-4001", "1259.00", "CZK");
  EXPECT_EQ(ready.application_state, "READY");
  EXPECT_TRUE(ready.invoiced);
  EXPECT_EQ(ready.vat_rates, (std::vector<std::string>{"21", "12", "0"}));
  EXPECT_EQ(expect_order("skippay", "SP-4002", "500.00", "CZK").application_state, "PROCESSING");
  EXPECT_FALSE(expect_order("skippay", "SP-4003", "300.00", "CZK").invoiced);
  EXPECT_EQ(expect_order("skippay", "SP-4004", "800.00", "CZK").application_state, "CANCELLED");
}

TEST_F(SandboxAdminTest, ListsTheOrdersWithTheirRefunds) {
  ASSERT_EQ(client_.refund("KK-1002", refund_body("RMA-1", "9.90")).status, 200);

  const Reply reply = client_.get("/_sandbox/orders");
  ASSERT_EQ(reply.status, 200);
  const Json& orders = reply.json.at("orders");
  ASSERT_EQ(orders.size(), kDefaultOrderCount);
  std::map<std::string, Json> by_id;
  for (const Json& order : orders) by_id[order.at("order_id").get<std::string>()] = order;
  EXPECT_EQ(by_id["KK-1002"], Json::parse(R"({"provider":"komfortkasse","order_id":"KK-1002",
      "amount":"49.90","currency":"EUR","bank_details_missing":false,"captures":[],
      "application_state":"READY","invoiced":true,"vat_rates":[],"refunds":[
      {"id":"KK-R-000001","reference":"RMA-1","amount":"9.90","currency":"EUR","status":"NEW",
       "planned_date":"2030-06-16","vendor_reference":"KKBT00000001","capture_number":""}]})"));
  EXPECT_EQ(by_id["KK-1004"].at("bank_details_missing"), true);
  EXPECT_TRUE(by_id["KK-1001"].at("refunds").empty());
  EXPECT_EQ(by_id["RV-3001"].at("captures"), Json::parse(R"([{"capture_number":"000000001",
      "amount":"300.00","items":[{"product_id":"0001","description":"Item 1 description",
      "quantity":"25","gross_unit_price":"12.00"}]}])"));
  EXPECT_EQ(by_id["SP-4002"].at("application_state"), "PROCESSING");
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
      {R"({"provider":"paypal","order_id":"X","amount":"1.00","currency":"EUR"})", "provider"},
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
      {R"({"provider":"skippay","order_id":"X","amount":"1.00","currency":"CZK",
           "application_state":"DONE"})",
       "application_state"},
      {R"({"provider":"skippay","order_id":"X","amount":"1.00","currency":"CZK",
           "vat_rates":["21%"]})",
       "vat_rates"},
      {R"({"provider":"afterpay","order_id":"X","amount":"1.00","currency":"EUR",
           "captures":[{"capture_number":"1","amount":"0"}]})",
       "captures[0]: amount"},
      {R"({"provider":"afterpay","order_id":"X","amount":"1.00","currency":"EUR",
           "captures":[{"capture_number":"1","amount":"1.00","items":[{"product_id":"A",
           "quantity":"0","gross_unit_price":"1.00"}]}]})",
       "captures[0]: items[0]: quantity"},
  };
  for (const auto& [body, field] : cases) {
    const Reply reply = client_.post("/_sandbox/orders", body);
    EXPECT_EQ(reply.status, 400) << body;
    EXPECT_THAT(reply.json.value("error", ""), HasSubstr(field)) << body;
  }
  EXPECT_EQ(sandbox_.orders().size(), kDefaultOrderCount);
}

TEST_F(SandboxAdminTest, ResetRestoresTheSeededState) {
  ASSERT_EQ(client_.refund("KK-1001", refund_body("RMA-1", "1.00")).status, 200);
  sandbox_.add_order({"komfortkasse", "EXTRA", "5.00", "EUR"});

  const Reply reply = client_.post("/_sandbox/reset", "");
  EXPECT_EQ(reply.status, 200) << reply.body;

  EXPECT_TRUE(sandbox_.refunds().empty());
  ASSERT_EQ(sandbox_.orders().size(), kDefaultOrderCount);
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
  EXPECT_EQ(sandbox_.orders().size(), kDefaultOrderCount);
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
      {"paypal", "X", "1.00", "EUR"},        {"komfortkasse", "", "1.00", "EUR"},
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
  EXPECT_EQ(sandbox_.orders().size(), kDefaultOrderCount);
}

TEST_F(SandboxAdminTest, KeepsAmountsAsMinorUnitsOfTheCurrency) {
  sandbox_.add_order({"komfortkasse", "X-1", "12.3", "EUR"});
  sandbox_.add_order({"komfortkasse", "X-2", "1500", "JPY"});
  sandbox_.add_order({"komfortkasse", "X-3", "7", "CZK"});
  std::map<std::string, std::string> amounts;
  for (const SandboxOrder& order : sandbox_.orders()) amounts[order.order_id] = order.amount;
  EXPECT_EQ(amounts.size(), kDefaultOrderCount + 3);
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

  EXPECT_EQ(sandbox.orders().size(), kDefaultOrderCount + 1);  // KK-1001 replaced by the file
  EXPECT_EQ(client.refund("X-1", refund_body("RMA-1", "24.60")).status, 200);
  EXPECT_EQ(client.refund("KK-1001", refund_body("RMA-2", "10.01", "CHF")).status, 400);

  sandbox.reset();
  EXPECT_EQ(sandbox.orders().size(), kDefaultOrderCount + 1);
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
           "currency": "EUR"}, {"provider": "paypal", "order_id": "Y", "amount": "1",
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
