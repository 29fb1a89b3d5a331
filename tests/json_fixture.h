// What test_json's reader checks share: texts that parse, with what they must give; texts that
// must be rejected, with the sentence, line and column of the error; a generated document; and
// the comparison of a parsed document with what QJsonDocument reads from the same text.
#pragma once

#include "core/io/json.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QTest>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace jsontest {

using atlas::core::io::Json;
using atlas::core::io::JsonArray;
using atlas::core::io::JsonObject;

/// A document of every kind of value, `depth` levels deep, the same for the same `seed`
/// (a linear congruential generator: nothing here depends on the standard library's).
inline Json generated(std::uint64_t& seed, int depth) {
  const auto next = [&] {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return seed >> 33;
  };
  const std::uint64_t kind = depth == 0 ? next() % 6 : next() % 10;  // 6 to 9: containers
  if (kind == 0) return nullptr;
  if (kind == 1) return next() % 2 == 0;
  if (kind == 2) {
    const std::uint64_t high = next();
    return std::int64_t(high << 31 ^ next()) - (std::int64_t(1) << 61);
  }
  if (kind == 3) return double(next()) / 7e5;
  if (kind == 4) {
    const double mantissa = double(next());
    return std::ldexp(mantissa, int(next() % 600) - 300);
  }
  if (kind == 5) {
    static const char* const kPieces[] = {"a", "\\", "\"", "\n", "\x01", "中", "😀", " ", "/"};
    std::string s;
    for (std::uint64_t n = next() % 6; n > 0; --n) s += kPieces[next() % 9];
    return s;
  }
  const std::uint64_t size = next() % 6;
  if (kind <= 7) {
    JsonArray a;
    for (std::uint64_t i = 0; i < size; ++i) a.append(generated(seed, depth - 1));
    return a;
  }
  JsonObject o;
  static const char* const kKeys[] = {"a", "b", "k", "中", "中文", "\"", "", "a b", "\\", "😀"};
  for (std::uint64_t i = 0; i < size; ++i) {
    const char* key = kKeys[next() % 10];
    o[key] = generated(seed, depth - 1);
  }
  return o;
}

/// Where `ours` and `qt` differ first ("" when they are the same value), `path` naming the spot.
inline QString difference(const Json& ours, const QJsonValue& qt, const QString& path = "$") {
  const auto differs = [&](const QString& what) { return path + ": " + what; };
  if (ours.isNull()) return qt.isNull() ? QString() : differs("not null for Qt");
  if (const auto b = ours.asBool())
    return qt.isBool() && qt.toBool() == *b ? QString() : differs("another boolean for Qt");
  if (const auto* i = std::get_if<std::int64_t>(&ours.value()))
    return qt.isDouble() && qt.toInteger() == *i
               ? QString()
               : differs(QString("%1 is %2 for Qt").arg(*i).arg(qt.toDouble(), 0, 'g', 17));
  // == on doubles is exact; it forgives only the sign of zero, which QJsonDocument drops.
  if (const auto* d = std::get_if<double>(&ours.value()))
    return qt.isDouble() && qt.toDouble() == *d
               ? QString()
               : differs(
                     QString("%1 is %2 for Qt").arg(*d, 0, 'g', 17).arg(qt.toDouble(), 0, 'g', 17));
  if (const std::string* s = ours.asString())
    return qt.isString() && qt.toString() == QString::fromStdString(*s) ? QString()
                                                                        : differs("another string");
  if (const JsonArray* a = ours.asArray()) {
    if (!qt.isArray() || qt.toArray().size() != qsizetype(a->size()))
      return differs("not an array of the same size for Qt");
    for (std::size_t k = 0; k < a->size(); ++k)
      if (QString d = difference(a->items()[k], qt.toArray().at(qsizetype(k)),
                                 path + "[" + QString::number(k) + "]");
          !d.isEmpty())
        return d;
    return {};
  }
  const JsonObject& o = *ours.asObject();
  if (!qt.isObject() || qt.toObject().size() != qsizetype(o.size()))
    return differs("not an object of the same size for Qt");
  for (std::size_t k = 0; k < o.size(); ++k) {
    const QString key = QString::fromStdString(o.keys()[k]);
    if (!qt.toObject().contains(key)) return differs("no key '" + key + "' for Qt");
    if (QString d = difference(o.values()[k], qt.toObject().value(key), path + "." + key);
        !d.isEmpty())
      return d;
  }
  return {};
}

