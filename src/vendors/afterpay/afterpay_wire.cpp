#include "vendors/afterpay/afterpay_wire.hpp"

namespace refundkit::vendors::afterpay {

std::string base_url_of(const AfterPayOptions& options) {
  if (!options.base_url.empty()) return options.base_url;
  return std::string(options.environment == AfterPayEnvironment::sandbox ? kSandboxBaseUrl
                                                                         : kProductionBaseUrl);
}

std::string_view items_field_name(AfterPayItemsField field) {
  return field == AfterPayItemsField::items ? "items" : "orderItems";
}

bool is_supported_currency(const Currency& currency) {
  for (std::string_view code : {"EUR", "NOK", "SEK", "DKK", "CHF"}) {
    if (currency.code() == code) return true;
  }
  return false;
}

std::optional<std::string_view> refund_type_name(RefundKind kind) {
  switch (kind) {
    case RefundKind::goodwill:
      return "Refund";
    case RefundKind::returned_goods:
      return "Return";
    case RefundKind::unspecified:
      break;
  }
  return std::nullopt;
}

std::optional<std::string_view> item_type_name(LineItemType type) {
  switch (type) {
    case LineItemType::physical_article:
      return "PhysicalArticle";
    case LineItemType::digital_article:
      return "DigitalArticle";
    case LineItemType::gift_card:
      return "GiftCard";
    case LineItemType::discount:
      return "Discount";
    case LineItemType::shipping_fee:
      return "ShippingFee";
    case LineItemType::surcharge:
      return "Surcharge";
    case LineItemType::info:
      return "Info";
    case LineItemType::subscription:
      return "Subscription";
    case LineItemType::unspecified:
      break;
  }
  return std::nullopt;
}

}  // namespace refundkit::vendors::afterpay
