// MatrixPlot's colour scale: one range over all panels (or each panel its own), the diverging
// map for signed values, the log scale, a tick at the scale's top, and the hint when a linear
// scale shows almost nothing.
#include "matrix_plot.h"

#include <cmath>
#include <limits>
#include <type_traits>

namespace atlas::widgets {

namespace {

/// Ticks of `Base` and one more at the top of the range, where the largest value is, so a
/// reader sees what the brightest colour means; a tick too close below it gives way.
template <class Base>
class TopTicker : public Base {
 protected:
  QVector<double> createTickVector(double step, const QCPRange& range) override {
    QVector<double> ticks = Base::createTickVector(step, range);
    m_top = range.upper;
    while (!ticks.isEmpty() && ticks.back() > range.upper) ticks.removeLast();  // kept sorted
    const bool log = std::is_base_of_v<QCPAxisTickerLog, Base>;
    const auto near = [&](double t) {
      return log ? t > 0 && range.upper / t < 3
                 : range.upper - t < 0.1 * (range.upper - range.lower);
    };
    while (!ticks.isEmpty() && near(ticks.back())) ticks.removeLast();
    ticks.append(range.upper);
    return ticks;
  }
  QString getTickLabel(double tick, const QLocale& locale, QChar format, int precision) override {
    // The top in two or three significant digits, whatever the axis writes elsewhere.
    if (tick == m_top) return locale.toString(tick, 'g', std::abs(tick) < 1 ? 2 : 3);
    return Base::getTickLabel(tick, locale, format, precision);
  }

 private:
  double m_top = std::numeric_limits<double>::quiet_NaN();
};

}  // namespace

void MatrixPlot::applyScale() {
  if (!m_scale || m_maps.empty()) return;
  if (m_independent) {
    // Each map its own range; the shared bar only says "low to high of each panel".
    for (std::size_t p = 0; p < m_maps.size(); ++p) {
      const MatrixPanel::Range& range = m_ranges[p];
      const double lo = std::min(0.0, range.lo), hi = range.hi;
      m_maps[p]->setGradient(colorGradient(m_colorMap));
      m_maps[p]->setDataRange(QCPRange(lo, hi > lo ? hi : lo + 1));
    }
    m_scale->setDataScaleType(QCPAxis::stLinear);
    m_scale->setDataRange(QCPRange(0, 1));
    return;
  }
  // 5. Rescale: a shared data range over all panels; log scale starts at the smallest positive.
  constexpr float kInf = std::numeric_limits<float>::infinity();
  double lo = kInf, hi = -lo, minPositive = lo;
  for (const MatrixPanel::Range& range : m_ranges) {
    lo = std::min(lo, range.lo);
    hi = std::max(hi, range.hi);
    minPositive = std::min(minPositive, range.minPositive);
  }
  if (hasFixedRange()) {
    lo = m_fixedRange.lower;
    hi = m_fixedRange.upper;
    minPositive = std::min(minPositive, hi);
  }
  // Signed data (an output, a difference): the diverging map on a range symmetric about 0,
  // and never a log scale, which could not show the negatives.
  const ColorRange shown = colorRange(lo, hi);
  const bool wasSigned = m_signed;
  m_signed = shown.isSigned;
  if (m_signed != wasSigned) {
    m_scale->setGradient(gradientFor(shown, m_colorMap));
    syncCellValues();  // the numbers' colours follow the cells'
  }
  const QString note = m_signed && m_log ? tr("linear: the values are signed") : QString();
  if (m_scaleSide)  // the title upright beside the bar, the note along it
    m_scale->axis()->setLabel(note);
  else
    m_scale->axis()->setLabel(note.isEmpty() ? m_scaleTitle
                                             : m_scaleTitle + QLatin1Char('\n') + note);
  if (m_signed) {
    m_scale->setDataScaleType(QCPAxis::stLinear);
    m_scale->axis()->setTicker(QSharedPointer<QCPAxisTicker>(new TopTicker<QCPAxisTicker>));
    m_scale->setDataRange(QCPRange(shown.lower, shown.upper));
  } else if (m_log && std::isfinite(minPositive) && shown.upper > 0) {
    m_scale->setDataScaleType(QCPAxis::stLogarithmic);
    m_scale->axis()->setTicker(QSharedPointer<QCPAxisTickerLog>(new TopTicker<QCPAxisTickerLog>));
    m_scale->setDataRange(QCPRange(std::max(minPositive, shown.upper * 1e-6), shown.upper));
  } else {
    m_scale->setDataScaleType(QCPAxis::stLinear);
    m_scale->axis()->setTicker(QSharedPointer<QCPAxisTicker>(new TopTicker<QCPAxisTicker>));
    m_scale->setDataRange(QCPRange(shown.lower, shown.upper));
  }
  updateHint();
}

bool MatrixPlot::linearShowsAlmostNothing() const {
  // At least 95% of the cells (of a few hundred or more) in the bottom 5% of a linear,
  // one-signed scale: a uniform field of the lowest colour, which the log scale would open up.
  if (!m_scale || m_log || m_signed || categorical() || m_independent || hasFixedRange())
    return false;
  const QCPRange range = m_scale->dataRange();
  if (!(range.upper > range.lower)) return false;
  const double threshold = range.lower + 0.05 * (range.upper - range.lower);
  std::size_t cells = 0, low = 0;
  for (QCPColorMap* map : m_maps) {
    QCPColorMapData& d = *map->data();
    const double* v = MapCells::cells(d);
    const std::size_t n = std::size_t(d.keySize()) * std::size_t(d.valueSize());
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isnan(v[i])) continue;
      ++cells;
      low += v[i] <= threshold;
    }
  }
  return cells >= 256 && double(low) >= 0.95 * double(cells);
}

void MatrixPlot::updateHint() {
  const bool wanted = linearShowsAlmostNothing();
  if (wanted == (m_hintElement != nullptr)) return;
  if (wanted) {
    QFont f = font();
    f.setItalic(true);
    m_hint =
        tr("Almost every value is near the bottom of this linear scale: the logarithmic "
           "scale (View > Logarithmic colour scale, Ctrl+L) shows them apart.");
    m_hintElement = new QCPTextElement(this, wrapText(m_hint, f, messageWidth()), f);
    m_hintElement->setTextColor(QColor(0x60, 0x60, 0x60));
    const int row = plotLayout()->rowCount();  // below the panels and any legend
    plotLayout()->addElement(row, 0, m_hintElement);
    plotLayout()->setRowStretchFactor(row, 0.001);
  } else {
    plotLayout()->remove(m_hintElement);
    m_hintElement = nullptr;
    plotLayout()->simplify();
  }
  requestReplot();
}

}  // namespace atlas::widgets
