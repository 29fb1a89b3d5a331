// The command line's refusals, help and headless export: each error is one "error: " sentence
// and exit code 2, never a crash; --help lists the commands; export draws PNGs with no display.
#include "cli_run.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <cmath>
#include <random>

using clirun::fileBytes;
using clirun::run;
using clirun::Run;
using clirun::writeRandom;

namespace {

void writeBytes(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(bytes);
}

/// A .npy file with a hand-written header dict (padded to 64 bytes) and raw payload.
QByteArray npyBytes(const QByteArray& dict, const QByteArray& payload) {
  QByteArray h = dict;
  while ((10 + h.size() + 1) % 64) h += ' ';
  h += '\n';
  QByteArray out("\x93NUMPY\x01\x00", 8);
  out += char(h.size() & 0xff);
  out += char(h.size() >> 8);
  return out + h + payload;
}

}  // namespace

class TestCliUsage : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_tmp;
  QString path(const QString& name) const { return m_tmp.filePath(name); }

 private Q_SLOTS:
  void initTestCase();
  void aSavedUnknownLanguageStillStartsTheWindow();
  void errors_data();
  void errors();
  void help_data();
  void help();
  void exportHeadless_data();
  void exportHeadless();
  void exportOfAPageTheViewLacks();
};

void TestCliUsage::initTestCase() {
  QVERIFY(m_tmp.isValid());
  QVERIFY2(QFile::exists(ATLAS_CLI_PATH), ATLAS_CLI_PATH);
  // Fixtures for the error cases.
  std::mt19937 rng(11);
  writeRandom(path("q.npy"), {4, 3}, rng);
  writeRandom(path("k.npy"), {5, 3}, rng);
  writeRandom(path("k2.npy"), {5, 2}, rng);
  writeRandom(path("v.npy"), {5, 3}, rng);
  QCOMPARE(mkfifo(QFile::encodeName(path("pipe.npy")).constData(), 0600), 0);  // never ends
  writeRandom(path("v4.npy"), {4, 3}, rng);
  writeRandom(path("cube.npy"), {2, 3, 4}, rng);
  const std::vector<float> nan = {1.0f, std::nanf(""), 0.5f, 2.0f}, four = {1.0f, 2.0f, 3.0f, 4.0f};
  atlas::core::io::writeNpy(path("nan.npy").toStdString(), nan.data(), {2, 2});
  writeBytes(path("garbage.npy"), QByteArray("this is not a numpy file at all, just text\n"));
  writeBytes(path("fortran.npy"),
             npyBytes("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }",
                      QByteArray(reinterpret_cast<const char*>(four.data()), 16)));
  writeBytes(path("bad.csv"), QByteArray("1,2,3\n4,abc,6\n"));
  writeBytes(path("three.txt"), QByteArray("a\nb\nc\n"));
}

