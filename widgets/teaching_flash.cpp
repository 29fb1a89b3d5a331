// The Teaching view's FlashAttention page: the online softmax after each step. The tile plot
// shows, for each query row, exp(S - m) / l with the running maximum m and sum l of that step,
// over the key tiles its query tile has done (earlier query tiles: their final weights), on a
// fixed 0..1 scale, the tiles not yet processed hatched and the tile just processed outlined;
// below, the chosen row's m and l up to the step.
#include "plot_widget.h"
#include "teaching_view.h"

#include "core_text.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace atlas::widgets {
namespace {

constexpr int kPlayInterval = 900;  // ms per step when playing

QString number(double v) { return QLocale().toString(v, 'g', 4); }

/// The tile just processed: vermillion; the chosen row: sky blue (Okabe-Ito, as the categories).
QColor currentTileColor() { return MatrixPlot::categoryColor(5); }
QColor rowColor() { return MatrixPlot::categoryColor(1); }

}  // namespace

core::Index TeachingView::teachingTile(core::Index extent) {
  return std::max<core::Index>(1, core::ceilDiv(extent, kTeachingTiles));
}

QWidget* TeachingView::buildFlash() {
  auto* page = new QWidget(this);
  m_play = new QToolButton(page);
  m_play->setCheckable(true);
  m_play->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  m_timer = new QTimer(this);
  m_timer->setInterval(kPlayInterval);
  m_step = new QSlider(Qt::Horizontal, page);
  m_step->setPageStep(1);
  m_row = new QSpinBox(page);
  m_stepLabel = new QLabel(page);
  m_rowState = new QLabel(page);
  m_rowState->setWordWrap(true);

  // 1. The tiles: one panel, the running weights on a scale that stays 0..1 at every step.
  m_tilePlot = new MatrixPlot(page);
  m_tilePlot->setFixedRange(QCPRange(0, 1));
  m_tilePlot->setTooltip([this](int, int row, int col, double value) {
    if (!m_flashStep) return QString();
    const QString where = tr("Query %1, key %2").arg(row).arg(col);
    if (!m_flashStep->done(row, col)) return where + "\n" + tr("not computed at this step");
    return where + "\n" + tr("exp(S − m) / l = %1").arg(value, 0, 'g', 4);
  });

  // 2. The chosen row's running maximum (left axis) and sum (right axis) after each key tile.
  m_curves = new PlotWidget(page);
  m_curves->plotLayout()->insertRow(0);
  m_curveTitle =
      new QCPTextElement(m_curves, QString(), QFont(font().family(), font().pointSize()));
  m_curves->plotLayout()->addElement(0, 0, m_curveTitle);
  m_curves->yAxis2->setVisible(true);
  // The legend below the axis rect, one entry a line, where it hides no point.
  m_curves->legend->setVisible(true);
  m_curves->axisRect()->insetLayout()->take(m_curves->legend);
  m_curves->plotLayout()->addElement(2, 0, m_curves->legend);
  m_curves->plotLayout()->setRowStretchFactor(0, 0.001);
  m_curves->plotLayout()->setRowStretchFactor(2, 0.001);
  m_curves->legend->setBorderPen(Qt::NoPen);
  m_curves->addGraph(m_curves->xAxis, m_curves->yAxis);
  m_curves->addGraph(m_curves->xAxis, m_curves->yAxis2);
  m_curves->graph(0)->setPen(QPen(MatrixPlot::categoryColor(5), 2));
  m_curves->graph(1)->setPen(QPen(MatrixPlot::categoryColor(4), 2));
  for (int g = 0; g < 2; ++g) m_curves->graph(g)->setScatterStyle(QCPScatterStyle::ssDisc);
  m_curveNow = new QCPItemStraightLine(m_curves);
  m_curveNow->setPen(QPen(currentTileColor(), 1, Qt::DashLine));

  auto* controls = new QHBoxLayout;
  controls->addWidget(m_play);
  controls->addWidget(m_stepLabel);
  controls->addWidget(m_step, 1);
  controls->addWidget(m_row);
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(controls);
  layout->addWidget(m_rowState);
  // Side by side: the view is wider than tall at most window sizes, and the tiles want squares.
  auto* plots = new QHBoxLayout;
  plots->addWidget(m_tilePlot, 3);
  plots->addWidget(m_curves, 2);
  layout->addLayout(plots, 1);

  connect(m_step, &QSlider::valueChanged, this, &TeachingView::setStep);
  connect(m_row, &QSpinBox::valueChanged, this, [this] {
    placeTileOutline();
    updateCurves();
    updateRowState();
  });
  // Play: one step per tick from where the slider is (from the start when it is at the end).
  connect(m_play, &QToolButton::toggled, this, [this](bool on) {
    if (on && m_step->value() == m_step->maximum()) m_step->setValue(0);
    if (on)
      m_timer->start();
    else
      m_timer->stop();
    retranslateFlash();
  });
  connect(m_timer, &QTimer::timeout, this, [this] {
    if (m_step->value() < m_step->maximum()) m_step->setValue(m_step->value() + 1);
    if (m_step->value() == m_step->maximum()) m_play->setChecked(false);
  });
  return page;
}

