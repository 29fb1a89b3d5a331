// MatrixPlot: from matrices to colour-map cells and back (filling, pooling to display cells,
// the cell under the mouse), and wrapped message text.
#include "matrix_plot.h"

#include "core/pool_geometry.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>
#include <tbb/task_arena.h>

#include <QTextLayout>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

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

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// What a fill learns on its way: the range of the entries read, and the bounds of the cells
/// written (for the data bounds setCell would have kept).
struct Found {
  MatrixPanel::Range range{kInf, -kInf, kInf};
  double cellLo = kInf, cellHi = -kInf;

  void cell(double v) {
    cellLo = std::min(cellLo, v);
    cellHi = std::max(cellHi, v);
  }
  static Found merge(Found a, const Found& b) {
    a.range.lo = std::min(a.range.lo, b.range.lo);
    a.range.hi = std::max(a.range.hi, b.range.hi);
    a.range.minPositive = std::min(a.range.minPositive, b.range.minPositive);
    a.cellLo = std::min(a.cellLo, b.cellLo);
    a.cellHi = std::max(a.cellHi, b.cellHi);
    return a;
  }
};

/// Runs body(rows, found) over blocks of [0, count) rows of cells in parallel and merges what
/// they found. Isolated, so the calling (GUI) thread never picks up an engine task meanwhile.
template <typename Body>
Found overRows(int count, int grain, Body body) {
  return tbb::this_task_arena::isolate([&] {
    return tbb::parallel_reduce(
        tbb::blocked_range<int>(0, count, std::max(1, grain)), Found{},
        [&](const tbb::blocked_range<int>& rows, Found found) {
          body(rows, found);
          return found;
        },
        &Found::merge);
  });
}

/// Cells from a dense matrix (or mask): one per entry, or (fewer cells than entries, see
/// setDisplayCells) each the largest entry of its block, read straight from the shared
/// matrix, so nothing of its size is copied. The range comes from the same reads.
template <typename M>
Found fillDense(QCPColorMapData& data, const M& m, const core::MaskMatrix* computed) {
  static_assert(M::IsRowMajor, "rows are read as contiguous runs");
  const int rows = static_cast<int>(m.rows()), columns = static_cast<int>(m.cols());
  const int cellRows = data.valueSize(), cellCols = data.keySize();
  double* out = MapCells::cells(data);
  const auto* in = m.data();
  if (cellRows == rows && cellCols == columns) {
    return overRows(rows, 16384 / std::max(columns, 1), [&](const auto& block, Found& f) {
      double lo = f.range.lo, hi = f.range.hi, minPositive = f.range.minPositive;
      for (int i = block.begin(); i != block.end(); ++i) {
        const auto* src = in + std::size_t(i) * std::size_t(columns);
        double* dst = out + std::size_t(i) * std::size_t(columns);
        const auto* mask =
            computed ? computed->data() + std::size_t(i) * std::size_t(columns) : nullptr;
        for (int j = 0; j < columns; ++j) {
          // A pair never computed is a NaN cell, drawn as not computed, never as a weight of
          // 0; the range still counts its entry, as it counts a sparse panel's zeros.
          const double v = double(src[j]);
          dst[j] = mask && !mask[j] ? kNaN : v;
          lo = std::min(lo, v);
          hi = std::max(hi, v);
          minPositive = std::min(minPositive, v > 0 ? v : kInf);
        }
      }
      f.range = {lo, hi, minPositive};
      f.cellLo = lo;  // every entry is a cell
      f.cellHi = hi;
    });
  }
  // Block maxima: cell (a, b) is the largest entry of rows [poolStart(a), poolStart(a + 1))
  // and columns [poolStart(b), poolStart(b + 1)); no block is empty (cells <= entries).
  std::vector<int> colStart(std::size_t(cellCols) + 1);
  for (int b = 0; b <= cellCols; ++b)
    colStart[std::size_t(b)] = int(core::poolStart(b, columns, cellCols));
  const int grain = int(16384 / std::max<core::Index>(1, core::Index(rows / cellRows) * columns));
  return overRows(cellRows, grain, [&](const auto& block, Found& f) {
    double lo = f.range.lo, hi = f.range.hi, minPositive = f.range.minPositive;
    for (int a = block.begin(); a != block.end(); ++a) {
      double* dst = out + std::size_t(a) * std::size_t(cellCols);
      std::fill(dst, dst + cellCols, -kInf);
      const int r1 = int(core::poolStart(a + 1, rows, cellRows));
      for (int r = int(core::poolStart(a, rows, cellRows)); r < r1; ++r) {
        const auto* src = in + std::size_t(r) * std::size_t(columns);
        const auto* mask =
            computed ? computed->data() + std::size_t(r) * std::size_t(columns) : nullptr;
        for (int b = 0; b < cellCols; ++b) {
          double top = dst[b];
          for (int c = colStart[std::size_t(b)]; c < colStart[std::size_t(b) + 1]; ++c) {
            const double v = double(src[c]);
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            minPositive = std::min(minPositive, v > 0 ? v : kInf);
            if (!mask || mask[c]) top = std::max(top, v);  // a block never computed stays NaN
          }
          dst[b] = top;
        }
      }
      for (int b = 0; b < cellCols; ++b) {
        if (dst[b] == -kInf) dst[b] = kNaN;
        f.cell(dst[b]);
      }
    }
    f.range = {lo, hi, minPositive};
  });
}

