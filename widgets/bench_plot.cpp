#include "bench_plot.h"
#include "plot_widget.h"

#include "core_text.h"

#include "core/variant_registry.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace atlas::widgets {

using complexity::padLogRange;
using complexity::seriesColor;

// ---------------------------------------------------------------------------------------------
// Measured

MeasuredPage::MeasuredPage(const complexity::State& state, QWidget* parent)
    : QWidget(parent), m_state(state) {
  m_start = new QPushButton(this);
  m_progress = new QProgressBar(this);
  m_progress->setRange(0, 100);
  m_progress->setValue(0);
  m_limit = new QSpinBox(this);
  m_limit->setRange(64, 16384);
  m_limit->setValue(2048);
  m_repeats = new QSpinBox(this);
  m_repeats->setRange(1, 50);
  m_repeats->setValue(5);
  m_width = new QSpinBox(this);
  m_width->setRange(1, 1024);
  m_width->setValue(int(state.benchD));
  m_limitLabel = new QLabel(this);
  m_repeatsLabel = new QLabel(this);
  m_widthLabel = new QLabel(this);
  m_limitLabel->setBuddy(m_limit);
  m_repeatsLabel->setBuddy(m_repeats);
  m_widthLabel->setBuddy(m_width);
  m_summary = new QLabel(this);
  connect(m_start, &QPushButton::clicked, this, [this] {
    if (m_running)
      Q_EMIT cancelClicked();
    else
      Q_EMIT startClicked();
  });
  connect(m_width, &QSpinBox::valueChanged, this, &MeasuredPage::widthChanged);

  // 1. One log-log axis rect: N (powers of two) against seconds, a title row, a legend.
  m_plot = new PlotWidget(this);
  m_title = complexity::setupPlot(m_plot);
  complexity::setLogAxis(m_plot->xAxis, 2);
  complexity::setLogAxis(m_plot->yAxis);

  auto* bar = new QHBoxLayout;
  bar->addWidget(m_start);
  bar->addWidget(m_progress, 1);
  for (auto [label, box] :
       {std::pair{m_limitLabel, m_limit}, {m_repeatsLabel, m_repeats}, {m_widthLabel, m_width}}) {
    bar->addWidget(label);
    bar->addWidget(box);
  }
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(bar);
  layout->addWidget(m_plot, 1);
  layout->addWidget(m_summary);
  setRunning(false);
}

int MeasuredPage::pointCount() const {
  int n = 0;
  for (int i = 0; i < m_plot->graphCount(); ++i) n += m_plot->graph(i)->dataCount();
  return n;
}

void MeasuredPage::setRunning(bool running) {
  if (running && !m_running) m_progress->setValue(0);  // a new sweep (not a retranslate)
  m_running = running;
  m_start->setText(running ? tr("Cancel") : tr("Start"));
  m_start->setToolTip(running ? tr("Stop the benchmark after the current run")
                              : tr("Time the chosen variants at N = 64, 128, … up to the limit"));
  for (QSpinBox* box : {m_limit, m_repeats, m_width}) box->setEnabled(!running);
}

void MeasuredPage::setProgress(double fraction) {
  m_progress->setValue(int(std::lround(std::clamp(fraction, 0.0, 1.0) * 100)));
}

