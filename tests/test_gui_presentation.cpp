// Presentation mode on the offscreen platform: F11 hides the panels, menus and bars, scales the
// type of the views and the caption, shows the high-contrast map and the values in cells; the
// zoom keys change the type and are remembered; Esc restores the window as it was; F12 switches
// the language in either mode.
#include "gui_fixture.h"

#include "caption_bar.h"
#include "lesson_controller.h"
#include "presentation.h"

#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>

using guitest::result;

namespace {

double pointsOf(const QFont& f) {
  return f.pointSizeF() > 0 ? f.pointSizeF() : f.pixelSize() * 0.75;
}

/// The heatmap plot's title and first axis tick label sizes.
struct PlotType {
  double title, ticks;
};
PlotType plotType(atlas::app::MainWindow& w) {
  auto* plot = guitest::heatmap(w)->plot();
  auto* title = qobject_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0));
  return {title ? pointsOf(title->font()) : 0,
          pointsOf(plot->panelMap(0)->keyAxis()->tickLabelFont())};
}

}  // namespace

class TestGuiPresentation : public QObject {
  Q_OBJECT
 private:
  guitest::WindowFixture m_gui;

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_gui.setUpSuite()); }
  void init() { QVERIFY(m_gui.openWindow(QSize(1200, 800))); }
  void cleanup() { m_gui.closeWindow(); }

  void presentingScalesAndHidesAndLeavingRestores() {
    atlas::app::MainWindow& w = m_gui.window();
    QVERIFY(w.lessons()->open("basics", 3));  // 12 x 12 weights
    QVERIFY(guitest::waitForResult(w, "scaled_dot", [](const auto& r) { return r.dims.n == 12; }));
    auto* plot = guitest::heatmap(w)->plot();
    const PlotType before = plotType(w);
    const double captionBefore =
        pointsOf(w.captionBar()->findChild<QLabel*>("sceneCaption")->font());
    QVERIFY(!plot->cellValues());
    QVERIFY(w.findChild<QDockWidget*>("variantsDock")->isVisible());

    w.activateWindow();
    QTest::keyClick(&w, Qt::Key_F11);
    QVERIFY(w.presentation()->isActive());
    QVERIFY(w.isFullScreen());
    for (QDockWidget* d : w.findChildren<QDockWidget*>()) QVERIFY(!d->isVisible());
    for (QToolBar* t : w.findChildren<QToolBar*>()) QVERIFY(!t->isVisible());
    QVERIFY(!w.menuBar()->isVisible());
    QVERIFY(!w.statusBar()->isVisible());
    QVERIFY(plot->cellValues());  // the back row reads the numbers
    QCOMPARE(plot->colorScale()->gradient().colorStops(),
             atlas::widgets::colorGradient(atlas::widgets::ColorMap::Hot).colorStops());
    const double zoom = w.presentation()->zoom();
    QVERIFY(zoom > 1.0);
    PlotType now = plotType(w);
    QVERIFY2(now.ticks >= before.ticks * zoom * 0.95, qPrintable(QString::number(now.ticks)));
    QVERIFY2(now.title >= before.title * zoom * 0.9, qPrintable(QString::number(now.title)));
    QVERIFY(pointsOf(w.captionBar()->findChild<QLabel*>("sceneCaption")->font()) >
            captionBefore * zoom);

    // A new scene drawn while presenting is drawn large too.
    QTest::keyClick(&w, Qt::Key_PageDown);
    QVERIFY(guitest::waitForResult(w, "scaled_dot", [](const auto& r) { return r.dims.n == 12; }));
    now = plotType(w);
    QVERIFY2(now.title >= before.title * zoom * 0.9, qPrintable(QString::number(now.title)));

    // Zoom: Ctrl++ grows the type, and the factor is remembered.
    QTest::keyClick(&w, Qt::Key_Plus, Qt::ControlModifier);
    QVERIFY(w.presentation()->zoom() > zoom);
    QVERIFY(plotType(w).ticks > now.ticks);
    QCOMPARE(atlas::app::Settings::presentationZoom(), w.presentation()->zoom());

    QTest::keyClick(&w, Qt::Key_Escape);
    QVERIFY(!w.presentation()->isActive());
    QVERIFY(!w.isFullScreen());
    QVERIFY(w.findChild<QDockWidget*>("variantsDock")->isVisible());
    QVERIFY(w.menuBar()->isVisible());
    QVERIFY(!plot->cellValues());
    QCOMPARE(plot->colorScale()->gradient().colorStops(),
             atlas::widgets::colorGradient(atlas::widgets::ColorMap::Viridis).colorStops());
    const PlotType after = plotType(w);
    QVERIFY(std::abs(after.ticks - before.ticks) < 0.6);
    QVERIFY(std::abs(after.title - before.title) < 0.6);
    QCOMPARE(atlas::app::Settings::colorMap(), QString("viridis"));  // the look was not saved
    QVERIFY(!atlas::app::Settings::cellValues());
  }

  void f12SwitchesTheLanguage() {
    atlas::app::MainWindow& w = m_gui.window();
    w.activateWindow();
    QCOMPARE(w.languageCode(), QString("en"));
    QTest::keyClick(&w, Qt::Key_F12);
    QCOMPARE(w.languageCode(), QString("zh_CN"));
    QTRY_COMPARE(w.windowTitle(), QString("注意力图谱"));
    QTest::keyClick(&w, Qt::Key_F12);
    QCOMPARE(w.languageCode(), QString("en"));
  }
};

QTEST_MAIN(TestGuiPresentation)
#include "test_gui_presentation.moc"
