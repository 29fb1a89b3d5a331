#include "arena_page.h"

#include "arena_plot.h"
#include "core_text.h"

#include "core/variant_registry.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace atlas::widgets {

using complexity::padLogRange;
using complexity::seriesColor;

namespace {

/// A dashed grey reference line through (x0, y0) and (x1, y1) of `rect`'s axes, inside it.
void addReferenceLine(QCustomPlot* plot, QCPAxisRect* rect, QPointF a, QPointF b) {
  auto* line = new QCPItemStraightLine(plot);
  line->setClipAxisRect(rect);
  for (auto [p, at] : {std::pair{line->point1, a}, {line->point2, b}}) {
    p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    p->setCoords(at);
  }
  line->setPen(QPen(QColor(110, 110, 110), 1, Qt::DashLine));
}

}  // namespace

std::vector<core::Index> ArenaPage::sizes() { return {1024, 2048, 3072, 4096}; }

ArenaPage::ArenaPage(const complexity::State& state, QWidget* parent)
    : QWidget(parent), m_state(state), m_table(readLraTable(QString::fromLatin1(kLraTablePath))) {
  m_measure = new QPushButton(this);
  m_note = new QLabel(this);
  m_note->setWordWrap(true);
  connect(m_measure, &QPushButton::clicked, this, &ArenaPage::measureClicked);
  m_plot = new ArenaPlot(this);
  // 1. Measured: log-log, memory against relative speed. Published: log speed, linear score.
  complexity::setLogAxis(m_plot->xAxis);
  complexity::setLogAxis(m_plot->yAxis);
  m_plot->xAxis->setNumberFormat("gb");
  m_plot->yAxis->setNumberFormat("gb");
  QCPAxis* speed = m_plot->rect(ArenaPlot::Published)->axis(QCPAxis::atBottom);
  complexity::setLogAxis(speed, 2);
  speed->setNumberFormat("g");  // 0.5, 1, 2, 4, 8
  speed->setNumberPrecision(3);
  QSharedPointer<QCPAxisTickerFixed> scores(new QCPAxisTickerFixed);
  scores->setTickStep(5);  // 45, 50, 55
  scores->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
  m_plot->rect(ArenaPlot::Published)->axis(QCPAxis::atLeft)->setTicker(scores);
  auto* bar = new QHBoxLayout;
  bar->addWidget(m_measure);
  bar->addWidget(m_note, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(bar);
  layout->addWidget(m_plot, 1);
}

QCustomPlot* ArenaPage::plot() const { return m_plot; }

void ArenaPage::setRunning(bool running) { m_measure->setEnabled(!running); }

void ArenaPage::setPublishedTable(LraTable table) {
  m_table = std::move(table);
  redraw();
}

void ArenaPage::redraw() {
  m_plot->forgetItems();
  m_plot->clearPlottables();
  m_plot->clearItems();
  m_empty = nullptr;
  drawMeasured();
  drawPublished();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ArenaPage::drawMeasured() {
  m_bubbles = 0;
  const core::Index d = m_state.benchD;
  // Per variant and N: a bubble at (peak + resident memory, speed relative to scaled dot at the
  // same N), its area growing with N; a thin line joins one variant's bubbles.
  for (int i = 0; i < m_state.ids.size(); ++i) {
    const core::Variant* v = core::findVariant(m_state.ids[i].toStdString());
    if (!v) continue;
    const core::ParamSet params = core::defaultParams(v->params());
    QVector<double> cx, cy;
    for (core::Index n : sizes()) {
      const core::BenchPoint* p = complexity::findPoint(m_state.points, v->id(), n, d);
      const core::BenchPoint* ref = complexity::findPoint(m_state.points, "scaled_dot", n, d);
      const auto cost = complexity::costAt(*v, complexity::benchDims(n, d), params);
      if (!p || !ref || !cost) continue;
      const double x = (cost->peak + cost->resident) / complexity::kMiB,
                   y = ref->median / p->median;
      QColor fill = seriesColor(i);
      fill.setAlpha(150);
      auto* g = m_plot->addGraph();
      g->setLineStyle(QCPGraph::lsNone);
      g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, seriesColor(i).darker(130),
                                         fill, 6.0 + 4.0 * double(n) / 1024.0));
      g->addData(x, y);
      g->setName(variantLabel(v->id()));
      if (!cx.isEmpty()) g->removeFromLegend();
      cx << x;
      cy << y;
      ++m_bubbles;
    }
    if (cx.size() > 1) {
      auto* c = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
      c->setData(cx, cy);
      c->setPen(QPen(seriesColor(i), 1));
      c->removeFromLegend();
    }
  }
  QCPAxisRect* rect = m_plot->rect(ArenaPlot::Measured);
  if (m_bubbles) {
    m_plot->rescaleAxes();  // the published axes are set after this
    // Scaled dot-product attention sits at 1 by definition: keep the line in view.
    const QCPRange y = m_plot->yAxis->range();
    m_plot->yAxis->setRange(std::min(y.lower, 1.0), std::max(y.upper, 1.0));
    padLogRange(m_plot->xAxis, 1.8, 1, 1000);
    padLogRange(m_plot->yAxis, 1.8, 0.1, 10);
  } else {
    m_plot->xAxis->setRange(1, 1000);
    m_plot->yAxis->setRange(0.1, 10);
    const QString message = tr("Nothing measured at N = 1K…4K, d = %1 yet: press Measure").arg(d);
    m_empty = complexity::addCentredMessage(m_plot, rect, message);
    m_plot->setMessage(m_empty, message);  // in lines of the panel's width
  }
  addReferenceLine(m_plot, rect, {1, 1}, {10, 1});
  m_plot->setLabel(m_plot->xAxis, tr("memory (MiB, cost model: peak + result)"));
  m_plot->setLabel(m_plot->yAxis, tr("speed (scaled dot-product attention = 1)"));
  m_plot->setTitle(ArenaPlot::Measured,
                   tr("Measured on this computer: speed vs. memory (d = %1)").arg(d));
}