void MeasuredPage::redraw() {
  m_plot->clearPlottables();
  m_plot->clearItems();
  const core::Index d = m_state.benchD;
  QStringList failed;
  // 2. Per variant: the medians joined in N order, the spread min..max as error bars.
  for (int i = 0; i < m_state.ids.size(); ++i) {
    const std::string id = m_state.ids[i].toStdString();
    std::vector<const core::BenchPoint*> pts;
    for (const core::BenchPoint& p : m_state.points) {
      if (p.variant != id || p.d != d) continue;
      if (!p.error.empty())
        failed << tr("%1, N = %2: %3")
                      .arg(variantLabel(id))
                      .arg(p.n)
                      .arg(QString::fromStdString(p.error));
      else if (p.median > 0)
        pts.push_back(&p);
    }
    if (pts.empty()) continue;
    std::sort(pts.begin(), pts.end(), [](auto* a, auto* b) { return a->n < b->n; });
    QVector<double> keys, values, minus, plus;
    for (const core::BenchPoint* p : pts) {
      keys << double(p->n);
      values << p->median;
      minus << p->median - p->min;
      plus << p->max - p->median;
    }
    auto* g = m_plot->addGraph();
    g->setData(keys, values, true);
    g->setPen(QPen(seriesColor(i), 1.5));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    g->setName(variantLabel(id));
    auto* bars = new QCPErrorBars(m_plot->xAxis, m_plot->yAxis);
    bars->removeFromLegend();
    bars->setDataPlottable(g);
    bars->setData(minus, plus);
    bars->setPen(QPen(seriesColor(i), 1));
    bars->setWhiskerWidth(6);
  }
  const int count = pointCount();
  m_plot->rescaleAxes();
  padLogRange(m_plot->xAxis, 1.5, 32, 4096);
  padLogRange(m_plot->yAxis, 2.5, 1e-5, 1);
  if (count == 0) {  // the sizes Start measures and times from 10 µs to 1 s, and what to do
    m_plot->xAxis->setRange(48, double(m_limit->value()) * 1.5);
    m_plot->yAxis->setRange(1e-5, 1);
    complexity::addCentredMessage(m_plot, m_plot->axisRect(),
                                  tr("Nothing measured at d = %1 yet: press Start").arg(d));
  }
  m_plot->xAxis->setLabel(tr("N (queries = keys)"));
  m_plot->yAxis->setLabel(tr("time of one computation (s): median, bars from fastest to slowest"));
  m_title->setText(tr("Measured on this machine (d = %1)").arg(d));
  m_summary->setText(
      failed.isEmpty() ? tr("%n point(s) shown.", nullptr, count)
                       : tr("%n point(s) shown; %1 could not run (hover for why).", nullptr, count)
                             .arg(failed.size()));
  m_summary->setToolTip(failed.join('\n'));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void MeasuredPage::retranslate() {
  m_limitLabel->setText(tr("N up &to"));
  m_repeatsLabel->setText(tr("&Repeats"));
  m_widthLabel->setText(tr("&d"));
  m_limit->setToolTip(tr("The largest N measured; N doubles from 64"));
  m_repeats->setToolTip(tr("Runs per point; the median is shown"));
  m_width->setToolTip(tr("Width of queries, keys and values"));
  m_progress->setFormat(tr("%p%"));
  setRunning(m_running);
  redraw();
}

// ---------------------------------------------------------------------------------------------
// Long Range Arena

std::vector<core::Index> ArenaPage::sizes() { return {1024, 2048, 3072, 4096}; }

ArenaPage::ArenaPage(const complexity::State& state, QWidget* parent)
    : QWidget(parent), m_state(state) {
  m_measure = new QPushButton(this);
  m_note = new QLabel(this);
  m_note->setWordWrap(true);
  connect(m_measure, &QPushButton::clicked, this, &ArenaPage::measureClicked);
  // 1. Log-log: memory against relative speed, a title row, a legend.
  m_plot = new PlotWidget(this);
  m_title = complexity::setupPlot(m_plot);
  complexity::setLogAxis(m_plot->xAxis);
  complexity::setLogAxis(m_plot->yAxis);
  m_plot->xAxis->setNumberFormat("gb");
  m_plot->yAxis->setNumberFormat("gb");
  auto* bar = new QHBoxLayout;
  bar->addWidget(m_measure);
  bar->addWidget(m_note, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(bar);
  layout->addWidget(m_plot, 1);
}

void ArenaPage::setRunning(bool running) { m_measure->setEnabled(!running); }

void ArenaPage::redraw() {
  m_plot->clearPlottables();
  m_plot->clearItems();
  m_bubbles = 0;
  const core::Index d = m_state.benchD;
  // 2. Per variant and N: a bubble at (peak + resident memory, speed relative to scaled dot at
  // the same N), its area growing with N; a thin line joins one variant's bubbles.
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
      g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, seriesColor(i).darker(130), fill,
                                         6.0 + 4.0 * double(n) / 1024.0));
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
  m_plot->rescaleAxes();
  if (m_bubbles) {
    // Scaled dot-product attention sits at 1 by definition: keep the line in view.
    const QCPRange y = m_plot->yAxis->range();
    m_plot->yAxis->setRange(std::min(y.lower, 1.0), std::max(y.upper, 1.0));
    padLogRange(m_plot->xAxis, 1.8, 0.1, 1000);
    padLogRange(m_plot->yAxis, 1.8, 0.1, 10);
  } else {
    m_plot->xAxis->setRange(0.1, 1000);
    m_plot->yAxis->setRange(0.1, 10);
  }
  auto* one = new QCPItemStraightLine(m_plot);
  one->point1->setCoords(1, 1);
  one->point2->setCoords(10, 1);
  one->setPen(QPen(QColor(110, 110, 110), 1, Qt::DashLine));
  m_plot->xAxis->setLabel(tr("memory: peak of the algorithm + result held (MiB, cost model)"));
  m_plot->yAxis->setLabel(tr("speed relative to scaled dot-product attention (measured)"));
  m_title->setText(m_bubbles
                       ? tr("Speed against memory at N = 1K, 2K, 3K, 4K (d = %1)").arg(d)
                       : tr("Nothing measured at N = 1K…4K, d = %1 yet: press Measure").arg(d));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ArenaPage::retranslate() {
  m_measure->setText(tr("&Measure N = 1K…4K"));
  m_measure->setToolTip(
      tr("Time the chosen variants and scaled dot-product attention at N = 1024, 2048, 3072 and "
         "4096"));
  m_note->setText(
      tr("As in the Long Range Arena benchmark: each bubble is one variant at one N, its "
         "area growing with N; above 1 is faster than scaled dot-product attention."));
  redraw();
}

}  // namespace atlas::widgets
