// Nothing of an unsaved lesson lost on a crash, on the offscreen platform with the real window:
// while a lesson has unsaved changes it is kept in the recovery file (every scene the author
// added), a new window after a crash restores it as it was (its scenes, the scene on screen,
// where Save writes, still modified), saving or closing removes it, and a damaged recovery file
// is refused with a message and left where it is.
#include "gui_fixture.h"

#include "lesson_controller.h"
#include "lesson_recovery.h"

#include "core/lesson.h"

#include <QAbstractButton>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QTimer>

using atlas::app::LessonController;
using atlas::app::LessonRecovery;

class TestGuiLessonRecovery : public QObject {
  Q_OBJECT
 private:
  guitest::WindowFixture m_gui;
  LessonController* lessons() { return m_gui.window().lessons(); }

  static std::size_t keptScenes() {
    return atlas::core::loadLesson(LessonRecovery::lessonFile().toStdString()).scenes.size();
  }

  /// The window goes without closing (no questions asked, nothing saved): a crash.
  bool crashAndRestart() {
    m_gui.makeWindow();
    return m_gui.showWindow(QSize(1200, 800)) != nullptr;
  }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_gui.setUpSuite()); }
  void init() {
    LessonRecovery::discard();
    QVERIFY(m_gui.openWindow(QSize(1200, 800)));
  }
  void cleanup() {
    m_gui.closeWindow();
    LessonRecovery::discard();
  }

  void anAuthoredLessonSurvivesACrash() {
    QVERIFY(!LessonRecovery::pending());
    lessons()->startNew();
    QVERIFY(lessons()->isModified());
    QVERIFY(LessonRecovery::pending());
    QCOMPARE(keptScenes(), std::size_t(1));
    QVERIFY(guitest::showVariant(m_gui.window(), "multi_head", 8));
    QVERIFY(lessons()->addScene());
    lessons()->setSceneText(1, {"Heads", "头"}, {"Two heads.", "两个头。"});
    QCOMPARE(keptScenes(), std::size_t(2));

    QVERIFY(crashAndRestart());
    QVERIFY(!lessons()->isOpen());
    QVERIFY(LessonRecovery::pending());
    QVERIFY(m_gui.window().lessonRecovery()->restore());
    QVERIFY(lessons()->isOpen());
    QCOMPARE(lessons()->sceneCount(), 2);
    QCOMPARE(lessons()->current(), 1);
    QVERIFY(lessons()->isModified());
    QVERIFY(lessons()->path().isEmpty());  // a new lesson: Save asks where
    QCOMPARE(lessons()->currentScene()->title.en, std::string("Heads"));
    QCOMPARE(lessons()->currentScene()->variant->id(), std::string("multi_head"));
    QVERIFY(guitest::waitForResult(m_gui.window(), "multi_head"));

    // Saved: nothing more to recover, and the file holds what was restored.
    QTemporaryDir dir;
    const QString path = dir.filePath("heads.json");
    QVERIFY(lessons()->saveAs(path));
    QVERIFY(!LessonRecovery::pending());
    QCOMPARE(atlas::core::loadLesson(path.toStdString()).scenes.size(), std::size_t(2));
  }

  void anEditedFileOrBuiltInLessonIsRestoredToItsOrigin() {
    QVERIFY(lessons()->open("basics", 3));
    QVERIFY(!LessonRecovery::pending());  // opened, not changed: nothing kept
    lessons()->setSceneText(3, {"Renamed", "改名"}, {"", ""});
    QVERIFY(LessonRecovery::pending());
    QVERIFY(crashAndRestart());
    QVERIFY(m_gui.window().lessonRecovery()->restore());
    QCOMPARE(lessons()->builtin(), QString("basics"));
    QCOMPARE(lessons()->current(), 3);
    QCOMPARE(lessons()->currentScene()->title.en, std::string("Renamed"));
    QVERIFY(lessons()->isModified());

    // A lesson file: restored with the file as where Save writes.
    QTemporaryDir dir;
    const QString path = dir.filePath("mine.json");
    QVERIFY(lessons()->saveAs(path));
    QVERIFY(lessons()->moveScene(3, -1));
    QVERIFY(crashAndRestart());
    QVERIFY(m_gui.window().lessonRecovery()->restore());
    QCOMPARE(lessons()->path(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(lessons()->currentScene()->title.en, std::string("Renamed"));
    QCOMPARE(lessons()->current(), 2);

    // Closed: the unsaved changes were declined, nothing is kept.
    lessons()->close();
    QVERIFY(!LessonRecovery::pending());
  }

  void theStartOffersTheLessonAndRestoresOrDiscardsIt() {
    QVERIFY(lessons()->open("basics", 1));
    QVERIFY(lessons()->deleteScene(0));
    QVERIFY(crashAndRestart());
    // The window's question, answered by clicking as a user would.
    const auto answer = [](const QString& button) {
      QTimer::singleShot(0, [button] {
        QVERIFY(guitest::waitFor([] { return QApplication::activeModalWidget() != nullptr; }));
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        QVERIFY(box);
        QVERIFY(box->text().contains("basics"));
        for (QAbstractButton* b : box->buttons())
          if (b->text().remove('&') == button) b->click();
      });
    };
    answer("Restore");
    m_gui.window().lessonRecovery()->offer(&m_gui.window());
    QVERIFY(lessons()->isOpen());
    QCOMPARE(lessons()->sceneCount(), int(atlas::core::loadLesson("basics").scenes.size()) - 1);
    QVERIFY(crashAndRestart());
    answer("Discard");
    m_gui.window().lessonRecovery()->offer(&m_gui.window());
    QVERIFY(!lessons()->isOpen());
    QVERIFY(!LessonRecovery::pending());
  }

  void aDamagedRecoveryFileIsRefusedAndKept() {
    lessons()->startNew();
    QVERIFY(LessonRecovery::pending());
    {
      QFile f(LessonRecovery::lessonFile());
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("{\"format\": \"attention-atlas-lesson\", \"scen");
    }
    QVERIFY(crashAndRestart());
    QVERIFY(!m_gui.window().lessonRecovery()->restore());
    QVERIFY(!lessons()->isOpen());
    QVERIFY(m_gui.window().errorMessage().contains("lesson.json"));
    QVERIFY(LessonRecovery::pending());  // never deleted behind the user's back
    // Offered at the start: moved aside and said where, so it is not asked about every time.
    QTimer::singleShot(0, [] {
      QVERIFY(guitest::waitFor([] { return QApplication::activeModalWidget() != nullptr; }));
      auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
      QVERIFY(box && box->text().contains("lesson-unreadable-"));
      box->accept();
    });
    m_gui.window().lessonRecovery()->offer(&m_gui.window());
    QVERIFY(!LessonRecovery::pending());
    QCOMPARE(QDir(LessonRecovery::directory())
                 .entryList({"lesson-unreadable-*.json"}, QDir::Files)
                 .size(),
             1);
    for (const QString& f :
         QDir(LessonRecovery::directory()).entryList({"lesson-unreadable-*.json"}, QDir::Files))
      QFile::remove(QDir(LessonRecovery::directory()).filePath(f));
  }
};

QTEST_MAIN(TestGuiLessonRecovery)
#include "test_gui_lesson_recovery.moc"
