// File reads are checked before they happen: a .npy file's header is read first and only the data
// it declares follows (never what comes after it), a declared size over the memory limit or one
// the file does not hold is refused before any data is read, a CSV file is measured against the
// limit before it is read, and running out of memory while reading is an error, never a shorter
// matrix.
#include "io_fixture.h"

#include "core/io/matrix_file.h"
#include "core/io/npy.h"

#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

using namespace iotest;
namespace io = atlas::core::io;

namespace {

/// Writes `bytes` to `path` and then extends the file with a hole to `size` bytes (no disk used).
void writeSparse(const QString& path, const QByteArray& bytes, qint64 size) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  QCOMPARE(f.write(bytes), bytes.size());
  QVERIFY(f.resize(size));
}

/// Calls readMatrixFile and returns the kind of the Error it throws (or -1 when it returns).
int errorKind(const QString& path, double maxBytes, QString* message = nullptr) {
  try {
    io::readMatrixFile(path.toStdString(), "Q", false, maxBytes);
  } catch (const Error& e) {
    if (message) *message = QString::fromStdString(e.what());
    return int(e.kind());
  }
  return -1;
}

long virtualMemoryBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmSize:", 0) == 0) return std::stol(line.substr(7)) * 1024;
  return 0;
}

}  // namespace

class TestIoReadLimits : public QObject {
  Q_OBJECT

 private slots:
  void npyDataIsReadButNotWhatFollows() {
    // 2 x 3 float32 values, then 8 GiB of trailing bytes (a hole): reading the whole file would
    // take 8 GiB and minutes; the header says 24 bytes of data, and those are all that is read.
    QTemporaryDir dir;
    const QString path = dir.filePath("q.npy");
    const std::vector<float> values{1, 2, 3, 4, 5, 6};
    writeSparse(path, npyBytes(1, dict("<f4", false, "(2, 3)"), raw(values)), 8LL << 30);
    const auto m = io::readMatrixFile(path.toStdString(), "Q", false, 1 << 20);
    QCOMPARE(m.rows(), 2);
    QCOMPARE(m.cols(), 3);
    for (int i = 0; i < 6; ++i) QCOMPARE(m.data()[i], values[std::size_t(i)]);
  }

  void npyDeclaringMoreThanTheLimitIsRefusedBeforeReading() {
    // 30,000 x 30,000 float32 (3.6 GB) all there (a hole of zeros), against a 1 GiB limit: refused
    // as too large, naming the limit, without allocating or reading the data.
    QTemporaryDir dir;
    const QString path = dir.filePath("q.npy");
    const QByteArray head = npyBytes(1, dict("<f4", false, "(30000, 30000)"), {});
    writeSparse(path, head, head.size() + 30000LL * 30000 * 4);
    QString message;
    QCOMPARE(errorKind(path, 1024.0 * 1024 * 1024, &message), int(Error::Kind::TooLarge));
    QVERIFY2(message.contains("1.0 GiB"), qPrintable(message));
    QVERIFY2(!message.contains('\n'), qPrintable(message));
  }

  void npyDeclaringMoreThanTheFileHoldsIsRefusedBeforeAllocating() {
    // 100,000 x 100,000 float64 declared (80 GB) in a file of a few hundred bytes: truncated,
    // said from the header and the file's size, with no 40 GB allocation first.
    QTemporaryDir dir;
    const QString path = dir.filePath("q.npy");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(npyBytes(1, dict("<f8", false, "(100000, 100000)"), QByteArray(64, 0)));
    f.close();
    QString message;
    QCOMPARE(errorKind(path, 0, &message), int(Error::Kind::BadFile));
    QVERIFY2(message.contains("truncated") && message.contains("80000000000 bytes"),
             qPrintable(message));
  }

  void npyHeaderLongerThanAnyNumpyWritesIsRefused() {
    // A version-2 header declaring 2 GiB of header text: refused from its length field.
    QTemporaryDir dir;
    const QString path = dir.filePath("q.npy");
    QByteArray bytes("\x93NUMPY\x02\x00", 8);
    bytes += QByteArray("\x00\x00\x00\x80", 4);
    bytes += dict("<f4", false, "(1, 1)");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();
    QString message;
    QCOMPARE(errorKind(path, 0, &message), int(Error::Kind::BadFile));
    QVERIFY2(message.contains("header"), qPrintable(message));
  }

  void csvLargerThanTheLimitIsRefusedBeforeReading() {
    // 1 MiB of "1\n": up to 512 Ki values, which with the text and the matrix need ~5 MiB; a
    // 2 MiB limit refuses it, a 16 MiB one reads every row.
    QTemporaryDir dir;
    const QString path = dir.filePath("q.csv");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray("1\n").repeated(1 << 19));
    f.close();
    QString message;
    QCOMPARE(errorKind(path, 2.0 * (1 << 20), &message), int(Error::Kind::TooLarge));
    QVERIFY2(message.contains("2.0 MiB"), qPrintable(message));
    const auto m = io::readMatrixFile(path.toStdString(), "Q", false, 16.0 * (1 << 20));
    QCOMPARE(m.rows(), (1 << 20) / 2);
    QCOMPARE(m.cols(), 1);
  }

  void runningOutOfMemoryIsAnErrorNeverAShorterMatrix() {
    // In a child whose address space is capped at 100 MiB above what it uses, an 80 MiB CSV of
    // "1\n" lines (40 Mi values, 160 MiB as floats) cannot be read: it must be refused as too
    // large, never returned with fewer rows (reading into a growing buffer used to stop early at
    // the allocation failure and parse what it had).
    QTemporaryDir dir;
    const QString path = dir.filePath("big.csv");
    {
      std::ofstream out(path.toStdString(), std::ios::binary);
      std::string mebibyte;
      for (int i = 0; i < (1 << 19); ++i) mebibyte += "1\n";
      for (int i = 0; i < 80; ++i) out << mebibyte;
    }
    const pid_t child = fork();
    QVERIFY(child >= 0);
    if (child == 0) {
      const rlim_t cap = rlim_t(virtualMemoryBytes()) + (100u << 20);
      const rlimit limit{cap, cap};
      setrlimit(RLIMIT_AS, &limit);
      int code = 5;
      try {
        const auto m = io::readMatrixFile(path.toStdString(), "Q", false, 0);
        code = m.rows() == 40 * (1 << 20) ? 0 : 4;  // all rows, or a silently shorter matrix
      } catch (const Error& e) {
        code = e.kind() == Error::Kind::TooLarge ? 3 : 6;
      } catch (...) {
        code = 7;
      }
      _exit(code);
    }
    int status = 0;
    QCOMPARE(waitpid(child, &status, 0), child);
    QVERIFY(WIFEXITED(status));
    QCOMPARE(WEXITSTATUS(status), 3);
  }
};

QTEST_APPLESS_MAIN(TestIoReadLimits)
#include "test_io_read_limits.moc"
