// The Complexity view's "Speed and memory" page in the real window at 1024 x 768, on the
// offscreen platform: the published Long Range Arena layer against the table in the source tree,
// read here with a parser of this test's own (every timed model labelled with its name, its
// bubble at its speed and score, its area its memory; the untimed models and the source in the
// note), the model of the variant on screen outlined, a malformed table leaving the layer out
// with one line, the empty measured charts saying what to press with ticks that stay apart, and
// the figure holding both panels when exported.
#include "gui_fixture.h"

#include "widgets/arena_page.h"
#include "widgets/arena_plot.h"
#include "widgets/bench_plot.h"
#include "widgets/complexity_view.h"
#include "widgets/figure_export.h"
#include "widgets/lra_table.h"

#include <QFile>
#include <QFontMetricsF>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <qcustomplot.h>

#include <cmath>
#include <optional>

using namespace atlas;
using atlas::widgets::ArenaPage;
using atlas::widgets::ArenaPlot;
using atlas::widgets::ComplexityView;

namespace {

const QString kTablePath = QStringLiteral(ATLAS_SOURCE_DIR "/resources/data/lra_published.csv");

/// One row of the table as this test reads it.
struct Row {
  QString model, variant;
  double average = 0;
  std::optional<double> speed, memory;
};

QList<Row> readTable() {
  QFile file(kTablePath);
  if (!file.open(QIODevice::ReadOnly)) return {};
  QList<Row> rows;
  QStringList header;
  for (const QString& raw : QString::fromUtf8(file.readAll()).split('\n')) {
    const QString line = raw.trimmed();
    if (line.isEmpty() || line.startsWith('#')) continue;
    const QStringList f = line.split(',');
    if (header.isEmpty()) {
      header = f;
      continue;
    }
    auto field = [&](const char* name) { return f.value(header.indexOf(name)).trimmed(); };
    Row r;
    r.model = field("model");
    r.variant = field("variant");
    r.average = field("average").toDouble();
    if (!field("speed_4k").isEmpty()) r.speed = field("speed_4k").toDouble();
    if (!field("memory_gb_4k").isEmpty()) r.memory = field("memory_gb_4k").toDouble();
    rows << r;
  }
  return rows;
}

QList<QCPItemText*> texts(QCustomPlot* plot) {
  QList<QCPItemText*> out;
  for (int i = 0; i < plot->itemCount(); ++i)
    if (auto* t = qobject_cast<QCPItemText*>(plot->item(i))) out << t;
  return out;
}

QCPItemText* label(QCustomPlot* plot, const QString& text) {
  for (QCPItemText* t : texts(plot))
    if (t->text() == text) return t;
  return nullptr;
}

QCPGraph* graph(QCustomPlot* plot, const QString& name) {
  for (int i = 0; i < plot->graphCount(); ++i)
    if (plot->graph(i)->name() == name) return plot->graph(i);
  return nullptr;
}

/// The label's box in pixels, as it is drawn.
QRectF box(QCPItemText* t) {
  const QPointF at = t->position->pixelPosition();
  return {at, QFontMetricsF(t->font()).boundingRect(t->text()).size()};
}

QString axisText(QCPAxisRect* rect) {
  const QRect r = rect->rect(), o = rect->outerRect();
  return QString("axes %1 x %2 in %3 x %4")
      .arg(r.width())
      .arg(r.height())
      .arg(o.width())
      .arg(o.height());
}

/// Adjacent tick labels of `axis` do not run into each other.
bool ticksApart(QCPAxis* axis) {
  const QVector<double> ticks = axis->tickVector();
  const QVector<QString> labels = axis->tickVectorLabels();
  const QFontMetricsF metrics(axis->tickLabelFont());
  const bool horizontal = axis->orientation() == Qt::Horizontal;
  for (int i = 1; i < ticks.size(); ++i) {
    const double gap = std::abs(axis->coordToPixel(ticks[i]) - axis->coordToPixel(ticks[i - 1]));
    const double need =
        horizontal
            ? (metrics.horizontalAdvance(labels[i]) + metrics.horizontalAdvance(labels[i - 1])) / 2
            : metrics.height();
    if (gap < need) return false;
  }
  return true;
}

}  // namespace