/// `depth` arrays nested in one another: [[...[]...]].
inline QByteArray nestedArrays(int depth) {
  return QByteArray(depth, '[') + QByteArray(depth, ']');
}

/// `depth` objects nested in one another: {"a":{"a":...{}...}}.
inline QByteArray nestedObjects(int depth) {
  QByteArray text;
  for (int i = 1; i < depth; ++i) text += "{\"a\":";
  return text + "{}" + QByteArray(depth - 1, '}');
}

/// Columns "text" (one JSON string) and "expected" (its UTF-8 bytes once decoded).
inline void addStringRows() {
  QTest::addColumn<QByteArray>("text");
  QTest::addColumn<QByteArray>("expected");
  QTest::newRow("plain") << QByteArray(R"("attention")") << QByteArray("attention");
  QTest::newRow("empty") << QByteArray(R"("")") << QByteArray();
  QTest::newRow("quote") << QByteArray(R"("a\"b")") << QByteArray("a\"b");
  QTest::newRow("backslash") << QByteArray(R"("a\\b")") << QByteArray("a\\b");
  QTest::newRow("slash") << QByteArray(R"("a\/b")") << QByteArray("a/b");
  QTest::newRow("named escapes") << QByteArray(R"("\b\f\n\r\t")") << QByteArray("\b\f\n\r\t");
  QTest::newRow("\\u0000") << QByteArray(R"("a\u0000b")") << QByteArray("a\0b", 3);
  QTest::newRow("\\u0041") << QByteArray(R"("\u0041")") << QByteArray("A");
  QTest::newRow("\\u007f") << QByteArray(R"("\u007f")") << QByteArray("\x7f");
  QTest::newRow("\\u0080, two bytes") << QByteArray(R"("\u0080")") << QByteArray("\xC2\x80");
  QTest::newRow("\\u00e9 and \\u00E9") << QByteArray(R"("\u00e9\u00E9")") << QByteArray("éé");
  QTest::newRow("\\u07ff") << QByteArray(R"("\u07ff")") << QByteArray("\xDF\xBF");
  QTest::newRow("\\u0800, three bytes") << QByteArray(R"("\u0800")") << QByteArray("\xE0\xA0\x80");
  QTest::newRow("\\u4e2d\\u6587") << QByteArray(R"("\u4e2d\u6587")") << QByteArray("中文");
  QTest::newRow("\\ufffd") << QByteArray(R"("\uFFFD")") << QByteArray("\xEF\xBF\xBD");
  QTest::newRow("\\uffff") << QByteArray(R"("\uffff")") << QByteArray("\xEF\xBF\xBF");
  QTest::newRow("pair, U+10000") << QByteArray(R"("\uD800\uDC00")")
                                 << QByteArray("\xF0\x90\x80\x80");
  QTest::newRow("pair, U+1F600") << QByteArray(R"("\ud83d\ude00")") << QByteArray("😀");
  QTest::newRow("pair, U+10FFFF") << QByteArray(R"("\uDBFF\uDFFF")")
                                  << QByteArray("\xF4\x8F\xBF\xBF");
  QTest::newRow("pairs in a row") << QByteArray(R"("x\uD83D\uDE00\uD83D\uDE01y")")
                                  << QByteArray("x😀😁y");
  QTest::newRow("UTF-8 as it is") << QByteArray("\"我爱注意力机制 😀\"")
                                  << QByteArray("我爱注意力机制 😀");
  QTest::newRow("DEL as it is") << QByteArray("\"\x7f\"") << QByteArray("\x7f");
}

