// The Teaching view in the real window, on the offscreen platform.
// FlashAttention: after every step the tile plot holds the running state of the online softmax,
// checked against the recurrence run here from Q and K in double precision (the result's own
// tiles, and the replay in 4 x 4 tiles at the defaults, causal or not); the scale stays 0..1, the
// tile just processed is outlined, tiles not processed yet are not drawn as weights, and the
// chosen row's running maximum and sum follow the slider. Linear attention and Performer: the
// shapes of both orders' products, linear bars and the crossover N against the formulas written
// out here. Paged attention: the pool's page ids are integers in their own colours and the
// block table's columns fit. Sinkhorn at the window's and the command line's default inputs
// routes a block elsewhere. At 1024 x 768 no text of the view is cut off. The command line draws
// a chosen FlashAttention step.
#include "cli_run.h"
#include "engine_run.h"
#include "gui_fixture.h"
#include "main_window.h"

#include "core/variant_registry.h"
#include "widgets/parameter_panel.h"
#include "widgets/teaching_view.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <cmath>
#include <limits>

using namespace atlas;
using atlas::app::MainWindow;
using guitest::showVariant;
using guitest::waitFor;
using guitest::waitForResult;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The online softmax of query row i over its first `tiles` key tiles of `bc` keys, run as the
/// algorithm runs it: per tile the new maximum, the sum rescaled by e^(m_old - m_new), and the
/// weights kept so far multiplied by e^(m_old - m_new) l_old / l_new. Weights of keys not seen
/// (or masked) are NaN; m and l after each tile.
struct OnlineRow {
  std::vector<double> weights, m, l;
};
OnlineRow onlineSoftmax(const core::Inputs& in, int i, int bc, int tiles, bool causal) {
  const int keys = int(in.k.rows()), d = int(in.k.cols());
  std::vector<double> s(static_cast<std::size_t>(keys));
  for (int j = 0; j < keys; ++j) {
    double dot = 0;
    for (int c = 0; c < d; ++c) dot += double(in.q(i, c)) * double(in.k(j, c));
    s[std::size_t(j)] = dot / std::sqrt(double(d));
  }
  OnlineRow row{std::vector<double>(std::size_t(keys), kNaN), {}, {}};
  double m = -std::numeric_limits<double>::infinity(), l = 0;
  for (int t = 0; t < tiles; ++t) {
    std::vector<int> seen;
    for (int j = t * bc; j < std::min(keys, (t + 1) * bc); ++j)
      if (!causal || j <= i) seen.push_back(j);
    double mNew = m;
    for (int j : seen) mNew = std::max(mNew, s[std::size_t(j)]);
    const double shrink = std::isinf(m) ? 0.0 : std::exp(m - mNew);
    double lNew = l * shrink;
    for (int j : seen) lNew += std::exp(s[std::size_t(j)] - mNew);
    for (double& w : row.weights)
      if (!std::isnan(w)) w *= shrink * l / lNew;
    for (int j : seen) row.weights[std::size_t(j)] = std::exp(s[std::size_t(j)] - mNew) / lNew;
    m = mNew;
    l = lNew;
    row.m.push_back(m);
    row.l.push_back(l);
  }
  return row;
}

/// Every value of a graph, in order.
std::vector<double> values(QCPGraph* g) {
  std::vector<double> out;
  for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
    out.push_back(it->value);
  return out;
}

/// Whether a text element of a plot has the room its text needs (as QCPTextElement measures it).
bool fits(QCPTextElement* e) {
  const QSize need =
      QFontMetrics(e->font()).boundingRect(0, 0, 0, 0, Qt::TextDontClip, e->text()).size();
  return e->rect().width() >= need.width() && e->rect().height() >= need.height();
}

/// Whether every visible label of `w` shows its whole text: word-wrapped ones as tall as their
/// text at their width, others as wide as their text.
QString clippedLabel(QWidget* w) {
  for (QLabel* l : w->findChildren<QLabel*>()) {
    if (!l->isVisible() || l->text().isEmpty()) continue;
    const bool ok = l->wordWrap() ? l->height() >= l->heightForWidth(l->width())
                                  : l->width() >= l->sizeHint().width();
    if (!ok) return l->text();
  }
  return {};
}

