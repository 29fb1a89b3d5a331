// A small JSON document, its writer and its reader: for the command line's output (--json and
// meta.json) and for the files the core reads and writes. It needs no Qt, like the rest of the
// core.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
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
  std::size_t size() const;  // defined below Json (a vector of an incomplete type has no size)

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
  /// The value of `key`, nullptr when the object has no such key.
  const Json* find(std::string_view key) const;
  const std::vector<std::string>& keys() const { return m_keys; }
  const std::vector<Json>& values() const { return m_values; }
  std::size_t size() const { return m_keys.size(); }

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

  // Reading: each accessor answers only for its own kind (nullptr or nullopt otherwise).
  bool isNull() const { return std::holds_alternative<std::nullptr_t>(m_value); }
  std::optional<bool> asBool() const;
  /// A whole number or a double, as a double (a whole number beyond 2^53 rounded to the nearest).
  std::optional<double> asNumber() const;
  /// A whole number, or a double with a whole value that an int64 holds (1e3 is 1000).
  std::optional<std::int64_t> asInteger() const;
  const std::string* asString() const { return std::get_if<std::string>(&m_value); }
  const JsonArray* asArray() const { return std::get_if<JsonArray>(&m_value); }
  const JsonObject* asObject() const { return std::get_if<JsonObject>(&m_value); }

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

/// Reads one JSON value (RFC 8259; any value may be the top one) from UTF-8 `text`, with
/// whitespace around it and an optional UTF-8 byte order mark before it.
///
/// - Strings: every escape is decoded, \uXXXX into UTF-8 and a surrogate pair \uD83D\uDE00 into
///   its one character. A lone surrogate, an invalid UTF-8 sequence and an unescaped control
///   character (below U+0020) are rejected.
/// - Numbers: an integer (no fraction, no exponent) that an int64 holds is a whole number, any
///   other number a double (the nearest one). A number whose magnitude is beyond the largest
///   double, or so small that it is nonzero yet rounds to zero, is rejected.
/// - Objects: a key that appears twice in one object is rejected (a file written by hand would
///   otherwise silently lose one of the two values).
/// - At most 256 arrays and objects nested in one another.
///
/// A text that is not such JSON throws Error(BadFile) (core/types.h) "<name>, line L, column C:
/// ..." with one sentence on what is wrong, at the place it was found: "expected ..." (a value,
/// "',' or '}'", a key in double quotes, a digit, the end of the document...), the text ending too
/// early, invalid UTF-8, a control character, a lone surrogate, a number out of range, nesting too
/// deep or a key twice. Lines and columns count from 1; a line ends at each '\n', and columns
/// count characters, not bytes (code points; a byte that starts no valid UTF-8 sequence counts as
/// one, a tab as one, and the byte order mark not at all).
Json parseJson(std::string_view text, const std::string& name);

inline std::size_t JsonArray::size() const { return m_items.size(); }

}  // namespace atlas::core::io
