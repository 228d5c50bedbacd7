#include "afterpay_json.hpp"

namespace refundkit::sandbox::detail::afterpay {

void write_node(JsonText& json, const JsonNode& node) {
  switch (node.kind) {
    case JsonNode::Kind::object:
      json.begin_object();
      for (const auto& entry : node.members) {
        json.key(entry.first);
        write_node(json, entry.second);
      }
      json.end_object();
      return;
    case JsonNode::Kind::array:
      json.begin_array();
      for (const JsonNode& element : node.elements) write_node(json, element);
      json.end_array();
      return;
    case JsonNode::Kind::string:
      json.string(node.text);
      return;
    case JsonNode::Kind::number:
      json.number_text(node.text);
      return;
    case JsonNode::Kind::boolean:
      json.boolean(node.text == "true");
      return;
    case JsonNode::Kind::null:
      json.null();
      return;
  }
}

}  // namespace refundkit::sandbox::detail::afterpay
