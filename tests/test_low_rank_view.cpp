// The Low rank view (widgets/low_rank_view.h) on the offscreen platform, handed real analyses as
// the window's controller makes them: three labelled error curves and the c/sqrt(k) guide, one
// colour bar per matrix with the diverging map for signed ones, one tick format per log axis, a
// legend entry for the tint of the redundant column groups, rank labels inside their part, a
// note on what a trained Linformer achieves, a single-column figure of the two curve parts that
// leaves the view as it was, and a k slider a hand can move at 1024 x 768 in both languages.
#include "gui_fixture.h"
#include "low_rank_controller.h"
#include "low_rank_fixtures.h"
#include "main_window.h"

#include "widgets/color_maps.h"
#include "widgets/figure_export.h"
#include "widgets/figure_size.h"
#include "widgets/legend_items.h"
#include "widgets/low_rank_view.h"

#include <QRegularExpression>
#include <QSlider>
#include <QTabWidget>
#include <QTest>

#include <cmath>
#include <memory>

using namespace atlas;
using widgets::LowRankView;
using Curve = widgets::LowRankView::ErrorCurve;

namespace {

/// A view of `size` showing the analysis of `variant` on `source` inputs, as the export command
/// makes it (the window's controller's analysis, at once).
struct Shown {
  std::unique_ptr<LowRankView> view = std::make_unique<LowRankView>();
  core::JobOutcome out;
  core::analysis::LowRankAnalysis analysis;
};
std::unique_ptr<Shown> show(const QString& variant, int n, const QString& source,
                            QSize size = {1200, 800}, const QStringList& set = {}) {
  auto s = std::make_unique<Shown>();
  s->out = lowrank::runVariant(variant, set, n, 16, 3, source);
  s->analysis = core::analysis::analyzeLowRank(*s->out.result, *s->out.inputs, {});
  s->view->resize(size);
  s->view->show();
  app::LowRankController::analyseNow(s->view.get(), {s->out.result, s->out.inputs}, 8);
  QCoreApplication::processEvents();
  s->view->plot()->replot();
  return s;
}

/// The names of the legend's entries, in order.
QStringList legendNames(const QCPLegend* legend) {
  QStringList names;
  for (int i = 0; i < legend->elementCount(); ++i) {
    QCPLayoutElement* e = legend->elementAt(i);
    if (auto* p = qobject_cast<QCPPlottableLegendItem*>(e))
      names << p->plottable()->name();
    else if (const auto* s = dynamic_cast<const widgets::SwatchItem*>(e))
      names << s->name();
  }
  return names;
}

bool inside(const QRect& outer, const QPointF& p) {
  return p.x() >= outer.left() - 1 && p.x() <= outer.right() + 1 && p.y() >= outer.top() - 1 &&
         p.y() <= outer.bottom() + 1;
}

}  // namespace

class TestLowRankView : public QObject {
  Q_OBJECT

  guitest::WindowFixture m_gui;

 private Q_SLOTS:
  void initTestCase() { QVERIFY(m_gui.setUpSuite()); }

