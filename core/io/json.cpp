#include "json.h"

#include "utf8.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace atlas::core::io {

void JsonArray::append(Json value) { m_items.push_back(std::move(value)); }

JsonObject::JsonObject(std::initializer_list<std::pair<std::string, Json>> members) {
  for (const auto& [key, value] : members) (*this)[key] = value;
}

Json& JsonObject::operator[](std::string_view key) {
  const auto at = std::lower_bound(m_keys.begin(), m_keys.end(), key);
  const auto i = at - m_keys.begin();
  if (at == m_keys.end() || *at != key) {
    m_keys.emplace(at, key);
    m_values.emplace(m_values.begin() + i);
  }
  return m_values[std::size_t(i)];
}

const Json* JsonObject::find(std::string_view key) const {
  const auto at = std::lower_bound(m_keys.begin(), m_keys.end(), key);
  if (at == m_keys.end() || *at != key) return nullptr;
  return &m_values[std::size_t(at - m_keys.begin())];
}

std::optional<bool> Json::asBool() const {
  if (const bool* b = std::get_if<bool>(&m_value)) return *b;
  return std::nullopt;
}

std::optional<double> Json::asNumber() const {
  if (const std::int64_t* i = std::get_if<std::int64_t>(&m_value)) return static_cast<double>(*i);
  if (const double* d = std::get_if<double>(&m_value)) return *d;
  return std::nullopt;
}

std::optional<std::int64_t> Json::asInteger() const {
  if (const std::int64_t* i = std::get_if<std::int64_t>(&m_value)) return *i;
  // [-2^63, 2^63): the doubles whose whole value an int64 holds.
  if (const double* d = std::get_if<double>(&m_value))
    if (*d == std::trunc(*d) && *d >= -0x1p63 && *d < 0x1p63) return static_cast<std::int64_t>(*d);
  return std::nullopt;
}

namespace {

template <typename Number>
void appendChars(std::string& out, Number value) {
  char buf[32];  // the longest shortest-round-trip double takes 24 characters
  const auto end = std::to_chars(buf, buf + sizeof buf, value).ptr;
  out.append(buf, end);
}

void appendNumber(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  // Below 2^53 every whole number is a double exactly: its digits read back unchanged.
  if (value == std::trunc(value) && std::fabs(value) < 0x1p53)
    appendChars(out, static_cast<std::int64_t>(value));
  else
    appendChars(out, value);  // no precision given: the shortest text that reads back exactly
}

// The characters JSON escapes with a letter (or themselves); other control characters take \u00XX.
constexpr std::pair<char, const char*> kNamedEscapes[] = {
    {'"', "\\\""}, {'\\', "\\\\"}, {'\b', "\\b"}, {'\f', "\\f"},
    {'\n', "\\n"}, {'\r', "\\r"},  {'\t', "\\t"}};

void appendString(std::string& out, std::string_view text) {
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const char* escape = nullptr;
    for (const auto& [plain, escaped] : kNamedEscapes)
      if (c == plain) escape = escaped;
    if (escape) {
      out += escape;
      ++i;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[(c >> 4) & 0xF];
      out += kHex[c & 0xF];
      ++i;
    } else if (const std::size_t length = utf8Length(text, i)) {
      out.append(text, i, length);
      i += length;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD, the replacement character, for the one invalid byte
      ++i;
    }
  }
  out += '"';
}

void appendValue(std::string& out, const Json& json, int depth);

/// `[` or `{`, one item a line indented one level deeper, then the closing bracket; `[]` or `{}`
/// when empty.
template <typename WriteItem>
void appendContainer(std::string& out, std::size_t size, char open, char close, int depth,
                     WriteItem writeItem) {
  out += open;
  if (size == 0) {
    out += close;
    return;
  }
  const std::string indent(4 * std::size_t(depth + 1), ' ');
  for (std::size_t i = 0; i < size; ++i) {
    out += i == 0 ? "\n" : ",\n";
    out += indent;
    writeItem(i);
  }
  out += '\n';
  out.append(4 * std::size_t(depth), ' ');
  out += close;
}

void appendValue(std::string& out, const Json& json, int depth) {
  const Json::Value& v = json.value();
  if (std::holds_alternative<std::nullptr_t>(v)) {
    out += "null";
  } else if (const bool* b = std::get_if<bool>(&v)) {
    out += *b ? "true" : "false";
  } else if (const std::int64_t* i = std::get_if<std::int64_t>(&v)) {
    appendChars(out, *i);
  } else if (const double* d = std::get_if<double>(&v)) {
    appendNumber(out, *d);
  } else if (const std::string* s = std::get_if<std::string>(&v)) {
    appendString(out, *s);
  } else if (const JsonArray* a = std::get_if<JsonArray>(&v)) {
    appendContainer(out, a->items().size(), '[', ']', depth,
                    [&](std::size_t k) { appendValue(out, a->items()[k], depth + 1); });
  } else {
    const JsonObject& o = std::get<JsonObject>(v);
    appendContainer(out, o.keys().size(), '{', '}', depth, [&](std::size_t k) {
      appendString(out, o.keys()[k]);
      out += ": ";
      appendValue(out, o.values()[k], depth + 1);
    });
  }
}

}  // namespace

std::string toJson(const Json& value) {
  std::string out;
  appendValue(out, value, 0);
  out += '\n';
  return out;
}

}  // namespace atlas::core::io