/// Ticks the variant's causal box (it must be unticked).
void tickCausal(MainWindow& w) {
  auto* causal = qobject_cast<QCheckBox*>(w.parameterPanel()->editor("causal"));
  QVERIFY(causal && !causal->isChecked());
  QTest::mouseClick(causal, Qt::LeftButton, Qt::NoModifier, QPoint(6, causal->height() / 2));
}

}  // namespace

class TestGuiTeaching : public QObject {
  Q_OBJECT

  guitest::WindowFixture m_gui;

  widgets::TeachingView* teaching() {
    auto* view = qobject_cast<widgets::TeachingView*>(m_gui.window().view("teaching"));
    m_gui.window().tabs()->setCurrentWidget(view);
    return view;
  }

  /// flash at N on random inputs with tile_q = tile_k = tile (0: the defaults), causal or not.
  bool showFlash(int n, int tile, bool causal) {
    MainWindow& w = m_gui.window();
    if (!showVariant(w, "flash", n)) return false;
    if (tile > 0) {
      w.parameterPanel()->spinBox("tile_q")->setValue(tile);
      w.parameterPanel()->spinBox("tile_k")->setValue(tile);
    }
    if (causal) tickCausal(w);
    return waitForResult(w, "flash", [&](const core::VariantResult& r) {
      return r.dims.n == n && r.params.flag("causal") == causal &&
             (tile == 0 ||
              (r.params.integer("tile_q") == tile && r.params.integer("tile_k") == tile));
    });
  }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_gui.setUpSuite()); }
  void init() { QVERIFY(m_gui.openWindow(QSize(1400, 900))); }
  void cleanup() { m_gui.closeWindow(); }

  void flashShowsTheRunningState_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("tile");  // 0: flash's defaults, 32 x 32
    QTest::addColumn<bool>("causal");
    QTest::addColumn<int>("viewTile");  // the tiles the view steps through
    QTest::addColumn<int>("steps");
    // At the default 16 tokens the 32 x 32 tiles are one step: replayed in 4 x 4 tiles.
    QTest::newRow("defaults N=16, replayed 4x4") << 16 << 0 << false << 4 << 16;
    QTest::newRow("defaults N=10, replayed 3x3") << 10 << 0 << false << 3 << 16;
    QTest::newRow("defaults causal N=16, replayed") << 16 << 0 << true << 4 << 10;
    QTest::newRow("own tiles 8x8 N=24") << 24 << 8 << false << 8 << 9;
    QTest::newRow("own tiles 4x4 causal N=14") << 14 << 4 << true << 4 << 10;
  }

  void flashShowsTheRunningState() {
    QFETCH(int, n);
    QFETCH(int, tile);
    QFETCH(bool, causal);
    QFETCH(int, viewTile);
    QFETCH(int, steps);
    QVERIFY(showFlash(n, tile, causal));
    widgets::TeachingView* view = teaching();
    const core::Inputs& in = *m_gui.window().shown().inputs;
    QVERIFY(view->tiles());
    QCOMPARE(view->replayed(), tile == 0);
    QCOMPARE(int(view->tiles()->rows), viewTile);
    QCOMPARE(int(view->tiles()->cols), viewTile);
    QCOMPARE(view->stepCount(), steps);
    QVERIFY2(view->captionLabel()->text().contains(QString("%1 × %1 tiles").arg(viewTile)) ==
                 (tile == 0),
             qPrintable(view->captionLabel()->text()));

    bool rescaled = false;  // some weight shown at one step changes at the next
    std::vector<double> before;
    for (int t = 0; t < steps; ++t) {
      view->stepSlider()->setValue(t);
      QCOMPARE(view->step(), t);
      QVERIFY(view->stepLabel()->text().startsWith(QString("Step %1 of %2").arg(t + 1).arg(steps)));
      const core::FlashStep& s = *view->flashStep();
      QCPColorMapData* cells = view->tilePlot()->panelMap(0)->data();
      std::vector<double> shown;
      for (int i = 0; i < n; ++i) {
        const int qt = i / viewTile;
        const int keyTiles = (n + viewTile - 1) / viewTile;
        const OnlineRow want = qt < s.queryTile ? onlineSoftmax(in, i, viewTile, keyTiles, causal)
                               : qt == s.queryTile
                                   ? onlineSoftmax(in, i, viewTile, int(s.keyTile) + 1, causal)
                                   : OnlineRow{std::vector<double>(std::size_t(n), kNaN), {}, {}};
        for (int j = 0; j < n; ++j) {
          const double got = cells->cell(j, i), expected = want.weights[std::size_t(j)];
          shown.push_back(got);
          const QString where = QString("step %1, query %2, key %3: %4, expected %5")
                                    .arg(t + 1)
                                    .arg(i)
                                    .arg(j)
                                    .arg(got)
                                    .arg(expected);
          if (std::isnan(expected))  // not processed yet, or masked: never drawn as a weight
            QVERIFY2(std::isnan(got), qPrintable(where));
          else
            QVERIFY2(std::abs(got - expected) <= 1e-5, qPrintable(where));
        }
      }
      for (std::size_t c = 0; c < before.size(); ++c)
        rescaled = rescaled || (!std::isnan(before[c]) && std::abs(before[c] - shown[c]) > 1e-3);
      before = shown;

      // One scale at every step; the tile just processed outlined.
      QCOMPARE(view->tilePlot()->colorScale()->dataRange(), QCPRange(0, 1));
      QVERIFY(view->tilePlot()->showsUncomputed() || t == steps - 1);
      QCPItemRect* outline = view->currentTileRect();
      QVERIFY(outline);
      const int q0 = int(s.queryTile) * viewTile, k0 = int(s.keyTile) * viewTile;
      QCOMPARE(outline->topLeft->coords(), QPointF(k0 - 0.5, q0 - 0.5));
      QCOMPARE(outline->bottomRight->coords(),
               QPointF(std::min(n, k0 + viewTile) - 0.5, std::min(n, q0 + viewTile) - 0.5));

      // The chosen row is in the step's query tile; its m and l up to this key tile.
      const int row = view->rowBox()->value();
      QCOMPARE(row / viewTile, int(s.queryTile));
      const OnlineRow want = onlineSoftmax(in, row, viewTile, int(s.keyTile) + 1, causal);
      const std::vector<double> m = values(view->curvePlot()->graph(0)),
                                l = values(view->curvePlot()->graph(1));
      QCOMPARE(m.size(), want.m.size());
      QCOMPARE(l.size(), want.l.size());
      for (std::size_t k = 0; k < m.size(); ++k) {
        QVERIFY2(
            std::abs(m[k] - want.m[k]) <= 1e-5 * (1 + std::abs(want.m[k])),
            qPrintable(
                QString("row %1 tile %2: m %3 vs %4").arg(row).arg(k).arg(m[k]).arg(want.m[k])));
        QVERIFY2(
            std::abs(l[k] - want.l[k]) <= 1e-5 * want.l[k],
            qPrintable(
                QString("row %1 tile %2: l %3 vs %4").arg(row).arg(k).arg(l[k]).arg(want.l[k])));
      }
    }
    QVERIFY2(rescaled, "no weight was ever rescaled");
  }

  void flashDefaultsOfTheWindowShowSeveralSteps() {
    // The window's own inputs (a sentence of 12 tokens) and flash's own tiles.
    MainWindow& w = m_gui.window();
    w.variantBrowser()->selectVariant("flash");
    QVERIFY(waitForResult(w, "flash"));
    widgets::TeachingView* view = teaching();
    QVERIFY(view->stepCount() > 1);
    QVERIFY(view->replayed());
    QVERIFY2(view->stepLabel()->text().startsWith(QString("Step 1 of %1").arg(view->stepCount())),
             qPrintable(view->stepLabel()->text()));
    // Play goes through the steps on its own and stops at the last.
    QTest::mouseClick(view->playButton(), Qt::LeftButton);
    QVERIFY(view->playButton()->isChecked());
    QVERIFY(waitFor([&] { return view->step() >= 2; }));
    view->stepSlider()->setValue(view->stepCount() - 2);
    QVERIFY(waitFor([&] { return !view->playButton()->isChecked(); }));
    QCOMPARE(view->step(), view->stepCount() - 1);
    // A step stays when the inputs change (here the seed).
    view->setStep(3);
    w.parameterPanel()->spinBox("seed")->setValue(7);
    QVERIFY(
        waitForResult(w, "flash", [](const core::VariantResult& r) { return r.params.seed == 7; }));
    QVERIFY(waitFor([&] { return view->step() == 3; }));
  }

  void theCommandLineDrawsAFlashStep() {
    QTemporaryDir dir;
    const QString out = dir.filePath("flash.png");
    const QStringList base{"export",  "--variant", "flash",    "--view", "teaching",
                           "--width", "640",       "--height", "480"};
    clirun::Run r = clirun::run(base + QStringList{"--step", "6", "--out", out});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(QImage(out).size(), QSize(640, 480));
    r = clirun::run(base + QStringList{"--step", "17", "--out", out});  // 16 steps at N = 16
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("from 1 to 16"), qPrintable(r.err));
    r = clirun::run(
        {"export", "--variant", "linear", "--view", "teaching", "--step", "2", "--out", out});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--view teaching of FlashAttention"), qPrintable(r.err));
  }

  void ordersShowShapesAndWhereTheyCross_data() {
    QTest::addColumn<QString>("variant");
    QTest::addColumn<int>("n");
    QTest::addColumn<bool>("causal");
    QTest::newRow("linear N=16") << "linear" << 16 << false;
    QTest::newRow("performer N=16") << "performer" << 16 << false;
    QTest::newRow("performer N=200") << "performer" << 200 << false;
    QTest::newRow("linear causal N=40") << "linear" << 40 << true;
  }

  void ordersShowShapesAndWhereTheyCross() {
    QFETCH(QString, variant);
    QFETCH(int, n);
    QFETCH(bool, causal);
    MainWindow& w = m_gui.window();
    QVERIFY(showVariant(w, variant, n));
    if (causal) {
      tickCausal(w);
      QVERIFY(waitForResult(w, variant,
                            [](const core::VariantResult& r) { return r.params.flag("causal"); }));
    }
    widgets::TeachingView* view = teaching();
    const core::VariantResult& r = *w.shown().result;
    const int d = 16, dv = 16;
    const int f = variant == "performer" ? r.params.integer("features") : d;
    QCOMPARE(int(r.trace.orders->features), f);
    // The products' shapes, each in symbols and in numbers: the state is f x dv.
    QString texts;
    for (int c = 0; c < 2; ++c)
      texts += static_cast<QCPTextElement*>(
                   static_cast<QCPLayoutGrid*>(view->orderPlot()->plotLayout()->element(1, 0))
                       ->element(0, c))
                   ->text();
    const QString sym = variant == "performer" ? "m" : "d";
    const QString at = "\n      = ";  // each product in symbols, then at this size
    for (const QString& shape :
         {QString("(%1 × M)(M × dᵥ) → %1 × dᵥ%5(%2 × %3)(%3 × %4) → %2 × %4")
              .arg(sym)
              .arg(f)
              .arg(n)
              .arg(dv)
              .arg(at),
          QString("(N × %1)(%1 × dᵥ) → N × dᵥ%5(%2 × %3)(%3 × %4) → %2 × %4")
              .arg(sym)
              .arg(n)
              .arg(f)
              .arg(dv)
              .arg(at),
          QString("(N × %1)(%1 × M) → N × M%4(%2 × %3)(%3 × %2) → %2 × %2")
              .arg(sym)
              .arg(n)
              .arg(f)
              .arg(at),
          QString("(N × M)(M × dᵥ) → N × dᵥ%3(%1 × %1)(%1 × %2) → %1 × %2").arg(n).arg(dv).arg(at)})
      QVERIFY2(texts.contains(shape), qPrintable(shape + " not in:\n" + texts));

    // The crossover against the two counts written out (self-attention, M = N).
    const auto counts = [&](double len) {
      if (!causal) {
        const double cheap = len * (2.0 * f * dv + f) + len * (2.0 * f * dv + 2.0 * f + dv);
        return std::pair{cheap, len * len * (2.0 * f + 2 + 2.0 * dv)};
      }
      // Causal: chunks of ceil(N / 64) up to 32; the state folds N keys and those of every chunk
      // but the last once more; the pairs are the triangle.
      const double chunks = std::clamp(std::ceil(len / 64), 1.0, 32.0);
      const double keys = len + std::min(len, (chunks - 1) * std::ceil(len / chunks));
      const double cheap = keys * (2.0 * f * dv + f) + len * (2.0 * f * dv + 2.0 * f + dv);
      return std::pair{cheap, len * (len + 1) / 2 * (2.0 * f + 2 + 2.0 * dv)};
    };
    int crossing = 1;
    while (counts(crossing).first >= counts(crossing).second) ++crossing;
    QCOMPARE(int(view->crossover()), crossing);
    QCOMPARE(double(r.trace.orders->flops(0, 0)), double(float(counts(n).first)));
    const bool cheaperNow = n >= crossing;
    QVERIFY2(view->captionLabel()->text().contains(QString("N = %1").arg(crossing)),
             qPrintable(view->captionLabel()->text()));
    QCOMPARE(view->captionLabel()->text().contains("not cheaper yet"), !cheaperNow);
    // Bars on a linear scale from 0, so their heights compare as the counts do.
    auto* bars = qobject_cast<QCPBars*>(view->orderPlot()->plottable(0));
    QVERIFY(bars);
    QCOMPARE(bars->valueAxis()->scaleType(), QCPAxis::stLinear);
    QCOMPARE(bars->valueAxis()->range().lower, 0.0);
  }

  void pagedPoolIsCategoricalAndTheTableFits() {
    MainWindow& w = m_gui.window();
    QVERIFY(showVariant(w, "paged", 16));
    widgets::TeachingView* view = teaching();
    const core::Trace::Pages& pages = *w.shown().result->trace.pages;
    QCOMPARE(pages.blockTable.rows(), core::Index(4));  // 16 keys, pages of 4
    // Integer page ids, one colour each, no continuous colour scale.
    QCustomPlot* pool = view->poolPlot();
    auto* map = qobject_cast<QCPColorMap*>(pool->plottable(0));
    QVERIFY(map);
    for (int s = 0; s < 4; ++s) {
      QCOMPARE(map->data()->cell(s, 2), double(s));
      QCOMPARE(map->data()->cell(s, 0), double(pages.poolOrder(s, 0)));
    }
    for (int e = 0; e < pool->plotLayout()->elementCount(); ++e)
      QVERIFY(!qobject_cast<QCPColorScale*>(pool->plotLayout()->elementAt(e)));
    QSet<QRgb> colours;
    for (int s = 0; s < 4; ++s) colours.insert(map->gradient().color(s, map->dataRange()));
    QCOMPARE(colours.size(), 4);
    // Each logical page's arrow ends at its physical page.
    int arrows = 0;
    for (int i = 0; i < pool->itemCount(); ++i)
      if (auto* line = qobject_cast<QCPItemLine*>(pool->item(i))) {
        const int logical = int(std::lround(line->start->coords().x()));
        QCOMPARE(line->end->coords().x(), double(pages.blockTable(logical, 0)));
        ++arrows;
      }
    QCOMPARE(arrows, 4);
    // Every column as wide as its header and cells, in both languages, and all in view.
    for (const char* lang : {"en", "zh_CN"}) {
      QVERIFY(m_gui.language().setLanguage(lang));
      QTableWidget* table = view->blockTable();
      QVERIFY(waitFor([&] { return table->isVisible(); }));
      QHeaderView* header = table->horizontalHeader();
      int columns = 0;
      for (int c = 0; c < 3; ++c) {
        const QString title = table->horizontalHeaderItem(c)->text();
        QVERIFY2(table->columnWidth(c) >= header->fontMetrics().horizontalAdvance(title),
                 qPrintable(QString("%1: %2").arg(lang, title)));
        columns += table->columnWidth(c);
      }
      QVERIFY2(table->viewport()->width() >= columns,
               qPrintable(
                   QString("%1: %2 < %3").arg(lang).arg(table->viewport()->width()).arg(columns)));
      QCOMPARE(table->horizontalScrollBar()->maximum(), 0);
    }
  }

  void sinkhornRoutesABlockElsewhereAtTheDefaults() {
    // The window's default inputs (a sentence, Q and K of the same tokens), sinkhorn's defaults.
    MainWindow& w = m_gui.window();
    w.variantBrowser()->selectVariant("sinkhorn");
    QVERIFY(waitForResult(w, "sinkhorn"));
    const auto elsewhere = [](const core::VariantResult& r) {
      int count = 0;
      for (core::Index a = 0; a < r.trace.routing->routing.rows(); ++a)
        count += r.trace.routing->routing(a, 0) != float(a);
      return count;
    };
    QVERIFY(elsewhere(*w.shown().result) > 0);
    // The command line's defaults (random, N = 16) and the Chinese window's sentence, which is
    // 16 characters; and with other_block off, a sentence routes every block to itself.
    const core::Variant& v = core::requireVariant("sinkhorn");
    for (const QString& source :
         {QString("random"), QString("sentence:这只动物没有过马路，因为它太累了"),
          QString("sentence:The animal did not cross the street because it was too tired")}) {
      const core::JobOutcome out = testrun::run(v, testrun::params(v, "", 0), {source});
      QVERIFY2(out.ok(), out.message().c_str());
      QVERIFY2(elsewhere(*out.result) > 0, qPrintable(source));
    }
    const core::JobOutcome free =
        testrun::run(v, testrun::params(v, "other_block=0", 0),
                     {"sentence:The animal did not cross the street because it was too tired"});
    QVERIFY(free.ok());
    QCOMPARE(elsewhere(*free.result), 0);
  }

  void nothingIsCutOffAt1024x768_data() {
    QTest::addColumn<QString>("variant");
    QTest::addColumn<QString>("lang");
    for (const char* lang : {"en", "zh_CN"})
      for (const char* v : {"flash", "linear", "performer", "paged"})
        QTest::newRow(qPrintable(QString("%1 %2").arg(v, lang))) << QString(v) << QString(lang);
  }

  void nothingIsCutOffAt1024x768() {
    QFETCH(QString, variant);
    QFETCH(QString, lang);
    MainWindow& w = m_gui.window();
    w.resize(1024, 768);
    QVERIFY(m_gui.language().setLanguage(lang));
    QVERIFY(showVariant(w, variant, 16));
    widgets::TeachingView* view = teaching();
    if (variant == "flash") view->stepSlider()->setValue(5);  // the row state's longest text
    QTest::qWait(100);                                        // the layout settles
    QVERIFY(view->height() > 300);
    // The page asks for no more room than the window has: the window stays 1024 wide.
    QCOMPARE(w.width(), 1024);
    QVERIFY2(view->minimumSizeHint().width() <= view->width(),
             qPrintable(QString("the view needs %1 px, has %2")
                            .arg(view->minimumSizeHint().width())
                            .arg(view->width())));
    const QString clipped = clippedLabel(view);
    QVERIFY2(clipped.isEmpty(), qPrintable(clipped));
    QVERIFY(view->figure());
    // Every plot on the page: its titles and labels have their room, its axis rects inside it.
    for (QCustomPlot* plot : view->findChildren<QCustomPlot*>()) {
      if (!plot->isVisible()) continue;
      plot->replot();
      const QSize need = static_cast<QCPLayoutElement*>(plot->plotLayout())->minimumOuterSizeHint();
      QVERIFY2(need.width() <= plot->width() && need.height() <= plot->height(),
               qPrintable(QString("a plot needs %1 x %2, has %3 x %4")
                              .arg(need.width())
                              .arg(need.height())
                              .arg(plot->width())
                              .arg(plot->height())));
      for (QCPLayoutElement* e : plot->plotLayout()->elements(true))
        if (auto* text = qobject_cast<QCPTextElement*>(e); text && !text->text().isEmpty())
          QVERIFY2(fits(text), qPrintable(text->text()));
      for (QCPAxisRect* rect : plot->axisRects())
        QVERIFY2(plot->rect().contains(rect->outerRect()), "an axis rect outside its plot");
    }
  }
};

QTEST_MAIN(TestGuiTeaching)
#include "test_gui_teaching.moc"
