// MatrixPlot: from matrices to colour-map cells and back (filling, pooling to display cells,
// the cell under the mouse), and wrapped message text.
#include "matrix_plot.h"

#include "core/streaming.h"

#include <QTextLayout>
#include <QToolTip>

#include <cmath>

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
    if (m_maps[static_cast<std::size_t>(p)]->keyAxis()->axisRect()->rect().contains(pos.toPoint())) return p;
  return -1;
}

void MatrixPlot::fillMap(QCPColorMap* map, const core::Matrix& m) {
  QCPColorMapData* data = map->data();
  const int rows = static_cast<int>(m.rows()), columns = static_cast<int>(m.cols());
  const int cellRows = data->valueSize(), cellCols = data->keySize();
  if (cellRows == rows && cellCols == columns) {
    for (int i = 0; i < rows; ++i)
      for (int j = 0; j < columns; ++j) data->setCell(j, i, m(i, j));
    return;
  }
  // Fewer cells than entries (setDisplayCells): each cell the largest entry of its block, read
  // straight from the shared matrix, so nothing of its size is copied.
  for (int a = 0; a < cellRows; ++a) {
    const core::Index r0 = core::poolStart(a, rows, cellRows), r1 = core::poolStart(a + 1, rows, cellRows);
    for (int b = 0; b < cellCols; ++b) {
      const core::Index c0 = core::poolStart(b, columns, cellCols), c1 = core::poolStart(b + 1, columns, cellCols);
      data->setCell(b, a, m.block(r0, c0, r1 - r0, c1 - c0).maxCoeff());
    }
  }
}

QString MatrixPlot::tooltipAt(const QPointF& pos) const {
  for (int p = 0; p < panelCount(); ++p) {
    QCPColorMap* map = m_maps[static_cast<std::size_t>(p)];
    if (!map->keyAxis()->axisRect()->rect().contains(pos.toPoint())) continue;
    int col = static_cast<int>(std::lround(map->keyAxis()->pixelToCoord(pos.x())));
    int row = static_cast<int>(std::lround(map->valueAxis()->pixelToCoord(pos.y())));
    const core::Matrix& m = *m_panels[static_cast<std::size_t>(p)].matrix;
    if (m_logicalRows > 0 && m_logicalCols > 0) {  // a token index: its cell
      if (row < 0 || col < 0 || row >= m_logicalRows || col >= m_logicalCols) return {};
      row = static_cast<int>(core::poolCell(row, m_logicalRows, m.rows()));
      col = static_cast<int>(core::poolCell(col, m_logicalCols, m.cols()));
    }
    if (row < 0 || col < 0 || row >= m.rows() || col >= m.cols()) return {};
    const double v = m(row, col);
    return m_tooltip ? m_tooltip(p, row, col, v) : QString::number(v, 'g', 4);
  }
  return {};
}

void MatrixPlot::onMouseMove(QMouseEvent* event) {
  const QString text = tooltipAt(event->position());
  if (text.isEmpty()) QToolTip::hideText();
  else QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

}  // namespace atlas::widgets
