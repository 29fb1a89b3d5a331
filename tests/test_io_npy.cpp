// The .npy format: the writer (header per the NPY spec, uint8, version 2.0, chunks) and the reader
// on hand-built files (versions 1 to 3, <f4 and <f8); every malformed file gives Error(BadFile).
#include "io_fixture.h"

#include "core/io/npy.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

namespace io = atlas::core::io;
using iotest::expectBadFile;
using iotest::npy;
using iotest::npyBytes;
using iotest::raw;
using iotest::sameBits;
using iotest::sample;
using iotest::Shape;
using iotest::writeFile;

namespace {

Shape toShape(const QList<int>& s) { return Shape(s.begin(), s.end()); }

std::size_t countOf(const QList<int>& s) {
  std::size_t n = 1;
  for (int d : s) n *= std::size_t(d);
  return n;
}

QList<float> toFloats(const std::vector<double>& v) {
  QList<float> out;
  for (double d : v) out << static_cast<float>(d);
  return out;
}

QByteArray readFile(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void shapeRows() {
  QTest::addColumn<QList<int>>("shape");
  QTest::addColumn<QByteArray>("shapeText");
  QTest::newRow("(1,1)") << QList<int>{1, 1} << QByteArray("(1, 1)");
  QTest::newRow("(3,4)") << QList<int>{3, 4} << QByteArray("(3, 4)");
  QTest::newRow("(2,3,5)") << QList<int>{2, 3, 5} << QByteArray("(2, 3, 5)");
  QTest::newRow("(7,)") << QList<int>{7} << QByteArray("(7,)");
}

}  // namespace

class TestIoNpy : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  // ---- writer + reader -------------------------------------------------------------------
  void roundTripFloat32_data() { shapeRows(); }
  void roundTripFloat32() {
    QFETCH(QList<int>, shape);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("a.npy").toStdString();
    const std::vector<float> v = sample(countOf(shape));
    io::writeNpy(path, v.data(), toShape(shape));
    const io::NpyArray a = io::readNpy(path);
    QCOMPARE(a.shape, toShape(shape));
    QVERIFY2(sameBits(a.data, v), "values differ from what was written");
    // encodeNpy gives the same bytes as the file.
    const std::string enc = io::encodeNpy(v.data(), "<f4", 4, toShape(shape));
    QCOMPARE(readFile(dir.filePath("a.npy")), QByteArray::fromStdString(enc));
  }

  // The header is checked against the NPY spec directly, without the reader.
  void writerHeaderFollowsSpec_data() { shapeRows(); }
  void writerHeaderFollowsSpec() {
    QFETCH(QList<int>, shape);
    QFETCH(QByteArray, shapeText);
    QTemporaryDir dir;
    const QString path = dir.filePath("h.npy");
    const std::vector<float> v = sample(countOf(shape));
    io::writeNpy(path.toStdString(), v.data(), toShape(shape));
    const QByteArray f = readFile(path);
    QVERIFY(f.size() >= 10);
    QCOMPARE(f.left(6), QByteArray("\x93NUMPY", 6));
    QCOMPARE(int(uchar(f[6])), 1);
    QCOMPARE(int(uchar(f[7])), 0);
    const int len = uchar(f[8]) | (uchar(f[9]) << 8);
    QCOMPARE((10 + len) % 64, 0);
    QCOMPARE(f.size(), qsizetype(10 + len + v.size() * 4));
    const QByteArray h = f.mid(10, len);
    QCOMPARE(h.back(), '\n');
    QVERIFY(h.startsWith('{'));
    QVERIFY2(h.trimmed().endsWith('}'), h.constData());
    QVERIFY2(h.contains("'descr': '<f4'"), h.constData());
    QVERIFY2(h.contains("'fortran_order': False"), h.constData());
    QVERIFY2(h.contains("'shape': " + shapeText), h.constData());
    QCOMPARE(f.mid(10 + len), raw(v));
  }

  void writerUint8() {
    QTemporaryDir dir;
    const QString path = dir.filePath("m.npy");
    const std::vector<std::uint8_t> m = {0, 1, 1, 255, 7, 0};
    io::writeNpy(path.toStdString(), m.data(), Shape{2, 3});
    const QByteArray f = readFile(path);
    const int len = uchar(f[8]) | (uchar(f[9]) << 8);
    QCOMPARE((10 + len) % 64, 0);
    const QByteArray h = f.mid(10, len);
    QVERIFY2(h.contains("'descr': '|u1'"), h.constData());
    QVERIFY2(h.contains("'shape': (2, 3)"), h.constData());
    QCOMPARE(f.mid(10 + len), raw(m));
  }

