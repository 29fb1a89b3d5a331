#include "figure_export.h"

#include "figure_size.h"
#include "matrix_plot.h"
#include "plot_scale.h"
#include "plot_widget.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFontInfo>
#include <QFontMetricsF>
#include <QHash>
#include <QImage>
#include <QImageWriter>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QPicture>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgGenerator>

#include <qcustomplot.h>

#include <cmath>

namespace atlas::widgets {

namespace {

const QString kCreator = QStringLiteral("Attention Atlas");

/// Every figure is laid out in logical pixels of 1/96 in, whatever its format, so a length means
/// the same in PNG, SVG and PDF and type set in points is that size on the page.
constexpr double kLayoutDpi = 96;

/// Every text element under `layout` with the width it has: the plot's own layout gives its
/// titles the whole width; a nested grid of c columns gives each of its cells 1/c of its own.
struct TextRoom {
  QCPTextElement* text;
  double width;
  bool nested;  ///< a panel's title in a grid of panels (not the figure's own)
};

void collectTexts(QCPLayout* layout, double width, bool top, std::vector<TextRoom>& out) {
  const auto* grid = qobject_cast<QCPLayoutGrid*>(layout);
  const double cell = !top && grid && grid->columnCount() > 0 ? width / grid->columnCount() : width;
  for (int i = 0; i < layout->elementCount(); ++i) {
    QCPLayoutElement* e = layout->elementAt(i);
    if (auto* text = qobject_cast<QCPTextElement*>(e))
      out.push_back({text, cell, !top});
    else if (auto* inner = qobject_cast<QCPLayout*>(e))
      collectTexts(inner, cell, false, out);
  }
}

/// `text`'s lines, each cut to `width` pixels in `font` with an ellipsis: a small panel's title
/// keeps its lines and leaves the panel its room.
QString elideLines(const QString& text, const QFont& font, int width) {
  const QFontMetricsF metrics(font);
  QStringList lines;
  for (const QString& line : text.split(QLatin1Char('\n')))
    lines << metrics.elidedText(line, Qt::ElideRight, width);
  return lines.join(QLatin1Char('\n'));
}

/// `text`'s lines, each broken to `width` pixels in `font`: at its " · " separators first (a
/// title's parts stay whole), then between words.
QString wrapLines(const QString& text, const QFont& font, int width) {
  const QFontMetricsF metrics(font);
  const QString separator = QStringLiteral("  ·  ");
  QStringList lines;
  for (const QString& line : text.split(QLatin1Char('\n'))) {
    if (metrics.horizontalAdvance(line) <= width) {
      lines << line;
      continue;
    }
    QString current;
    for (const QString& part : line.split(separator)) {
      const QString joined = current.isEmpty() ? part : current + separator + part;
      if (!current.isEmpty() && metrics.horizontalAdvance(joined) > width) {
        lines << MatrixPlot::wrapText(current, font, width);
        current = part;
      } else {
        current = joined;
      }
    }
    lines << MatrixPlot::wrapText(current, font, width);
  }
  return lines.join(QLatin1Char('\n'));
}

/// The plot as a figure of `width` logical pixels while it is drawn: its type at `points` (its
/// tick labels; titles keep their proportion), and every title broken into lines that fit its
/// width instead of running off the page. The plot comes back as it was when this goes.
class FigureLook {
 public:
  FigureLook(QCustomPlot* plot, double points, int width, int height) : m_plot(plot) {
    const double now = plot->font().pointSizeF();
    if (points > 0 && now > 0 && std::abs(points - now) > 1e-9) m_ratio = points / now;
    if (m_ratio != 1.0) scalePlot(m_plot, m_ratio, /*pens=*/false);
    // A plot arranged by its size (panels side by side or stacked) is arranged for the figure's.
    if (auto* arranged = dynamic_cast<PlotWidget*>(plot)) arranged->arrangeFor({width, height});
    // First layouts at the figure's size, drawn nowhere: what a plot decides from its layout
    // (how many panels to a row, square cells, the token labels that fit) is in place before
    // the titles are fitted to their room, and again after.
    probe(width, height);
    probe(width, height);
    std::vector<TextRoom> texts;
    collectTexts(plot->plotLayout(), width, true, texts);
    for (const auto& [t, room, nested] : texts) {
      const int fit = std::max(40, int(room) - 12);
      const QString wrapped =
          nested ? elideLines(t->text(), t->font(), fit) : wrapLines(t->text(), t->font(), fit);
      if (wrapped == t->text()) continue;
      m_texts.emplace_back(t, t->text());
      t->setText(wrapped);
    }
    // A colour scale's title runs along its bar: broken into lines no longer than the bar.
    for (QCPLayoutElement* e : plot->plotLayout()->elements(true)) {
      auto* scale = qobject_cast<QCPColorScale*>(e);
      if (!scale || scale->axis()->label().isEmpty()) continue;
      const QString label = scale->axis()->label();
      const int along = std::max(40, scale->rect().height() - 8);
      const QString wrapped = MatrixPlot::wrapText(label, scale->axis()->labelFont(), along);
      if (wrapped == label) continue;
      m_labels.emplace_back(scale->axis(), label);
      scale->axis()->setLabel(wrapped);
    }
    // Until the layout settles (a new grid of panels takes two layouts to square its cells).
    for (int pass = 0; pass < 3; ++pass) probe(width, height);
  }
  ~FigureLook() {
    for (const auto& [t, text] : m_texts) t->setText(text);
    for (const auto& [axis, text] : m_labels) axis->setLabel(text);
    if (m_ratio != 1.0) scalePlot(m_plot, 1.0 / m_ratio, /*pens=*/false);
    if (auto* arranged = dynamic_cast<PlotWidget*>(m_plot)) {
      arranged->arrangeFor(arranged->size());  // as on screen again
      arranged->replot(QCustomPlot::rpQueuedReplot);
    }
  }
  FigureLook(const FigureLook&) = delete;
  void probe(int width, int height) {
    QPicture picture;
    QCPPainter painter(&picture);
    m_plot->toPainter(&painter, width, height);
  }
  FigureLook& operator=(const FigureLook&) = delete;

