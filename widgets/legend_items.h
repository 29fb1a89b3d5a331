// Legend pieces the views share: an entry that is a swatch and a name (no plottable behind it),
// and a legend below a figure's panels that wraps its entries into rows that fit the figure.
#pragma once

#include <qcustomplot.h>

namespace atlas::widgets {

/// A legend entry that is a coloured square (any brush: a colour, a hatching, a gradient) and a
/// name.
class SwatchItem : public QCPAbstractLegendItem {
 public:
  SwatchItem(QCPLegend* legend, QBrush color, QString name)
      : QCPAbstractLegendItem(legend), m_color(std::move(color)), m_name(std::move(name)) {}
  const QString& name() const { return m_name; }

 protected:
  void draw(QCPPainter* painter) override;
  QSize minimumOuterSizeHint() const override;

 private:
  /// The name's height: glyphs of a fallback font (Chinese) may stand taller than the font's.
  int textHeight() const;
  QBrush m_color;
  QString m_name;
};

/// A legend laid out in rows of as many entries as the plot's width holds, recomputed at every
/// layout (on screen, or into a figure of another size), so that it never widens the figure;
/// nor does it narrow its column, even empty (a QCPLayoutGrid of nothing is at most 0 wide).
class WrappingLegend : public QCPLegend {
 public:
  WrappingLegend();

 protected:
  QSize minimumOuterSizeHint() const override;
  QSize maximumOuterSizeHint() const override;

 private:
  void rewrap() const;
};

}  // namespace atlas::widgets