  void writerSwitchesToVersion2ForHugeHeaders() {
    const Shape shape(22000, 1);  // "1, " x 22000 does not fit a uint16 header length
    const std::string h = io::npyHeader("<f4", shape);
    QCOMPARE(int(uchar(h[6])), 2);
    const std::size_t len =
        uchar(h[8]) | (uchar(h[9]) << 8) | (uchar(h[10]) << 16) | (std::size_t(uchar(h[11])) << 24);
    QVERIFY(len > 65535);
    QCOMPARE(h.size(), 12 + len);
    QCOMPARE(h.size() % 64, std::size_t(0));
    QCOMPARE(h.back(), '\n');
    const io::NpyArray a = io::parseNpy(h + raw(std::vector<float>{2.5f}).toStdString(), "big");
    QCOMPARE(a.shape, shape);
    QCOMPARE(a.data.size(), std::size_t(1));
    QVERIFY(sameBits(a.data[0], 2.5f));
  }

  void writeNpyChunks() {
    QTemporaryDir dir;
    const std::vector<float> v = sample(12);
    const std::string whole = dir.filePath("w.npy").toStdString(),
                      parts = dir.filePath("p.npy").toStdString();
    io::writeNpy(whole, v.data(), Shape{2, 2, 3});
    io::writeNpyChunks(parts, "<f4", 4, Shape{2, 2, 3}, {{v.data(), 20}, {v.data() + 5, 28}});
    QCOMPARE(readFile(QString::fromStdString(parts)), readFile(QString::fromStdString(whole)));
    QVERIFY_THROWS_EXCEPTION(std::logic_error,
                             io::writeNpyChunks(parts, "<f4", 4, Shape{2, 2, 3}, {{v.data(), 20}}));
  }

