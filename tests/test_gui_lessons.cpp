// Lessons in the window, on the offscreen platform with the real widgets: the lookup scene
// shows exactly the course's five weights, the translation scene is cross-attention (N = 3,
// M = 3) with its labels, Page Down and Page Up step through the scenes, the labels follow the
// language, an authored lesson survives saving and opening, a truncated lesson is refused with a
// message while the lesson on screen stays, and the window's command line opens a scene.
#include "gui_fixture.h"

#include "caption_bar.h"
#include "lesson_controller.h"
#include "lesson_ui.h"
#include "start_options.h"

#include "core/lesson.h"

#include <QDockWidget>
#include <QFile>
#include <QListWidget>

using atlas::app::LessonController;
using guitest::result;

namespace {

/// The labels a heatmap axis shows (its text ticker), in order.
QStringList axisLabels(QCPAxis* axis) {
  auto ticker = axis->ticker().dynamicCast<QCPAxisTickerText>();
  return ticker ? QStringList(ticker->ticks().values()) : QStringList();
}

QStringList tokens(const std::vector<std::string>& t) {
  QStringList out;
  for (const auto& s : t) out << QString::fromStdString(s);
  return out;
}

}  // namespace

class TestGuiLessons : public QObject {
  Q_OBJECT
 private:
  guitest::WindowFixture m_gui;
  LessonController* lessons() { return m_gui.window().lessons(); }

  /// Opens `name` at scene `index` and waits for that scene's result.
  bool openAt(const QString& name, int index) {
    if (!lessons()->open(name, index)) return false;
    return waitForScene(index);
  }

