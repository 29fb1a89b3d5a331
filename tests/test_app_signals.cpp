// The window's process and signals: SIGTERM, SIGINT and SIGHUP end it as closing the window
// does (exit 0, its temporary settings folder removed); a folder a killed run left (SIGKILL) is
// removed by the next run. The real executable, on the offscreen platform, with its own TMPDIR.
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

namespace {

/// The temporary settings folders in `dir` (of any run).
QStringList freshFolders(const QString& dir) {
  return QDir(dir).entryList({"attention-atlas-fresh-*"}, QDir::Dirs | QDir::NoDotAndDotDot);
}

/// Starts the window with --fresh, TMPDIR = `tmp`; returns once its folder (named with its
/// process id) exists.
bool startWindow(QProcess& p, const QString& tmp) {
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("TMPDIR", tmp);
  env.insert("QT_QPA_PLATFORM", "offscreen");
  p.setProcessEnvironment(env);
  p.start(ATLAS_CLI_PATH, {"--fresh", "--size", "800x600"});
  if (!p.waitForStarted(10000)) return false;
  const QString mine = "attention-atlas-fresh-" + QString::number(p.processId()) + "-";
  QElapsedTimer t;
  t.start();
  while (t.elapsed() < 60000) {
    for (const QString& f : freshFolders(tmp))
      if (f.startsWith(mine)) return true;
    if (p.state() != QProcess::Running) return false;
    QTest::qWait(50);
  }
  return false;
}

}  // namespace

class TestAppSignals : public QObject {
  Q_OBJECT

 private slots:
  void terminationSignalsEndTheRunCleanly_data() {
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
    QTest::newRow("SIGHUP") << int(SIGHUP);
  }
  void terminationSignalsEndTheRunCleanly() {
    QFETCH(int, signal);
    QTemporaryDir tmp;
    QProcess p;
    QVERIFY(startWindow(p, tmp.path()));
    QCOMPARE(freshFolders(tmp.path()).size(), 1);
    ::kill(pid_t(p.processId()), signal);
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);  // not killed by the signal
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(freshFolders(tmp.path()).isEmpty(), qPrintable(freshFolders(tmp.path()).join(", ")));
  }

  void whatAKilledRunLeftIsRemovedByTheNext() {
    QTemporaryDir tmp;
    QProcess first;
    QVERIFY(startWindow(first, tmp.path()));
    first.kill();  // SIGKILL: nothing runs, the folder stays
    QVERIFY(first.waitForFinished(30000));
    const QStringList left = freshFolders(tmp.path());
    QCOMPARE(left.size(), 1);
    QProcess second;
    QVERIFY(startWindow(second, tmp.path()));
    const QStringList now = freshFolders(tmp.path());
    QCOMPARE(now.size(), 1);  // the second run's own, the first's removed
    QVERIFY(!now.contains(left.front()));
    ::kill(pid_t(second.processId()), SIGTERM);
    QVERIFY(second.waitForFinished(30000));
    QVERIFY(freshFolders(tmp.path()).isEmpty());
  }
};

QTEST_MAIN(TestAppSignals)
#include "test_app_signals.moc"