void TestCliUsage::errors_data() {
  QTest::addColumn<QStringList>("args");
  QTest::addColumn<QStringList>("expected");  // every one must appear in stderr
  const QString out = path("err_out");
  auto add = [&](const char* name, const QString& args, const QStringList& expected,
                 bool withOut = true) {
    QStringList a = args.split(' ', Qt::SkipEmptyParts);
    for (QString& s : a) s.replace("@", m_tmp.path() + "/");
    if (withOut) a << "--out" << out;
    QTest::newRow(name) << a << expected;
  };
  add("unknown variant", "compute --variant nope", {"Unknown variant", "nope"});
  add("a directory as Q", "compute --variant scaled_dot --q @ --k @k.npy --v @v.npy",
      {"is a directory: give a file."});
  add("a pipe as Q", "compute --variant scaled_dot --q @pipe.npy --k @k.npy --v @v.npy",
      {"pipe.npy is not a regular file (a pipe or a device): give a file."});
  add("memory limit beyond any computer", "compute --variant scaled_dot --max-memory 1e308T",
      {"'1e308T' is more memory than any computer has"});
  add("unknown parameter", "compute --variant scaled_dot --set foo=1", {"has no parameter", "foo"});
  add("heads out of range", "compute --variant multi_head --set heads=0", {"between"});
  add("non-numeric --n", "compute --variant scaled_dot --n abc", {"--n"});
  // Refused before the cubic orthogonal mix (it took minutes), with advice that holds.
  add("positional inputs too wide",
      "compute --variant scaled_dot --n 1 --d 8192 --input positional",
      {"width 8192", "at most 2048", "random inputs"});
  add("clustered inputs too wide", "compute --variant scaled_dot --d 65536 --input clustered",
      {"width 65536", "random inputs"});
  add("--n with a sentence", "compute --variant scaled_dot --input sentence:a,b,c --n 64",
      {"--n does not go with --input sentence"});
  add("heads not dividing d", "compute --variant multi_head --d 10", {"divisible"});
  add("--q alone", "compute --variant scaled_dot --q @q.npy", {"together"});
  add("Q and K widths differ", "compute --variant scaled_dot --q @q.npy --k @k2.npy --v @v.npy",
      {"as wide as the keys", "Q has 3"});
  add("K and V rows differ", "compute --variant scaled_dot --q @q.npy --k @k.npy --v @v4.npy",
      {"same number of rows"});
  add("garbage npy", "compute --variant scaled_dot --q @garbage.npy --k @k.npy --v @v.npy",
      {"magic"});
  add("Fortran npy", "compute --variant scaled_dot --q @fortran.npy --k @k.npy --v @v.npy",
      {"Fortran"});
  add("NaN npy", "compute --variant scaled_dot --q @nan.npy --k @k.npy --v @v.npy", {"NaN"});
  add("3-D npy", "compute --variant scaled_dot --q @cube.npy --k @k.npy --v @v.npy", {"2-D"});
  add("csv non-number", "compute --variant scaled_dot --q @bad.csv --k @k.npy --v @v.npy",
      {"line 2", "abc", "not a number"});
  add("missing file", "compute --variant scaled_dot --q @none.npy --k @k.npy --v @v.npy",
      {"none.npy", "cannot be opened"});
  add("missing --out", "compute --variant scaled_dot", {"--out"}, false);
  add("unknown option", "compute --variant scaled_dot --frobnicate 3",
      {"Unknown option", "--frobnicate"});
  add("matrix parameter without file", "compute --variant bilinear --set W=3", {"W"});
  add("too large", "compute --variant scaled_dot --n 200000", {"memory limit", "--max-memory"});
  add("over --max-memory", "compute --variant scaled_dot --n 2048 --max-memory 1M",
      {"memory limit", "--max-memory"});
  add("sparse result, dense files over the limit",
      "compute --variant local_window --n 65536 --max-memory 256M",
      {"N x M arrays", "--max-memory"});
  // Known before computing (sinkhorn at this N computed for 15 s, then was refused).
  add("sparse files over the limit, before computing",
      "compute --variant sinkhorn --n 70000 --max-memory 4G", {"N x M arrays", "--max-memory"});
  add("unknown command", "frobnicate", {"Unknown command", "frobnicate"}, false);
  add("key sentence without a sentence", "compute --variant scaled_dot --key-sentence x",
      {"--key-sentence", "sentence:TEXT"});
  add("labels without files", "compute --variant scaled_dot --query-labels @three.txt",
      {"--query-labels", "--q"});
  add("labels that do not count the rows",
      "compute --variant scaled_dot --q @q.npy --k @k.npy --v @v.npy --query-labels @three.txt",
      {"3 query labels", "Q has 4 rows"});
}

void TestCliUsage::errors() {
  QFETCH(QStringList, args);
  QFETCH(QStringList, expected);
  // 4 GiB of address space at most: sizes that would not fit are refused from the cost model
  // before anything large is allocated, so the sentence is the memory-limit one, never a crash
  // or "Out of memory".
  const Run r = run(args, rlim_t(4) << 30);
  QVERIFY2(!r.crashed, qPrintable(r.err));
  QCOMPARE(r.code, 2);
  QVERIFY2(r.err.startsWith("error: "), qPrintable(r.err));
  QVERIFY2(r.err.count('\n') == 1 && r.err.endsWith('\n'), qPrintable(r.err));
  for (const QString& e : expected) QVERIFY2(r.err.contains(e), qPrintable(r.err));
  QVERIFY2(!r.err.contains("out of memory", Qt::CaseInsensitive), qPrintable(r.err));
}

void TestCliUsage::help_data() {
  QTest::addColumn<QStringList>("args");
  QTest::addColumn<QString>("expected");
  QTest::newRow("--help") << QStringList{"--help"} << "compute";
  // The window's part of the app adds export to the dispatcher; a build without it has none.
  QTest::newRow("--help lists export") << QStringList{"--help"} << "\n  export ";
  QTest::newRow("compute --help") << QStringList{"compute", "--help"} << "--max-memory";
  QTest::newRow("variants --help") << QStringList{"variants", "--help"} << "--json";
}

void TestCliUsage::help() {
  QFETCH(QStringList, args);
  QFETCH(QString, expected);
  const Run r = run(args);
  QCOMPARE(r.code, 0);
  QVERIFY2(r.out.contains(expected), qPrintable(r.out));
}