 private:
  QCustomPlot* m_plot;
  double m_ratio = 1.0;
  std::vector<std::pair<QCPTextElement*, QString>> m_texts;
  std::vector<std::pair<QCPAxis*, QString>> m_labels;
};

/// Paints the title, the plot and the caption into a w x h area (logical pixels) of `painter`,
/// with an outer margin.
void paintFramed(QCPPainter& painter, QCustomPlot* plot, int w, int h, const FigureOptions& o) {
  QFont base = plot->font();
  const double pointSize = o.fontPoints > 0        ? o.fontPoints
                           : base.pointSizeF() > 0 ? base.pointSizeF()
                                                   : 10.0;
  // About 1/50 of the shorter side, at least 3 points: room for the outermost labels.
  const int margin = std::max(4, int(std::lround(std::min(w, h) / 50.0)));
  const int textWidth = std::max(1, w - 2 * margin);
  const int flags = Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap;

  QFont titleFont = base, captionFont = base;
  titleFont.setPointSizeF(pointSize * 1.5);
  titleFont.setBold(true);
  captionFont.setPointSizeF(pointSize * 1.1);
  const auto heightOf = [&](const QFont& font, const QString& text) {
    if (text.isEmpty()) return 0;
    painter.setFont(font);
    return painter.boundingRect(QRect(0, 0, textWidth, h), flags, text).height() + margin / 2;
  };
  const int titleHeight = heightOf(titleFont, o.title);
  const int captionHeight = heightOf(captionFont, o.caption);
  // A caption or title never takes more than a quarter of the figure: the plot keeps the rest.
  const int top = margin + std::min(titleHeight, h / 4);
  const int bottom = margin + std::min(captionHeight, h / 4);
  const int plotWidth = std::max(1, w - 2 * margin), plotHeight = std::max(1, h - top - bottom);
  const FigureLook look(plot, o.fontPoints, plotWidth, plotHeight);

  painter.fillRect(QRect(0, 0, w, h), Qt::white);
  painter.save();
  painter.translate(margin, top);
  plot->toPainter(&painter, plotWidth, plotHeight);
  painter.restore();
  painter.setPen(Qt::black);
  if (titleHeight > 0) {
    painter.setFont(titleFont);
    painter.drawText(QRect(margin, margin, textWidth, top - margin), flags, o.title);
  }
  if (captionHeight > 0) {
    painter.setFont(captionFont);
    painter.drawText(QRect(margin, top + plotHeight + margin / 2, textWidth, bottom - margin),
                     flags, o.caption);
  }
}

/// The SVG with every font family named as the font that drew it (the generic "Sans Serif"
/// resolved, e.g. to "DejaVu Sans") and followed by fallbacks that have the Chinese glyphs, so
/// the text looks the same on another machine.
QByteArray withNamedFonts(const QByteArray& svg) {
  static const QRegularExpression kFamily(QStringLiteral("font-family=\"([^\"]*)\""));
  const QString text = QString::fromUtf8(svg);
  QString out;
  out.reserve(text.size() + text.size() / 8);
  qsizetype last = 0;
  QHash<QString, QString> named;
  for (auto it = kFamily.globalMatch(text); it.hasNext();) {
    const QRegularExpressionMatch m = it.next();
    const QString family = m.captured(1);
    auto found = named.find(family);
    if (found == named.end()) {
      const QString real = QFontInfo(QFont(family)).family();
      found = named.insert(
          family, real + QStringLiteral(", WenQuanYi Micro Hei, Noto Sans CJK SC, Source Han Sans "
                                        "SC, Microsoft YaHei, PingFang SC, sans-serif"));
    }
    out += QStringView(text).mid(last, m.capturedStart() - last);
    out += QStringLiteral("font-family=\"") + *found + QLatin1Char('"');
    last = m.capturedEnd();
  }
  out += QStringView(text).mid(last);
  return out.toUtf8();
}

QString couldNotWrite(const QString& path, const QString& why = {}) {
  return why.isEmpty()
             ? QCoreApplication::translate("FigureExport", "Could not write %1.").arg(path)
             : QCoreApplication::translate("FigureExport", "Could not write %1: %2.")
                   .arg(path, why);
}

/// Renames the temporary file over `path`, or says why not.
/// Writes `bytes` and puts the file in place; a short write (a full disk) is an error, and the
/// old file then stays.
QString commit(QSaveFile& file, const QString& path, const QByteArray& bytes) {
  if (file.write(bytes) != bytes.size() || !file.flush()) {
    // A short write sets no error of its own: the disk took less than it was given.
    const QString why =
        file.error() == QFileDevice::NoError || file.errorString() == QLatin1String("Unknown error")
            ? QCoreApplication::translate("FigureExport",
                                          "the disk is full, or the file is larger than allowed")
            : file.errorString();
    file.cancelWriting();
    return couldNotWrite(path, why);
  }
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
  // The logical size: the figure's inches at 96 per inch.
  const int lw = std::max(16, int(std::lround(widthInches(o) * kLayoutDpi)));
  const int lh = std::max(16, int(std::lround(heightInches(o) * kLayoutDpi)));
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return couldNotWrite(path, file.errorString());
  switch (o.format) {
    case FigureFormat::Png: {
      // Laid out at the logical size and painted scaled, so text keeps its size in points at
      // any DPI; the image then has exactly the requested pixels.
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
      // Encoded in memory first: a device that takes fewer bytes than it is given (a full
      // disk) is then an error here, where an encoder writing to the file would ignore it.
      QBuffer buffer;
      buffer.open(QIODevice::WriteOnly);
      QImageWriter writer(&buffer, "png");
      writer.setText(QStringLiteral("Title"), o.title.isEmpty() ? kCreator : o.title);
      writer.setText(QStringLiteral("Software"), kCreator);
      if (!writer.write(image)) return couldNotWrite(path, writer.errorString());
      return commit(file, path, buffer.data());
    }
    case FigureFormat::Svg: {
      // One user unit is a logical pixel (1/96 in); the file says its size in millimetres.
      QBuffer buffer;
      buffer.open(QIODevice::WriteOnly);
      QSvgGenerator svg;
      svg.setOutputDevice(&buffer);
      svg.setResolution(int(kLayoutDpi));
      svg.setSize(QSize(lw, lh));
      svg.setViewBox(QRect(0, 0, lw, lh));
      svg.setTitle(o.title.isEmpty() ? kCreator : o.title);
      svg.setDescription(kCreator);
      QCPPainter painter;
      if (!painter.begin(&svg)) return couldNotWrite(path);
      painter.setMode(QCPPainter::pmVectorized);
      painter.setMode(QCPPainter::pmNoCaching);
      paintFramed(painter, plot, lw, lh, o);
      painter.end();
      return commit(file, path, withNamedFonts(buffer.data()));
    }
    case FigureFormat::Pdf: {
      // One page of exactly width x height points, drawn in logical pixels (resolution 96), so
      // fonts in points are their size on the page. Qt embeds the fonts, subset to the glyphs
      // used.
      QBuffer buffer;  // as for PNG: the whole file in memory, then written and checked
      buffer.open(QIODevice::WriteOnly);
      QPdfWriter pdf(&buffer);
      pdf.setCreator(kCreator);
      pdf.setTitle(o.title.isEmpty() ? kCreator : o.title);
      pdf.setPageSize(
          QPageSize(QSizeF(o.width, o.height), QPageSize::Point, QString(), QPageSize::ExactMatch));
      pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
      pdf.setResolution(int(kLayoutDpi));
      QCPPainter painter;
      if (!painter.begin(&pdf)) return couldNotWrite(path);
      painter.setMode(QCPPainter::pmVectorized);
      painter.setMode(QCPPainter::pmNoCaching);
      painter.setMode(QCPPainter::pmNonCosmetic);  // lines keep their width at any zoom
      painter.setWindow(0, 0, lw, lh);
      paintFramed(painter, plot, lw, lh, o);
      painter.end();
      return commit(file, path, buffer.data());
    }
  }
  return {};
}

QImage renderFigure(QCustomPlot* plot, const FigureOptions& o, QSize box) {
  const int lw = std::max(16, int(std::lround(widthInches(o) * kLayoutDpi)));
  const int lh = std::max(16, int(std::lround(heightInches(o) * kLayoutDpi)));
  if (box.width() < 1 || box.height() < 1) return {};
  const double scale = std::min(double(box.width()) / lw, double(box.height()) / lh);
  QImage image(std::max(1, int(lw * scale)), std::max(1, int(lh * scale)),
               QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  QCPPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.scale(double(image.width()) / lw, double(image.height()) / lh);
  paintFramed(painter, plot, lw, lh, o);
  return image;
}

}  // namespace atlas::widgets
