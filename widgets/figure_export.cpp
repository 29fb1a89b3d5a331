#include "figure_export.h"

#include <QCoreApplication>
#include <QImage>
#include <QImageWriter>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <qcustomplot.h>

#include <cmath>

namespace atlas::widgets {

namespace {

/// Paints the title, the plot and the caption into a w x h area of `painter`.
void paintFramed(QCPPainter& painter, QCustomPlot* plot, int w, int h, const FigureOptions& o) {
  const QFont base = plot->font();
  const double pointSize = base.pointSizeF() > 0 ? base.pointSizeF() : 10.0;
  const int margin = std::max(4, w / 60);
  const int textWidth = std::max(1, w - 2 * margin);
  const int flags = Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap;

  QFont titleFont = base, captionFont = base;
  titleFont.setPointSizeF(pointSize * 1.6);
  titleFont.setBold(true);
  captionFont.setPointSizeF(pointSize * 1.15);
  const auto heightOf = [&](const QFont& font, const QString& text) {
    if (text.isEmpty()) return 0;
    painter.setFont(font);
    return painter.boundingRect(QRect(0, 0, textWidth, h), flags, text).height() + margin;
  };
  const int titleHeight = heightOf(titleFont, o.title);
  const int captionHeight = heightOf(captionFont, o.caption);
  // A caption or title never takes more than half of the figure: the plot keeps the rest.
  const int top = std::min(titleHeight, h / 4), bottom = std::min(captionHeight, h / 4);
  const int plotHeight = std::max(1, h - top - bottom);

  if (top > 0 || bottom > 0) painter.fillRect(QRect(0, 0, w, h), Qt::white);
  painter.save();
  painter.translate(0, top);
  plot->toPainter(&painter, w, plotHeight);
  painter.restore();
  painter.setPen(Qt::black);
  if (top > 0) {
    painter.setFont(titleFont);
    painter.drawText(QRect(margin, margin / 2, textWidth, top), flags, o.title);
  }
  if (bottom > 0) {
    painter.setFont(captionFont);
    painter.drawText(QRect(margin, top + plotHeight, textWidth, bottom), flags, o.caption);
  }
}

QString couldNotWrite(const QString& path, const QString& why = {}) {
  return why.isEmpty()
             ? QCoreApplication::translate("FigureExport", "Could not write %1.").arg(path)
             : QCoreApplication::translate("FigureExport", "Could not write %1: %2.")
                   .arg(path, why);
}

/// Renames the temporary file over `path`, or says why not.
QString commit(QSaveFile& file, const QString& path) {
  return file.commit() ? QString() : couldNotWrite(path, file.errorString());
}

}  // namespace

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
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return couldNotWrite(path, file.errorString());
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
        paintFramed(painter, plot, lw, lh, o);
      }
      const int dpm = int(std::lround(o.dpi / 0.0254));
      image.setDotsPerMeterX(dpm);
      image.setDotsPerMeterY(dpm);
      QImageWriter writer(&file, "png");
      if (!writer.write(image)) return couldNotWrite(path, writer.errorString());
      return commit(file, path);
    }
    case FigureFormat::Svg: {
      QSvgGenerator svg;
      svg.setOutputDevice(&file);
      svg.setSize(QSize(o.width, o.height));
      svg.setViewBox(QRect(0, 0, o.width, o.height));
      svg.setTitle(QStringLiteral("Attention Atlas"));
      QCPPainter painter;
      if (!painter.begin(&svg)) return couldNotWrite(path);
      painter.setMode(QCPPainter::pmVectorized);
      painter.setMode(QCPPainter::pmNoCaching);
      paintFramed(painter, plot, o.width, o.height, o);
      painter.end();
      return commit(file, path);
    }
    case FigureFormat::Pdf: {
      // One page of exactly width x height points, drawn in points.
      QPdfWriter pdf(&file);
      pdf.setCreator(QStringLiteral("Attention Atlas"));
      pdf.setTitle(o.title.isEmpty() ? QStringLiteral("Attention Atlas") : o.title);
      pdf.setPageSize(
          QPageSize(QSizeF(o.width, o.height), QPageSize::Point, QString(), QPageSize::ExactMatch));
      pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
      pdf.setResolution(72);
      QCPPainter painter;
      if (!painter.begin(&pdf)) return couldNotWrite(path);
      painter.setMode(QCPPainter::pmVectorized);
      painter.setMode(QCPPainter::pmNoCaching);
      painter.setMode(QCPPainter::pmNonCosmetic);  // lines keep their width at any zoom
      painter.setWindow(0, 0, o.width, o.height);
      paintFramed(painter, plot, o.width, o.height, o);
      painter.end();
      return commit(file, path);
    }
  }
  return {};
}

}  // namespace atlas::widgets
