// The core's JSON writer and reader (core/io/json.h), which have no Qt: what the writer writes
// must read back with QJsonDocument to exactly the strings and numbers it was given; the reader
// must decode every escape and number, reject malformed text with the line and column, read
// back what the writer wrote, and agree with QJsonDocument on valid documents.
#include "core/io/json.h"
#include "core/types.h"

#include "json_fixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <bit>
#include <cstdint>
#include <limits>

using atlas::core::Error;
using atlas::core::io::Json;
using atlas::core::io::JsonArray;
using atlas::core::io::JsonObject;
using atlas::core::io::parseJson;
using atlas::core::io::toJson;

Q_DECLARE_METATYPE(Json)

namespace {

/// `value` written as the one element of an array (a document's top is an array or an object).
QByteArray written(const Json& value) {
  JsonArray a;
  a.append(value);
  return QByteArray::fromStdString(toJson(a));
}

/// What QJsonDocument reads back from written(value); undefined when it cannot parse it.
QJsonValue readBack(const Json& value) {
  QJsonParseError error;
  const QJsonDocument doc = QJsonDocument::fromJson(written(value), &error);
  if (error.error != QJsonParseError::NoError) {
    qWarning("%s in %s", qPrintable(error.errorString()), written(value).constData());
    return QJsonValue(QJsonValue::Undefined);
  }
  return doc.array().at(0);
}

Json parse(const QByteArray& text) {
  return parseJson(std::string_view(text.constData(), std::size_t(text.size())), "doc.json");
}

/// The one element of the array `text` holds.
Json parseElement(const QByteArray& text) {
  const Json doc = parse("[" + text + "]");
  return doc.asArray() && doc.asArray()->size() == 1 ? doc.asArray()->items()[0] : Json();
}

}  // namespace

class TestJson : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void strings_data();
  void strings();
  void numbers_data();
  void numbers();
  void integersAndBooleans();
  void document();
  void parseStrings_data() { jsontest::addStringRows(); }
  void parseStrings();
  void parseNumbers_data() { jsontest::addNumberRows(); }
  void parseNumbers();
  void structure();
  void accessors();
  void nestingUpToTheLimit_data();
  void nestingUpToTheLimit();
  void rejected_data() { jsontest::addRejectionRows(); }
  void rejected();
  void roundTrip_data();
  void roundTrip();
  void againstQt_data();
  void againstQt();
};

