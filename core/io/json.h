// A small JSON document and its writer, for the command line's output (--json and meta.json) and
// the files the core writes. It needs no Qt, like the rest of the core.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace atlas::core::io {

class Json;

class JsonArray {
 public:
  JsonArray() = default;
  void append(Json value);
  const std::vector<Json>& items() const { return m_items; }

 private:
  std::vector<Json> m_items;
};

/// Keeps its keys sorted (by bytes), so that a document never depends on the order the code sets
/// them in; setting a key again replaces its value.
class JsonObject {
 public:
  JsonObject() = default;
  JsonObject(std::initializer_list<std::pair<std::string, Json>> members);
  /// The value of `key`, a new null one when it is not there yet.
  Json& operator[](std::string_view key);
  const std::vector<std::string>& keys() const { return m_keys; }
  const std::vector<Json>& values() const { return m_values; }

 private:
  std::vector<std::string> m_keys;  ///< sorted
  std::vector<Json> m_values;       ///< m_values[i] belongs to m_keys[i]
};

/// null, a boolean, a whole number, a double, a string (UTF-8), an array or an object.
class Json {
 public:
  Json() = default;
  Json(std::nullptr_t) {}
  // Templates, so that a pointer never converts to a boolean silently and every integer type
  // makes a whole number. (std::enable_if, not concepts: moc cannot parse <concepts>.)
  template <typename B, std::enable_if_t<std::is_same_v<B, bool>, int> = 0>
  Json(B value) : m_value(value) {}
  template <typename I,
            std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  Json(I value) : m_value(static_cast<std::int64_t>(value)) {}
  Json(double value) : m_value(value) {}
  Json(const char* text) : m_value(std::string(text)) {}
  Json(std::string text) : m_value(std::move(text)) {}
  Json(std::string_view text) : m_value(std::string(text)) {}
  Json(JsonArray array) : m_value(std::move(array)) {}
  Json(JsonObject object) : m_value(std::move(object)) {}

  using Value =
      std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, JsonArray, JsonObject>;
  const Value& value() const { return m_value; }

 private:
  Value m_value;
};

/// The document indented by four spaces, one member or element a line, ending in a newline.
/// Strings keep their UTF-8 (an invalid byte becomes U+FFFD, so the document stays readable)
/// and escape quotes, backslashes and control characters. A double that is a whole number
/// below 2^53 is written as its digits (1024, not 1024.0), any other finite one as the shortest
/// text that reads back to the same double; NaN and infinities, which JSON cannot hold, are
/// written as null.
std::string toJson(const Json& value);

}  // namespace atlas::core::io
