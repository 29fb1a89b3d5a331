#include "plot_scale.h"

#include <qcustomplot.h>

namespace atlas::widgets {

namespace {

QFont scaled(QFont font, double ratio) {
  if (font.pointSizeF() > 0)
    font.setPointSizeF(std::max(1.0, font.pointSizeF() * ratio));
  else if (font.pixelSize() > 0)
    font.setPixelSize(std::max(4, int(font.pixelSize() * ratio + 0.5)));
  return font;
}

QPen widened(QPen pen, double ratio) {
  pen.setWidthF(std::max(1.0, pen.widthF() * ratio));
  return pen;
}

/// Every layout element under `layout`, nested layouts included.
void scaleElements(QCPLayout* layout, double ratio) {
  for (int i = 0; i < layout->elementCount(); ++i) {
    QCPLayoutElement* e = layout->elementAt(i);
    if (auto* text = qobject_cast<QCPTextElement*>(e)) {
      text->setFont(scaled(text->font(), ratio));
    } else if (auto* legend = qobject_cast<QCPLegend*>(e)) {
      // QCPLegend::setFont sets every entry's font too: scaling the entries again would square
      // the ratio (and leave them at 1/ratio once a figure scales back).
      legend->setFont(scaled(legend->font(), ratio));
    } else if (auto* inner = qobject_cast<QCPLayout*>(e)) {
      scaleElements(inner, ratio);
    }
    if (auto* rect = qobject_cast<QCPAxisRect*>(e)) {
      for (QCPAxis* axis : rect->axes()) {
        axis->setTickLabelFont(scaled(axis->tickLabelFont(), ratio));
        axis->setLabelFont(scaled(axis->labelFont(), ratio));
      }
      scaleElements(rect->insetLayout(), ratio);  // a legend inside the axes
    }
    if (auto* scale = qobject_cast<QCPColorScale*>(e)) {
      QCPAxis* axis = scale->axis();
      axis->setTickLabelFont(scaled(axis->tickLabelFont(), ratio));
      axis->setLabelFont(scaled(axis->labelFont(), ratio));
    }
  }
}

}  // namespace

void scalePlot(QCustomPlot* plot, double ratio, bool pens) {
  if (!plot || ratio <= 0 || ratio == 1.0) return;
  scaleElements(plot->plotLayout(), ratio);
  for (int i = 0; i < plot->itemCount(); ++i)
    if (auto* text = qobject_cast<QCPItemText*>(plot->item(i)))
      text->setFont(scaled(text->font(), ratio));
  for (int i = 0; pens && i < plot->plottableCount(); ++i) {
    QCPAbstractPlottable* p = plot->plottable(i);
    if (!qobject_cast<QCPColorMap*>(p)) p->setPen(widened(p->pen(), ratio));
  }
  plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace atlas::widgets
