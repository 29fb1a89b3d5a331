// Error messages are one line of bounded length whatever a file holds: control characters
// (terminal escapes, NUL, newlines) and bytes that are not UTF-8 are escaped, long values cut,
// and a UTF-16 CSV is named as such instead of failing on its first NUL byte.
#include "core/engine.h"
#include "core/io/csv.h"
#include "core/types.h"
#include "core/variant_registry.h"

#include <QTest>

using atlas::core::Error;

namespace {

/// The message of the Error `f` throws.
template <typename F>
std::string messageOf(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

bool oneCleanLine(const std::string& s) {
  for (const unsigned char c : s)
    if (c < 0x20 || c == 0x7F) return false;
  return true;
}

}  // namespace

class TestErrorMessages : public QObject {
  Q_OBJECT
 private slots:
  void argumentsAreEscaped_data() {
    QTest::addColumn<QByteArray>("arg");
    QTest::addColumn<QByteArray>("shown");
    QTest::newRow("terminal escape") << QByteArray("\x1b[31mred") << QByteArray("\\x1b[31mred");
    QTest::newRow("newline and tab") << QByteArray("a\nb\tc") << QByteArray("a\\x0ab\\x09c");
    QTest::newRow("NUL") << QByteArray("a\0b", 3) << QByteArray("a\\x00b");
    QTest::newRow("invalid UTF-8") << QByteArray("a\xff\xc3(") << QByteArray("a\\xff\\xc3(");
    QTest::newRow("overlong") << QByteArray("\xc0\xaf") << QByteArray("\\xc0\\xaf");
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << QByteArray("\\xed\\xa0\\x80");
    QTest::newRow("Chinese stays") << QByteArray("注意力") << QByteArray("注意力");
    QTest::newRow("DEL") << QByteArray("x\x7f") << QByteArray("x\\x7f");
  }
  void argumentsAreEscaped() {
    QFETCH(QByteArray, arg);
    QFETCH(QByteArray, shown);
    const Error e(Error::Kind::BadFile, "value '%1' here", {arg.toStdString()});
    QCOMPARE(QByteArray(e.what()), "value '" + shown + "' here");
    QCOMPARE(QByteArray::fromStdString(e.args().front()), shown);  // the window shows the same
  }

  void longArgumentsAreCut() {
    const std::string huge(1 << 20, '9');
    const Error e(Error::Kind::BadFile, "'%1' is not a number.", {huge});
    const std::string m = e.what();
    QVERIFY(m.size() < 200);
    QVERIFY(m.find(std::string(Error::kMaxArgument, '9') + "...") != std::string::npos);
    // Counted in characters, not bytes: a Chinese argument is not cut mid-character.
    std::string chinese;
    for (int i = 0; i < 200; ++i) chinese += "字";
    const std::string c = Error(Error::Kind::BadFile, "%1", {chinese}).what();
    QCOMPARE(c.size(), Error::kMaxArgument * 3 + 3);
  }

  void csvValuesAreShownSafely() {
    const std::string text = "1,2\n3,\x1b[2J" + std::string(100000, '7') + "\n";
    const std::string m = messageOf([&] { atlas::core::io::parseCsv(text, "f.csv"); });
    QVERIFY2(m.rfind("f.csv, line 2: ", 0) == 0, m.c_str());
    QVERIFY2(oneCleanLine(m) && m.size() < 250, m.c_str());
  }

  // Finite but huge inputs would overflow float32 scores (rows of weights summing to 0): refused
  // with a sentence before anything is computed; large but representable ones are computed.
  void inputsTooLargeForFloat32AreRefused_data() {
    QTest::addColumn<float>("value");
    QTest::addColumn<bool>("refused");
    QTest::newRow("1e19") << 1e19f << true;
    QTest::newRow("1e30") << 1e30f << true;
    QTest::newRow("1e15") << 1e15f << false;
  }
  void inputsTooLargeForFloat32AreRefused() {
    QFETCH(float, value);
    QFETCH(bool, refused);
    using namespace atlas::core;
    auto in = std::make_shared<Inputs>();
    in->q = Matrix::Constant(4, 16, value);
    in->k = Matrix::Constant(5, 16, value);
    in->k(2, 3) = -value;
    in->v = Matrix::Ones(5, 8);
    EngineRequest r;
    r.loaded = in;
    const Variant& v = requireVariant("scaled_dot");
    r.jobs.push_back({&v, defaultParams(v.params())});
    const JobOutcome out = Engine().run(r).front();
    QCOMPARE(!out.ok(), refused);
    if (refused) {
      QVERIFY2(out.message().find("too large for float32 scores") != std::string::npos,
               out.message().c_str());
    } else {
      for (Index i = 0; i < out.result->weightRows(); ++i) {
        double sum = 0;
        for (Index j = 0; j < out.result->weightCols(); ++j) sum += out.result->weight(0, i, j);
        QVERIFY(std::abs(sum - 1.0) < 1e-5);
      }
    }
  }

  void utf16CsvIsNamed() {
    const QByteArray le = QByteArray("\xff\xfe", 2) + QByteArray("1\0,\0002\0\n\0", 10);
    for (const QByteArray& bytes : {le, QByteArray("1,2\n3,\0"
                                                   "4\n",
                                                   9)}) {
      const std::string m =
          messageOf([&] { atlas::core::io::parseCsv(bytes.toStdString(), "u.csv"); });
      QVERIFY2(m.find("not text in UTF-8") != std::string::npos, m.c_str());
      QVERIFY(oneCleanLine(m));
    }
  }
};

QTEST_GUILESS_MAIN(TestErrorMessages)
#include "test_error_messages.moc"