void TestJson::strings_data() {
  QTest::addColumn<QByteArray>("input");      // UTF-8 bytes, perhaps invalid
  QTest::addColumn<QString>("expected");      // what a reader must get back
  QTest::addColumn<QByteArray>("writtenAs");  // the string's text in the document; empty: any
  const QString bad(QChar(0xFFFD));
  QTest::newRow("plain") << QByteArray("attention") << "attention" << QByteArray("\"attention\"");
  QTest::newRow("quote, backslash, slash")
      << QByteArray("a\"b\\c/d") << "a\"b\\c/d" << QByteArray(R"("a\"b\\c/d")");
  QTest::newRow("named escapes") << QByteArray("\b\f\n\r\t") << "\b\f\n\r\t"
                                 << QByteArray(R"("\b\f\n\r\t")");
  QTest::newRow("other control characters")
      << QByteArray("\x01\x1f\x00z", 4) << QString::fromUtf8("\x01\x1f\x00z", 4)
      << QByteArray(R"("\u0001\u001f\u0000z")");
  QTest::newRow("DEL") << QByteArray("\x7f") << "\x7f" << QByteArray("\"\x7f\"");
  QTest::newRow("Chinese, passed through")
      << QByteArray("我爱注意力机制") << QString::fromUtf8("我爱注意力机制")
      << QByteArray("\"我爱注意力机制\"");
  QTest::newRow("four bytes") << QByteArray("\xF0\x9F\x98\x80") << QString::fromUtf8("😀")
                              << QByteArray("\"\xF0\x9F\x98\x80\"");
  QTest::newRow("invalid byte") << QByteArray(
                                       "a\xff"
                                       "b")
                                << "a" + bad + "b" << QByteArray();
  QTest::newRow("cut sequence") << QByteArray("\xe6\x88") << bad + bad << QByteArray();
  QTest::newRow("overlong") << QByteArray("\xc0\xaf") << bad + bad << QByteArray();
  QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << bad + bad + bad << QByteArray();
  QTest::newRow("past U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << bad + bad + bad + bad
                                 << QByteArray();
}

void TestJson::strings() {
  QFETCH(QByteArray, input);
  QFETCH(QString, expected);
  QFETCH(QByteArray, writtenAs);
  const Json value(input.toStdString());
  const QJsonValue back = readBack(value);
  QVERIFY(back.isString());
  QCOMPARE(back.toString(), expected);
  if (!writtenAs.isEmpty()) QCOMPARE(written(value), "[\n    " + writtenAs + "\n]\n");
}

void TestJson::numbers_data() {
  QTest::addColumn<double>("input");
  QTest::addColumn<QByteArray>("writtenAs");  // empty: any text that reads back exactly
  using limits = std::numeric_limits<double>;
  QTest::newRow("whole") << 1024.0 << QByteArray("1024");
  QTest::newRow("negative whole") << -3.0 << QByteArray("-3");
  QTest::newRow("zero") << 0.0 << QByteArray("0");
  QTest::newRow("2^53 - 1") << 9007199254740991.0 << QByteArray("9007199254740991");
  QTest::newRow("2^53") << 9007199254740992.0 << QByteArray();
  QTest::newRow("1e21") << 1e21 << QByteArray();
  QTest::newRow("a tenth") << 0.1 << QByteArray("0.1");
  QTest::newRow("a third") << 1.0 / 3.0 << QByteArray();
  QTest::newRow("seconds") << 0.000123456789 << QByteArray();
  QTest::newRow("negative small") << -2.5e-8 << QByteArray();
  QTest::newRow("large") << 1e300 << QByteArray();
  QTest::newRow("largest") << limits::max() << QByteArray();
  QTest::newRow("smallest normal") << limits::min() << QByteArray();
  QTest::newRow("smallest subnormal") << limits::denorm_min() << QByteArray();
  QTest::newRow("NaN") << limits::quiet_NaN() << QByteArray("null");
  QTest::newRow("infinity") << limits::infinity() << QByteArray("null");
  QTest::newRow("minus infinity") << -limits::infinity() << QByteArray("null");
}

void TestJson::numbers() {
  QFETCH(double, input);
  QFETCH(QByteArray, writtenAs);
  if (!writtenAs.isEmpty()) QCOMPARE(written(input), "[\n    " + writtenAs + "\n]\n");
  const QJsonValue back = readBack(input);
  if (writtenAs == "null") {
    QVERIFY(back.isNull());
    return;
  }
  QVERIFY(back.isDouble());
  // Bit for bit: QCOMPARE on doubles would forgive a last-digit difference.
  QCOMPARE(std::bit_cast<quint64>(back.toDouble()), std::bit_cast<quint64>(input));
}

void TestJson::integersAndBooleans() {
  constexpr std::int64_t lowest = std::numeric_limits<std::int64_t>::min();
  constexpr std::int64_t highest = std::numeric_limits<std::int64_t>::max();
  QCOMPARE(written(lowest), QByteArray("[\n    -9223372036854775808\n]\n"));
  QCOMPARE(readBack(highest).toInteger(), highest);
  QCOMPARE(readBack(std::uint64_t(1) << 53).toInteger(), qint64(1) << 53);
  QCOMPARE(readBack(-7).toInteger(), qint64(-7));
  QVERIFY(readBack(true).isBool() && readBack(true).toBool());
  QVERIFY(readBack(false).isBool() && !readBack(false).toBool());
  QVERIFY(readBack(nullptr).isNull());
}

void TestJson::document() {
  // Keys sorted whatever the order they are set in, a key set again replaced, empty containers
  // on their line, four spaces an indentation level.
  JsonObject o{{"d", 1}, {"b", 1}, {"a", JsonArray{}}};
  o["c"] = JsonObject{};
  o["b"] = "replaced";
  JsonArray nested;
  nested.append(JsonObject{{"x", true}, {"y", 2.5}});
  nested.append(nullptr);
  o["d"] = nested;
  QCOMPARE(QByteArray::fromStdString(toJson(o)), QByteArray(R"({
    "a": [],
    "b": "replaced",
    "c": {},
    "d": [
        {
            "x": true,
            "y": 2.5
        },
        null
    ]
}
)"));
}

void TestJson::parseStrings() {
  QFETCH(QByteArray, text);
  QFETCH(QByteArray, expected);
  const Json value = parse(text);
  QVERIFY(value.asString());
  QCOMPARE(QByteArray::fromStdString(*value.asString()), expected);
}

void TestJson::parseNumbers() {
  QFETCH(QByteArray, text);
  QFETCH(bool, whole);
  QFETCH(quint64, bits);
  const Json value = parseElement(text);
  if (whole) {
    const auto* i = std::get_if<std::int64_t>(&value.value());
    QVERIFY2(i, "not read as a whole number");
    QCOMPARE(quint64(*i), bits);
  } else {
    const auto* d = std::get_if<double>(&value.value());
    QVERIFY2(d, "not read as a double");
    QCOMPARE(std::bit_cast<quint64>(*d), bits);  // bit for bit: -0.0 is not 0.0
  }
}

void TestJson::structure() {
  // Whitespace of the four kinds anywhere between tokens, a byte order mark, keys sorted and
  // decoded, any value at the top.
  const Json doc =
      parse("\xEF\xBB\xBF \t\r\n{ \"b\" :[ true ,false,null ] ,\n\t\"a\\u0062\":{ } } \n");
  QCOMPARE(toJson(doc), std::string(R"({
    "ab": {},
    "b": [
        true,
        false,
        null
    ]
}
)"));
  QCOMPARE(*parse(" \"top\" ").asString(), std::string("top"));
  QVERIFY(parse("null").isNull());
  QCOMPARE(parse("-12").asNumber(), std::optional<double>(-12));
  QCOMPARE(parse("false").asBool(), std::optional<bool>(false));
  QCOMPARE(parse("[]").asArray()->size(), std::size_t(0));
  QCOMPARE(parse("{}").asObject()->size(), std::size_t(0));
}

void TestJson::accessors() {
  const Json doc = parse(R"({"n": 3, "x": 1.5, "e": 1e3, "big": 1e19, "min": -9223372036854775808,
                             "s": "text", "b": true, "z": null, "a": [1, "two"], "o": {"k": 0}})");
  const JsonObject* o = doc.asObject();
  QVERIFY(o);
  QVERIFY(!doc.asArray() && !doc.asString() && !doc.asNumber() && !doc.asBool() && !doc.isNull());
  QVERIFY(!o->find("missing") && !o->find("N") && !o->find(""));
  QCOMPARE(o->find("n")->asNumber(), std::optional<double>(3));
  QCOMPARE(o->find("n")->asInteger(), std::optional<std::int64_t>(3));
  QCOMPARE(o->find("x")->asNumber(), std::optional<double>(1.5));
  QVERIFY(!o->find("x")->asInteger());
  QCOMPARE(o->find("e")->asInteger(), std::optional<std::int64_t>(1000));
  QVERIFY(!o->find("big")->asInteger());  // beyond int64
  QCOMPARE(o->find("min")->asInteger(), std::numeric_limits<std::int64_t>::min());
  QCOMPARE(*o->find("s")->asString(), std::string("text"));
  QVERIFY(!o->find("s")->asNumber() && !o->find("s")->asBool() && !o->find("s")->isNull());
  QCOMPARE(o->find("b")->asBool(), std::optional<bool>(true));
  QVERIFY(!o->find("b")->asNumber() && !o->find("b")->asInteger());
  QVERIFY(o->find("z")->isNull() && !o->find("z")->asBool() && !o->find("z")->asObject());
  const JsonArray* a = o->find("a")->asArray();
  QVERIFY(a && a->size() == 2 && !o->find("a")->asObject());
  QCOMPARE(*a->items()[1].asString(), std::string("two"));
  QCOMPARE(o->find("o")->asObject()->find("k")->asInteger(), std::optional<std::int64_t>(0));
}