  void drawsThreeLabelledCurves() {
    const auto s = show("linformer", 96, "clustered");
    const auto& a = s->analysis;
    const std::pair<Curve, const std::vector<double>*> curves[] = {
        {Curve::RandomProjection, &a.randomProjectionError},
        {Curve::Best, &a.bestError},
        {Curve::Untrained, &a.linformerError}};
    const QStringList names = legendNames(s->view->legend());
    for (const auto& [which, values] : curves) {
      QCPGraph* g = s->view->errorCurve(which);
      QVERIFY(g && !g->name().isEmpty());
      QVERIFY2(names.contains(g->name()), qPrintable(g->name()));
      QCOMPARE(g->keyAxis()->axisRect(), s->view->errorRect());
      QCOMPARE(g->data()->size(), int(a.ks.size()));
      for (int i = 0; i < g->data()->size(); ++i) {
        const QCPGraphData& d = *(g->data()->at(i));
        const double want = (*values)[std::size_t(i)];
        QCOMPARE(d.key, double(a.ks[std::size_t(i)]));
        // A log axis cannot draw 0 (the best rank-k at full rank): a gap there.
        if (want > 0)
          QVERIFY2(std::abs(d.value - want) <= 1e-12 * want, qPrintable(g->name()));
        else
          QVERIFY(std::isnan(d.value));
      }
    }
    QCOMPARE(s->view->errorCurve(Curve::Untrained)->name(),
             QString("untrained Linformer (random E, F)"));
    // The guide is c / sqrt(k): value * sqrt(k) is the analysis's c at every k, dashed.
    QCPGraph* guide = s->view->errorCurve(Curve::Guide);
    QVERIFY(names.contains(guide->name()));
    QCOMPARE(guide->pen().style(), Qt::DashLine);
    for (int i = 0; i < guide->data()->size(); ++i) {
      const QCPGraphData& d = *(guide->data()->at(i));
      QVERIFY(std::abs(d.value * std::sqrt(d.key) - a.randomProjectionScale) <
              1e-9 * a.randomProjectionScale);
    }
    // Both axes logarithmic, and every drawn point inside the value range.
    for (QCPAxis* axis : s->view->errorRect()->axes(QCPAxis::atBottom | QCPAxis::atLeft))
      QCOMPARE(axis->scaleType(), QCPAxis::stLogarithmic);
    const QCPRange range = s->view->errorRect()->axis(QCPAxis::atLeft)->range();
    for (const auto& [which, values] : curves)
      for (double v : *values)
        if (v > range.lower) QVERIFY(v < range.upper);
    // The note says what a trained model does, visibly.
    QVERIFY(s->view->noteText().contains("trained"));
  }

  void colourBarsAndSignedMaps() {
    // Linformer's own P is its P'F: signed, as P'F is; P' is a softmax, never signed.
    const auto s = show("linformer", 48, "clustered");
    const std::vector<QCPColorMap*> maps = s->view->maps();
    QCOMPARE(int(maps.size()), 4);
    QCPColorGradient diverging = widgets::divergingGradient();
    for (QCPColorMap* map : maps) {
      QCPColorScale* bar = map->colorScale();
      QCPColorGradient gradient = bar->gradient();
      QVERIFY(bar && bar->visible() && bar->layout());
      QVERIFY(bar->rect().height() > 0 && bar->rect().width() > 0);
      // The bar sits right of its map, as tall as the map's part.
      QVERIFY(bar->rect().left() >= map->keyAxis()->axisRect()->rect().right());
      QCOMPARE(bar->rect().top(), map->keyAxis()->axisRect()->rect().top());
      double lo = INFINITY, hi = -INFINITY;
      for (int x = 0; x < map->data()->keySize(); ++x)
        for (int y = 0; y < map->data()->valueSize(); ++y) {
          lo = std::min(lo, map->data()->cell(x, y));
          hi = std::max(hi, map->data()->cell(x, y));
        }
      const QCPRange r = bar->dataRange();
      QVERIFY(r.lower <= lo + 1e-12 && r.upper >= hi - 1e-12);
      const bool isSigned = lo < 0 && hi > 0;
      if (map == maps[2]) QVERIFY(!isSigned);
      if (map == maps[3] || map == maps[0]) QVERIFY(isSigned);
      if (isSigned) {
        QCOMPARE(r.lower, -r.upper);  // 0 in the middle: white
        QCOMPARE(gradient.color(0, r), diverging.color(0, r));
        QCOMPARE(gradient.color(r.upper, r), diverging.color(r.upper, r));
      } else {
        QVERIFY(gradient.color(hi, r) != diverging.color(hi, r));
      }
    }
  }

