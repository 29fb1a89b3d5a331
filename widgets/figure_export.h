// Writing a plot to PNG (any size and DPI), SVG (vector: text stays text) or PDF, optionally
// framed by a title above and a caption below (a lesson's scene as a slide). Every format is
// laid out the same way for the figure's physical size (figure_size.h), so a 3.5 in figure is
// the same picture in all three, with type of the size asked for.
#pragma once

#include <QImage>
#include <QSize>
#include <QString>

class QCustomPlot;

namespace atlas::widgets {

enum class FigureFormat { Png, Svg, Pdf };

struct FigureOptions {
  FigureFormat format = FigureFormat::Png;
  int width = 1200;  ///< pixels (PNG) or points (SVG, PDF)
  int height = 900;
  double dpi = 96;  ///< PNG: rendering scale dpi/96 and the file's resolution
  QString title;    ///< drawn above the plot when not empty
  QString caption;  ///< drawn below the plot, wrapped to its width, when not empty
  /// The plot's base type (tick labels) in points while it is drawn; titles keep their
  /// proportion. 0: the type the plot has on screen.
  double fontPoints = 0;
};

/// Format from a file suffix ("png", "svg", "pdf"); false when unknown.
bool figureFormatFromSuffix(const QString& suffix, FigureFormat* format);

/// Renders `plot` to `path` through a temporary file renamed over it, so a failure leaves an
/// existing file as it was. Returns an empty string on success, else one translated sentence.
/// The plot's on-screen size is left as it was.
QString exportFigure(QCustomPlot* plot, const QString& path, const FigureOptions& options);

/// The figure as exportFigure lays it out, drawn into an image that fits in `box` (a preview):
/// the same layout at a smaller scale, whatever the format.
QImage renderFigure(QCustomPlot* plot, const FigureOptions& options, QSize box);

}  // namespace atlas::widgets