int TeachingView::stepCount() const {
  return m_tiles ? static_cast<int>(m_tiles->order.rows()) : 0;
}

int TeachingView::step() const { return m_page == Flash && m_tiles ? m_step->value() : 0; }

void TeachingView::showFlash() {
  m_page = Flash;
  const core::VariantResult& r = *m_data.result;
  const core::Trace::Tiles& computed = *r.trace.tiles;
  const core::Index n = r.weights(0).rows(), m = r.weights(0).cols();
  // Key tiles that hold every key make one step per query tile, each row's softmax in one go:
  // nothing online to see. Then the same online softmax, replayed from the weights in tiles
  // of a quarter of the sequence (4 x 4 tiles at the default 16 tokens).
  m_replayed = m > 1 && core::ceilDiv(m, computed.cols) == 1;
  if (m_replayed)
    m_tiles = std::make_shared<const core::Trace::Tiles>(
        core::replayFlashTiles(r.weights(0), computed, teachingTile(n), teachingTile(m)));
  else
    m_tiles = std::shared_ptr<const core::Trace::Tiles>(m_data.result, &computed);
  m_play->setChecked(false);
  {
    const QSignalBlocker quiet(m_row);
    m_row->setRange(0, static_cast<int>(n) - 1);
  }
  const QSignalBlocker quiet(m_step);
  m_step->setRange(0, std::max(0, stepCount() - 1));
  m_step->setValue(std::clamp(m_wantedStep, 0, m_step->maximum()));
  m_tilePlot->setLabels(tokenLabels(m_data.inputs->queryTokens),
                        tokenLabels(m_data.inputs->keyTokens));
  showStep();
}

void TeachingView::setStep(int step) {
  m_wantedStep = std::max(0, step);
  if (m_page != Flash || !m_tiles) return;  // kept for the next flash result
  step = std::clamp(step, 0, stepCount() - 1);
  if (m_step->value() != step) {
    const QSignalBlocker quiet(m_step);
    m_step->setValue(step);
  }
  showStep();
}

void TeachingView::showStep() {
  if (m_page != Flash || !m_tiles) return;
  const core::VariantResult& r = *m_data.result;
  const int step = m_step->value();
  auto s = std::make_shared<const core::FlashStep>(
      core::flashStep(r.weights(0), r.mask(0), *m_tiles, step));
  // The row follows the slider into the query tile of the step, at the same place in the tile.
  const int br = static_cast<int>(m_tiles->rows), row = m_row->value();
  if (row / br != s->queryTile) {
    const QSignalBlocker quiet(m_row);
    m_row->setValue(std::min(m_row->maximum(), int(s->queryTile) * br + row % br));
  }
  m_flashStep = s;
  m_uncomputedText = uncomputedLegend();
  m_tilePlot->setUncomputedText(m_uncomputedText);
  MatrixPanel panel;
  panel.matrix = &s->weights;
  panel.computed = &s->done;  // pairs not processed yet (or masked) hatched, never weights of 0
  m_tilePlot->setPanels(s, {panel});
  placeTileOutline();
  updateStepTexts();
}

void TeachingView::updateStepTexts() {
  if (m_page != Flash || !m_flashStep) return;
  const int step = m_step->value();
  m_tilePlot->setTitle(tr("After step %1 of %2 (%3 × %4 tiles):\nexp(S − m) / l, each row's m "
                          "and l so far")
                           .arg(step + 1)
                           .arg(stepCount())
                           .arg(m_tiles->rows)
                           .arg(m_tiles->cols));
  m_stepLabel->setText(tr("Step %1 of %2: query tile %3, key tile %4")
                           .arg(step + 1)
                           .arg(stepCount())
                           .arg(m_flashStep->queryTile)
                           .arg(m_flashStep->keyTile));
  updateCurves();
  updateRowState();
}

QString TeachingView::uncomputedLegend() const {
  return m_tiles && m_tiles->causal ? tr("not computed at this step, or masked")
                                    : tr("not computed at this step");
}

