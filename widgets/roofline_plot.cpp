#include "roofline_plot.h"
#include "plot_widget.h"

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

namespace atlas::widgets {

using complexity::seriesColor;

RooflinePage::RooflinePage(const complexity::State& state, QWidget* parent)
    : QWidget(parent), m_state(state) {
  m_calibrate = new QPushButton(this);
  m_machine = new QLabel(this);
  m_machine->setWordWrap(true);
  m_machine->setTextInteractionFlags(Qt::TextSelectableByMouse);
  connect(m_calibrate, &QPushButton::clicked, this, &RooflinePage::calibrateClicked);
  // 1. Log-log: intensity against throughput, a title row, a legend.
  m_plot = new PlotWidget(this);
  m_title = complexity::setupPlot(m_plot, 2);
  complexity::setLogAxis(m_plot->xAxis);
  complexity::setLogAxis(m_plot->yAxis);
  m_plot->xAxis->setNumberFormat("gb");
  m_plot->yAxis->setNumberFormat("gb");
  auto* bar = new QHBoxLayout;
  bar->addWidget(m_calibrate);
  bar->addWidget(m_machine, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(bar);
  layout->addWidget(m_plot, 1);
}

void RooflinePage::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  Q_EMIT shown();
}

void RooflinePage::setCalibrating(bool calibrating) {
  m_calibrating = calibrating;
  m_calibrate->setEnabled(!calibrating);
  updateMachineLabel();
  redraw();
}

void RooflinePage::updateMachineLabel() {
  const QLocale locale;
  if (m_calibrating) {
    m_machine->setText(
        tr("Measuring this machine's peak throughput and memory bandwidth (about a second)…"));
  } else if (const auto& roof = m_state.roof) {
    m_machine->setText(
        tr("This machine: peak %1 GFLOP/s (float, %n thread(s)), memory bandwidth %2 GB/s. %3",
           nullptr, roof->threads)
            .arg(locale.toString(roof->peakGflops, 'f', 1),
                 locale.toString(roof->bandwidthGBs, 'f', 1), QString::fromStdString(roof->cpu)));
  } else {
    m_machine->setText(tr("This machine is not calibrated yet."));
  }
}

void RooflinePage::redraw() {
  m_plot->clearPlottables();
  m_plot->clearItems();
  m_placed = 0;
  const auto& roof = m_state.roof;
  const core::Index d = m_state.benchD;
  const core::InputDims base = m_state.result ? complexity::baseDims(*m_state.result)
                                              : core::InputDims{256, 256, 64, 64, 64};
  std::vector<double> xs, ys;
  std::vector<std::pair<double, double>> labelled;  // log10 (x, y) of the labels placed so far
  // 2. Each variant at its largest measured N (else at the shown sizes, bound only): measured
  // GFLOP/s filled, the roofline bound hollow, a dotted line between them.
  for (int i = 0; i < m_state.ids.size(); ++i) {
    const std::string id = m_state.ids[i].toStdString();
    const core::Variant* v = core::findVariant(id);
    if (!v) continue;
    const core::BenchPoint* best = nullptr;
    const core::BenchPoint* remote = nullptr;  // the largest N a remote device measured
    for (const core::BenchPoint& p : m_state.points) {
      if (p.variant != id || p.d != d || !p.error.empty() || !(p.gflops > 0) || !(p.bytes > 0))
        continue;
      // This machine's roof bounds this machine's points; a device's point is drawn apart.
      const core::BenchPoint*& slot = p.computedOn.remote() ? remote : best;
      if (!slot || p.n > slot->n) slot = &p;
    }
    if (remote) {
      auto* device = m_plot->addGraph();
      device->setLineStyle(QCPGraph::lsNone);
      device->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangle, seriesColor(i), 10));
      device->setPen(QPen(seriesColor(i)));
      device->setName(tr("%1, N = %2, on %3")
                          .arg(variantLabel(id))
                          .arg(remote->n)
                          .arg(QString::fromStdString(remote->computedOn.device)));
      device->addData(remote->flops / remote->bytes, remote->gflops);
      ys.push_back(remote->gflops);
      xs.push_back(remote->flops / remote->bytes);
    }
    double intensity = 0;
    QString name;
    if (best) {
      intensity = best->flops / best->bytes;
      name = tr("%1, N = %2").arg(variantLabel(id)).arg(best->n);
    } else {
      const bool shown = m_state.result && m_state.result->variant == id;
      const core::ParamSet params = shown ? complexity::scalarParams(m_state.result->params)
                                          : core::defaultParams(v->params());
      const auto cost = complexity::costAt(*v, base, params);
      if (!cost || !(cost->bytes() > 0) || !(cost->flops() > 0)) continue;
      intensity = cost->flops() / cost->bytes();
      name = tr("%1, N = %2 (not measured)").arg(variantLabel(id)).arg(base.n);
    }
    const double bound = roof ? core::rooflineBound(*roof, intensity) : 0;
    auto* measured = m_plot->addGraph();
    measured->setLineStyle(QCPGraph::lsNone);
    measured->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, seriesColor(i), 9));
    measured->setPen(QPen(seriesColor(i)));
    measured->setName(name);
    if (best) measured->addData(intensity, best->gflops);
    if (bound > 0) {
      auto* hollow = m_plot->addGraph();
      hollow->setLineStyle(QCPGraph::lsNone);
      hollow->setScatterStyle(
          QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(seriesColor(i), 2), Qt::white, 13));
      hollow->addData(intensity, bound);
      hollow->removeFromLegend();
      ys.push_back(bound);
    }
    if (best && bound > 0) {
      auto* link = new QCPItemLine(m_plot);
      link->start->setCoords(intensity, best->gflops);
      link->end->setCoords(intensity, bound);
      link->setPen(QPen(seriesColor(i), 1, Qt::DotLine));
      auto* share = new QCPItemText(m_plot);
      share->position->setCoords(intensity, best->gflops);
      // Right of the point, or left of it when another label is already close by there.
      const double lx = std::log10(intensity), ly = std::log10(best->gflops);
      const bool crowded = std::any_of(labelled.begin(), labelled.end(), [&](const auto& l) {
        return std::abs(l.first - lx) < 0.25 && std::abs(l.second - ly) < 0.15;
      });
      labelled.emplace_back(lx, ly);
      share->setPositionAlignment((crowded ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
      share->setPadding(crowded ? QMargins(0, 0, 8, 0) : QMargins(8, 0, 0, 0));
      share->setColor(seriesColor(i).darker(140));
      share->setText(
          tr("%1% of bound")
              .arg(100.0 * best->gflops / bound, 0, 'f', best->gflops < 0.1 * bound ? 1 : 0));
    }
    if (best) ys.push_back(best->gflops);
    xs.push_back(intensity);
    ++m_placed;
  }

  // 3. The roofs: bandwidth x intensity up to the ridge point, then the peak.
  if (roof && roof->peakGflops > 0 && roof->bandwidthGBs > 0) {
    const double ridge = roof->peakGflops / roof->bandwidthGBs;
    xs.push_back(ridge);
    const double xlo = *std::min_element(xs.begin(), xs.end()) / 6,
                 xhi = *std::max_element(xs.begin(), xs.end()) * 6;
    auto* line = m_plot->addGraph();
    line->setData(QVector<double>{xlo, ridge, xhi},
                  QVector<double>{xlo * roof->bandwidthGBs, roof->peakGflops, roof->peakGflops},
                  true);
    line->setPen(QPen(QColor(30, 30, 30), 2.5));
    line->removeFromLegend();
    auto* peak = new QCPItemText(m_plot);
    peak->position->setCoords(xhi, roof->peakGflops);
    peak->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    peak->setText(tr("peak %1 GFLOP/s").arg(QLocale().toString(roof->peakGflops, 'f', 0)));
    auto* bw = new QCPItemText(m_plot);
    const double xm = std::sqrt(xlo * ridge);
    bw->position->setCoords(xm, xm * roof->bandwidthGBs);
    bw->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    bw->setText(tr("memory %1 GB/s").arg(QLocale().toString(roof->bandwidthGBs, 'f', 1)));
    ys.push_back(xlo * roof->bandwidthGBs);
    ys.push_back(roof->peakGflops);
    m_plot->xAxis->setRange(xlo, xhi);
  } else if (!xs.empty()) {
    m_plot->xAxis->setRange(*std::min_element(xs.begin(), xs.end()) / 6,
                            *std::max_element(xs.begin(), xs.end()) * 6);
  } else {
    m_plot->xAxis->setRange(0.1, 100);
  }
  if (!ys.empty())
    m_plot->yAxis->setRange(*std::min_element(ys.begin(), ys.end()) / 3,
                            *std::max_element(ys.begin(), ys.end()) * 3);
  else
    m_plot->yAxis->setRange(0.1, 1000);

  m_plot->xAxis->setLabel(tr("arithmetic intensity (flops per byte moved, cost model)"));
  m_plot->yAxis->setLabel(tr("GFLOP/s: measured (filled) and roofline bound (hollow)"));
  m_title->setText(roof            ? tr("Roofline of this machine (d = %1)").arg(d)
                   : m_calibrating ? tr("Measuring this machine…")
                                   : tr("Press Calibrate to draw this machine's roofs"));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void RooflinePage::retranslate() {
  m_calibrate->setText(tr("&Calibrate"));
  m_calibrate->setToolTip(
      tr("Measure this machine's peak float throughput and memory bandwidth again"));
  updateMachineLabel();
  redraw();
}

}  // namespace atlas::widgets