void TestCliUsage::exportHeadless_data() {
  QTest::addColumn<QStringList>("args");
  QTest::newRow("heatmap zh") << QStringList{"--variant", "multi_head", "--view",
                                             "heatmap",   "--lang",     "zh_CN"};
  QTest::newRow("output") << QStringList{"--variant", "additive", "--view", "output"};
  QTest::newRow("sparsity bigbird") << QStringList{"--variant", "bigbird", "--view", "sparsity"};
  QTest::newRow("sparsity lsh") << QStringList{"--variant", "lsh",     "--view",
                                               "sparsity",  "--input", "clustered"};
  QTest::newRow("teaching flash") << QStringList{"--variant", "flash", "--view", "teaching"};
  QTest::newRow("gallery all") << QStringList{"--view", "gallery"};
  QTest::newRow("gallery subset") << QStringList{"--view", "gallery", "--variants", "flash,linear"};
  // The speed and memory page, measured here as its button does, beside the published chart.
  QTest::newRow("complexity arena")
      << QStringList{"--variant", "scaled_dot", "--view",     "complexity",
                     "--page",    "arena",      "--variants", "scaled_dot,linear"};
}

void TestCliUsage::exportHeadless() {
  QFETCH(QStringList, args);
  const QString out =
      m_tmp.filePath(QString("view_%1.png").arg(QTest::currentDataTag()).replace(' ', '_'));
  // No display at all: the command must choose the offscreen platform itself.
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.remove("DISPLAY");
  env.remove("WAYLAND_DISPLAY");
  env.remove("QT_QPA_PLATFORM");
  p.setProcessEnvironment(env);
  p.start(ATLAS_CLI_PATH, QStringList{"export", "--n", "40", "--width", "640", "--height", "480",
                                      "--dpi", "96", "--out", out} +
                              args);
  QVERIFY(p.waitForFinished(60000));
  QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
           qPrintable(QString::fromUtf8(p.readAllStandardError())));
  // PNG signature, then the IHDR chunk: width and height as big-endian 32-bit numbers.
  const QByteArray png = fileBytes(out);
  QVERIFY(png.startsWith("\x89PNG\r\n\x1a\n"));
  auto be32 = [&](int at) {
    return (quint32(quint8(png[at])) << 24) | (quint32(quint8(png[at + 1])) << 16) |
           (quint32(quint8(png[at + 2])) << 8) | quint32(quint8(png[at + 3]));
  };
  QCOMPARE(be32(16), quint32(640));
  QCOMPARE(be32(20), quint32(480));
  QVERIFY(png.size() > 5000);  // a drawn figure, not an empty canvas
}

void TestCliUsage::exportOfAPageTheViewLacks() {
  // Refused once the application exists (the view names its pages), before anything is
  // computed; Qt may have written a line of its own before.
  const Run r = run({"export", "--variant", "scaled_dot", "--view", "complexity", "--page", "nope",
                     "--out", path("page.png")});
  QVERIFY2(!r.crashed, qPrintable(r.err));
  QCOMPARE(r.code, 2);
  const QStringList lines = r.err.split('\n', Qt::SkipEmptyParts);
  QVERIFY2(!lines.isEmpty() && lines.last().startsWith("error: --page: "), qPrintable(r.err));
  for (const char* e : {"no page 'nope'", "formulas, measured, roofline, arena"})
    QVERIFY2(lines.last().contains(e), qPrintable(r.err));
  QVERIFY(!QFile::exists(path("page.png")));
}

QTEST_APPLESS_MAIN(TestCliUsage)
#include "test_cli_usage.moc"

void TestCliUsage::aSavedUnknownLanguageStillStartsTheWindow() {
  // Settings that name a language this build lacks (zh_TW, xx_XX): the window starts anyway,
  // in the system's language, and says so once on stderr.
  for (const char* saved : {"xx_XX", "zh_TW"}) {
    QTemporaryDir config;
    QVERIFY(config.isValid());
    QDir().mkpath(config.filePath("AttentionAtlas"));
    writeBytes(config.filePath("AttentionAtlas/attention-atlas.conf"),
               QByteArray("[ui]\nlanguage=") + saved + "\n");
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    env.insert("XDG_CONFIG_HOME", config.path());
    env.insert("LANG", "en_US.UTF-8");
    p.setProcessEnvironment(env);
    p.start(ATLAS_CLI_PATH, {});
    QVERIFY(p.waitForStarted());
    QString err;
    QElapsedTimer waited;
    waited.start();
    while (!err.contains("is not available") && p.state() == QProcess::Running &&
           waited.elapsed() < 20000) {
      p.waitForReadyRead(200);
      err += QString::fromUtf8(p.readAllStandardError());
    }
    QVERIFY2(
        err.contains(QString("The saved language '") + saved + "' is not available: using en."),
        qPrintable(err));
    QTest::qWait(500);
    QCOMPARE(p.state(), QProcess::Running);  // the window is up, not refused
    p.kill();
    p.waitForFinished();
  }
  // A window option it does not know: one sentence and exit 2, as for every command.
  const clirun::Run bad = clirun::run({"--no-such-option"});
  QCOMPARE(bad.code, 2);
  QVERIFY2(bad.err.contains("error: Unknown option 'no-such-option'."), qPrintable(bad.err));
}