  void logAxesHaveOneFormat() {
    const auto s = show("scaled_dot", 96, "clustered");
    // Powers of ten on both value axes ("1e-06" drawn as 10 to the -6), never 1, 0.01, 1E-06.
    for (QCPAxisRect* rect : {s->view->spectrumRect(), s->view->errorRect()}) {
      QCPAxis* axis = rect->axis(QCPAxis::atLeft);
      QVERIFY(qSharedPointerDynamicCast<QCPAxisTickerLog>(axis->ticker()));
      QCOMPARE(axis->numberFormat(), QString("eb"));
      const QVector<QString> labels = axis->tickVectorLabels();
      QVERIFY(labels.size() >= 2);
      for (const QString& label : labels)  // powers of ten, or 1-2-5 over a short range
        QVERIFY2(QRegularExpression("^[125]e[+-]\\d+$").match(label).hasMatch(), qPrintable(label));
    }
    // k: a log ticker with whole numbers: 1, 10, 100 here; 1, 2, 5, 10, 20 over k up to 16,
    // where QCPAxisTickerLog would fall back to steps of 2.5 or 5.
    for (int n : {96, 16}) {
      const auto v = n == 96 ? nullptr : show("scaled_dot", n, "clustered");
      QCPAxis* kAxis = (v ? v->view : s->view)->errorRect()->axis(QCPAxis::atBottom);
      QVERIFY(qSharedPointerDynamicCast<QCPAxisTickerLog>(kAxis->ticker()));
      const QStringList want =
          n == 96 ? QStringList{"1", "10", "100"} : QStringList{"1", "2", "5", "10", "20"};
      const QVector<QString> labels = kAxis->tickVectorLabels();  // a copy
      QCOMPARE(QStringList(labels.begin(), labels.end()), want);
    }
  }

  void tintHasALegendEntry() {
    // Clustered keys repeat: P has groups of redundant columns, tinted, and a legend says so.
    const auto withGroups = show("scaled_dot", 96, "clustered");
    QVERIFY(!withGroups->analysis.redundantGroups.empty());
    QCOMPARE(legendNames(withGroups->view->legend()).size(), 4);  // the curves
    const QStringList tint = legendNames(withGroups->view->tintLegend());
    QCOMPARE(tint.size(), 1);
    QVERIFY2(tint[0].contains("0.95") && tint[0].contains("redundant"), qPrintable(tint[0]));
    QVERIFY(withGroups->view->tintLegend()->rect().height() > 0);
    // Random keys at a small N: no group, no tint, no entry for it, and no room kept.
    const auto without = show("scaled_dot", 12, "random");
    QVERIFY(without->analysis.redundantGroups.empty());
    QVERIFY(legendNames(without->view->tintLegend()).isEmpty());
    QCOMPARE(without->view->tintLegend()->outerRect().height(), 0);
  }

  void columnFigureShowsTheCurves() {
    const auto s = show("scaled_dot", 96, "clustered");
    LowRankView& view = *s->view;
    QCPLegend* legend = view.legend();
    const double legendPoints = legend->font().pointSizeF();
    auto shown = [&] {
      int parts = 0;
      for (QCPColorMap* map : view.maps()) parts += map->keyAxis()->axisRect()->realVisibility();
      return parts + view.spectrumRect()->realVisibility() + view.errorRect()->realVisibility();
    };
    QCOMPARE(shown(), 6);
    // A journal's single column: the spectrum and the errors side by side, each about half the
    // width and not squeezed flat by the legend and the note below; the four matrices would be a
    // centimetre wide.
    const widgets::FigurePreset* column = widgets::findFigurePreset("column");
    QVERIFY(column);
    widgets::FigureOptions o;
    o.width = int(column->widthInches * 96);
    o.height = int(column->heightInches * 96);
    o.fontPoints = column->fontPoints;
    const QImage image = widgets::renderFigure(view.plot(), o, QSize(o.width, o.height));
    QVERIFY(!image.isNull());
    QCOMPARE(shown(), 2);
    QVERIFY(view.spectrumRect()->realVisibility() && view.errorRect()->realVisibility());
    for (QCPAxisRect* rect : {view.spectrumRect(), view.errorRect()})
      QVERIFY2(rect->rect().width() > o.width / 4 && rect->rect().height() > o.height / 10,
               qPrintable(QString("%1 x %2").arg(rect->rect().width()).arg(rect->rect().height())));
    // Back on screen: the six parts again, and the legend's type as it was (a figure scales it
    // and scales it back once, not twice).
    QVERIFY(guitest::waitFor([&] { return shown() == 6; }, 2000));
    QCOMPARE(legend->font().pointSizeF(), legendPoints);
    for (int i = 0; i < legend->itemCount(); ++i)
      QCOMPARE(legend->item(i)->font().pointSizeF(), legendPoints);
  }