void TestJson::nestingUpToTheLimit_data() {
  QTest::addColumn<QByteArray>("text");
  QTest::addColumn<bool>("objects");
  QTest::newRow("256 arrays") << jsontest::nestedArrays(256) << false;
  QTest::newRow("256 objects") << jsontest::nestedObjects(256) << true;
}

void TestJson::nestingUpToTheLimit() {
  QFETCH(QByteArray, text);
  QFETCH(bool, objects);
  const Json doc = parse(text);
  int depth = 0;
  for (const Json* level = &doc; level;) {
    ++depth;
    if (objects)
      level = level->asObject()->find("a");
    else
      level = level->asArray()->size() ? &level->asArray()->items()[0] : nullptr;
  }
  QCOMPARE(depth, 256);
  QCOMPARE(QByteArray::fromStdString(toJson(parse(QByteArray::fromStdString(toJson(doc))))),
           QByteArray::fromStdString(toJson(doc)));
}

void TestJson::rejected() {
  QFETCH(QByteArray, text);
  QFETCH(QString, message);
  QFETCH(int, line);
  QFETCH(int, column);
  try {
    parse(text);
    QFAIL("parsed");
  } catch (const Error& e) {
    QCOMPARE(e.kind(), Error::Kind::BadFile);
    QCOMPARE(QString::fromUtf8(e.what()),
             QString("doc.json, line %1, column %2: %3").arg(line).arg(column).arg(message));
    QVERIFY(e.format().starts_with("%1, line %2, column %3: "));
    QVERIFY(e.args().size() >= 3);
    QCOMPARE(e.args()[0], std::string("doc.json"));
    QCOMPARE(e.args()[1], std::to_string(line));
    QCOMPARE(e.args()[2], std::to_string(column));
  }
}