class TestGuiArena : public QObject {
  Q_OBJECT

  guitest::WindowFixture m_gui;

  /// The Speed and memory page on screen, laid out.
  ArenaPage* arena() {
    auto* view = qobject_cast<ComplexityView*>(m_gui.window().view("complexity"));
    if (!view) return nullptr;
    m_gui.window().tabs()->setCurrentWidget(view);
    view->pages()->setCurrentIndex(ComplexityView::Arena);
    QTest::qWait(50);
    view->arenaPage()->plot()->replot();  // now: the layout places the labels
    return view->arenaPage();
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_gui.setUpSuite());
    QVERIFY(readTable().size() >= 10);
  }
  void init() { QVERIFY(m_gui.openWindow(QSize(1024, 768))); }
  void cleanup() { m_gui.closeWindow(); }

  void theProgramReadsTheTableInTheSourceTree() {
    QFile embedded(QString::fromLatin1(widgets::kLraTablePath)), source(kTablePath);
    QVERIFY(embedded.open(QIODevice::ReadOnly));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QCOMPARE(embedded.readAll(), source.readAll());
  }

  void everyTimedModelIsABubbleLabelledWithItsName() {
    ArenaPage* page = arena();
    QVERIFY(page);
    QCustomPlot* plot = page->plot();
    QCPAxisRect* rect = page->arenaPlot()->rect(ArenaPlot::Published);
    const QList<Row> rows = readTable();
    double largest = 0;
    int timed = 0;
    for (const Row& r : rows)
      if (r.memory) {
        largest = std::max(largest, *r.memory);
        ++timed;
      }
    QCOMPARE(page->publishedCount(), timed);
    QList<QRectF> boxes;
    for (const Row& r : rows) {
      if (!r.speed) continue;
      QCPItemText* t = label(plot, r.model);
      QVERIFY2(t, qPrintable(r.model));
      QCPGraph* g = graph(plot, r.model);
      QVERIFY2(g, qPrintable(r.model));
      QCOMPARE(g->keyAxis()->axisRect(), rect);
      QCOMPARE(g->dataCount(), 1);
      QCOMPARE(g->data()->at(0)->key, *r.speed);
      QCOMPARE(g->data()->at(0)->value, r.average);
      // Area in proportion to memory: the largest bubble is the largest memory.
      const double size = g->scatterStyle().size();
      const double expected = page->arenaPlot()->largestDiameter() * std::sqrt(*r.memory / largest);
      QVERIFY2(std::abs(size - expected) < 1e-9, qPrintable(r.model));
      // The label beside its bubble, inside the axes, on no other label.
      const QRectF b = box(t);
      const QPointF centre(g->keyAxis()->coordToPixel(*r.speed),
                           g->valueAxis()->coordToPixel(r.average));
      const double reach = size / 2 + 4 + std::max(b.width(), b.height());
      QVERIFY2(QLineF(centre, b.center()).length() <= reach, qPrintable(r.model));
      QVERIFY2(QRectF(rect->rect()).adjusted(-1, -1, 1, 1).contains(b), qPrintable(r.model));
      for (const QRectF& other : boxes)
        QVERIFY2(!other.intersects(b.adjusted(1, 1, -1, -1)), qPrintable(r.model));
      boxes << b;
    }
    // The models the paper did not time: named, with their scores, in the note; no bubble.
    const QString foot = page->arenaPlot()->foot();
    for (const Row& r : rows) {
      if (r.speed) continue;
      QVERIFY2(foot.contains(r.model), qPrintable(r.model));
      QVERIFY2(foot.contains(QString::number(r.average, 'f', 2)), qPrintable(r.model));
      QVERIFY(!graph(plot, r.model));
    }
    QVERIFY(foot.contains("Tay et al. 2020, arXiv:2011.04006, Tables 1 and 2"));
  }

  void theVariantOnScreenIsOutlined() {
    const QList<Row> rows = readTable();
    for (const char* id : {"performer", "sparse_fixed", "additive"}) {
      QVERIFY(guitest::showVariant(m_gui.window(), id, 64));
      ArenaPage* page = arena();
      QString model, untimed;
      for (const Row& r : rows)
        if (r.variant == id) {
          model = r.model;
          if (!r.speed) untimed = r.model + " " + QString::number(r.average, 'f', 2);
        }
      QCOMPARE(page->highlightedModel(), model);
      for (const Row& r : rows) {
        QCPGraph* g = graph(page->plot(), r.model);
        if (!g) continue;
        const bool outlined = g->scatterStyle().pen().widthF() > 2;
        QCOMPARE(outlined, r.model == model);
        QCOMPARE(label(page->plot(), r.model)->font().bold(), r.model == model);
      }
      // A model the paper did not time is marked in the note instead.
      if (!untimed.isEmpty()) QVERIFY(page->arenaPlot()->foot().contains(untimed + " (on screen)"));
      QCOMPARE(page->arenaPlot()->foot().count("(on screen)"), untimed.isEmpty() ? 0 : 1);
    }
  }

  void aMalformedTableLeavesTheLayerOut() {
    ArenaPage* page = arena();
    const int measured = page->bubbleCount();
    QByteArray text =
        "# no source\nmodel,variant,listops,text,retrieval,image,pathfinder,average,"
        "speed_4k,memory_gb_4k\nTransformer,scaled_dot,36.37,64.27,57.46,42.44,"
        "71.40,54.39,1.0,9.48\nBroken,,1,2,3,4,five,3,2.0,1.0\n";
    page->setPublishedTable(widgets::parseLraTable(text, "bad.csv"));
    page->plot()->replot();
    QCOMPARE(page->publishedCount(), 0);
    QCOMPARE(page->bubbleCount(), measured);
    QVERIFY(!label(page->plot(), "Transformer"));
    const QString foot = page->arenaPlot()->foot();
    QVERIFY(!foot.contains('\n'));  // one line
    QVERIFY(foot.contains("bad.csv, line 4"));
    QVERIFY(foot.contains("five"));
    // Missing columns, ragged rows, one of speed and memory: refused too, each naming the line.
    for (const char* bad :
         {"model,average\nA,1\n",
          "model,variant,listops,text,retrieval,image,pathfinder,average,"
          "speed_4k,memory_gb_4k\nA,,1,2,3,4,5,3\n",
          "model,variant,listops,text,retrieval,image,pathfinder,average,speed_4k,memory_gb_4k\n"
          "A,,1,2,3,4,5,3,2.0,\n",
          "# only comments\n"}) {
      const widgets::LraTable t = widgets::parseLraTable(bad, "bad.csv");
      QVERIFY2(t.models.empty() && t.error.startsWith("bad.csv"), bad);
    }
  }

  void emptyChartsSayWhatToPressAndKeepTheirTicksApart() {
    ArenaPage* page = arena();
    QCOMPARE(page->bubbleCount(), 0);
    QVERIFY(page->emptyMessage());
    QVERIFY(page->emptyMessage()->text().contains("Measure"));
    ArenaPlot* plot = page->arenaPlot();
    for (auto panel : {ArenaPlot::Measured, ArenaPlot::Published}) {
      QCPAxisRect* rect = plot->rect(panel);
      // Each panel's axes take the panel's whole width (an empty legend once narrowed them).
      const double panelWidth = double(plot->width()) / (plot->sideBySide() ? 2 : 1);
      QVERIFY2(rect->outerRect().width() >= 0.95 * panelWidth, qPrintable(axisText(rect)));
      QVERIFY2(rect->width() >= 200 && rect->height() >= 100, qPrintable(axisText(rect)));
      for (QCPAxis* axis : {rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft)})
        QVERIFY2(ticksApart(axis), qPrintable(axis->label()));
    }
    // The Measured page before Start, the same way.
    auto* view = qobject_cast<ComplexityView*>(m_gui.window().view("complexity"));
    view->pages()->setCurrentIndex(ComplexityView::Measured);
    QTest::qWait(50);
    QCustomPlot* measured = view->measuredPage()->plot();
    measured->replot();
    QCOMPARE(view->measuredPage()->pointCount(), 0);
    bool message = false;
    for (QCPItemText* t : texts(measured)) message |= t->text().contains("Start");
    QVERIFY(message);
    QVERIFY2(measured->axisRect()->outerRect().width() >= 0.95 * measured->width(),
             qPrintable(axisText(measured->axisRect())));
    for (QCPAxis* axis : {measured->xAxis, measured->yAxis})
      QVERIFY2(ticksApart(axis), qPrintable(axis->label()));
  }

  void anExportLeavesTheLegendAsItWas() {
    // Measured points as the owner would hand them, so that the legend has entries.
    auto* view = qobject_cast<ComplexityView*>(m_gui.window().view("complexity"));
    std::vector<core::BenchPoint> points;
    for (const char* id : {"scaled_dot", "linear"}) {
      core::BenchPoint p;
      p.variant = id;
      p.n = 1024;
      p.d = 64;
      p.repeats = 1;
      p.median = p.min = p.max = 0.01;
      points.push_back(p);
    }
    view->setChosenVariants({"scaled_dot", "linear"});
    view->setBenchPoints(points);
    ArenaPage* page = arena();
    QCOMPARE(page->bubbleCount(), 2);
    QCPLegend* legend = page->plot()->legend;
    QVERIFY(legend->itemCount() >= 2);
    const double before = legend->item(0)->font().pointSizeF();
    QTemporaryDir dir;
    widgets::FigureOptions options;
    options.fontPoints = 3 * page->plot()->font().pointSizeF();  // a slide's type
    QCOMPARE(widgets::exportFigure(page->plot(), dir.filePath("slide.png"), options), QString());
    QCOMPARE(legend->item(0)->font().pointSizeF(), before);
    QCOMPARE(legend->font().pointSizeF(), before);
  }

  void theFigureHoldsBothPanels() {
    ArenaPage* page = arena();
    ArenaPlot* plot = page->arenaPlot();
    const bool onScreen = plot->sideBySide();
    plot->arrangeFor(QSize(1600, 800));
    QVERIFY(plot->sideBySide());
    plot->arrangeFor(QSize(900, 900));
    QVERIFY(!plot->sideBySide());
    plot->arrangeFor(plot->size());
    QCOMPARE(plot->sideBySide(), onScreen);
    // A journal column (3.5 in at 8 pt) as SVG: every name and the whole source are text in it.
    QTemporaryDir dir;
    const QString path = dir.filePath("arena.svg");
    widgets::FigureOptions options;
    options.format = widgets::FigureFormat::Svg;
    options.width = 252;
    options.height = 187;
    options.fontPoints = 8;
    QCOMPARE(widgets::exportFigure(plot, path, options), QString());
    QFile svg(path);
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(svg.readAll());
    for (const Row& r : readTable())
      if (r.speed) QVERIFY2(text.contains(">" + r.model + "<"), qPrintable(r.model));
    QVERIFY(text.contains("arXiv:2011.04006"));
    QVERIFY(text.contains("Longformer"));
    // No title or note cut short (an ellipsis ending a line; "1K…4K" is not one).
    QVERIFY(!text.contains(QRegularExpression(QStringLiteral("\\x{2026}\\s*</text>"))));
    QCOMPARE(plot->sideBySide(), onScreen);
  }
};

QTEST_MAIN(TestGuiArena)
#include "test_gui_arena.moc"