void ArenaPage::drawPublished() {
  m_published = 0;
  m_highlighted.clear();
  QCPAxisRect* rect = m_plot->rect(ArenaPlot::Published);
  QCPAxis* x = rect->axis(QCPAxis::atBottom);
  QCPAxis* y = rect->axis(QCPAxis::atLeft);
  m_plot->setLabel(x, tr("speed relative to the Transformer (4K tokens)"));
  m_plot->setLabel(y, tr("LRA average score (%)"));
  m_plot->setTitle(ArenaPlot::Published, tr("Published: score vs. speed of trained models"));
  if (!m_table.error.isEmpty()) {  // no layer: one line says why
    x->setRange(0.5, 8);
    y->setRange(40, 60);
    m_plot->setFoot(tr("The published results could not be read: %1").arg(m_table.error));
    return;
  }
  const QLocale locale;
  const std::string shown = m_state.result ? m_state.result->variant : std::string();
  const LraModel* reference = nullptr;  // the model the speeds are relative to (speed 1)
  double largest = 0;
  for (const LraModel& m : m_table.models) {
    if (m.speed == 1.0 && !reference) reference = &m;
    if (m.memoryGb) largest = std::max(largest, *m.memoryGb);
  }
  QStringList untimed, foot;
  const LraModel* mine = nullptr;
  double xLo = std::numeric_limits<double>::infinity(), xHi = 0, yLo = 100, yHi = 0;
  for (const LraModel& m : m_table.models) {
    const bool onScreen = !m.variant.isEmpty() && m.variant.toStdString() == shown;
    if (onScreen) mine = &m;
    if (!m.speed || !m.memoryGb) {
      const QString entry =
          QStringLiteral("%1 %2").arg(m.model, locale.toString(m.average, 'f', 2));
      untimed << (onScreen ? tr("%1 (on screen)").arg(entry) : entry);
      continue;
    }
    // Coloured as the variant's measured bubbles when it is chosen, else grey.
    const int chosen = int(m_state.ids.indexOf(m.variant));
    const QColor line = chosen >= 0 ? seriesColor(chosen) : QColor(130, 130, 130);
    QColor fill = line;
    fill.setAlpha(onScreen ? 170 : 100);
    auto* g = m_plot->addGraph(x, y);
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle,
                                       onScreen ? QPen(Qt::black, 2.5) : QPen(line.darker(140), 1),
                                       fill, 1));
    g->addData(*m.speed, m.average);
    g->setName(m.model);
    g->removeFromLegend();
    auto* label = new QCPItemText(m_plot);
    label->setLayer(QLatin1String("axes"));  // above every bubble
    label->setText(m.model);                 // as the paper prints it
    QFont font = m_plot->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    font.setBold(onScreen);
    label->setFont(font);
    label->setColor(QColor(30, 30, 30));
    m_plot->addBubble(g, label, *m.speed, m.average, *m.memoryGb / largest);
    xLo = std::min(xLo, *m.speed);
    xHi = std::max(xHi, *m.speed);
    yLo = std::min(yLo, m.average);
    yHi = std::max(yHi, m.average);
    ++m_published;
  }
  if (m_published) {
    x->setRange(xLo / 2, xHi * 1.6);  // room for labels left of the slowest
    y->setRange(std::floor(yLo - 1.5), std::ceil(yHi + 1.5));
  } else {
    x->setRange(0.5, 8);
    y->setRange(40, 60);
  }
  if (reference) {  // the Transformer's speed and score: no model is right of it and above
    addReferenceLine(m_plot, rect, {1, 0}, {1, 1});
    addReferenceLine(m_plot, rect, {1, reference->average}, {2, reference->average});
    if (reference->memoryGb)
      foot << tr("Bubble area: peak memory relative to the Transformer (%1 GB).")
                  .arg(locale.toString(*reference->memoryGb, 'f', 2));
  }
  if (!untimed.isEmpty()) foot << tr("Not timed in the paper: %1.").arg(untimed.join(", "));
  if (mine) m_highlighted = mine->model;
  // The sentences run on; the source has a line of its own.
  m_plot->setFoot(foot.join(QLatin1Char(' ')) + QLatin1Char('\n') +
                  tr("Tay et al. 2020, arXiv:2011.04006, Tables 1 and 2 (TPU v3, batch 32, "
                     "byte-level text at 4K)"));
}

void ArenaPage::retranslate() {
  m_measure->setText(tr("&Measure N = 1K…4K"));
  m_measure->setToolTip(
      tr("Time the chosen variants and scaled dot-product attention at N = 1024, 2048, 3072 and "
         "4096"));
  m_note->setText(
      tr("Measured: each variant's attention alone, timed on this computer; no task score, since "
         "the app trains nothing. Published: whole models trained on the Long Range Arena; those "
         "several times faster than the Transformer score lower."));
  redraw();
}

}  // namespace atlas::widgets