  // ---- reader on files built by hand ---------------------------------------------------------
  void readHandBuilt_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QList<int>>("shape");
    QTest::addColumn<QList<float>>("values");
    const std::vector<float> f6 = {1.5f, -2.25f, 0.1f, 3e38f, -1e-40f, 0.0f};
    const std::vector<double> d4 = {0.1, 1.0 / 3.0, -2.5e-7, 1e30};
    const QList<float> f6l(f6.begin(), f6.end());
    QTest::newRow("v1.0 <f4 (2, 3)")
        << npy(1, "<f4", false, "(2, 3)", raw(f6)) << QList<int>{2, 3} << f6l;
    QTest::newRow("v2.0 <f4 (6,)") << npy(2, "<f4", false, "(6,)", raw(f6)) << QList<int>{6} << f6l;
    QTest::newRow("v3.0 <f4 (3, 2)")
        << npy(3, "<f4", false, "(3, 2)", raw(f6)) << QList<int>{3, 2} << f6l;
    QTest::newRow("v1.0 <f8 (2, 2)")
        << npy(1, "<f8", false, "(2, 2)", raw(d4)) << QList<int>{2, 2} << toFloats(d4);
    QTest::newRow("v2.0 <f8 (4,)")
        << npy(2, "<f8", false, "(4,)", raw(d4)) << QList<int>{4} << toFloats(d4);
    QTest::newRow("v3.0 <f8 (1, 4)")
        << npy(3, "<f8", false, "(1, 4)", raw(d4)) << QList<int>{1, 4} << toFloats(d4);
    QTest::newRow("keys reordered")
        << npyBytes(1, "{'shape': (3, 2), 'fortran_order': False, 'descr': '<f4'}", raw(f6))
        << QList<int>{3, 2} << f6l;
    QTest::newRow("double quotes")
        << npyBytes(1, "{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (2, 2)}", raw(d4))
        << QList<int>{2, 2} << toFloats(d4);
    QTest::newRow("reordered, double quotes, v2")
        << npyBytes(2, "{\"fortran_order\": False, \"shape\": (6,), \"descr\": \"<f4\", }", raw(f6))
        << QList<int>{6} << f6l;
    // Every spelling numpy.dtype() reads as little-endian float32 or float64 is read.
    for (const char* f : {"=f4", "f4", "<f", "f", "float32", "single"})
      QTest::newRow(qPrintable(QString("dtype '%1'").arg(f)))
          << npy(1, f, false, "(2, 3)", raw(f6)) << QList<int>{2, 3} << f6l;
    for (const char* d : {"=f8", "f8", "<d", "d", "float64", "double", "float"})
      QTest::newRow(qPrintable(QString("dtype '%1'").arg(d)))
          << npy(1, d, false, "(4,)", raw(d4)) << QList<int>{4} << toFloats(d4);
    // A repeated key: the last one counts, as numpy reads a Python dict literal.
    QTest::newRow("repeated shape: the last")
        << npyBytes(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (9, 9), 'shape': (2, 3)}",
                    raw(f6))
        << QList<int>{2, 3} << f6l;
    QTest::newRow("scalar ()") << npy(1, "<f4", false, "()", raw(std::vector<float>{-7.0f}))
                               << QList<int>{} << QList<float>{-7.0f};
    QTest::newRow("zero rows (0, 3)")
        << npy(1, "<f4", false, "(0, 3)", QByteArray()) << QList<int>{0, 3} << QList<float>{};
  }
  void readHandBuilt() {
    QFETCH(QByteArray, bytes);
    QFETCH(QList<int>, shape);
    QFETCH(QList<float>, values);
    QTemporaryDir dir;
    const QString path = dir.filePath("hand.npy");
    writeFile(path, bytes);
    const io::NpyArray a = io::readNpy(path.toStdString());
    QCOMPARE(a.shape, toShape(shape));
    QVERIFY2(sameBits(a.data, std::vector<float>(values.begin(), values.end())),
             "values differ from the ones written");
  }

  void readRejectsMalformed_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("needle");
    const QByteArray f6 = raw(std::vector<float>{1, 2, 3, 4, 5, 6});
    const QByteArray good = npy(1, "<f4", false, "(2, 3)", f6);
    const float nan = std::numeric_limits<float>::quiet_NaN(),
                inf = std::numeric_limits<float>::infinity();
    QByteArray magic = good;
    magic[5] = 'Z';
    QByteArray v9 = good;
    v9[6] = char(9);
    QTest::newRow("bad magic") << magic << "magic";
    QTest::newRow("text file") << QByteArray("1,2,3\n4,5,6\n") << "magic";
    QTest::newRow("empty file") << QByteArray() << "magic";
    QTest::newRow("version 9") << v9 << "version";
    QTest::newRow("truncated data") << good.left(good.size() - 1) << "truncated";
    QTest::newRow("no data") << npy(1, "<f4", false, "(2, 3)", QByteArray()) << "truncated";
    QTest::newRow("truncated header v1") << good.left(40) << "truncated";
    QTest::newRow("truncated header v2")
        << npy(2, "<f4", false, "(2, 3)", f6).left(11) << "truncated";
    QTest::newRow("dtype <i8") << npy(1, "<i8", false, "(3,)", raw(std::vector<qint64>{1, 2, 3}))
                               << "dtype";
    QTest::newRow("dtype >f4") << npy(1, ">f4", false, "(2, 3)", f6) << "dtype";
    QTest::newRow("dtype |u1") << npy(1, "|u1", false, "(2, 3)", QByteArray(6, '\1')) << "dtype";
    QTest::newRow("Fortran order") << npy(1, "<f4", true, "(2, 3)", f6) << "Fortran";
    QTest::newRow("NaN f4") << npy(1, "<f4", false, "(2,)", raw(std::vector<float>{1, nan}))
                            << "NaN";
    QTest::newRow("NaN f8") << npy(1, "<f8", false, "(1,)", raw(std::vector<double>{double(nan)}))
                            << "NaN";
    QTest::newRow("+Inf f4") << npy(1, "<f4", false, "(2,)", raw(std::vector<float>{inf, 1}))
                             << "Inf";
    QTest::newRow("-Inf f8") << npy(1, "<f8", false, "(1,)", raw(std::vector<double>{-double(inf)}))
                             << "Inf";
    QTest::newRow("f8 1e300") << npy(1, "<f8", false, "(2,)", raw(std::vector<double>{1.0, 1e300}))
                              << "too large";
    QTest::newRow("f8 -1e300") << npy(3, "<f8", false, "(1,)", raw(std::vector<double>{-1e300}))
                               << "too large";
    QTest::newRow("no shape key") << npyBytes(1, "{'descr': '<f4', 'fortran_order': False}", f6)
                                  << "shape";
    QTest::newRow("negative dim") << npy(1, "<f4", false, "(-1, 3)", f6) << "shape";
  }
  void readRejectsMalformed() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, needle);
    QTemporaryDir dir;
    const QString path = dir.filePath("broken.npy");
    writeFile(path, bytes);
    expectBadFile([&] { io::readNpy(path.toStdString()); }, {path, needle});
  }

  void readMissingFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath("nowhere.npy");
    expectBadFile([&] { io::readNpy(path.toStdString()); }, {path});
  }
};

QTEST_APPLESS_MAIN(TestIoNpy)
#include "test_io_npy.moc"
