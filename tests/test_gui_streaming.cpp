// Large N in the window: with a tiny display budget (a setting) a small N streams, the heatmap
// shows the pooled blocks on token axes and says so, views that need every weight show a
// message, and a long computation shows its progress and can be cancelled.
#include "compute_controller.h"
#include "gui_fixture.h"
#include "language.h"
#include "main_window.h"
#include "settings.h"

#include "core/engine.h"
#include "core/pool_geometry.h"
#include "core/variant_registry.h"
#include "widgets/heatmap_view.h"
#include "widgets/low_rank_view.h"
#include "widgets/parameter_panel.h"
#include "widgets/sparsity_view.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QProgressBar>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>

#include <algorithm>
#include <cmath>
#include <functional>

using namespace atlas;
using atlas::app::MainWindow;
using guitest::kTimeout;
using guitest::menuAction;
using guitest::setSpin;
using guitest::waitFor;

class TestGuiStreaming : public QObject {
  Q_OBJECT

  guitest::WindowFixture m_gui;

  const core::VariantResult* shown() const { return guitest::result(m_gui.window()); }

  /// Random inputs at N = n; waits for a result of that size.
  bool showRandom(int n) {
    MainWindow& w = m_gui.window();
    QComboBox* source = w.parameterPanel()->sourceBox();
    QTest::keyClick(source, Qt::Key_Home);  // "random"
    setSpin(w.parameterPanel()->spinBox("n"), n);
    return waitFor([&] { return shown() && shown()->dims.n == n && !w.controller()->busy(); });
  }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_gui.setUpSuite()); }

  void init() {
    // A display budget of 100 kB: N = 300 of scaled_dot needs 450 kB.
    QVERIFY(m_gui.openWindow({}, [] { app::Settings::setDisplayBudget(100e3); }));
    QVERIFY(waitFor([&] { return shown() != nullptr; }));
  }

  void cleanup() { m_gui.closeWindow(); }

  void aSmallNStreamsUnderATinyBudget() {
    MainWindow& w = m_gui.window();
    QVERIFY(!shown()->pooled());  // the sentence: a dozen tokens, under the budget
    QVERIFY(w.infoMessage().isEmpty());
    QVERIFY(showRandom(300));
    QVERIFY(shown()->pooled());
    QCOMPARE(shown()->weights(0).rows(), core::Index(300));  // 300 < 1024 cells: one token each
    QVERIFY2(w.infoMessage().contains("larger than the display budget"),
             qPrintable(w.infoMessage()));
    QVERIFY(w.infoMessage().contains("maximum over a block of 1 x 1 weights (streamed)"));

    // N = 2500: 1024 x 1024 cells of 2 or 3 tokens, on axes that count tokens.
    QVERIFY(showRandom(2500));
    const core::VariantResult& r = *shown();
    QVERIFY(r.pooled());
    QCOMPARE(r.weightRows(), core::Index(1024));
    QCOMPARE(r.weights(0).cols(), core::Index(1024));
    QVERIFY2(w.infoMessage().contains(
                 "2500 x 2500 is larger than the display budget: showing each "
                 "cell as the maximum over a block of up to 3 x 3 weights (streamed)."),
             qPrintable(w.infoMessage()));
    widgets::HeatmapView* heatmap = guitest::heatmap(w);
    widgets::MatrixPlot* plot = heatmap->plot();
    QCOMPARE(plot->panelCount(), 1);
    QCPColorMap* map = plot->panelMap(0);
    QCOMPARE(map->data()->keySize(), 1024);
    QCOMPARE(map->data()->valueSize(), 1024);
    for (auto [i, j] : {std::pair{0, 0}, {1023, 1023}, {500, 77}})
      QCOMPARE(map->data()->cell(j, i), double(r.weights(0)(i, j)));
    QCOMPARE(map->keyAxis()->range().upper, 2499.5);
    QCOMPARE(map->valueAxis()->range().upper, 2499.5);
    QVERIFY(std::abs(map->data()->keyRange().lower - (0.5 * 2500 / 1024 - 0.5)) < 1e-9);

    // The pooled cells are the block maxima of the full matrix (a few rows checked here).
    core::EngineRequest full;
    full.spec = w.parameterPanel()->inputSpec();
    core::ParamSet p = core::defaultParams(core::requireVariant("scaled_dot").params());
    p.seed = full.spec.seed;
    full.jobs.push_back({&core::requireVariant("scaled_dot"), p});
    core::Engine engine;
    const core::JobOutcome f = engine.run(full).front();
    QVERIFY(f.ok() && !f.result->pooled());
    for (core::Index a : {core::Index(0), core::Index(611), core::Index(1023)})
      for (core::Index b = 0; b < 1024; b += 97) {
        const core::Index r0 = a * 2500 / 1024, r1 = (a + 1) * 2500 / 1024;
        const core::Index c0 = b * 2500 / 1024, c1 = (b + 1) * 2500 / 1024;
        const float expected = f.result->weights(0).block(r0, c0, r1 - r0, c1 - c0).maxCoeff();
        QVERIFY(std::abs(r.weights(0)(a, b) - expected) <= 4e-6f * expected);
      }

    // The tooltip names the block under the mouse.
    plot->replot(QCustomPlot::rpImmediateRefresh);
    const QPointF at(map->keyAxis()->coordToPixel(1000), map->valueAxis()->coordToPixel(2000));
    const QString tip = plot->tooltipAt(at);
    QVERIFY2(
        tip.startsWith(QString::fromUtf8("Queries 1999–2000\nKeys 1000–1002\nMaximum weight ")),
        qPrintable(tip));

    // A view that needs every weight says so instead of drawing.
    auto* sparsity = qobject_cast<widgets::SparsityView*>(w.view("sparsity"));
    w.tabs()->setCurrentWidget(sparsity);
    QCOMPARE(static_cast<widgets::MatrixPlot*>(sparsity->figure())->panelCount(), 0);
    w.tabs()->setCurrentWidget(heatmap);

    // Mean pooling from the View menu.
    QAction* mean = menuAction(w.menuBar()->actions(), "Streamed heatmaps: &mean of each block");
    QVERIFY(mean);
    mean->trigger();
    QVERIFY(waitFor([&] { return shown() && !shown()->pooledMax(); }));
    QVERIFY(w.infoMessage().contains("the mean over a block"));

    // Under a large budget the same N is computed in full, and the bar goes.
    app::Settings::setDisplayBudget(double(1 << 30));
    w.recompute();
    QVERIFY(waitFor([&] { return shown() && !shown()->pooled(); }));
    QCOMPARE(shown()->weights(0).rows(), core::Index(2500));
    QVERIFY(w.infoMessage().isEmpty());
    // More weights than the heatmap's 2048 display cells: block maxima read from the shared
    // weights (no copy of N x M), axes and tooltip in exact matrix indices.
    const core::Matrix& full2500 = shown()->weights(0);
    QCPColorMap* fullMap = plot->panelMap(0);
    QCOMPARE(fullMap->data()->keySize(), 2048);
    QCOMPARE(fullMap->data()->valueSize(), 2048);
    QCOMPARE(fullMap->keyAxis()->range().upper, 2499.5);
    QCOMPARE(fullMap->data()->cell(0, 0), double(full2500(0, 0)));  // a block of one entry
    QCOMPARE(fullMap->data()->cell(2047, 2047),
             double(full2500.bottomRightCorner(2, 2).maxCoeff()));
    // Every cell: the largest entry of its block, the blocks written out here from the
    // documented partition [floor(a N / C), floor((a + 1) N / C)).
    for (int a = 0; a < 2048; ++a)
      for (int b = 0; b < 2048; ++b) {
        float largest = 0;
        for (int i = a * 2500 / 2048; i < (a + 1) * 2500 / 2048; ++i)
          for (int j = b * 2500 / 2048; j < (b + 1) * 2500 / 2048; ++j)
            largest = std::max(largest, full2500(i, j));
        if (fullMap->data()->cell(b, a) != double(largest))
          QFAIL(qPrintable(QString("cell (%1, %2): %3, not the block maximum %4")
                               .arg(a)
                               .arg(b)
                               .arg(fullMap->data()->cell(b, a))
                               .arg(largest)));
      }
    plot->replot(QCustomPlot::rpImmediateRefresh);
    const QString exact = plot->tooltipAt(
        QPointF(fullMap->keyAxis()->coordToPixel(100), fullMap->valueAxis()->coordToPixel(200)));
    QVERIFY2(
        exact.startsWith(
            QString("Query 200\nKey 100\nWeight %1").arg(double(full2500(200, 100)), 0, 'g', 4)),
        qPrintable(exact));
  }

  void aSparseVariantAtLongLengthIsDrawnFromItsPairs() {
    // N = 20,000 of a window: 400 M pairs dense (2 GB), a few hundred thousand computed. The
    // result keeps those pairs only; the heatmap pools them into its display cells; the low-rank
    // tab, which needs the whole matrix, says why not in one sentence.
    MainWindow& w = m_gui.window();
    QVERIFY(guitest::showVariant(w, "local_window", 20000));
    const core::VariantResult& r = *shown();
    QVERIFY(r.sparse() && !r.pooled());
    QCOMPARE(r.pairs(0), r.scoreEvaluations);
    widgets::HeatmapView* heatmap = guitest::heatmap(w);
    w.tabs()->setCurrentWidget(heatmap);
    QVERIFY(waitFor([&] { return heatmap->plot()->panelCount() == 1; }));
    QCPColorMapData* cells = heatmap->plot()->panelMap(0)->data();
    QVERIFY(cells->keySize() <= 2048 && cells->valueSize() <= 2048);
    const int c = cells->keySize();
    // The cell on the diagonal holds the largest weight of its block's pairs, computed here from
    // the pairs themselves; a cell far from the band has none.
    const core::Index r0 = core::poolStart(c / 2, 20000, c),
                      r1 = core::poolStart(c / 2 + 1, 20000, c);
    float largest = 0;
    for (core::Index i = r0; i < r1; ++i)
      for (core::Index j = r0; j < r1; ++j) largest = std::max(largest, r.weight(0, i, j));
    QVERIFY(largest > 0);
    QCOMPARE(cells->cell(c / 2, c / 2), double(largest));
    QVERIFY(std::isnan(cells->cell(c - 1, 0)));  // drawn as not computed
    // Every cell: the largest of the pairs in its block (not computed where none), from the
    // pairs.
    const int rowsDrawn = cells->valueSize();
    // The cell of each token from the documented partition [floor(a N / C), floor((a + 1) N / C)).
    const auto cellOf = [](int cellCount) {
      std::vector<int> of(20000);
      for (int a = 0; a < cellCount; ++a)
        for (int i = a * 20000 / cellCount; i < (a + 1) * 20000 / cellCount; ++i) of[i] = a;
      return of;
    };
    const std::vector<int> rowCell = cellOf(rowsDrawn), colCell = cellOf(c);
    std::vector<float> expected(std::size_t(rowsDrawn) * std::size_t(c), -1.0f);  // -1: none
    r.sparseHead(0).forEach([&](core::Index i, core::Index j, std::size_t pair) {
      float& e = expected[std::size_t(rowCell[i]) * std::size_t(c) + std::size_t(colCell[j])];
      e = std::max(e, r.sparseHead(0).values[pair]);
    });
    for (int a = 0; a < rowsDrawn; ++a)
      for (int b = 0; b < c; ++b)
        if (const float e = expected[std::size_t(a) * std::size_t(c) + std::size_t(b)];
            e < 0 ? !std::isnan(cells->cell(b, a)) : cells->cell(b, a) != double(e))
          QFAIL(qPrintable(QString("cell (%1, %2) is not its block's largest pair").arg(a).arg(b)));
    auto* sparsity = qobject_cast<widgets::SparsityView*>(w.view("sparsity"));
    w.tabs()->setCurrentWidget(sparsity);
    QVERIFY(waitFor([&] { return sparsity->plot()->panelCount() == 1; }));
    QVERIFY2(sparsity->summaryLabel()->text().contains(QLocale().toString(qulonglong(r.pairs(0)))),
             qPrintable(sparsity->summaryLabel()->text()));
    auto* lowRank = qobject_cast<widgets::LowRankView*>(w.view("lowrank"));
    w.tabs()->setCurrentWidget(lowRank);
    QVERIFY(waitFor([&] { return lowRank->titleText().contains("too long"); }));
    QVERIFY2(lowRank->titleText().contains("20000 x 20000"), qPrintable(lowRank->titleText()));
    QVERIFY(!lowRank->kSlider()->isEnabled());
    // Switching the language says it again in Chinese and redraws the view's texts at once
    // (not at the next mouse move).
    int replots = 0;
    connect(lowRank->figure(), &QCustomPlot::afterReplot, this, [&] { ++replots; });
    QVERIFY(m_gui.language().setLanguage("zh_CN"));
    QVERIFY(waitFor([&] { return lowRank->titleText().contains(QStringLiteral("低秩分析")); }));
    QVERIFY2(lowRank->titleText().contains(QStringLiteral("20000 × 20000")),
             qPrintable(lowRank->titleText()));
    QVERIFY(replots > 0);
  }

  void aLongComputationShowsProgressAndCancels() {
    MainWindow& w = m_gui.window();
    QVERIFY(showRandom(300));
    QVERIFY(w.progressBar()->isHidden());
    QVERIFY(w.cancelButton()->isHidden());
    // N = 65536 streams for seconds: the progress bar and Cancel appear.
    setSpin(w.parameterPanel()->spinBox("n"), 65536);
    QCOMPARE(w.parameterPanel()->spinBox("n")->value(), 65536);
    QVERIFY(waitFor([&] { return w.progressBar()->isVisible() && w.cancelButton()->isVisible(); }));
    QVERIFY(w.progressBar()->value() < 1000);
    QTest::mouseClick(w.cancelButton(), Qt::LeftButton);
    QVERIFY(waitFor([&] { return !w.controller()->busy(); }));
    QVERIFY(w.progressBar()->isHidden());
    QVERIFY(w.cancelButton()->isHidden());
    QCOMPARE(shown()->dims.n, core::Index(300));  // the previous result stays
    QVERIFY(w.errorMessage().isEmpty());
  }
};

QTEST_MAIN(TestGuiStreaming)
#include "test_gui_streaming.moc"
