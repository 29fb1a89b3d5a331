#include "figure_export.h"

#include <QCoreApplication>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QSvgGenerator>

#include <qcustomplot.h>

#include <cmath>

namespace atlas::widgets {

bool figureFormatFromSuffix(const QString& suffix, FigureFormat* format) {
  const QString s = suffix.toLower();
  if (s == "png")
    *format = FigureFormat::Png;
  else if (s == "svg")
    *format = FigureFormat::Svg;
  else if (s == "pdf")
    *format = FigureFormat::Pdf;
  else
    return false;
  return true;
}

QString exportFigure(QCustomPlot* plot, const QString& path, const FigureOptions& o) {
  if (o.width < 16 || o.height < 16 || o.width > 20000 || o.height > 20000)
    return QCoreApplication::translate(
        "FigureExport", "The figure size must be between 16 and 20000 pixels on each side.");
  if (o.dpi < 24 || o.dpi > 2400)
    return QCoreApplication::translate("FigureExport",
                                       "The resolution must be between 24 and 2400 DPI.");
  switch (o.format) {
    case FigureFormat::Png: {
      // Lay the plot out at width/scale x height/scale and paint it scaled, so text keeps its
      // proportion at any DPI; the image then has exactly the requested pixels.
      const double scale = o.dpi / 96.0;
      const int lw = std::max(1, int(std::lround(o.width / scale)));
      const int lh = std::max(1, int(std::lround(o.height / scale)));
      QImage image(o.width, o.height, QImage::Format_ARGB32_Premultiplied);
      image.fill(Qt::white);
      {
        QCPPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.scale(double(o.width) / lw, double(o.height) / lh);
        plot->toPainter(&painter, lw, lh);
      }
      const int dpm = int(std::lround(o.dpi / 0.0254));
      image.setDotsPerMeterX(dpm);
      image.setDotsPerMeterY(dpm);
      QImageWriter writer(path, "png");
      if (!writer.write(image))
        return QCoreApplication::translate("FigureExport", "Could not write %1: %2.")
            .arg(path, writer.errorString());
      return {};
    }
    case FigureFormat::Svg: {
      QSvgGenerator svg;
      svg.setFileName(path);
      svg.setSize(QSize(o.width, o.height));
      svg.setViewBox(QRect(0, 0, o.width, o.height));
      svg.setTitle(QStringLiteral("Attention Atlas"));
      QCPPainter painter;
      if (!painter.begin(&svg))
        return QCoreApplication::translate("FigureExport", "Could not write %1.").arg(path);
      painter.setMode(QCPPainter::pmVectorized);
      painter.setMode(QCPPainter::pmNoCaching);
      plot->toPainter(&painter, o.width, o.height);
      painter.end();
      return QFileInfo(path).size() > 0
                 ? QString()
                 : QCoreApplication::translate("FigureExport", "Could not write %1.").arg(path);
    }
    case FigureFormat::Pdf:
      if (!plot->savePdf(path, o.width, o.height, QCP::epNoCosmetic,
                         QStringLiteral("Attention Atlas")))
        return QCoreApplication::translate("FigureExport", "Could not write %1.").arg(path);
      return {};
  }
  return {};
}

}  // namespace atlas::widgets
