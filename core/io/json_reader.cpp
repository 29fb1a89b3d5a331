// parseJson (core/io/json.h): a recursive descent over the text, one function per kind of value.
#include "json.h"

#include "../translatable.h"
#include "../types.h"
#include "utf8.h"

#include <charconv>

namespace atlas::core::io {
namespace {

constexpr int kMaxDepth = 256;

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void appendUtf8(std::string& out, char32_t cp) {
  const auto put = [&](unsigned bits) { out += static_cast<char>(bits); };
  if (cp < 0x80) {
    put(cp);
  } else if (cp < 0x800) {
    put(0xC0 | (cp >> 6));
    put(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    put(0xE0 | (cp >> 12));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  } else {
    put(0xF0 | (cp >> 18));
    put(0x80 | ((cp >> 12) & 0x3F));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  }
}

class Reader {
 public:
  Reader(std::string_view text, const std::string& name) : m_text(text), m_name(name) {
    if (m_text.substr(0, 3) == "\xEF\xBB\xBF") m_start = m_pos = 3;  // the byte order mark
  }

  Json document() {
    skipSpace();
    Json top = value(0);
    skipSpace();
    if (!atEnd()) expected("the end of the document");
    return top;
  }

 private:
  bool atEnd() const { return m_pos >= m_text.size(); }
  char peek() const { return m_text[m_pos]; }
  void skipSpace() {
    while (!atEnd() && isSpace(peek())) ++m_pos;
  }

  /// Throws the error `format` (placeholders %1 the name, %2 the line, %3 the column, then
  /// `extra`) found at byte `at`.
  [[noreturn]] void fail(std::size_t at, const char* format, std::vector<std::string> extra = {}) {
    long line = 1;
    std::size_t lineStart = m_start;
    for (std::size_t i = m_start; i < at; ++i)
      if (m_text[i] == '\n') {
        ++line;
        lineStart = i + 1;
      }
    long column = 1;
    for (std::size_t i = lineStart; i < at; ++column) {
      const std::size_t length = utf8Length(m_text, i);
      i += length == 0 ? 1 : length;
    }
    std::vector<std::string> args = {m_name, num(line), num(column)};
    args.insert(args.end(), extra.begin(), extra.end());
    throw Error(Error::Kind::BadFile, format, std::move(args));
  }

  [[noreturn]] void endsEarly() {
    fail(m_text.size(), ATLAS_TR_NOOP("CoreErrors",
                                      "%1, line %2, column %3: the text ends before the JSON "
                                      "document is complete."));
  }

  /// At the end of the text, endsEarly(); otherwise "expected `what`" at the current byte.
  [[noreturn]] void expected(const char* what) {
    if (atEnd()) endsEarly();
    fail(m_pos, ATLAS_TR_NOOP("CoreErrors", "%1, line %2, column %3: expected %4."), {what});
  }

  Json value(int depth) {
    if (atEnd()) endsEarly();
    const char c = peek();
    if (c == '{') return object(depth + 1);
    if (c == '[') return array(depth + 1);
    if (c == '"') return string();
    if (c == '-' || isDigit(c)) return number();
    for (const auto& [word, literal] :
         {std::pair<std::string_view, Json>{"true", true}, {"false", false}, {"null", nullptr}})
      if (m_text.substr(m_pos, word.size()) == word) {
        m_pos += word.size();
        return literal;
      }
    expected("a value");
  }

  void checkDepth(int depth) {
    if (depth > kMaxDepth)
      fail(m_pos,
           ATLAS_TR_NOOP("CoreErrors",
                         "%1, line %2, column %3: arrays and objects are nested deeper than %4 "
                         "levels."),
           {num(kMaxDepth)});
  }

  Json array(int depth) {
    checkDepth(depth);
    ++m_pos;  // [
    JsonArray items;
    skipSpace();
    if (!atEnd() && peek() == ']') {
      ++m_pos;
      return items;
    }
    for (;;) {
      skipSpace();
      items.append(value(depth));
      skipSpace();
      if (atEnd()) endsEarly();
      if (peek() == ']') break;
      if (peek() != ',') expected("',' or ']'");
      ++m_pos;
    }
    ++m_pos;  // ]
    return items;
  }

  Json object(int depth) {
    checkDepth(depth);
    ++m_pos;  // {
    JsonObject members;
    skipSpace();
    if (!atEnd() && peek() == '}') {
      ++m_pos;
      return members;
    }
    for (;;) {
      skipSpace();
      if (atEnd() || peek() != '"') expected("a key in double quotes");
      const std::size_t keyAt = m_pos;
      std::string key = string();
      if (members.find(key))
        fail(keyAt,
             ATLAS_TR_NOOP("CoreErrors",
                           "%1, line %2, column %3: the key '%4' appears twice in this object."),
             {key});
      skipSpace();
      if (atEnd() || peek() != ':') expected("':'");
      ++m_pos;
      skipSpace();
      members[key] = value(depth);
      skipSpace();
      if (atEnd()) endsEarly();
      if (peek() == '}') break;
      if (peek() != ',') expected("',' or '}'");
      ++m_pos;
    }
    ++m_pos;  // }
    return members;
  }

  std::string string() {
    ++m_pos;  // "
    std::string out;
    for (;;) {
      if (atEnd()) endsEarly();
      const auto c = static_cast<unsigned char>(peek());
      if (c == '"') {
        ++m_pos;
        return out;
      }
      if (c == '\\') {
        escape(out);
      } else if (c < 0x20) {
        fail(m_pos, ATLAS_TR_NOOP("CoreErrors",
                                  "%1, line %2, column %3: a control character (below U+0020) "
                                  "must be escaped in a string."));
      } else if (const std::size_t length = utf8Length(m_text, m_pos)) {
        out.append(m_text, m_pos, length);
        m_pos += length;
      } else {
        fail(m_pos,
             ATLAS_TR_NOOP("CoreErrors", "%1, line %2, column %3: the string is not valid UTF-8."));
      }
    }
  }

  /// The four hexadecimal digits at m_pos; m_pos is after them.
  char32_t hex4() {
    char32_t cp = 0;
    for (int k = 0; k < 4; ++k, ++m_pos) {
      if (atEnd()) endsEarly();
      const int digit = hexValue(peek());
      if (digit < 0) expected("a hexadecimal digit");
      cp = cp * 16 + char32_t(digit);
    }
    return cp;
  }

  /// The escape at m_pos (a backslash), decoded into `out`.
  void escape(std::string& out) {
    const std::size_t at = m_pos++;
    if (atEnd()) endsEarly();
    const char c = peek();
    ++m_pos;
    constexpr std::pair<char, char> kNamed[] = {{'"', '"'},  {'\\', '\\'}, {'/', '/'},
                                                {'b', '\b'}, {'f', '\f'},  {'n', '\n'},
                                                {'r', '\r'}, {'t', '\t'}};
    for (const auto& [letter, decoded] : kNamed)
      if (c == letter) {
        out += decoded;
        return;
      }
    if (c != 'u') {
      --m_pos;
      expected("one of \" \\ / b f n r t u after the backslash");
    }
    char32_t cp = hex4();
    const auto lone = [&] {
      fail(at,
           ATLAS_TR_NOOP("CoreErrors",
                         "%1, line %2, column %3: %4 is one half of a UTF-16 surrogate pair "
                         "without the other half."),
           {std::string(m_text.substr(at, 6))});
    };
    if (cp >= 0xDC00 && cp <= 0xDFFF) lone();
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (m_text.substr(m_pos, 2) != "\\u") lone();
      m_pos += 2;
      const char32_t low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) lone();
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    appendUtf8(out, cp);
  }

  void digits() {
    if (atEnd()) endsEarly();
    if (!isDigit(peek())) expected("a digit");
    while (!atEnd() && isDigit(peek())) ++m_pos;
  }

  Json number() {
    const std::size_t start = m_pos;
    if (peek() == '-') ++m_pos;
    if (!atEnd() && peek() == '0')
      ++m_pos;  // a leading zero stands alone: 01 is 0 followed by 1
    else
      digits();
    bool whole = true;
    if (!atEnd() && peek() == '.') {
      ++m_pos;
      digits();
      whole = false;
    }
    if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
      ++m_pos;
      if (!atEnd() && (peek() == '+' || peek() == '-')) ++m_pos;
      digits();
      whole = false;
    }
    const char* first = m_text.data() + start;
    const char* last = m_text.data() + m_pos;
    if (whole) {
      std::int64_t i = 0;
      if (std::from_chars(first, last, i).ec == std::errc()) return i;
    }
    // The JSON grammar is a subset of what from_chars reads; it answers result_out_of_range when
    // the number would round to an infinity or, not being zero, to zero.
    double d = 0;
    if (std::from_chars(first, last, d).ec != std::errc())
      fail(start, ATLAS_TR_NOOP("CoreErrors",
                                "%1, line %2, column %3: the number is out of the range of a "
                                "double."));
    return d;
  }

  std::string_view m_text;
  const std::string& m_name;
  std::size_t m_start = 0;  ///< after the byte order mark, if any
  std::size_t m_pos = 0;
};

}  // namespace

Json parseJson(std::string_view text, const std::string& name) {
  return Reader(text, name).document();
}

}  // namespace atlas::core::io