  bool waitForScene(int index) {
    const atlas::core::Scene& s = lessons()->lesson()->scenes[index];
    return guitest::waitForResult(
        m_gui.window(), QString::fromStdString(s.variant->id()),
        [&](const atlas::core::VariantResult& r) {
          const auto in = m_gui.window().shown().inputs;
          return s.matrices
                     ? in && in->q.rows() == s.matrices->q.rows() &&
                           in->k.rows() == s.matrices->k.rows()
                     : r.dims.n == (s.spec.source == atlas::core::InputSource::Sentence ? r.dims.n
                                                                                        : s.spec.n);
        });
  }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_gui.setUpSuite()); }
  void init() { QVERIFY(m_gui.openWindow(QSize(1400, 900))); }
  void cleanup() { m_gui.closeWindow(); }

  void theLookupSceneShowsTheCoursesWeights() {
    QVERIFY(openAt("basics", 0));
    const atlas::core::VariantResult& r = *result(m_gui.window());
    QCOMPARE(r.dims.n, 1);
    QCOMPARE(r.dims.m, 5);
    const double expected[5] = {1.0 / 3, 1.0 / 6, 0.25, 0.25, 0.0};
    for (int j = 0; j < 5; ++j) QVERIFY(std::abs(r.weight(0, 0, j) - expected[j]) < 1e-6);
    QCOMPARE(r.weight(0, 0, 4), 0.0f);  // masked: exactly zero, which no softmax gives
    auto* plot = guitest::heatmap(m_gui.window())->plot();
    QCOMPARE(axisLabels(plot->panelMap(0)->keyAxis()),
             (QStringList{"deer", "ox", "sheep", "donkey", "frog"}));
    QVERIFY(m_gui.window().captionBar()->isVisible());
    QVERIFY(m_gui.window().captionBar()->captionText().contains("1/3"));
  }

  void theTranslationSceneIsCrossAttentionWithItsLabels() {
    QVERIFY(openAt("basics", 3));
    const atlas::core::VariantResult& r = *result(m_gui.window());
    QCOMPARE(r.dims.n, 3);
    QCOMPARE(r.dims.m, 3);
    const auto& in = *m_gui.window().shown().inputs;
    QCOMPARE(tokens(in.queryTokens), (QStringList{"Good", "morning", "!"}));
    QCOMPARE(tokens(in.keyTokens), (QStringList{"早上", "好", "！"}));
    auto* plot = guitest::heatmap(m_gui.window())->plot();
    QCOMPARE(axisLabels(plot->panelMap(0)->keyAxis()), (QStringList{"早上", "好", "！"}));
    QCOMPARE(axisLabels(plot->panelMap(0)->valueAxis()), (QStringList{"Good", "morning", "!"}));
  }

  void pageKeysStepThroughTheScenes() {
    QVERIFY(openAt("basics", 0));
    m_gui.window().activateWindow();
    guitest::heatmap(m_gui.window())->setFocus();
    QTest::keyClick(&m_gui.window(), Qt::Key_PageDown);
    QCOMPARE(lessons()->current(), 1);
    QVERIFY(waitForScene(1));
    QCOMPARE(m_gui.window().tabs()->currentWidget(), m_gui.window().view("output"));
    QTest::keyClick(&m_gui.window(), Qt::Key_PageDown);
    QCOMPARE(lessons()->current(), 2);
    QVERIFY(waitForScene(2));
    // The lookup step by step: the walkthrough at the scene's step, the weights.
    QCOMPARE(m_gui.window().tabs()->currentWidget(), m_gui.window().view("walkthrough"));
    QVERIFY(guitest::waitFor([this] { return m_gui.window().view("walkthrough")->step() == 7; }));
    QTest::keyClick(&m_gui.window(), Qt::Key_PageUp);
    QCOMPARE(lessons()->current(), 1);
    // The dock lists every scene, the current one selected.
    QListWidget* list = m_gui.window().lessonUi()->sceneList();
    QCOMPARE(list->count(), int(lessons()->lesson()->scenes.size()));
    QCOMPARE(list->currentRow(), 1);
    list->setCurrentRow(6);  // a click on a scene shows it
    QCOMPARE(lessons()->current(), 6);
  }

  void theLabelsAndCaptionFollowTheLanguage() {
    QVERIFY(openAt("basics", 0));
    QCOMPARE(tokens(m_gui.window().shown().inputs->queryTokens), QStringList{"sibuxiang"});
    QVERIFY(m_gui.language().setLanguage("zh_CN"));
    QVERIFY(guitest::waitFor([&] {
      const auto in = m_gui.window().shown().inputs;
      return in && tokens(in->queryTokens) == QStringList{"四不像"};
    }));
    QCOMPARE(tokens(m_gui.window().shown().inputs->keyTokens),
             (QStringList{"鹿", "牛", "羊", "驴", "青蛙"}));
    QVERIFY(m_gui.window().captionBar()->titleText().contains("查找"));
  }

  void anAuthoredLessonSurvivesSavingAndOpening() {
    atlas::app::MainWindow& w = m_gui.window();
    QVERIFY(guitest::showVariant(w, "additive", 6));
    lessons()->startNew();
    QCOMPARE(lessons()->sceneCount(), 1);
    QVERIFY(lessons()->isModified());
    // A second scene: a sentence on the sparsity view, with a caption in both languages.
    w.parameterPanel()->sourceBox()->setCurrentIndex(
        w.parameterPanel()->sourceBox()->findData("sentence"));
    w.parameterPanel()->sentenceField()->setText("the cat sat on the mat");
    w.variantBrowser()->selectVariant("local_window");
    w.tabs()->setCurrentWidget(w.view("sparsity"));
    QVERIFY(guitest::waitForResult(w, "local_window"));
    QVERIFY(lessons()->addScene());
    lessons()->setSceneText(1, {"Local", "局部"}, {"Six words, a window.", "六个词，一个窗口。"});
    QVERIFY(lessons()->moveScene(1, -1));
    QCOMPARE(lessons()->current(), 0);
    // A third scene, then deleted.
    QVERIFY(lessons()->addScene());
    QCOMPARE(lessons()->sceneCount(), 3);
    QVERIFY(lessons()->deleteScene(1));
    QCOMPARE(lessons()->sceneCount(), 2);

    QTemporaryDir dir;
    const QString path = dir.filePath("authored.json");
    QVERIFY(lessons()->saveAs(path));
    QVERIFY(!lessons()->isModified());
    const std::string saved = atlas::core::lessonToJson(*lessons()->lesson());
    const atlas::core::Lesson read = atlas::core::loadLesson(path.toStdString());
    QCOMPARE(atlas::core::lessonToJson(read), saved);  // lossless
    QCOMPARE(read.scenes[0].view, std::string("sparsity"));
    QCOMPARE(read.scenes[0].variant->id(), std::string("local_window"));
    QCOMPARE(read.scenes[0].spec.text, std::string("the cat sat on the mat"));
    QCOMPARE(read.scenes[0].caption.zh, std::string("六个词，一个窗口。"));
    QCOMPARE(read.scenes[1].variant->id(), std::string("additive"));
    QCOMPARE(read.scenes[1].spec.n, 6);

    // Opened again, its scenes come back to the window as they were authored.
    lessons()->close();
    QVERIFY(lessons()->open(path, 1));
    QVERIFY(guitest::waitForResult(w, "additive", [](const auto& r) { return r.dims.n == 6; }));
    QVERIFY(lessons()->show(0));
    QVERIFY(guitest::waitForResult(w, "local_window"));
    QCOMPARE(w.tabs()->currentWidget(), w.view("sparsity"));
    QCOMPARE(tokens(w.shown().inputs->queryTokens).size(), 6);
    QVERIFY(QFile::exists(path));
    QVERIFY(!QFile::exists(path + ".saving"));  // the temporary file is gone
  }

  void aTruncatedLessonIsRefusedAndTheLessonStays() {
    QVERIFY(openAt("basics", 3));
    QTemporaryDir dir;
    QFile whole(QStringLiteral(ATLAS_SOURCE_DIR "/resources/lessons/basics.json"));
    QVERIFY(whole.open(QIODevice::ReadOnly));
    const QByteArray bytes = whole.readAll();
    QFile cut(dir.filePath("cut.json"));
    QVERIFY(cut.open(QIODevice::WriteOnly));
    cut.write(bytes.left(bytes.size() * 2 / 3));
    cut.close();
    QVERIFY(!lessons()->open(dir.filePath("cut.json")));
    QVERIFY(m_gui.window().errorMessage().contains("cut.json"));
    QCOMPARE(lessons()->name(), QString("basics"));
    QCOMPARE(lessons()->current(), 3);
    QCOMPARE(result(m_gui.window())->dims.m, 3);
    // A lesson of a view this window lacks is refused whole too.
    QFile other(dir.filePath("view.json"));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write(R"({"format": "attention-atlas-lesson", "version": 1, "scenes": [
        {"title": "a"}, {"title": "b", "view": "hologram"}]})");
    other.close();
    QVERIFY(!lessons()->open(dir.filePath("view.json")));
    QVERIFY(m_gui.window().errorMessage().contains("hologram"));
    QCOMPARE(lessons()->name(), QString("basics"));
  }

  void theCommandLineOpensAScene() {
    atlas::app::MainWindow& w = m_gui.window();
    using atlas::app::applyStartOptions;
    QCOMPARE(applyStartOptions(w, {"basics", "3", {}, {}, false}), QString());
    QCOMPARE(lessons()->current(), 2);
    QVERIFY(applyStartOptions(w, {"basics", "99", {}, {}, false}).contains("from 1 to"));
    QVERIFY(applyStartOptions(w, {"no-such", {}, {}, {}, false}).contains("no-such"));
    QVERIFY(applyStartOptions(w, {"basics", {}, "random", {}, false}).contains("--input"));
    lessons()->close();
    QVERIFY(applyStartOptions(w, {{}, {}, "sentence:one two three", {}, false}).isEmpty());
    QVERIFY(guitest::waitFor([&] { return result(w) && result(w)->dims.n == 3; }));
    QVERIFY(applyStartOptions(w, {{}, {}, {}, {"no_such_parameter=1"}, false})
                .contains("no_such_parameter"));
    w.variantBrowser()->selectVariant("scaled_dot");
    QVERIFY(applyStartOptions(w, {{}, {}, {}, {"causal=true"}, false}).isEmpty());
    QVERIFY(guitest::waitFor([&] {
      return result(w) && result(w)->variant == "scaled_dot" && result(w)->weight(0, 0, 2) == 0;
    }));
  }
};

QTEST_MAIN(TestGuiLessons)
#include "test_gui_lessons.moc"