  void rankLabelsStayInside_data() {
    QTest::addColumn<QString>("variant");
    QTest::addColumn<QStringList>("set");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QSize>("size");  // of the view; empty: a single-column figure
    // The 99% rank at 46 of 96, at 4 (both labels at one line), and at 96 (P = I: the edge).
    const std::tuple<const char*, QStringList, const char*> cases[] = {
        {"scaled_dot", {}, "random"},
        {"scaled_dot", {}, "clustered"},
        {"block_local", {"block=1"}, "random"}};
    for (const auto& [variant, set, source] : cases) {
      const QString name = QString("%1 %2 %3").arg(variant, set.join(' '), source);
      QTest::addRow("%s, column figure", qPrintable(name)) << variant << set << source << QSize();
      QTest::addRow("%s, small window", qPrintable(name))
          << variant << set << source << QSize(700, 500);
      QTest::addRow("%s, window", qPrintable(name)) << variant << set << source << QSize(1000, 700);
    }
  }
  void rankLabelsStayInside() {
    QFETCH(QString, variant);
    QFETCH(QStringList, set);
    QFETCH(QString, source);
    QFETCH(QSize, size);
    const auto s = show(variant, 96, source, size.isValid() ? size : QSize(1000, 700), set);
    QCustomPlot* plot = s->view->plot();
    if (!size.isValid()) {
      // Laid out as the figure, as it stays until the next replot on screen.
      const widgets::FigurePreset* column = widgets::findFigurePreset("column");
      widgets::FigureOptions o;
      o.width = int(column->widthInches * 96);
      o.height = int(column->heightInches * 96);
      o.fontPoints = column->fontPoints;
      QVERIFY(!widgets::renderFigure(plot, o, QSize(o.width, o.height)).isNull());
    }
    const QRect part = s->view->spectrumRect()->rect();
    QCPItemText* labels[2] = {nullptr, nullptr};
    for (int i = 0; i < plot->itemCount(); ++i)
      if (auto* t = qobject_cast<QCPItemText*>(plot->item(i)))
        if (t->text() == "90%" || t->text() == "99%") labels[t->text() == "99%"] = t;
    QVERIFY(labels[0] && labels[1]);
    for (QCPItemText* t : labels) {
      QVERIFY2(inside(part, t->topLeft->pixelPosition()) &&
                   inside(part, t->bottomRight->pixelPosition()),
               qPrintable(t->text()));
    }
    QVERIFY(labels[1]->top->pixelPosition().y() >= labels[0]->bottom->pixelPosition().y() - 0.5);
  }

  void sliderIsRealInBothLanguages() {
    app::MainWindow* w = m_gui.openWindow(QSize(1024, 768));
    QVERIFY(w);
    QVERIFY(guitest::showVariant(*w, "linformer", 96));
    auto* view = qobject_cast<LowRankView*>(w->view("lowrank"));
    QVERIFY(view);
    w->tabs()->setCurrentWidget(view);
    QVERIFY(guitest::waitFor([&] { return view->pPrimeColumns() > 0; }));
    for (const QString lang : {"en", "zh_CN", "en"}) {
      QVERIFY(m_gui.language().setLanguage(lang));
      QCoreApplication::processEvents();
      QSlider* slider = view->kSlider();
      // A slider wide enough to move k by a hand, not a stub beside a long summary.
      QVERIFY2(slider->isVisible() && slider->width() >= 150,
               qPrintable(QString("%1: %2 px").arg(lang).arg(slider->width())));
      QVERIFY(slider->geometry().right() <= view->width());
    }
    m_gui.closeWindow();
  }
};

QTEST_MAIN(TestLowRankView)
#include "test_low_rank_view.moc"
