// Legend pieces the views share: an entry that is a swatch and a name (no plottable behind it).
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
  QBrush m_color;
  QString m_name;
};

}  // namespace atlas::widgets