void TeachingView::placeTileOutline() {
  if (!m_flashStep || m_tilePlot->panelCount() == 0) return;
  QCPColorMap* map = m_tilePlot->panelMap(0);
  QCPAxis* x = map->keyAxis();
  QCPAxis* y = map->valueAxis();
  // Items go with a rebuild of the plot (a new layout, the legend coming or going): made anew.
  const auto make = [&](QPointer<QCPItemRect>& item, const QPen& pen) {
    if (!item) {
      item = new QCPItemRect(m_tilePlot);
      item->setBrush(Qt::NoBrush);
      item->setPen(pen);
      item->setSelectable(false);
    }
    item->setClipAxisRect(x->axisRect());
    item->topLeft->setAxes(x, y);
    item->bottomRight->setAxes(x, y);
  };
  const core::Index n = m_flashStep->weights.rows(), m = m_flashStep->weights.cols();
  const core::Index br = m_tiles->rows, bc = m_tiles->cols;
  const core::Index q0 = m_flashStep->queryTile * br, k0 = m_flashStep->keyTile * bc;
  make(m_rowMark, QPen(rowColor(), 2, Qt::DashLine));
  const double row = m_row->value();
  m_rowMark->topLeft->setCoords(-0.5, row - 0.5);
  m_rowMark->bottomRight->setCoords(double(m) - 0.5, row + 0.5);
  make(m_current, QPen(currentTileColor(), 3));
  m_current->topLeft->setCoords(double(k0) - 0.5, double(q0) - 0.5);
  m_current->bottomRight->setCoords(double(std::min(m, k0 + bc)) - 0.5,
                                    double(std::min(n, q0 + br)) - 0.5);
  m_tilePlot->replot(QCustomPlot::rpQueuedReplot);
}

void TeachingView::updateCurves() {
  if (m_page != Flash || !m_tiles || !m_flashStep) return;
  const core::Trace::Tiles& t = *m_tiles;
  const core::Index n = m_flashStep->weights.rows(), m = m_flashStep->weights.cols();
  const int row = m_row->value();
  const core::Index tile = row / t.rows;
  // The key tiles this row's query tile computes, and how many of them are done at this step.
  const core::Index tiles = core::flashKeyTiles(tile, n, m, t.rows, t.cols, t.causal);
  const core::Index done = tile < m_flashStep->queryTile    ? tiles
                           : tile == m_flashStep->queryTile ? m_flashStep->keyTile + 1
                                                            : 0;
  QVector<double> x, mx, l;
  for (core::Index k = 0; k < done; ++k) {
    x << double(k);
    mx << t.runningMax(row, k);
    l << t.runningSum(row, k);
  }
  m_curves->graph(0)->setData(x, mx);
  m_curves->graph(1)->setData(x, l);
  // The axes hold the row's whole history, so they stay put while the slider moves.
  const auto range = [&](const core::Matrix& values) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (core::Index k = 0; k < tiles; ++k)
      if (std::isfinite(values(row, k))) {
        lo = std::min(lo, double(values(row, k)));
        hi = std::max(hi, double(values(row, k)));
      }
    if (!(hi >= lo)) return QCPRange(0, 1);
    const double pad = hi > lo ? 0.08 * (hi - lo) : std::max(0.5, 0.1 * std::abs(hi));
    return QCPRange(lo - pad, hi + pad);
  };
  m_curves->yAxis->setRange(range(t.runningMax));
  m_curves->yAxis2->setRange(range(t.runningSum));
  m_curves->xAxis->setRange(-0.5, double(std::max<core::Index>(tiles, 1)) - 0.5);
  m_curves->xAxis->setTicker(MatrixPlot::indexTicker(int(tiles)));
  m_curveNow->setVisible(tile == m_flashStep->queryTile);
  m_curveNow->point1->setCoords(double(m_flashStep->keyTile), 0);
  m_curveNow->point2->setCoords(double(m_flashStep->keyTile), 1);
  m_curveTitle->setText(
      tr("Row %1 (query tile %2):\nm and l after each key tile").arg(row).arg(tile));
  m_curves->replot(QCustomPlot::rpQueuedReplot);
}

