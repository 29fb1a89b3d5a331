// Nothing the user had is lost: a command killed at any point of writing leaves the old figure
// or result directory whole (old-complete or new-complete, never mixed), a full disk (a file
// size limit) makes every writer fail with one sentence and a non-zero exit while the old files
// stay, and a result directory is never mixed with another's files.
#include "core/io/npy.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>
#include <csignal>

namespace {

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// The N of a result directory, read from its meta.json; -1 if the directory is not one whole
/// result (a file missing, or weights of another N).
int resultN(const QString& dir) {
  const QJsonObject meta = QJsonDocument::fromJson(readAll(dir + "/meta.json")).object();
  if (meta.isEmpty()) return -1;
  const int n = meta["inputs"].toObject()["n"].toInt();
  for (const char* f : {"weights.npy", "mask.npy", "output.npy"})
    if (!QFile::exists(dir + "/" + f)) return -1;
  try {
    const auto w = atlas::core::io::readNpy((dir + "/weights.npy").toStdString());
    if (w.shape.size() != 3 || w.shape[1] != n) return -1;
  } catch (const std::exception&) {
    return -1;
  }
  return n;
}

struct Run {
  int code = 0;
  QString err;
};

/// attention-atlas with `args`, under a file size limit of `maxBytes` (0: none).
Run cli(const QStringList& args, rlim_t maxBytes = 0) {
  QProcess p;
  if (maxBytes > 0)
    p.setChildProcessModifier([maxBytes] {
      const rlimit limit{maxBytes, maxBytes};
      ::setrlimit(RLIMIT_FSIZE, &limit);
      ::signal(SIGXFSZ, SIG_IGN);  // a write past it fails (EFBIG) instead of killing
    });
  p.start(ATLAS_CLI_PATH, args);
  p.waitForFinished(120000);
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
          QString::fromUtf8(p.readAllStandardError())};
}

/// Starts attention-atlas with `args` and kills it (SIGKILL) after `ms` milliseconds.
void killAfter(const QStringList& args, int ms) {
  QProcess p;
  p.start(ATLAS_CLI_PATH, args);
  p.waitForStarted(10000);
  QTest::qWait(ms);
  p.kill();
  p.waitForFinished(10000);
}

}  // namespace

class TestAtomicWrites : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;
  QString path(const QString& name) const { return m_dir.filePath(name); }

 private slots:
  void killedComputeLeavesAWholeResult() {
    const QString out = path("result");
    const QStringList small = {"compute", "--variant", "scaled_dot", "--n", "300", "--out", out};
    QCOMPARE(cli(small).code, 0);
    QCOMPARE(resultN(out), 300);
    const QStringList large = {"compute", "--variant", "bigbird", "--n", "1500", "--out", out};
    int replaced = 0;
    for (int ms = 0; ms <= 600; ms += 40) {
      killAfter(large, ms);
      const int n = resultN(out);
      QVERIFY2(n == 300 || n == 1500,
               qPrintable(QString("after %1 ms: a mixed or broken result").arg(ms)));
      if (n == 1500) {
        ++replaced;
        QCOMPARE(cli(small).code, 0);  // back to the old one for the next round
      }
    }
    // The rounds killed before the end left the old result; some got to finish.
    QVERIFY(replaced < 16);
  }

  void killedExportLeavesTheOldFigure() {
    const QString png = path("figure.png");
    QCOMPARE(cli({"export", "--variant", "scaled_dot", "--n", "32", "--out", png}).code, 0);
    const QByteArray old = readAll(png);
    QVERIFY(old.startsWith("\x89PNG"));
    for (int ms = 0; ms <= 400; ms += 50) {
      killAfter({"export", "--variant", "multi_head", "--n", "512", "--width", "4000", "--height",
                 "3000", "--out", png},
                ms);
      const QByteArray now = readAll(png);
      QVERIFY2(now == old || (now.startsWith("\x89PNG") && now.endsWith("IEND\xae\x42\x60\x82")),
               qPrintable(QString("after %1 ms: a broken figure").arg(ms)));
      if (now != old)
        QCOMPARE(cli({"export", "--variant", "scaled_dot", "--n", "32", "--out", png}).code, 0);
    }
  }

  void aFullDiskIsOneSentenceAndLosesNothing_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("compute") << "result";
    QTest::newRow("png") << "fig.png";
    QTest::newRow("svg") << "fig.svg";
    QTest::newRow("pdf") << "fig.pdf";
  }
  void aFullDiskIsOneSentenceAndLosesNothing() {
    QFETCH(QString, name);
    const QString out = path("full-" + name);
    const bool figure = name.contains('.');
    const QString command = figure ? "export" : "compute";
    QCOMPARE(cli({command, "--variant", "scaled_dot", "--n", "16", "--out", out}).code, 0);
    const QByteArray old = figure ? readAll(out) : readAll(out + "/weights.npy");
    QVERIFY(!old.isEmpty());
    // Larger than the limit lets any one file be: every writer must fail, and say so.
    const Run r = cli({command, "--variant", "multi_head", "--n", "700", "--width", "3000",
                       "--height", "3000", "--out", out},
                      40000);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.startsWith("error: ") && r.err.count('\n') == 1, qPrintable(r.err));
    QCOMPARE(figure ? readAll(out) : readAll(out + "/weights.npy"), old);
    if (!figure) QCOMPARE(resultN(out), 16);
    // Nothing half-written is left beside it.
    const QStringList left = QDir(m_dir.path()).entryList({"*partial*"}, QDir::AllEntries);
    QVERIFY2(left.isEmpty(), qPrintable(left.join(", ")));
  }

  void aResultDirectoryIsNeverMixed() {
    const QString out = path("mixed");
    QCOMPARE(cli({"compute", "--variant", "sparse_fixed", "--n", "32", "--out", out}).code, 0);
    QVERIFY(QFile::exists(out + "/components.npy"));
    // A result without components in its place: the old one's components go with it.
    QCOMPARE(cli({"compute", "--variant", "scaled_dot", "--n", "16", "--out", out}).code, 0);
    QVERIFY(!QFile::exists(out + "/components.npy"));
    QCOMPARE(resultN(out), 16);
    // A directory with the user's own files is not replaced.
    QFile mine(out + "/notes.txt");
    QVERIFY(mine.open(QIODevice::WriteOnly));
    mine.write("mine");
    mine.close();
    const Run r = cli({"compute", "--variant", "scaled_dot", "--n", "16", "--out", out});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("notes.txt"), qPrintable(r.err));
    QCOMPARE(readAll(out + "/notes.txt"), QByteArray("mine"));
  }
};

QTEST_GUILESS_MAIN(TestAtomicWrites)
#include "test_atomic_writes.moc"
