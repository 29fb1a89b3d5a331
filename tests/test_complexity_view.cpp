// The Complexity view in the real window, on the offscreen platform: the formulas follow the
// shown result (one curve per chosen variant, the marker at the current N, the terms and their
// total); a tiny benchmark started with Start completes with progress and its points, a large
// one cancelled at once stops cleanly; points and the machine's roof come back in a new window.
// Timings are never asserted.
#include "gui_fixture.h"
#include "language.h"
#include "main_window.h"
#include "settings.h"

#include "widgets/arena_page.h"
#include "widgets/bench_plot.h"
#include "widgets/complexity_model.h"
#include "widgets/complexity_view.h"
#include "widgets/core_text.h"
#include "widgets/cost_plot.h"
#include "widgets/parameter_panel.h"
#include "widgets/roofline_plot.h"
#include "widgets/variant_browser.h"

#include <QComboBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

#include <qcustomplot.h>

#include <functional>

using namespace atlas;
using atlas::app::MainWindow;
using atlas::widgets::ComplexityView;
using guitest::kTimeout;
using guitest::showVariant;
using guitest::waitFor;

class TestComplexityView : public QObject {
  Q_OBJECT

  static constexpr QSize kWindowSize{1400, 900};

  guitest::WindowFixture m_gui;

  /// A new window on the settings the last one left: what the next start of the program shows.
  MainWindow* reopenWindow() {
    m_gui.makeWindow();
    return m_gui.showWindow(kWindowSize);
  }