void TeachingView::updateRowState() {
  if (m_page != Flash || !m_tiles || !m_flashStep) return;
  const core::Trace::Tiles& t = *m_tiles;
  const int row = m_row->value();
  const core::Index tile = row / t.rows, kt = m_flashStep->keyTile;
  QString text;
  if (tile < m_flashStep->queryTile) {
    const core::Index last = t.runningMax.cols() - 1;
    text = tr("Row %1 is done: m = %2, l = %3; its weights are final.")
               .arg(row)
               .arg(number(t.runningMax(row, last)), number(t.runningSum(row, last)));
  } else if (tile > m_flashStep->queryTile) {
    core::Index first = 0;
    while (first < t.order.rows() && core::Index(t.order(first, 0)) < tile) ++first;
    text =
        tr("Row %1 waits: its query tile %2 starts at step %3.").arg(row).arg(tile).arg(first + 1);
  } else if (kt == 0) {
    text = tr("Row %1, key tile 0: the first tile sets m = %2 and l = %3.")
               .arg(row)
               .arg(number(t.runningMax(row, 0)), number(t.runningSum(row, 0)));
  } else {
    const double mOld = t.runningMax(row, kt - 1), mNew = t.runningMax(row, kt);
    const double lOld = t.runningSum(row, kt - 1), lNew = t.runningSum(row, kt);
    // The factor the row's earlier weights exp(S - m_old) / l_old took at this step.
    const double factor = lNew > 0 ? std::exp(mOld - mNew) * lOld / lNew : 0.0;
    text = mNew > mOld
               ? tr("Row %1, key tile %2: the maximum grew, m = %3 → %4, and l = %5 → %6, so "
                    "the row's earlier weights were multiplied by e^(m_old − m) · l_old / l = %7.")
                     .arg(row)
                     .arg(kt)
                     .arg(number(mOld), number(mNew), number(lOld), number(lNew), number(factor))
               : tr("Row %1, key tile %2: m stays %3, l = %4 → %5, so the row's earlier weights "
                    "were multiplied by l_old / l = %6.")
                     .arg(row)
                     .arg(kt)
                     .arg(number(mNew), number(lOld), number(lNew), number(factor));
  }
  m_rowState->setText(text);
}

void TeachingView::retranslateFlash() {
  // "row 12" in English, "第 12 行" in Chinese: the words around the number, not only before it.
  const QString row = tr("row %1", "the flash row spin box's text around its value");
  const qsizetype at = row.indexOf(QLatin1String("%1"));
  m_row->setPrefix(at < 0 ? QString() : row.left(at));
  m_row->setSuffix(at < 0 ? QString() : row.mid(at + 2));
  m_play->setText(m_play->isChecked() ? tr("Pause") : tr("Play"));
  m_play->setIcon(
      style()->standardIcon(m_play->isChecked() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
  m_play->setToolTip(tr("Step through the tiles, one step every %1 s")
                         .arg(QLocale().toString(kPlayInterval / 1000.0, 'g', 2)));
  m_tilePlot->setAxisTitles(tr("Key"), tr("Query"), tr("exp(S − m) / l"));
  // The legend is made with the plot's layout: a new text lays it out anew (showStep).
  const bool relayout = uncomputedLegend() != m_uncomputedText;
  m_curves->xAxis->setLabel(tr("Key tile"));
  m_curves->yAxis->setLabel(tr("Running maximum m"));
  m_curves->yAxis2->setLabel(tr("Running sum l"));
  m_curves->graph(0)->setName(tr("running maximum m"));
  m_curves->graph(1)->setName(tr("running sum l"));
  if (relayout)
    showStep();
  else
    updateStepTexts();  // the texts that hold numbers
  m_curves->replot(QCustomPlot::rpQueuedReplot);
}

QString TeachingView::flashCaption() const {
  const core::VariantResult& r = *m_data.result;
  const QString idea =
      tr("%1 computes the same weights as scaled dot-product attention, one tile at a time: each "
         "row keeps a running maximum m and sum l, and its weights so far are exp(S − m) / l, "
         "rescaled whenever m or l grows.")
          .arg(variantLabel(r.variant));
  const core::Trace::Tiles& run = *r.trace.tiles;
  const QString tiles =
      m_replayed ? tr("The run's %1 × %2 tiles hold all %3 keys at once, one step per query tile, "
                      "so the view replays the same online softmax in %4 × %5 tiles from the "
                      "result's weights; set tile_k below %3 to see the run's own tiles.")
                       .arg(run.rows)
                       .arg(run.cols)
                       .arg(r.weights(0).cols())
                       .arg(m_tiles->rows)
                       .arg(m_tiles->cols)
                 : tr("The run's own tiles: %1 query rows by %2 keys (tile_q, tile_k).")
                       .arg(run.rows)
                       .arg(run.cols);
  return idea + "\n" + tiles;
}

}  // namespace atlas::widgets
