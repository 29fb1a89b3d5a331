// What `cmake --install` lays out, run from where it lands: the executables, the desktop entry
// and AppStream metainfo (valid, in both languages), the icon as SVG and PNGs of the theme's
// sizes, the man pages (every option of every command's --help in them); the installed
// attention-atlas runs with no display and finds its translations. And the help texts: --help
// lists the window's options with every view, export --help every view it draws; without a
// display the window says so in one sentence, while --self-test and --screenshot run offscreen
// with nothing on stderr but what they report.
#include <QWidget>  // view_table.h names QWidget without declaring it

#include "widgets/view_table.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
  int code = -1;
  QString out, err;
};

/// Runs `program` with `args` in `dir`, with no display at all: no DISPLAY, WAYLAND_DISPLAY or
/// QT_QPA_PLATFORM (as a cron job or an SSH session sees it).
Run run(const QString& program, const QStringList& args, const QString& dir = {}) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) env.remove(name);
  p.setProcessEnvironment(env);
  if (!dir.isEmpty()) p.setWorkingDirectory(dir);
  p.start(program, args);
  Run r;
  if (!p.waitForFinished(120000)) {
    p.kill();
    p.waitForFinished();
    r.err = "timed out or did not start: " + program;
    return r;
  }
  r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.out = QString::fromUtf8(p.readAllStandardOutput());
  r.err = QString::fromUtf8(p.readAllStandardError());
  return r;
}

QString readText(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

/// The "--name" options a help text lists (the lines that start with "  --").
QStringList helpOptions(const QString& help) {
  static const QRegularExpression option(QStringLiteral("^  --([A-Za-z0-9-]+)"),
                                         QRegularExpression::MultilineOption);
  QStringList names;
  for (auto m = option.globalMatch(help); m.hasNext();) names << m.next().captured(1);
  return names;
}

/// The commands the top-level --help lists, under "commands:".
QStringList helpCommands(const QString& help) {
  QStringList names;
  const QString section = help.section(QStringLiteral("\ncommands:\n"), 1).section("\n\n", 0, 0);
  for (const QString& line : section.split('\n', Qt::SkipEmptyParts))
    names << line.trimmed().section(' ', 0, 0);
  return names;
}

/// The text after "--NAME VALUE" in a help text, up to the next option.
QString optionHelp(const QString& help, const QString& name) {
  const qsizetype at = help.indexOf("  --" + name + " ");
  if (at < 0) return {};
  const qsizetype next = help.indexOf("\n  --", at + 1);
  return help.mid(at, next < 0 ? -1 : next - at).simplified();
}

}  // namespace