void TestJson::roundTrip_data() {
  QTest::addColumn<Json>("document");
  using limits = std::numeric_limits<double>;
  JsonArray numbers;
  for (const Json& n : {Json(0), Json(-7), Json(std::numeric_limits<std::int64_t>::min()),
                        Json(std::numeric_limits<std::int64_t>::max()), Json(0.1), Json(-2.5e-8),
                        Json(1.0 / 3.0), Json(0x1p53), Json(1e21), Json(1e300), Json(limits::max()),
                        Json(limits::min()), Json(limits::denorm_min()), Json(1024.0)})
    numbers.append(n);
  JsonArray inner;
  inner.append(JsonObject{{"x", true}, {"y", nullptr}, {"z", JsonArray{}}});
  inner.append("a\"b\\c/d\b\f\n\r\t\x01\x1f 我 😀");
  QTest::newRow("nested") << Json(
      JsonObject{{"numbers", numbers},
                 {"inner", inner},
                 {"object", JsonObject{{"中文", JsonObject{{"", 1}, {"deeper", JsonArray{}}}}}},
                 {"empty", JsonObject{}}});
  QTest::newRow("invalid UTF-8 written as U+FFFD") << Json(JsonObject{{"s\xFF", "a\xC0\xAF"}});
  QTest::newRow("a string at the top") << Json("top");
  QTest::newRow("a number at the top") << Json(-0.5);
  QTest::newRow("null at the top") << Json(nullptr);
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    std::uint64_t state = seed;
    QTest::newRow(qPrintable("generated, seed " + QString::number(seed)))
        << jsontest::generated(state, 6);
  }
}

void TestJson::roundTrip() {
  QFETCH(Json, document);
  const std::string written = toJson(document);
  const Json back = parseJson(written, "written.json");
  QCOMPARE(toJson(back), written);
  // And QJsonDocument reads the same values from the same text.
  const QByteArray wrapped = "[" + QByteArray::fromStdString(written) + "]";
  QJsonParseError error;
  const QJsonDocument qt = QJsonDocument::fromJson(wrapped, &error);
  QCOMPARE(error.error, QJsonParseError::NoError);
  const QString difference = jsontest::difference(back, qt.array().at(0));
  QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void TestJson::againstQt_data() {
  QTest::addColumn<QByteArray>("text");
  QTest::newRow("empty object") << QByteArray("{}");
  QTest::newRow("empty array") << QByteArray(" [ ] ");
  QTest::newRow("scalars") << QByteArray(R"([true, false, null, 0, -0, 1, -1, "", "x"])");
  QTest::newRow("escapes") << QByteArray(R"(["\"\\\/\b\f\n\r\t", "\u0000\u001F\u007f\u0080"])");
  QTest::newRow("\\u escapes") << QByteArray(R"({"\u4e2d\u6587": "\u00e9\u20AC\uFFFF"})");
  QTest::newRow("surrogate pairs") << QByteArray(R"(["\uD83D\uDE00", "\uD800\uDC00\uDBFF\uDFFF"])");
  QTest::newRow("raw UTF-8") << QByteArray("{\"键\": \"我爱注意力机制 😀\", \"k\": [\"é\"]}");
  QTest::newRow("integers") << QByteArray(
      "[9007199254740993, 9223372036854775807, -9223372036854775808, 123456789, -42]");
  QTest::newRow("doubles") << QByteArray(
      "[0.1, -2.5e-8, 1e3, 1E+3, 1e-3, 3.14159265358979, 1.7976931348623157e308, "
      "2.2250738585072014e-308, 5e-324, 4.9406564584124654e-324, 1e300, -0.0]");
  QTest::newRow("beyond int64") << QByteArray(
      "[9223372036854775808, -9223372036854775809, 123456789012345678901234567890]");
  QTest::newRow("nested") << QByteArray(
      R"({"scenes": [{"id": "a", "n": 64, "params": {"k": 8, "causal": true}}, )"
      R"({"id": "b", "weights": [[0.25, 0.75], [1, 0]], "note": null}], "version": 1})");
  QTest::newRow("whitespace") << QByteArray("\r\n\t{ \"a\" :\n[ 1 ,\t2 ] ,\r\n \"b\" : { } }\n");
  std::uint64_t state = 42;
  JsonArray top;
  for (int i = 0; i < 20; ++i) top.append(jsontest::generated(state, 5));
  QTest::newRow("generated, twenty documents") << QByteArray::fromStdString(toJson(top));
}

void TestJson::againstQt() {
  QFETCH(QByteArray, text);
  QJsonParseError error;
  const QJsonDocument qt = QJsonDocument::fromJson(text, &error);
  QCOMPARE(error.error, QJsonParseError::NoError);
  const Json ours = parse(text);
  const QJsonValue qtValue = qt.isArray() ? QJsonValue(qt.array()) : QJsonValue(qt.object());
  const QString difference = jsontest::difference(ours, qtValue);
  QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

QTEST_APPLESS_MAIN(TestJson)
#include "test_json.moc"
