// MatrixPlot: from matrices to colour-map cells and back (filling, pooling to display cells,
// the cell under the mouse), and wrapped message text.
#include "matrix_plot.h"

#include "core/pool_geometry.h"

#include <QTextLayout>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

namespace atlas::widgets {

QString MatrixPlot::wrapText(const QString& text, const QFont& font, int width) {
  QTextLayout layout(text, font);
  QStringList lines;
  layout.beginLayout();
  for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
    line.setLineWidth(std::max(width, 50));
    lines << text.mid(line.textStart(), line.textLength()).trimmed();
  }
  layout.endLayout();
  return lines.join(QLatin1Char('\n'));
}

int MatrixPlot::messageWidth() const { return std::max(300, width() - 60); }

int MatrixPlot::panelAt(const QPointF& pos) const {
  for (int p = 0; p < panelCount(); ++p)
    if (m_maps[static_cast<std::size_t>(p)]->keyAxis()->axisRect()->rect().contains(pos.toPoint()))
      return p;
  return -1;
}

namespace {

/// Cells from a dense matrix (or mask): one per entry, or (fewer cells than entries, see
/// setDisplayCells) each the largest entry of its block, read straight from the shared
/// matrix, so nothing of its size is copied.
template <typename M>
void fillDense(QCPColorMapData* data, const M& m) {
  const int rows = static_cast<int>(m.rows()), columns = static_cast<int>(m.cols());
  const int cellRows = data->valueSize(), cellCols = data->keySize();
  if (cellRows == rows && cellCols == columns) {
    for (int i = 0; i < rows; ++i)
      for (int j = 0; j < columns; ++j) data->setCell(j, i, double(m(i, j)));
    return;
  }
  for (int a = 0; a < cellRows; ++a) {
    const core::Index r0 = core::poolStart(a, rows, cellRows),
                      r1 = core::poolStart(a + 1, rows, cellRows);
    for (int b = 0; b < cellCols; ++b) {
      const core::Index c0 = core::poolStart(b, columns, cellCols),
                        c1 = core::poolStart(b + 1, columns, cellCols);
      data->setCell(b, a, double(m.block(r0, c0, r1 - r0, c1 - c0).maxCoeff()));
    }
  }
}

}  // namespace

MatrixPanel::Range MatrixPanel::range() const {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  if (matrix) {
    const auto a = matrix->array();
    return {double(a.minCoeff()), double(a.maxCoeff()),
            double((a > 0.0f).select(a, float(kInf)).minCoeff())};
  }
  if (mask) {  // 0 and 1
    const double lo = mask->size() ? double(mask->minCoeff()) : 0.0,
                 hi = mask->size() ? double(mask->maxCoeff()) : 0.0;
    return {lo, hi, hi > 0 ? 1.0 : kInf};
  }
  // The pairs, and the zeros off the pattern when there are any.
  const bool full = sparse->nnz() == std::size_t(rows() * cols());
  Range r{full ? kInf : 0.0, full ? -kInf : 0.0, kInf};
  for (float v : sparse->values) {
    r.lo = std::min(r.lo, double(v));
    r.hi = std::max(r.hi, double(v));
    if (v > 0) r.minPositive = std::min(r.minPositive, double(v));
  }
  return r;
}

void MatrixPlot::fillMap(QCPColorMap* map, const MatrixPanel& panel) {
  QCPColorMapData* data = map->data();
  if (panel.matrix) return fillDense(data, *panel.matrix);
  if (panel.mask) return fillDense(data, *panel.mask);
  // Only the pairs: each cell the largest of its block's pairs, 0 where it has none (values
  // are never negative), in one pass over the pairs, so the time follows the pattern's size.
  const int rows = static_cast<int>(panel.rows()), columns = static_cast<int>(panel.cols());
  const int cellRows = data->valueSize(), cellCols = data->keySize();
  data->fill(0);
  const bool exact = cellRows == rows && cellCols == columns;
  panel.sparse->forEach([&](core::Index i, core::Index j, std::size_t a) {
    const int b = exact ? int(j) : int(core::poolCell(j, columns, cellCols));
    const int c = exact ? int(i) : int(core::poolCell(i, rows, cellRows));
    const double v = panel.sparse->values[a];
    if (v > data->cell(b, c)) data->setCell(b, c, v);
  });
}

QString MatrixPlot::tooltipAt(const QPointF& pos) const {
  for (int p = 0; p < panelCount(); ++p) {
    QCPColorMap* map = m_maps[static_cast<std::size_t>(p)];
    if (!map->keyAxis()->axisRect()->rect().contains(pos.toPoint())) continue;
    int col = static_cast<int>(std::lround(map->keyAxis()->pixelToCoord(pos.x())));
    int row = static_cast<int>(std::lround(map->valueAxis()->pixelToCoord(pos.y())));
    const MatrixPanel& m = m_panels[static_cast<std::size_t>(p)];
    if (m_logicalRows > 0 && m_logicalCols > 0) {  // a token index: its cell
      if (row < 0 || col < 0 || row >= m_logicalRows || col >= m_logicalCols) return {};
      row = static_cast<int>(core::poolCell(row, m_logicalRows, m.rows()));
      col = static_cast<int>(core::poolCell(col, m_logicalCols, m.cols()));
    }
    if (row < 0 || col < 0 || row >= m.rows() || col >= m.cols()) return {};
    const double v = m.value(row, col);
    return m_tooltip ? m_tooltip(p, row, col, v) : QString::number(v, 'g', 4);
  }
  return {};
}

void MatrixPlot::onMouseMove(QMouseEvent* event) {
  const QString text = tooltipAt(event->position());
  if (text.isEmpty())
    QToolTip::hideText();
  else
    QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

}  // namespace atlas::widgets