/// Cells from the pairs only: each the largest of its block's pairs; where it has none, NaN
/// (drawn as not computed) or, with `offPattern` a number, that number (a category plot's 0).
/// The time follows the pattern's size. A row of cells takes
/// the query rows of its block, so the blocks of rows run in parallel without sharing a cell.
Found fillSparse(QCPColorMapData& data, const core::SparseWeights& w, double offPattern) {
  const int rows = static_cast<int>(w.rows()), columns = static_cast<int>(w.cols());
  const int cellRows = data.valueSize(), cellCols = data.keySize();
  const bool exact = cellRows == rows && cellCols == columns;
  const core::SparsePattern& p = *w.pattern;
  double* out = MapCells::cells(data);
  Found found = overRows(cellRows, 64, [&](const auto& block, Found& f) {
    for (int a = block.begin(); a != block.end(); ++a) {
      double* dst = out + std::size_t(a) * std::size_t(cellCols);
      std::fill(dst, dst + cellCols, offPattern);
      const core::Index r0 = exact ? a : core::poolStart(a, rows, cellRows),
                        r1 = exact ? a + 1 : core::poolStart(a + 1, rows, cellRows);
      for (std::size_t k = std::size_t(p.rowStart[std::size_t(r0)]);
           k < std::size_t(p.rowStart[std::size_t(r1)]); ++k) {
        const core::Index j = p.cols[k];
        const int b = exact ? int(j) : int(core::poolCell(j, columns, cellCols));
        const double v = w.values[k];
        f.range.lo = std::min(f.range.lo, v);
        f.range.hi = std::max(f.range.hi, v);
        if (v > 0) f.range.minPositive = std::min(f.range.minPositive, v);
        if (!(v <= dst[b])) dst[b] = v;  // also over NaN
      }
      for (int b = 0; b < cellCols; ++b) f.cell(dst[b]);
    }
  });
  // The zeros off the pattern, when there are any (drawn as 0 or as not computed).
  if (w.nnz() != std::size_t(rows) * std::size_t(columns)) {
    found.range.lo = std::min(found.range.lo, 0.0);
    found.range.hi = std::max(found.range.hi, 0.0);
  }
  return found;
}

}  // namespace

MatrixPanel::Range fillCells(QCPColorMapData& data, const MatrixPanel& panel, bool uncomputed) {
  if (data.isEmpty()) return {kInf, -kInf, kInf};
  const Found found = panel.matrix
                          ? fillDense(data, *panel.matrix, uncomputed ? panel.computed : nullptr)
                      : panel.mask ? fillDense(data, *panel.mask, nullptr)
                                   : fillSparse(data, *panel.sparse, uncomputed ? kNaN : 0.0);
  // As setCell per cell would have left them; the sparse path first zeroes every cell (fill).
  if (panel.sparse) MapCells::resetBounds(data, 0);
  MapCells::cellsWritten(data, found.cellLo, found.cellHi);
  return found.range;
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
