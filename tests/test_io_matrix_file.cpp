// readMatrixFile's dispatch by extension (.npy, .csv, .txt) and the .csv parser: what they read,
// and the one-sentence Error(BadFile) every malformed or missing file gives.
#include "io_fixture.h"

#include "core/io/csv.h"
#include "core/io/labels.h"
#include "core/io/matrix_file.h"
#include "core/io/npy.h"

#include <QTemporaryDir>
#include <QTest>

using atlas::core::Matrix;
namespace io = atlas::core::io;
using iotest::expectBadFile;
using iotest::npy;
using iotest::raw;
using iotest::sameBits;
using iotest::sample;
using iotest::Shape;
using iotest::writeFile;

class TestIoMatrixFile : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  // ---- readMatrixFile ----------------------------------------------------------------------
  void matrixFromNpyIsCOrder() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("q.npy").toStdString();
    const std::vector<float> v = sample(12);
    io::writeNpy(path, v.data(), Shape{3, 4});
    const Matrix m = io::readMatrixFile(path, "Q");
    QCOMPARE(m.rows(), 3);
    QCOMPARE(m.cols(), 4);
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 4; ++c)
        QVERIFY2(sameBits(m(r, c), v[r * 4 + c]), qPrintable(QString("at %1,%2").arg(r).arg(c)));
  }

  void matrixVectorOnlyWhenAllowed() {
    QTemporaryDir dir;
    const QString path = dir.filePath("w.npy");
    writeFile(path, npy(1, "<f4", false, "(5,)", raw(std::vector<float>{1, 2, 3, 4, 5})));
    expectBadFile([&] { io::readMatrixFile(path.toStdString(), "parameter W"); }, {path, "2-D"});
    const Matrix m = io::readMatrixFile(path.toStdString(), "parameter w_v", true);
    QCOMPARE(m.rows(), 5);
    QCOMPARE(m.cols(), 1);
    for (int i = 0; i < 5; ++i) QCOMPARE(m(i, 0), float(i + 1));
  }

  void matrixFromCsvAndTxt() {
    QTemporaryDir dir;
    for (const char* name : {"k.csv", "k.TXT"}) {
      const QString path = dir.filePath(name);
      writeFile(path, "1,2\n3,4\n5,6\n");
      const Matrix m = io::readMatrixFile(path.toStdString(), "K");
      QCOMPARE(m.rows(), 3);
      QCOMPARE(m.cols(), 2);
      QCOMPARE(m(2, 1), 6.0f);
      QCOMPARE(m(1, 0), 3.0f);
    }
  }

  void matrixFileRejects_data() {
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("bytes");  // null: the file is not created
    QTest::addColumn<QString>("needle");
    const QByteArray f8 = raw(std::vector<float>(8, 1.0f));
    QTest::newRow("3-D") << "v.npy" << npy(1, "<f4", false, "(2, 2, 2)", f8) << "2-D";
    QTest::newRow("0-D") << "v.npy" << npy(1, "<f4", false, "()", f8) << "2-D";
    QTest::newRow("unknown extension .bin")
        << "v.bin" << npy(1, "<f4", false, "(2, 4)", f8) << ".npy";
    QTest::newRow("no extension") << "v" << QByteArray("1,2\n") << ".npy";
    QTest::newRow("missing file") << "absent.npy" << QByteArray() << "absent.npy";
    QTest::newRow("missing csv") << "absent.csv" << QByteArray() << "absent.csv";
    QTest::newRow("empty (0, 3)") << "v.npy" << npy(1, "<f4", false, "(0, 3)", QByteArray())
                                  << "empty";
    QTest::newRow("malformed npy") << "v.npy" << npy(1, "<f4", true, "(2, 4)", f8) << "Fortran";
  }
  void matrixFileRejects() {
    QFETCH(QString, fileName);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, needle);
    QTemporaryDir dir;
    const QString path = dir.filePath(fileName);
    if (!bytes.isNull()) writeFile(path, bytes);
    expectBadFile([&] { io::readMatrixFile(path.toStdString(), "V"); }, {path, needle});
  }

  // ---- CSV ---------------------------------------------------------------------------------
  void csvParses_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("rows");
    QTest::addColumn<QList<float>>("values");
    const QList<float> six = {1, 2, 3, 4, 5, 6};
    QTest::newRow("comma") << QByteArray("1,2,3\n4,5,6\n") << 2 << six;
    QTest::newRow("comma and spaces") << QByteArray(" 1 , 2, 3\n4 ,5 ,6") << 2 << six;
    QTest::newRow("semicolon") << QByteArray("1;2;3\n4;5;6\n") << 2 << six;
    QTest::newRow("tab") << QByteArray("1\t2\t3\n4\t5\t6\n") << 2 << six;
    QTest::newRow("space") << QByteArray("1 2 3\n 4  5 6 \n") << 2 << six;
    QTest::newRow("header") << QByteArray("q0,q1,q2\n1,2,3\n4,5,6\n") << 2 << six;
    QTest::newRow("comments and blanks")
        << QByteArray("# made by hand\n\n1,2,3\n   \n# middle\n4,5,6\n\n") << 2 << six;
    QTest::newRow("comment then header") << QByteArray("# c\na b c\n1 2 3\n4 5 6") << 2 << six;
    QTest::newRow("CRLF") << QByteArray("x,y,z\r\n1,2,3\r\n\r\n4,5,6\r\n") << 2 << six;
    QTest::newRow("BOM") << QByteArray(
                                "\xEF\xBB\xBF"
                                "1,2,3\n4,5,6\n")
                         << 2 << six;
    QTest::newRow("BOM and header") << QByteArray(
                                           "\xEF\xBB\xBF"
                                           "a;b;c\r\n1;2;3\r\n4;5;6")
                                    << 2 << six;
    QTest::newRow("one column") << QByteArray("1\n2\n3\n4\n5\n6\n") << 6 << six;
    QTest::newRow("signs and exponents")
        << QByteArray("+1.5e2,-2.5E-1,0.125\n-0,1e-3,3.25") << 2
        << QList<float>{150.0f, -0.25f, 0.125f, -0.0f, 1e-3f, 3.25f};
    // Below double's range: zero, as numpy reads it (it used to be "not a number").
    QTest::newRow("underflow 1e-400")
        << QByteArray("1e-400,-1e-400\n2,3") << 2 << QList<float>{0.0f, -0.0f, 2.0f, 3.0f};
  }
  void csvParses() {
    QFETCH(QByteArray, text);
    QFETCH(int, rows);
    QFETCH(QList<float>, values);
    const Matrix m = io::parseCsv(text.toStdString(), "m.csv");
    QCOMPARE(m.rows(), rows);
    QCOMPARE(m.cols(), values.size() / rows);
    QVERIFY2(sameBits(std::vector<float>(m.data(), m.data() + m.size()),
                      std::vector<float>(values.begin(), values.end())),
             "values differ");
  }

  void csvRejects_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("needles");
    QTest::newRow("non-number line 3")
        << QByteArray("1,2\n3,4\nfoo,6\n") << QStringList{"line 3", "foo"};
    QTest::newRow("non-number after header")
        << QByteArray("a,b\n1,2\n3,x\n") << QStringList{"line 3", "'x'"};
    QTest::newRow("empty field") << QByteArray("1,2\n3,,4\n")
                                 << QStringList{"line 2", "not a number"};
    QTest::newRow("ragged row") << QByteArray("1,2,3\n4,5\n") << QStringList{"line 2", "first row"};
    QTest::newRow("ragged after comments")
        << QByteArray("# c\n1,2\n\n3,4,5\n") << QStringList{"line 4", "first row"};
    QTest::newRow("ragged CRLF") << QByteArray("a,b\r\n1,2\r\n3\r\n")
                                 << QStringList{"line 3", "first row"};
    QTest::newRow("nan") << QByteArray("1,2\nnan,4\n") << QStringList{"line 2", "NaN"};
    QTest::newRow("NaN first line") << QByteArray("1,NaN\n") << QStringList{"line 1", "NaN"};
    QTest::newRow("inf") << QByteArray("1,2\n3,inf\n") << QStringList{"line 2", "Inf"};
    QTest::newRow("-inf") << QByteArray("1 2\n-inf 3\n") << QStringList{"line 2", "Inf"};
    QTest::newRow("beyond float32")
        << QByteArray("1,2\n1e39,3\n") << QStringList{"line 2", "too large"};
    QTest::newRow("beyond double")  // named as too large, not "not a number"
        << QByteArray("1,2\n3,-1e400\n") << QStringList{"line 2", "column 2", "too large"};
    QTest::newRow("empty file") << QByteArray() << QStringList{"no numbers"};
    QTest::newRow("header only") << QByteArray("a,b,c\n") << QStringList{"no numbers"};
    QTest::newRow("comments only") << QByteArray("# x\n\n# y\r\n") << QStringList{"no numbers"};
  }
  void csvRejects() {
    QFETCH(QByteArray, text);
    QFETCH(QStringList, needles);
    expectBadFile([&] { io::parseCsv(text.toStdString(), "m.csv"); }, needles << "m.csv");
  }

  // ---- labels ------------------------------------------------------------------------------
  void labelsFileReads_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("labels");
    QTest::newRow("lines") << QByteArray("deer\nox\nsheep\n") << QStringList{"deer", "ox", "sheep"};
    QTest::newRow("no final newline") << QByteArray("a\nb") << QStringList{"a", "b"};
    QTest::newRow("CRLF and spaces") << QByteArray(" a \r\n\tb\r\n") << QStringList{"a", "b"};
    QTest::newRow("UTF-8") << QByteArray("鹿\n牛\n羊\n驴\n青蛙\n")
                           << QStringList{"鹿", "牛", "羊", "驴", "青蛙"};
    QTest::newRow("an empty label inside") << QByteArray("a\n\nc\n") << QStringList{"a", "", "c"};
  }

  void labelsFileReads() {
    QFETCH(QByteArray, text);
    QFETCH(QStringList, labels);
    QTemporaryDir dir;
    const QString path = dir.filePath("labels.txt");
    writeFile(path, text);
    QStringList read;
    for (const std::string& l : io::readLabelsFile(path.toStdString()))
      read << QString::fromStdString(l);
    QCOMPARE(read, labels);
  }

  void labelsFileRejects_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("not UTF-8") << QByteArray("caf\xe9\n");
    QTest::newRow("binary") << QByteArray("a\0b\n", 5);
    QTest::newRow("truncated UTF-8") << QByteArray("\xe9\xb9");
  }

  void labelsFileRejects() {
    QFETCH(QByteArray, text);
    QTemporaryDir dir;
    const QString path = dir.filePath("labels.txt");
    writeFile(path, text);
    expectBadFile([&] { io::readLabelsFile(path.toStdString()); }, {path});
  }

  void labelsSplitAtCommas() {
    QCOMPARE(io::splitLabels("鹿, 牛,羊 ,  驴"),
             (std::vector<std::string>{"鹿", "牛", "羊", "驴"}));
    QCOMPARE(io::splitLabels("  "), std::vector<std::string>{});
    QCOMPARE(io::splitLabels("a,,b"), (std::vector<std::string>{"a", "", "b"}));
  }

  void readCsvNamesThePath() {
    QTemporaryDir dir;
    const QString path = dir.filePath("bad.csv");
    writeFile(path, "1,2\n3,4\n5,oops\n");
    expectBadFile([&] { io::readCsv(path.toStdString()); }, {path, "line 3"});
    expectBadFile([&] { io::readCsv(dir.filePath("none.csv").toStdString()); },
                  {dir.filePath("none.csv")});
  }
};

QTEST_APPLESS_MAIN(TestIoMatrixFile)
#include "test_io_matrix_file.moc"
