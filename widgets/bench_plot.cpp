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
  // 2. Per variant and per device that measured it (this machine first, solid discs; a remote
  // device dashed, triangles): the medians joined in N order, the spread min..max as bars.
  std::vector<std::string> devices = {std::string()};
  for (const core::BenchPoint& p : m_state.points)
    if (std::find(devices.begin(), devices.end(), p.computedOn.device) == devices.end())
      devices.push_back(p.computedOn.device);
  for (int i = 0; i < m_state.ids.size(); ++i)
    for (const std::string& device : devices) {
      const std::string id = m_state.ids[i].toStdString();
      std::vector<const core::BenchPoint*> pts;
      for (const core::BenchPoint& p : m_state.points) {
        if (p.variant != id || p.d != d || p.computedOn.device != device) continue;
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
      const bool remote = !device.empty();
      auto* g = m_plot->addGraph();
      g->setData(keys, values, true);
      g->setPen(QPen(seriesColor(i), 1.5, remote ? Qt::DashLine : Qt::SolidLine));
      g->setScatterStyle(
          QCPScatterStyle(remote ? QCPScatterStyle::ssTriangle : QCPScatterStyle::ssDisc, 6));
      g->setName(remote ? tr("%1 on %2").arg(variantLabel(id), QString::fromStdString(device))
                        : variantLabel(id));
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
  m_title->setText(devices.size() > 1
                       ? tr("Measured on this machine and on a remote device (d = %1)").arg(d)
                       : tr("Measured on this machine (d = %1)").arg(d));
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

}  // namespace atlas::widgets
