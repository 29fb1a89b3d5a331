// The tables of one walkthrough step drawn as grids of numbers: each table with its symbol and
// caption above, token labels beside its rows and columns, the entries the step reads tinted
// blue, those it writes orange, the worked example's outlined, skipped pairs grey; an arrow
// before the tables the step writes, and a legend of the four marks below. The layout is made
// at every draw from the room there is, so a figure of any size (a column, a slide) is laid out
// for its own size, and the numbers grow with the cells.
#pragma once

#include "core/walkthrough.h"

#include <qcustomplot.h>

#include <memory>
#include <vector>

namespace atlas::widgets {

class WalkTables : public QCPAbstractItem {
 public:
  explicit WalkTables(QCustomPlot* plot);

  /// Draws step `step` of `walk` (kept alive here); nullptr or an index out of range: nothing.
  void setStep(std::shared_ptr<const core::Walkthrough> walk, int step);
  const core::WalkStep* step() const;

  double selectTest(const QPointF& pos, bool onlySelectable, QVariant* details) const override;

  /// What the last draw put under a plot-local position: a table's entry, or table = -1.
  struct Hit {
    int table = -1;
    core::Index row = -1, col = -1;
  };
  Hit hitAt(const QPointF& pos) const;
  /// The tooltip for a plot-local position: the entry's symbol, labels and exact value.
  QString tooltipAt(const QPointF& pos) const;
  /// The height of a cell in the last draw, in the painter's units (0 before the first draw).
  double cellHeight() const { return m_cellHeight; }
  /// The rectangle of entry (row, col) of table `table` in the last draw (empty when not shown).
  QRectF cellRect(int table, core::Index row, core::Index col) const;

  /// The tints, shared with the legend and the tests.
  static QColor readColor() { return QColor(0xc6, 0xdb, 0xef); }
  static QColor writtenColor() { return QColor(0xfd, 0xd0, 0xa2); }
  static QColor exampleColor() { return QColor(0xb2, 0x18, 0x2b); }
  static QColor skippedColor() { return QColor(0xe4, 0xe4, 0xe4); }

  /// A number as a cell writes it: two decimals and a true minus sign ("−0.25").
  static QString numberText(double value);

 protected:
  void draw(QCPPainter* painter) override;

 private:
  /// Where one table went in the last draw.
  struct Placed {
    QPointF origin;  ///< top-left corner of entry (0, 0)
    double cellW = 0, cellH = 0;
  };
  /// Sizes of one table in units of the cell height.
  struct Extent {
    double width = 0, height = 0, labelWidth = 0;
  };
  Extent extentOf(const core::WalkTable& t, const QFont& unitFont, double cellWidth,
                  const QPaintDevice* device) const;
  void drawTable(QCPPainter* painter, const core::WalkTable& t, const QPointF& topLeft,
                 const Extent& e, double u, double cellWidth, Placed& placed);
  void drawLegend(QCPPainter* painter, const QRectF& area, double u);

  std::shared_ptr<const core::Walkthrough> m_walk;
  int m_step = -1;
  std::vector<Placed> m_placed;
  double m_cellHeight = 0;
};

}  // namespace atlas::widgets