class TestInstall : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir m_prefix, m_work;
  QString installed(const QString& relative) const { return m_prefix.filePath(relative); }
  QString app() const { return installed("bin/attention-atlas"); }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_prefix.isValid() && m_work.isValid());
    QProcess install;
    install.start(ATLAS_CMAKE, {"--install", ATLAS_BINARY_DIR, "--prefix", m_prefix.path()});
    QVERIFY(install.waitForFinished(120000));
    QVERIFY2(install.exitCode() == 0, install.readAllStandardError().constData());
  }

  void theInstalledTreeHasItsFiles_data() {
    QTest::addColumn<QString>("path");
    QStringList files = {"bin/attention-atlas", "share/applications/" ATLAS_APP_ID ".desktop",
                         "share/metainfo/" ATLAS_APP_ID ".metainfo.xml",
                         "share/icons/hicolor/scalable/apps/attention-atlas.svg",
                         "share/man/man1/attention-atlas.1"};
#ifdef ATLAS_WITH_REMOTE
    files << "bin/attention-atlas-device"
          << "share/man/man1/attention-atlas-device.1";
#endif
    for (const QString& f : files) QTest::newRow(qPrintable(f)) << f;
  }

  void theInstalledTreeHasItsFiles() {
    QFETCH(QString, path);
    const QFileInfo info(installed(path));
    QVERIFY2(info.isFile() && info.size() > 0, qPrintable(info.filePath()));
    if (path.startsWith("bin/")) QVERIFY(info.isExecutable());
  }

  void theIconHasEverySize_data() {
    QTest::addColumn<int>("size");
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256})
      QTest::newRow(qPrintable(QString::number(size))) << size;
  }

  void theIconHasEverySize() {
    QFETCH(int, size);
    const QString path =
        installed(QStringLiteral("share/icons/hicolor/%1x%1/apps/attention-atlas.png").arg(size));
    const QImage icon(path);
    QVERIFY2(!icon.isNull(), qPrintable(path));
    QCOMPARE(icon.size(), QSize(size, size));
    // The rounded square leaves the corners transparent; the heatmap's cells are opaque.
    QVERIFY2(qAlpha(icon.pixel(0, 0)) < 16, qPrintable(QString::number(qAlpha(icon.pixel(0, 0)))));
    QCOMPARE(qAlpha(icon.pixel(size / 2, size / 2)), 255);
  }

  void theInstalledExecutableRunsAndFindsItsTranslations() {
    const Run version = run(app(), {"--version"}, m_work.path());
    QCOMPARE(version.code, 0);
    QCOMPARE(version.out, QStringLiteral("attention-atlas " ATLAS_VERSION_TEXT "\n"));
    // A headless export in each language: the Chinese one loads the embedded translation (or
    // is refused in one sentence) and draws other titles than the English one.
    QByteArray figures[2];
    for (int i = 0; i < 2; ++i) {
      const QString lang = i ? "zh_CN" : "en", out = m_work.filePath(lang + ".png");
      const Run r = run(app(),
                        {"export", "--variant", "scaled_dot", "--n", "8", "--lang", lang, "--width",
                         "400", "--height", "300", "--out", out},
                        m_work.path());
      QVERIFY2(r.code == 0, qPrintable(r.err));
      QCOMPARE(r.err, QString());
      QFile f(out);
      QVERIFY(f.open(QIODevice::ReadOnly));
      figures[i] = f.readAll();
      QVERIFY(QImage::fromData(figures[i]).size() == QSize(400, 300));
    }
    QVERIFY(figures[0] != figures[1]);
#ifdef ATLAS_WITH_REMOTE
    const Run device = run(installed("bin/attention-atlas-device"), {"--version"});
    QCOMPARE(device.code, 0);
    QCOMPARE(device.out, QStringLiteral("attention-atlas-device " ATLAS_VERSION_TEXT "\n"));
#endif
  }

  void theDesktopEntryAndTheMetainfoAreValid() {
    const QString desktop = installed("share/applications/" ATLAS_APP_ID ".desktop");
    const QString metainfo = installed("share/metainfo/" ATLAS_APP_ID ".metainfo.xml");
    const QString text = readText(desktop);
    for (const char* line : {"\nExec=attention-atlas\n", "\nIcon=attention-atlas\n",
                             "\nName[zh_CN]=", "\nGenericName[zh_CN]=", "\nComment[zh_CN]="})
      QVERIFY2(text.contains(QLatin1String(line)), line);
    const QString meta = readText(metainfo);
    QVERIFY(meta.contains("<id>" ATLAS_APP_ID "</id>"));
    QVERIFY(meta.contains(">" ATLAS_APP_ID ".desktop</launchable>"));
    QVERIFY(meta.contains("<name xml:lang=\"zh-CN\">"));
    // Its newest release is this version (project() in CMakeLists.txt).
    QVERIFY2(meta.contains("<release version=\"" ATLAS_VERSION_TEXT "\""),
             "the metainfo's <releases> lack version " ATLAS_VERSION_TEXT);
    const Run entry = run("desktop-file-validate", {desktop});
    QVERIFY2(entry.code == 0 && entry.out.isEmpty(),
             qPrintable(entry.out + entry.err + " (scripts/install-deps.sh installs it)"));
    const Run appstream = run("appstreamcli", {"validate", "--no-net", metainfo});
    QVERIFY2(appstream.code == 0, qPrintable(appstream.out + appstream.err));
  }

  void theManPagesListEveryOption_data() {
    QTest::addColumn<QString>("page");
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("args");  // before --help
    const Run top = run(app(), {"--help"});
    QTest::newRow("attention-atlas") << "attention-atlas"
                                     << "attention-atlas" << QStringList{};
    for (const QString& command : helpCommands(top.out))
      QTest::newRow(qPrintable("attention-atlas " + command))
          << "attention-atlas"
          << "attention-atlas" << QStringList{command};
#ifdef ATLAS_WITH_REMOTE
    QTest::newRow("attention-atlas-device") << "attention-atlas-device"
                                            << "attention-atlas-device" << QStringList{};
#endif
  }

  void theManPagesListEveryOption() {
    QFETCH(QString, page);
    QFETCH(QString, program);
    QFETCH(QStringList, args);
    const QString path = installed("share/man/man1/" + page + ".1");
    const QString roff = readText(path);
    QVERIFY2(!roff.isEmpty(), qPrintable(path));
    const Run help = run(installed("bin/" + program), args + QStringList{"--help"});
    QCOMPARE(help.code, 0);
    const QStringList options = helpOptions(help.out);
    QVERIFY2(!options.isEmpty(), qPrintable(help.out));
    for (const QString& o : options) {
      const QString escaped = "\\fB\\-\\-" + QString(o).replace("-", "\\-") + "\\fR";
      QVERIFY2(roff.contains(escaped), qPrintable(page + " lacks --" + o));
    }
    if (!args.isEmpty()) QVERIFY(roff.contains(".SS " + args.front() + "\n"));
    // groff formats it without a warning.
    const QString groff = QStandardPaths::findExecutable("groff");
    QVERIFY2(!groff.isEmpty(), "groff is missing (scripts/install-deps.sh installs groff-base)");
    const Run format = run(groff, {"-man", "-ww", "-z", path});
    QVERIFY2(format.code == 0 && format.err.isEmpty(), qPrintable(format.err));
  }

  void theHelpListsEveryView() {
    const Run top = run(app(), {"--help"});
    QCOMPARE(top.code, 0);
    for (const char* o : {"lang", "variant", "tab", "lesson", "present", "screenshot", "self-test"})
      QVERIFY2(helpOptions(top.out).contains(QLatin1String(o)), o);
    for (const char* c : {"variants", "compute", "export", "bench"})
      QVERIFY2(helpCommands(top.out).contains(QLatin1String(c)), c);
    const Run exportHelp = run(app(), {"export", "--help"});
    QCOMPARE(exportHelp.code, 0);
    const QString tab = optionHelp(top.out, "tab"), view = optionHelp(exportHelp.out, "view");
    int count = 0;
    const atlas::widgets::ViewEntry* views = atlas::widgets::viewTable(&count);
    QVERIFY(count >= 9);
    for (int i = 0; i < count; ++i) {
      const QString id = QString::fromLatin1(views[i].id);
      QVERIFY2(tab.contains(id), qPrintable("--tab: " + tab + " lacks " + id));
      QCOMPARE(view.contains(QRegularExpression("\\b" + id + "\\b")), views[i].exportable);
    }
  }

  void withoutADisplay() {
    // The window cannot open: one sentence, exit code 2, no abort.
    const Run window = run(app(), {"--fresh", "--lang", "en"});
    QCOMPARE(window.code, 2);
    QVERIFY2(window.err.startsWith("error: There is no display") && window.err.count('\n') == 1,
             qPrintable(window.err));
    // The self-test and a screenshot need none: offscreen, and no warning on stderr.
    const Run latency = run(app(), {"--self-test", "latency", "--n", "64", "--steps", "3"});
    QVERIFY2(latency.code == 0, qPrintable(latency.err));
    QVERIFY2(latency.out.contains("p50"), qPrintable(latency.out));
    QCOMPARE(latency.err, QString());
    const QString shot = m_work.filePath("window.png");
    const Run screenshot = run(app(), {"--fresh", "--size", "900x600", "--screenshot", shot});
    QVERIFY2(screenshot.code == 0, qPrintable(screenshot.err));
    QCOMPARE(screenshot.err, "saved " + shot + "\n");
    QCOMPARE(QImage(shot).size(), QSize(900, 600));
  }
};

QTEST_MAIN(TestInstall)
#include "test_install.moc"