  ComplexityView* complexity(MainWindow& w, ComplexityView::Page page) {
    auto* view = qobject_cast<ComplexityView*>(w.view("complexity"));
    if (!view) return nullptr;
    w.tabs()->setCurrentWidget(view);
    view->pages()->setCurrentIndex(page);
    return view;
  }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_gui.setUpSuite()); }
  void init() { QVERIFY(m_gui.openWindow(kWindowSize)); }
  void cleanup() { m_gui.closeWindow(); }

  void formulasFollowTheShownResult() {
    MainWindow& w = m_gui.window();
    QVERIFY(showVariant(w, "scaled_dot", 96));
    ComplexityView* view = complexity(w, ComplexityView::Formulas);
    QVERIFY(view);
    widgets::CostPage* page = view->costPage();
    QCOMPARE(view->figure(), page->plot());
    // One curve per chosen variant, in the menu's order; the marker at the shown N.
    const QStringList chosen = view->chosenVariants();
    QCOMPARE(chosen.size(), 8);
    QCOMPARE(page->curveCount(), int(chosen.size()));
    for (int i = 0; i < chosen.size(); ++i) QCOMPARE(page->curveVariant(i), chosen[i]);
    QCOMPARE(page->markerX(), 96.0);
    view->setChosenVariants({"scaled_dot", "linear", "flash"});
    QCOMPARE(page->curveCount(), 3);
    // The variant on screen is always drawn: bilinear, not chosen, comes after the chosen three
    // (and the choice itself stays three).
    QVERIFY(showVariant(w, "bilinear", 96));
    QCOMPARE(page->curveCount(), 4);
    QCOMPARE(page->curveVariant(3), QString("bilinear"));
    QCOMPARE(view->chosenVariants().size(), 3);
    QVERIFY(showVariant(w, "scaled_dot", 96));
    QCOMPARE(page->curveCount(), 3);
    // The curves follow N as it changes.
    w.parameterPanel()->spinBox("n")->setValue(200);
    QVERIFY(waitFor([&] { return w.shown().result && w.shown().result->dims.n == 200; }));
    QCOMPARE(page->markerX(), 200.0);
    QCOMPARE(page->curveCount(), 3);
    // Against d, the marker sits at the shown width.
    page->axisBox()->setCurrentIndex(page->axisBox()->findData(int(widgets::CostPage::Axis::D)));
    QCOMPARE(page->markerX(), double(w.shown().result->dims.dk));
    QCOMPARE(page->curveCount(), 3);
    page->metricBox()->setCurrentIndex(
        page->metricBox()->findData(int(widgets::CostPage::Metric::Peak)));
    QCOMPARE(page->curveCount(), 3);

    // The breakdown lists the shown result's terms and their total.
    const core::Cost& cost = w.shown().result->cost;
    QTableWidget* table = page->table();
    QCOMPARE(table->rowCount(), int(cost.terms.size()) + 1);
    for (int r = 0; r < int(cost.terms.size()); ++r) {
      QCOMPARE(table->item(r, 0)->text(), widgets::costTermName(cost.terms[r].name));
      QCOMPARE(table->item(r, 1)->data(Qt::UserRole).toDouble(), cost.terms[r].flops);
    }
    const int total = table->rowCount() - 1;
    QCOMPARE(table->item(total, 1)->data(Qt::UserRole).toDouble(), cost.flops());
    QCOMPARE(table->item(total, 2)->data(Qt::UserRole).toDouble(), cost.exps());
    QCOMPARE(table->item(total, 3)->data(Qt::UserRole).toDouble(), cost.bytes());

    // Another language rebuilds every text without losing the curves.
    QVERIFY(m_gui.language().setLanguage("zh_CN"));
    QCOMPARE(page->curveCount(), 3);
    QVERIFY(m_gui.language().setLanguage("en"));
    QCOMPARE(view->pages()->tabText(ComplexityView::Measured), QString("Measured"));
  }

  void coincidingCurvesRangeAndByteTicks() {
    MainWindow& w = m_gui.window();
    QVERIFY(showVariant(w, "scaled_dot", 96));
    ComplexityView* view = complexity(w, ComplexityView::Formulas);
    QVERIFY(view);
    widgets::CostPage* page = view->costPage();
    view->setChosenVariants({"scaled_dot", "flash", "linear"});
    // FlashAttention's flops are scaled dot-product attention's: its curve lies on that one,
    // so it is dashed and the title says which curve it lies on; linear's is apart.
    const auto graphNamed = [&](const QString& start) -> QCPGraph* {
      for (int i = 0; i < page->plot()->graphCount(); ++i)
        if (page->plot()->graph(i)->name().startsWith(start)) return page->plot()->graph(i);
      return nullptr;
    };
    QCPGraph* flash = graphNamed("FlashAttention");
    QCPGraph* linear = graphNamed("Linear attention");
    QVERIFY(flash && linear);
    QCOMPARE(flash->pen().style(), Qt::DashLine);
    auto* title = qobject_cast<QCPTextElement*>(page->plot()->plotLayout()->element(0, 0));
    QVERIFY(title);
    QVERIFY2(title->text().contains("FlashAttention (tiled) lies on Scaled dot-product attention"),
             qPrintable(title->text()));
    QCOMPARE(linear->pen().style(), Qt::SolidLine);
    // The N axis over a range asked for; the marker at the shown N inside it.
    page->setRange(64, 65536);
    linear = graphNamed("Linear attention");
    QVERIFY(linear && !linear->data()->isEmpty());
    QCOMPARE(linear->data()->constBegin()->key, 64.0);
    QCOMPARE((linear->data()->constEnd() - 1)->key, 65536.0);
    QCOMPARE(page->markerX(), 96.0);
    // Bytes read in the table's units, on the axis too.
    page->metricBox()->setCurrentIndex(
        page->metricBox()->findData(int(widgets::CostPage::Metric::Bytes)));
    page->plot()->replot(QCustomPlot::rpImmediateRefresh);
    const QVector<QString> labels = page->plot()->yAxis->tickVectorLabels();
    QVERIFY(!labels.isEmpty());
    for (const QString& l : labels) QVERIFY2(l.endsWith("B"), qPrintable(l));  // B, KiB, MiB, GiB
    page->setRange(0, 0);
  }

  void pointsTimedTheOldWayAreForgotten() {
    // Before the sweep timed the output path, its points (which timed the display matrices
    // too) were kept under "points": they are dropped, and new ones are kept apart.
    const QString machine = "test-box";
    QSettings().setValue("machines/test-box/points",
                         QVariantList{QVariantMap{
                             {"variant", "scaled_dot"}, {"n", 64}, {"d", 64}, {"median", 1.0}}});
    QVERIFY(app::Settings::benchPoints(machine).empty());
    QVERIFY(!QSettings().contains("machines/test-box/points"));
    core::BenchPoint p;
    p.variant = "linear";
    p.n = 128;
    p.d = 64;
    p.median = 2e-3;
    app::Settings::setBenchPoints(machine, {p});
    const std::vector<core::BenchPoint> kept = app::Settings::benchPoints(machine);
    QCOMPARE(kept.size(), std::size_t(1));
    QCOMPARE(kept[0].variant, std::string("linear"));
    QCOMPARE(kept[0].median, 2e-3);
    app::Settings::setBenchPoints(machine, {});
  }

  void benchmarkRunsCancelsAndIsKept() {
    {
      MainWindow& w = m_gui.window();
      ComplexityView* view = complexity(w, ComplexityView::Measured);
      QVERIFY(view);
      widgets::MeasuredPage* page = view->measuredPage();
      QCOMPARE(view->figure(), page->plot());
      QCOMPARE(page->limitBox()->value(), 2048);
      QCOMPARE(page->repeatsBox()->value(), 5);
      QCOMPARE(page->pointCount(), 0);
      view->setChosenVariants({"scaled_dot", "local_window"});
      page->limitBox()->setValue(128);
      page->repeatsBox()->setValue(2);
      QSignalSpy requested(view, &ComplexityView::benchRequested);

      // A tiny sweep: N = 64, 128 for two variants, started as a user would.
      QTest::mouseClick(page->startButton(), Qt::LeftButton);
      QCOMPARE(requested.count(), 1);
      QVERIFY(view->benchRunning());
      QCOMPARE(page->startButton()->text(), QString("Cancel"));
      QVERIFY(waitFor([&] { return !view->benchRunning(); }));
      QCOMPARE(page->progressBar()->value(), page->progressBar()->maximum());
      QCOMPARE(page->pointCount(), 4);  // one per (variant, N)
      QCOMPARE(int(view->benchPoints().size()), 4);
      for (const core::BenchPoint& p : view->benchPoints()) {
        QVERIFY2(p.error.empty(), p.error.c_str());
        QCOMPARE(p.repeats, 2);
        QVERIFY(p.min <= p.median && p.median <= p.max);
      }
      QCOMPARE(page->startButton()->text(), QString("Start"));

      // A large sweep cancelled right after it starts stops cleanly, short of 100%.
      page->limitBox()->setValue(16384);
      page->repeatsBox()->setValue(5);
      QTest::mouseClick(page->startButton(), Qt::LeftButton);
      QVERIFY(view->benchRunning());
      QCOMPARE(page->progressBar()->value(), 0);
      QTest::mouseClick(page->startButton(), Qt::LeftButton);
      QVERIFY(waitFor([&] { return !view->benchRunning(); }));
      QVERIFY(page->progressBar()->value() < page->progressBar()->maximum());
      QVERIFY(page->startButton()->isEnabled());
      QCOMPARE(requested.count(), 2);
      QTest::qWait(100);  // nothing of the cancelled sweep arrives later
      QVERIFY(!view->benchRunning());
      QVERIFY(page->pointCount() >= 4);
    }

    // Kept per machine: a new window shows the points again.
    QVERIFY(reopenWindow());
    ComplexityView* view = complexity(m_gui.window(), ComplexityView::Measured);
    QVERIFY(int(view->benchPoints().size()) >= 4);
    QVERIFY(view->measuredPage()->pointCount() >= 4);  // both variants are chosen by default
    QVERIFY(!view->benchRunning());
  }

  void calibrationPlacesTheVariantsAndIsKept() {
    // The first use calibrates.
    ComplexityView* view = complexity(m_gui.window(), ComplexityView::Roofline);
    QVERIFY(view);
    QCOMPARE(view->figure(), view->rooflinePage()->plot());
    QVERIFY(waitFor([&] { return view->machineRoof().has_value(); }));
    const core::MachineRoof roof = *view->machineRoof();
    QVERIFY(roof.peakGflops > 0);
    QVERIFY(roof.bandwidthGBs > 0);
    QVERIFY(roof.threads > 0);
    QCOMPARE(view->rooflinePage()->placedCount(), int(view->chosenVariants().size()));
    QVERIFY(view->rooflinePage()->calibrateButton()->isEnabled());

    QVERIFY(reopenWindow());
    view = qobject_cast<ComplexityView*>(m_gui.window().view("complexity"));
    QVERIFY(view->machineRoof().has_value());
    QCOMPARE(view->machineRoof()->peakGflops, roof.peakGflops);
    QCOMPARE(view->machineRoof()->bandwidthGBs, roof.bandwidthGBs);
    QSignalSpy calibrate(view, &ComplexityView::calibrateRequested);
    complexity(m_gui.window(), ComplexityView::Roofline);
    QCOMPARE(calibrate.count(), 0);  // cached: no second measurement on first show
  }

  void arenaShowsRelativeSpeed() {
    ComplexityView* view = complexity(m_gui.window(), ComplexityView::Arena);
    QVERIFY(view);
    QCOMPARE(view->figure(), view->arenaPage()->plot());
    QCOMPARE(view->arenaPage()->bubbleCount(), 0);
    // Points as the owner would hand them: scaled dot and linear at two of the sizes.
    auto point = [](const char* id, core::Index n, double median) {
      core::BenchPoint p;
      p.variant = id;
      p.n = n;
      p.d = 64;
      p.repeats = 1;
      p.median = p.min = p.max = median;
      return p;
    };
    view->setChosenVariants({"scaled_dot", "linear"});
    view->setBenchPoints({point("scaled_dot", 1024, 0.02), point("linear", 1024, 0.01),
                          point("scaled_dot", 2048, 0.08), point("linear", 2048, 0.02),
                          point("linear", 3072, 0.03)});  // no reference at 3072: no bubble
    QCOMPARE(view->arenaPage()->bubbleCount(), 4);
    QSignalSpy requested(view, &ComplexityView::benchRequested);
    QTest::mouseClick(view->arenaPage()->measureButton(), Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    const QList<qint64> ns = requested.at(0).at(1).value<QList<qint64>>();
    QCOMPARE(ns, (QList<qint64>{1024, 2048, 3072, 4096}));
    QVERIFY(m_gui.window().view("complexity") == view);
    // The owner is measuring those sizes now: cancel rather than wait.
    QVERIFY(view->benchRunning());
    Q_EMIT view->cancelRequested();
    QVERIFY(waitFor([&] { return !view->benchRunning(); }));
  }
};

QTEST_MAIN(TestComplexityView)
#include "test_complexity_view.moc"
