// MatrixPlot's numbers in cells: one QCPItemText per entry of a small panel, on a layer of its
// own above the colour maps and clipped to its panel. A new result of the same layout (a slider
// step) or a new colour scale changes the texts and colours of the items in place; every layout
// chooses their font for the cells it has just laid out.
#include "matrix_plot.h"

#include <QFontInfo>
#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

namespace atlas::widgets {
namespace {

/// Relative luminance of an sRGB colour (WCAG 2): what contrast ratios are computed from.
double luminance(const QColor& c) {
  const auto linear = [](double u) {
    return u <= 0.04045 ? u / 12.92 : std::pow((u + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}

/// Black or white, whichever contrasts more with `cell`. The better of the two is never below
/// 4.58 : 1 on any colour, so a number reads on every cell of every map, and the choice depends
/// on the colour alone: it follows the gradient, the data range and the log scale for free.
QColor textColorOn(const QColor& cell) {
  const double l = luminance(cell);
  const double onBlack = (l + 0.05) / 0.05, onWhite = 1.05 / (l + 0.05);
  return onBlack >= onWhite ? QColor(Qt::black) : QColor(Qt::white);
}

/// The size of `text` as QCPItemText lays it out in `font` (its own bounding rectangle).
QSizeF textSize(const QFont& font, const QString& text) {
  return QFontMetricsF(font)
      .boundingRect(QRectF(), Qt::TextDontClip | Qt::AlignCenter, text)
      .size();
}

}  // namespace

QString MatrixPlot::cellValueText(double value) {
  // Not the UI locale: a figure reads the same in both languages (and zh_CN writes a point
  // anyway), as the tooltips' numbers do.
  return QString::number(value, 'f', 2);
}

const std::vector<QCPItemText*>& MatrixPlot::cellTexts(int panel) const {
  static const std::vector<QCPItemText*> kNone;
  return panel >= 0 && panel < int(m_cellTexts.size()) ? m_cellTexts[std::size_t(panel)] : kNone;
}

void MatrixPlot::setCellValues(bool on) {
  if (on == m_cellValues) return;
  m_cellValues = on;
  syncCellValues();
  requestReplot();
}

void MatrixPlot::removeCellValues() {
  for (const auto& texts : m_cellTexts)
    for (QCPItemText* t : texts) removeItem(t);
  m_cellTexts.clear();
}

void MatrixPlot::syncCellValues() {
  // 1. How many numbers each panel shows: one per entry of a small panel drawn one cell per
  //    entry. Blocks (pooled, or more entries than display cells) have no single value to show.
  const bool pooled = m_logicalRows > 0 && m_logicalCols > 0;
  const bool any = m_cellValues && !categorical() && m_message.isEmpty() && !pooled &&
                   m_maps.size() == m_panels.size();
  std::vector<std::size_t> wanted(any ? m_maps.size() : 0, 0);
  for (std::size_t p = 0; p < wanted.size(); ++p) {
    const MatrixPanel& m = m_panels[p];
    const QCPColorMapData* d = m_maps[p]->data();
    const bool small = m.rows() <= kMaxValueCells && m.cols() <= kMaxValueCells;
    if (small && d->keySize() == m.cols() && d->valueSize() == m.rows())
      wanted[p] = std::size_t(m.rows() * m.cols());
  }
  bool same = wanted.size() == m_cellTexts.size();
  for (std::size_t p = 0; same && p < wanted.size(); ++p) same = m_cellTexts[p].size() == wanted[p];
  // 2. New items only when the layout changed; a slider step keeps them.
  if (!same) {
    removeCellValues();
    // Above the colour maps (layer "main"), below the axes; made when first needed, so that a
    // plot that never shows numbers has the layers it always had.
    const QString layerName = QString::fromLatin1(kCellValuesLayer);
    if (!layer(layerName)) addLayer(layerName, layer(QStringLiteral("main")), limAbove);
    m_cellTexts.resize(wanted.size());
    for (std::size_t p = 0; p < wanted.size(); ++p) {
      if (wanted[p] == 0) continue;
      QCPAxis* x = m_maps[p]->keyAxis();
      QCPAxis* y = m_maps[p]->valueAxis();
      const int rows = int(m_panels[p].rows()), cols = int(m_panels[p].cols());
      for (int i = 0; i < rows; ++i)
        for (int j = 0; j < cols; ++j) {
          auto* t = new QCPItemText(this);
          t->setLayer(layerName);
          t->setClipAxisRect(x->axisRect());  // a number never spills into the next panel
          t->setClipToAxisRect(true);
          t->setSelectable(false);
          t->position->setAxes(x, y);
          t->position->setCoords(j, i);  // cell centres are at whole coordinates
          t->setPositionAlignment(Qt::AlignCenter);
          t->setTextAlignment(Qt::AlignCenter);
          t->setVisible(false);  // until a layout has found a font that fits
          m_cellTexts[p].push_back(t);
        }
    }
  }
  // 3. Texts, and colours from the colour each cell is drawn in now.
  for (std::size_t p = 0; p < m_cellTexts.size(); ++p) {
    if (m_cellTexts[p].empty()) continue;
    const MatrixPanel& m = m_panels[p];
    ParallelColorMap* map = m_maps[p];
    QCPColorGradient gradient = map->gradient();  // color() builds its table: a copy of ours
    const QCPRange range = map->dataRange();
    const bool log = map->dataScaleType() == QCPAxis::stLogarithmic;
    const int cols = int(m.cols());
    for (std::size_t k = 0; k < m_cellTexts[p].size(); ++k) {
      const int i = int(k) / cols, j = int(k) % cols;
      QCPItemText* t = m_cellTexts[p][k];
      if (!m.isComputed(i, j)) {
        t->setText(QString());
        continue;
      }
      t->setText(cellValueText(m.value(i, j)));
      // The value the cell holds, clamped into the range as the gradient clamps it.
      const double v = map->data()->cell(j, i);
      const double at = std::isnan(v) ? v : std::clamp(v, range.lower, range.upper);
      t->setColor(textColorOn(QColor::fromRgba(gradient.color(at, range, log))));
    }
  }
}

void MatrixPlot::fitCellValues() {
  for (std::size_t p = 0; p < m_cellTexts.size() && p < m_maps.size(); ++p) {
    const std::vector<QCPItemText*>& texts = m_cellTexts[p];
    if (texts.empty()) continue;
    QCPAxis* x = m_maps[p]->keyAxis();
    QCPAxis* y = m_maps[p]->valueAxis();
    // One coordinate unit is one cell, in pixels of the layout just made.
    const double cellW = std::abs(x->coordToPixel(1) - x->coordToPixel(0));
    const double cellH = std::abs(y->coordToPixel(1) - y->coordToPixel(0));
    // Room for the number: most of the cell, so that neighbours never run together.
    const double roomW = cellW * 0.8 - 2, roomH = cellH * 0.9;
    QFont font = x->tickLabelFont();
    const double tick = font.pointSizeF() > 0 ? font.pointSizeF() : QFontInfo(font).pointSizeF();
    const double largest = tick * 1.2;  // as large as a title would look beside the axes
    font.setPointSizeF(largest);
    QString widest;
    double widestW = 0;
    for (QCPItemText* t : texts) {
      const QString text = t->text();
      const double w = textSize(font, text).width();
      if (w > widestW) widestW = w, widest = text;
    }
    bool fits = false;
    if (!widest.isEmpty() && roomW > 0 && roomH > 0) {
      const QSizeF at = textSize(font, widest);
      double size = largest * std::min({1.0, roomW / at.width(), roomH / at.height()});
      // Metrics are not exactly proportional to the size (hinting): shrink until it fits.
      for (int step = 0; step < 12 && size >= kMinValuePoints && !fits; ++step, size *= 0.95) {
        font.setPointSizeF(size);
        const QSizeF s = textSize(font, widest);
        fits = s.width() <= roomW && s.height() <= roomH;
      }
    }
    // Too small to read (below kMinValuePoints): no numbers at all, the plot as it is.
    for (QCPItemText* t : texts) {
      if (fits) t->setFont(font);
      t->setVisible(fits);
    }
  }
}

}  // namespace atlas::widgets