/// Columns "text" (one number), "whole" (read as an int64) and "bits" (the int64, or the
/// double's bits).
inline void addNumberRows() {
  QTest::addColumn<QByteArray>("text");
  QTest::addColumn<bool>("whole");
  QTest::addColumn<quint64>("bits");
  using limits = std::numeric_limits<double>;
  const auto whole = [](const char* name, const char* text, std::int64_t v) {
    QTest::newRow(name) << QByteArray(text) << true << quint64(v);
  };
  const auto real = [](const char* name, const char* text, double v) {
    QTest::newRow(name) << QByteArray(text) << false << std::bit_cast<quint64>(v);
  };
  whole("zero", "0", 0);
  whole("minus zero", "-0", 0);
  whole("one", "1", 1);
  whole("minus one", "-1", -1);
  whole("2^53 + 1", "9007199254740993", (std::int64_t(1) << 53) + 1);
  whole("int64 max", "9223372036854775807", std::numeric_limits<std::int64_t>::max());
  whole("int64 min", "-9223372036854775808", std::numeric_limits<std::int64_t>::min());
  real("int64 max + 1", "9223372036854775808", 0x1p63);
  real("int64 min - 1", "-9223372036854775809", -0x1p63);
  real("30 digits", "123456789012345678901234567890", 123456789012345678901234567890.0);
  real("1.5", "1.5", 1.5);
  real("0.1", "0.1", 0.1);
  real("-0.0", "-0.0", -0.0);
  real("1e3 is a double", "1e3", 1000.0);
  real("1E+3", "1E+3", 1000.0);
  real("1e-3", "1e-3", 0.001);
  real("2.5e-8", "-2.5e-8", -2.5e-8);
  real("1e300", "1e300", 1e300);
  real("largest", "1.7976931348623157e308", limits::max());
  real("smallest normal", "2.2250738585072014e-308", limits::min());
  real("smallest subnormal", "5e-324", limits::denorm_min());
  real("zero with a huge exponent", "0e99999", 0.0);
  real("many digits", "0.1000000000000000055511151231257827021181583404541015625", 0.1);
}

