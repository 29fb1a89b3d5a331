// Reading and writing matrices: .npy (reader, writer, header format) and .csv, plus
// readMatrixFile's dispatch by extension. Every malformed input must give Error(BadFile).
#include "core/io/csv.h"
#include "core/io/matrix_file.h"
#include "core/io/npy.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

using atlas::core::Error;
using atlas::core::Matrix;
namespace io = atlas::core::io;

namespace {

using Shape = std::vector<std::int64_t>;

Shape toShape(const QList<int>& s) { return Shape(s.begin(), s.end()); }

std::size_t countOf(const QList<int>& s) {
  std::size_t n = 1;
  for (int d : s) n *= std::size_t(d);
  return n;
}

/// Raw little-endian bytes of `v` (the host is little-endian; npy.cpp asserts it).
template <class T>
QByteArray raw(const std::vector<T>& v) {
  return QByteArray(reinterpret_cast<const char*>(v.data()), qsizetype(v.size() * sizeof(T)));
}

QList<float> toFloats(const std::vector<double>& v) {
  QList<float> out;
  for (double d : v) out << static_cast<float>(d);
  return out;
}

/// A header dict as numpy writes it, e.g. {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3),
/// }
QByteArray dict(const QByteArray& descr, bool fortran, const QByteArray& shape) {
  return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") +
         ", 'shape': " + shape + ", }";
}

/// A .npy file built byte by byte: magic, version `major`.0, header length (uint16 for 1.x and
/// unknown versions, uint32 for 2.x and 3.x), `dictText` padded with spaces and '\n' so the data
/// starts at a multiple of 64, then `data`.
QByteArray npyBytes(int major, const QByteArray& dictText, const QByteArray& data) {
  const int lenBytes = (major == 2 || major == 3) ? 4 : 2;
  const int prefix = 8 + lenBytes;
  QByteArray header = dictText;
  while ((prefix + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  QByteArray out("\x93NUMPY", 6);
  out += char(major);
  out += char(0);
  for (int i = 0; i < lenBytes; ++i) out += char((header.size() >> (8 * i)) & 0xFF);
  return out + header + data;
}

QByteArray npy(int major, const QByteArray& descr, bool fortran, const QByteArray& shape,
               const QByteArray& data) {
  return npyBytes(major, dict(descr, fortran, shape), data);
}

/// Deterministic float32 values including -0, subnormals and the extremes.
std::vector<float> sample(std::size_t n) {
  const float special[] = {-0.0f,
                           std::numeric_limits<float>::denorm_min(),
                           std::numeric_limits<float>::max(),
                           std::numeric_limits<float>::lowest(),
                           std::numeric_limits<float>::min(),
                           1.0f / 3.0f};
  std::vector<float> v(n);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = i < 6 ? special[i] : std::ldexp(float(i) * 0.7371f - 3.0f, int(i % 20) - 10);
  return v;
}

bool sameBits(float a, float b) {
  return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
}

bool sameBits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * 4) == 0);
}

void writeFile(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  QCOMPARE(f.write(bytes), bytes.size());
}

QByteArray readFile(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Runs `f`, which must throw Error(BadFile) with a one-sentence message containing every needle.
template <class F>
void expectBadFile(F&& f, const QStringList& needles) {
  QString msg;
  try {
    f();
    QFAIL("no error was thrown");
  } catch (const Error& e) {
    msg = QString::fromStdString(e.what());
    QVERIFY2(e.kind() == Error::Kind::BadFile, qPrintable("wrong kind: " + msg));
  } catch (const std::exception& e) {
    QFAIL(qPrintable(QString("not an atlas::core::Error: ") + e.what()));
  }
  for (const QString& n : needles)
    QVERIFY2(msg.contains(n), qPrintable("'" + n + "' not in: " + msg));
  QVERIFY2(msg.endsWith('.'), qPrintable("not a sentence: " + msg));
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

class TestIo : public QObject {
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
    QTest::newRow("empty file") << QByteArray() << QStringList{"no numbers"};
    QTest::newRow("header only") << QByteArray("a,b,c\n") << QStringList{"no numbers"};
    QTest::newRow("comments only") << QByteArray("# x\n\n# y\r\n") << QStringList{"no numbers"};
  }
  void csvRejects() {
    QFETCH(QByteArray, text);
    QFETCH(QStringList, needles);
    expectBadFile([&] { io::parseCsv(text.toStdString(), "m.csv"); }, needles << "m.csv");
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

QTEST_APPLESS_MAIN(TestIo)
#include "test_io.moc"
