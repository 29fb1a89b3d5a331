// The core's JSON writer (core/io/json.h), which has no Qt: what it writes must
// read back with QJsonDocument to exactly the strings and numbers it was given.
#include "core/io/json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <bit>
#include <cstdint>
#include <limits>

using atlas::core::io::Json;
using atlas::core::io::JsonArray;
using atlas::core::io::JsonObject;
using atlas::core::io::toJson;

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

}  // namespace

class TestJsonWriter : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void strings_data();
  void strings();
  void numbers_data();
  void numbers();
  void integersAndBooleans();
  void document();
};

void TestJsonWriter::strings_data() {
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

void TestJsonWriter::strings() {
  QFETCH(QByteArray, input);
  QFETCH(QString, expected);
  QFETCH(QByteArray, writtenAs);
  const Json value(input.toStdString());
  const QJsonValue back = readBack(value);
  QVERIFY(back.isString());
  QCOMPARE(back.toString(), expected);
  if (!writtenAs.isEmpty()) QCOMPARE(written(value), "[\n    " + writtenAs + "\n]\n");
}

void TestJsonWriter::numbers_data() {
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

void TestJsonWriter::numbers() {
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

void TestJsonWriter::integersAndBooleans() {
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

void TestJsonWriter::document() {
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

QTEST_APPLESS_MAIN(TestJsonWriter)
#include "test_json_writer.moc"
