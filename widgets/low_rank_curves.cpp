// The Low rank view's two parts of curves: the singular values of P with the ranks holding 90%
// and 99% of their energy, and the relative error of the output against k on log-log axes — the
// random projection P RᵀR V of the Linformer paper's Theorem 1 with its c/√k guide, the best
// rank-k approximation (Eckart–Young) and Linformer with untrained E and F — and the view's
// legends.
#include "low_rank_view.h"

#include "complexity_model.h"
#include "legend_items.h"
#include "log_ticker.h"
#include "matrix_plot.h"
#include "wrapped_text.h"

#include <cmath>
#include <limits>

namespace atlas::widgets {

namespace {

/// A vertical dashed line in `rect` (placed by its two points' x).
QCPItemStraightLine* verticalLine(QCustomPlot* plot, QCPAxisRect* rect, const QColor& c) {
  auto* line = new QCPItemStraightLine(plot);
  line->setClipToAxisRect(true);
  line->setClipAxisRect(rect);
  for (auto* p : {line->point1, line->point2})
    p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
  line->setPen(QPen(c, 1.5, Qt::DashLine));
  return line;
}

/// A line's x on a log or linear value axis: two points at values 1 and 2, both drawable.
void placeVertical(QCPItemStraightLine* line, double x) {
  line->point1->setCoords(x, 1);
  line->point2->setCoords(x, 2);
}

/// Logarithmic with about `ticks` labels, powers of ten drawn as powers (10⁻⁶), 1-2-5 ticks over
/// a short range (log_ticker.h).
void logAxis(QCPAxis* axis, int ticks) {
  complexity::setLogAxis(axis);
  useLogTicker(axis, ticks);
}

/// Values a log axis can draw: what is not positive (an exact 0, NaN) becomes a gap.
QVector<double> drawable(const std::vector<double>& values) {
  QVector<double> out;
  for (double v : values) out << (v > 0 ? v : std::numeric_limits<double>::quiet_NaN());
  return out;
}

}  // namespace

void LowRankView::setupCurves() {
  // The spectrum on a log axis with powers of ten, and the 90% and 99% ranks.
  logAxis(m_specRect->axis(QCPAxis::atLeft), 3);
  m_spectrum =
      m_plot->addGraph(m_specRect->axis(QCPAxis::atBottom), m_specRect->axis(QCPAxis::atLeft));
  m_spectrum->setPen(QPen(MatrixPlot::categoryColor(4), 2));
  m_spectrum->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
  m_rank90 = verticalLine(m_plot, m_specRect, MatrixPlot::categoryColor(0));
  m_rank99 = verticalLine(m_plot, m_specRect, MatrixPlot::categoryColor(5));
  // Each rank's label beside its line near the top, the 99% one right under the 90% one, so
  // they never overlap; drawCurves turns a label to the line's left near the right edge.
  for (int i = 0; i < 2; ++i) {
    auto* label = new QCPItemText(m_plot);
    label->setClipToAxisRect(true);
    label->setClipAxisRect(m_specRect);
    label->position->setAxisRect(m_specRect);
    label->position->setAxes(m_specRect->axis(QCPAxis::atBottom),
                             m_specRect->axis(QCPAxis::atLeft));
    label->position->setTypeX(QCPItemPosition::ptPlotCoords);
    label->setColor(i == 0 ? MatrixPlot::categoryColor(0) : MatrixPlot::categoryColor(5));
    label->setText(i == 0 ? QStringLiteral("90%") : QStringLiteral("99%"));
    label->setPadding(QMargins(3, 1, 3, 1));
    (i == 0 ? m_rank90Label : m_rank99Label) = label;
  }
  m_rank90Label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
  m_rank90Label->position->setCoords(0, 0.02);
  m_rank99Label->position->setParentAnchorY(m_rank90Label->bottom);
  m_rank99Label->position->setTypeY(QCPItemPosition::ptAbsolute);
  m_rank99Label->position->setCoords(0, 0);

  // The errors against k, log-log: a law c/√k is a straight line of slope -1/2.
  QCPAxis* kAxis = m_errRect->axis(QCPAxis::atBottom);
  logAxis(kAxis, 4);
  kAxis->setNumberFormat("g");  // k is a count: 1, 2, 5, 10, 100
  kAxis->setNumberPrecision(6);
  logAxis(m_errRect->axis(QCPAxis::atLeft), 3);
  auto curve = [this](const QColor& c, Qt::PenStyle style, bool points) {
    QCPGraph* g =
        m_plot->addGraph(m_errRect->axis(QCPAxis::atBottom), m_errRect->axis(QCPAxis::atLeft));
    g->setPen(QPen(c, points ? 2 : 1.2, style));
    if (points) g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    return g;
  };
  m_randomCurve = curve(MatrixPlot::categoryColor(4), Qt::SolidLine, true);
  m_guideCurve = curve(MatrixPlot::categoryColor(4), Qt::DashLine, false);
  m_bestCurve = curve(MatrixPlot::categoryColor(2), Qt::SolidLine, true);
  m_linformerCurve = curve(MatrixPlot::categoryColor(5), Qt::SolidLine, true);
  m_kLine = verticalLine(m_plot, m_errRect, Qt::black);
}

QCPGraph* LowRankView::errorCurve(ErrorCurve curve) const {
  switch (curve) {
    case ErrorCurve::RandomProjection:
      return m_randomCurve;
    case ErrorCurve::Guide:
      return m_guideCurve;
    case ErrorCurve::Best:
      return m_bestCurve;
    case ErrorCurve::Untrained:
      return m_linformerCurve;
  }
  return nullptr;
}

double LowRankView::kMarker() const { return m_kLine->point1->key(); }
void LowRankView::moveKMarker(int k) {
  if (m_kLine) placeVertical(m_kLine, k);
}

void LowRankView::drawCurves() {
  const auto& a = *m_analysis;
  // 1. The spectrum, down to 1e-7 of its largest value: below that, the float weights' rounding.
  QVector<double> x, s;
  for (int i = 0; i < a.singularValues.size(); ++i) {
    x << i + 1;
    s << std::max(a.singularValues(i), 1e-30);
  }
  m_spectrum->setData(x, s);
  m_specRect->axis(QCPAxis::atBottom)->setTicker(MatrixPlot::indexTicker(int(x.size()), 4));
  m_specRect->axis(QCPAxis::atBottom)->setRange(0, double(x.size()) + 1);
  const double largest = s.isEmpty() || !(s.first() > 1e-30) ? 1 : s.first();
  m_specRect->axis(QCPAxis::atLeft)
      ->setRange(std::max(largest * 1e-7, s.isEmpty() ? 0 : s.last() * 0.5), largest * 2);
  const double right = double(x.size()) + 1;
  for (auto [line, label, r] : {std::tuple{m_rank90, m_rank90Label, a.rank90},
                                std::tuple{m_rank99, m_rank99Label, a.rank99}}) {
    placeVertical(line, double(r));
    label->position->setCoords(double(r), label == m_rank90Label ? 0.02 : 0.0);
    // Right of its line, unless that runs off the part: then left of it.
    const bool left = double(r) > 0.6 * right;
    label->setPositionAlignment((left ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop);
  }

  // 2. The errors: zeros (the best rank-k at full rank) and NaN (no Linformer) are gaps on the
  // log axis.
  QVector<double> ks;
  std::vector<double> guide;
  for (core::Index k : a.ks) {
    ks << double(k);
    guide.push_back(a.randomProjectionScale / std::sqrt(double(k)));
  }
  m_randomCurve->setData(ks, drawable(a.randomProjectionError));
  m_guideCurve->setData(ks, drawable(guide));
  m_bestCurve->setData(ks, drawable(a.bestError));
  m_linformerCurve->setData(ks, drawable(a.linformerError));
  double top = 0, bottom = std::numeric_limits<double>::infinity();
  for (QCPGraph* g : {m_randomCurve, m_guideCurve, m_bestCurve, m_linformerCurve})
    for (const QCPGraphData& d : *g->data())
      if (d.value > 0) {
        top = std::max(top, d.value);
        bottom = std::min(bottom, d.value);
      }
  if (!(top > 0)) {
    top = 1;
    bottom = 0.1;
  }
  // Six decades at most: the best rank-k's last values before 0 can be rounding.
  bottom = std::max(bottom * 0.5, top * 1e-6);
  m_errRect->axis(QCPAxis::atBottom)->setRange(0.8, std::max(2.0, double(a.m) * 1.25));
  m_errRect->axis(QCPAxis::atLeft)->setRange(bottom, top * 2);
  moveKMarker(k());
  fillLegend();
}

void LowRankView::fillLegend() {
  m_legend->clearItems();
  m_tintLegend->clearItems();
  for (QCPGraph* g : {m_randomCurve, m_guideCurve, m_bestCurve, m_linformerCurve})
    g->addToLegend(m_legend);
  // The tint's entry when P is shown with groups; an empty legend takes no room.
  const bool tint = m_analysis && !m_analysis->redundantGroups.empty() && !m_narrow;
  m_tintLegend->setMargins(tint ? m_legend->margins() : QMargins());
  if (!tint) return;
  // The tint's swatch shows the first groups' colours side by side, as P shows them.
  const int shown = int(std::min<std::size_t>(4, m_analysis->redundantGroups.size()));
  QLinearGradient stripes(0, 0, 1, 0);
  stripes.setCoordinateMode(QGradient::ObjectBoundingMode);
  for (int g = 0; g < shown; ++g) {
    const QColor c = MatrixPlot::categoryColor(g);
    const QColor tinted(c.red(), c.green(), c.blue(), 140);
    stripes.setColorAt(double(g) / shown, tinted);
    stripes.setColorAt(double(g + 1) / shown - 1e-3, tinted);
  }
  m_tintLegend->addItem(
      new SwatchItem(m_tintLegend, QBrush(stripes),
                     tr("tint: redundant key columns of P (cosine ≥ %1), a colour per group")
                         .arg(m_analysis->threshold, 0, 'g', 3)));
}

void LowRankView::retranslateCurves() {
  m_randomCurve->setName(tr("random projection P RᵀR V (Theorem 1)"));
  m_guideCurve->setName(tr("c/√k"));
  m_bestCurve->setName(tr("best rank-k (SVD)"));
  m_linformerCurve->setName(tr("untrained Linformer (random E, F)"));
  if (m_analysis) fillLegend();  // the tint's entry is text of its own
  m_note->setSource(
      tr("Linformer learns E and F in training: a trained model's error lies between the best "
         "rank-k curve and the random projection (the paper's Theorem 1). The untrained curve "
         "is not what a trained model achieves."));
}

}  // namespace atlas::widgets