/// Columns "text", "message" (what() in English), "line" and "column".
inline void addRejectionRows() {
  QTest::addColumn<QByteArray>("text");
  QTest::addColumn<QString>("message");
  QTest::addColumn<int>("line");
  QTest::addColumn<int>("column");
  const QString ends = "the text ends before the JSON document is complete.";
  const QString value = "expected a value.", end = "expected the end of the document.";
  const QString utf8 = "the string is not valid UTF-8.", digit = "expected a digit.";
  const QString control = "a control character (below U+0020) must be escaped in a string.";
  const QString range = "the number is out of the range of a double.";
  const auto lone = [](const char* escape) {
    return QString(escape) + " is one half of a UTF-16 surrogate pair without the other half.";
  };
  const auto row = [](const char* name, const QByteArray& text, const QString& message, int line,
                      int column) { QTest::newRow(name) << text << message << line << column; };
  // The document as a whole.
  row("empty", "", ends, 1, 1);
  row("spaces only", "  \n ", ends, 2, 2);
  row("trailing garbage", "[1] x", end, 1, 5);
  row("two documents", "{} {}", end, 1, 4);
  row("a byte order mark not first", " \xEF\xBB\xBF[]", value, 1, 2);
  row("after a byte order mark", "\xEF\xBB\xBF[1,", ends, 1, 4);
  // Arrays and objects.
  row("unclosed array", "[1, 2", ends, 1, 6);
  row("trailing comma in an array", "[1,]", value, 1, 4);
  row("missing comma", "[1 2]", "expected ',' or ']'.", 1, 4);
  row("unclosed object", "{\"a\": 1", ends, 1, 8);
  row("trailing comma in an object", "{\"a\":1,}", "expected a key in double quotes.", 1, 8);
  row("unquoted key", "{a: 1}", "expected a key in double quotes.", 1, 2);
  row("number as key", "{1: 2}", "expected a key in double quotes.", 1, 2);
  row("missing colon", "{\"a\" 1}", "expected ':'.", 1, 6);
  row("missing comma between members", "{\"a\":1 \"b\":2}", "expected ',' or '}'.", 1, 8);
  row("duplicate key", "{\"a\":1,\"b\":2,\"a\":3}", "the key 'a' appears twice in this object.", 1,
      14);
  row("257 nested arrays", nestedArrays(257),
      "arrays and objects are nested deeper than 256 levels.", 1, 257);
  row("257 nested objects", nestedObjects(257),
      "arrays and objects are nested deeper than 256 levels.", 1, 5 * 256 + 1);
  // Literals.
  row("cut true", "tru", value, 1, 1);
  row("capital True", "[True]", value, 1, 2);
  row("single quotes", "['a']", value, 1, 2);
  row("NaN", "[NaN]", value, 1, 2);
  row("Infinity", "[-Infinity]", digit, 1, 3);
  row("truex", "[truex]", "expected ',' or ']'.", 1, 6);
  // Numbers.
  row("plus sign", "+1", value, 1, 1);
  row("leading dot", ".5", value, 1, 1);
  row("leading zero", "[01]", "expected ',' or ']'.", 1, 3);
  row("hexadecimal", "0x10", end, 1, 2);
  row("minus alone", "[-]", digit, 1, 3);
  row("minus at the end", "-", ends, 1, 2);
  row("dot without digits", "[1.]", digit, 1, 4);
  row("dot before exponent", "1.e3", digit, 1, 3);
  row("exponent without digits", "[1e]", digit, 1, 4);
  row("exponent sign without digits", "1e+", ends, 1, 4);
  row("too large", "[0, 1e309]", range, 1, 5);
  row("too large, negative", "-1.8e308", range, 1, 1);
  row("too small", "[1e-400]", range, 1, 2);
  // Strings.
  row("unclosed string", "[\"abc", ends, 1, 6);
  row("unknown escape", R"(["a\x"])", "expected one of \" \\ / b f n r t u after the backslash.", 1,
      5);
  row("escaped apostrophe", R"(["\'"])", "expected one of \" \\ / b f n r t u after the backslash.",
      1, 4);
  row("bad hexadecimal digit", R"(["\u12G4"])", "expected a hexadecimal digit.", 1, 7);
  row("short \\u", R"(["\u12"])", "expected a hexadecimal digit.", 1, 7);
  row("backslash at the end", "[\"\\", ends, 1, 4);
  row("raw tab", "[\"a\tb\"]", control, 1, 4);
  row("raw newline", "[\"a\nb\"]", control, 1, 4);
  row("raw U+0000", QByteArray("[\"a\0\"]", 6), control, 1, 4);
  row("invalid byte", "[\"a\xFF\"]", utf8, 1, 4);
  row("invalid byte after Chinese", "[\"中文\xFF\"]", utf8, 1, 5);
  row("stray continuation byte", "[\"\x80\"]", utf8, 1, 3);
  row("overlong", "[\"\xC0\xAF\"]", utf8, 1, 3);
  row("encoded surrogate", "[\"\xED\xA0\x80\"]", utf8, 1, 3);
  row("past U+10FFFF", "[\"\xF4\x90\x80\x80\"]", utf8, 1, 3);
  row("cut sequence", "[\"\xE6\x88\"]", utf8, 1, 3);
  row("lone high surrogate", R"(["\uD83D"])", lone("\\uD83D"), 1, 3);
  row("lone low surrogate", R"(["\ude00"])", lone("\\ude00"), 1, 3);
  row("high surrogate then a letter", R"(["ab\uD83Dx"])", lone("\\uD83D"), 1, 5);
  row("high surrogate then not a low one", R"(["\uD83D\u0041"])", lone("\\uD83D"), 1, 3);
  row("two high surrogates", R"(["\uDBFF\uDBFF"])", lone("\\uDBFF"), 1, 3);
  // Lines and columns.
  row("third line", "{\n    \"a\": [1,\n        2,,\n    ]\n}", value, 3, 11);
  row("CRLF lines", "[\r\n1\r\n,]", value, 3, 2);
  row("tabs count one", "[\t\tx]", value, 1, 4);
  row("characters, not bytes", "{\"中文\": 1 2}", "expected ',' or '}'.", 1, 10);
}

}  // namespace jsontest
