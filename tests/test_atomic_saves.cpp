// Lessons and settings are never lost: a process killed (SIGKILL) at any point while saving a
// lesson or the settings leaves the old file whole or the new one, never a mix or a truncated
// file; a full disk (a file size limit) makes the save fail with one sentence (a lesson) or a
// report (the settings, which stay pending) while the old file stays as it was.
#include "app/settings.h"
#include "app/settings_store.h"
#include "core/lesson.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace core = atlas::core;
using atlas::app::Settings;

namespace {

/// The built-in lesson `name` with its scenes repeated until it has `scenes` scenes (a lesson of
/// a few MB, so a kill lands inside a save).
core::Lesson bigLesson(const std::string& name, std::size_t scenes) {
  core::Lesson lesson = core::loadLesson(name);
  const auto base = lesson.scenes;
  while (lesson.scenes.size() < scenes)
    lesson.scenes.push_back(base[lesson.scenes.size() % base.size()]);
  return lesson;
}

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Runs `body` in a child process and returns its exit code (-1: killed by a signal).
template <class F>
int inChild(F&& body, rlim_t maxFileBytes = 0) {
  const pid_t child = fork();
  if (child == 0) {
    if (maxFileBytes > 0) {
      const rlimit limit{maxFileBytes, maxFileBytes};
      setrlimit(RLIMIT_FSIZE, &limit);
      signal(SIGXFSZ, SIG_IGN);  // a write past the limit fails (EFBIG) instead of killing
    }
    _exit(body());
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// Starts `body` (which writes for ever) in a child and kills it after `ms` milliseconds.
template <class F>
void killAfter(F&& body, int ms) {
  const pid_t child = fork();
  if (child == 0) {
    body();
    _exit(0);
  }
  QTest::qSleep(ms);
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
}

/// The settings folder's files other than the settings file and the INI file of the first test
/// (what a killed or failed save left).
QStringList leftovers(const QString& dir, const QString& keep) {
  QStringList out;
  for (const QString& f : QDir(dir).entryList(QDir::Files | QDir::NoDotAndDotDot))
    if (dir + "/" + f != keep && !f.endsWith(".ini")) out << f;
  return out;
}

/// Both settings values written in one save: a whole save has them equal.
QVariantMap exportValues(char fill) {
  return {{"format", QString(fill)}, {"notes", QString(1 << 20, QChar(fill))}};
}

}  // namespace

class TestAtomicSaves : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QCoreApplication::setOrganizationName("AttentionAtlasTest");
    QCoreApplication::setApplicationName("test_atomic_saves");
    atlas::app::keepSettingsIn(m_settingsDir.path());
  }

  void anIniFileOfAnEarlierVersionIsRead() {
    // Before anything of the settings is used: the INI file an earlier version wrote.
    {
      QSettings ini(QSettings::IniFormat, QSettings::UserScope, "AttentionAtlasTest",
                    "test_atomic_saves");
      ini.setValue("ui/language", "zh_CN");
    }
    QCOMPARE(Settings::language(), QString("zh_CN"));
    QVERIFY(QSettings().fileName() != QSettings(QSettings::IniFormat, QSettings::UserScope,
                                                "AttentionAtlasTest", "test_atomic_saves")
                                          .fileName());
    QVERIFY(QFile::exists(QSettings().fileName()));
  }

  void killedLessonSaveLeavesAWholeLesson() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("lesson.json").toStdString();
    const core::Lesson a = bigLesson("basics", 3000), b = bigLesson("tour", 2000);
    core::saveLesson(a, path);
    int whole = 0;
    for (int round = 0; round < 20; ++round) {
      killAfter(
          [&] {
            for (int i = 0;; ++i) core::saveLesson(i % 2 ? a : b, path);
          },
          int(QRandomGenerator::global()->bounded(20, 200)));
      const core::Lesson read = core::loadLesson(path);  // throws if it is not a whole lesson
      QVERIFY(read.scenes.size() == a.scenes.size() || read.scenes.size() == b.scenes.size());
      ++whole;
    }
    QCOMPARE(whole, 20);
    // What the killed saves left beside it is removed by the next save.
    core::saveLesson(a, path);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
  }

  void lessonSaveOnAFullDiskFailsAndKeepsTheOld() {
    QTemporaryDir dir;
    const QString path = dir.filePath("lesson.json");
    core::saveLesson(core::loadLesson("basics"), path.toStdString());
    const QByteArray before = readAll(path);
    const core::Lesson big = bigLesson("tour", 2000);
    const int code = inChild(
        [&] {
          try {
            core::saveLesson(big, path.toStdString());
          } catch (const core::Error& e) {
            const std::string m = e.what();
            return m.find(path.toStdString()) != std::string::npos && m.find('\n') == m.npos ? 3
                                                                                             : 4;
          }
          return 0;  // saved past the limit: the test fails
        },
        before.size() + 1024);
    QCOMPARE(code, 3);
    QCOMPARE(readAll(path), before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
  }

  void killedSettingsSaveLeavesWholeSettings() {
    Settings::setExportFigure(exportValues('a'));
    const QString file = QSettings().fileName();
    QVERIFY(QFile::exists(file));
    for (int round = 0; round < 20; ++round) {
      killAfter(
          [] {
            for (int i = 0;; ++i) Settings::setExportFigure(exportValues(i % 2 ? 'a' : 'b'));
          },
          int(QRandomGenerator::global()->bounded(20, 200)));
      QSettings read;
      read.sync();  // read the file again: another process wrote it
      QCOMPARE(read.status(), QSettings::NoError);
      const QVariantMap values = Settings::exportFigure();
      const QString notes = values.value("notes").toString();
      QCOMPARE(notes.size(), 1 << 20);
      QCOMPARE(QString(notes.size(), notes.front()), notes);  // one save's, not a mix
      QCOMPARE(values.value("format").toString(), QString(notes.front()));
    }
  }

  void settingsSaveOnAFullDiskIsReportedAndKeepsTheOld() {
    Settings::setExportFigure(exportValues('a'));
    const QString file = QSettings().fileName();
    const QByteArray before = readAll(file);
    const int code = inChild(
        [] {
          int reports = 0;
          Settings::onWriteFailure([&reports](const QString&) { ++reports; });
          Settings::setExportFigure(exportValues('b'));  // written at once: no event loop
          return reports == 1 ? 3 : 4;
        },
        1 << 16);
    QCOMPARE(code, 3);
    QCOMPARE(readAll(file), before);
    QVERIFY2(leftovers(QFileInfo(file).path(), file).isEmpty(),
             qPrintable(leftovers(QFileInfo(file).path(), file).join(", ")));
  }

 private:
  QTemporaryDir m_settingsDir;
};

QTEST_APPLESS_MAIN(TestAtomicSaves)
#include "test_atomic_saves.moc"
