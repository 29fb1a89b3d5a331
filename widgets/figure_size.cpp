#include "figure_size.h"

#include <QRegularExpression>

#include <cmath>

namespace atlas::widgets {

const std::vector<FigurePreset>& figurePresets() {
  // A journal column is about 3.5 in (89 mm) wide, a page's two columns about 7.2 in (183 mm);
  // a widescreen slide is 13.33 x 7.5 in.
  static const std::vector<FigurePreset> kPresets = {
      {"column", QT_TRANSLATE_NOOP("FigureExport", "Single column (3.5 × 2.6 in)"), 3.5, 2.625, 8,
       300},
      {"double", QT_TRANSLATE_NOOP("FigureExport", "Double column (7.2 × 4 in)"), 7.2, 4.0, 9, 300},
      {"slide", QT_TRANSLATE_NOOP("FigureExport", "Slide 16:9 (13.3 × 7.5 in)"), 13.333, 7.5, 18,
       150},
  };
  return kPresets;
}

const FigurePreset* findFigurePreset(const QString& id) {
  for (const FigurePreset& p : figurePresets())
    if (id == QLatin1String(p.id)) return &p;
  return nullptr;
}

bool parseLength(const QString& text, FigureFormat format, double dpi, double* inches) {
  static const QRegularExpression kLength(
      QStringLiteral(R"(^\s*([0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*(in|mm|cm|pt|px)?\s*$)"));
  const QRegularExpressionMatch m = kLength.match(text.toLower());
  if (!m.hasMatch() || dpi <= 0) return false;
  const double v = m.captured(1).toDouble();
  QString unit = m.captured(2);
  if (unit.isEmpty()) unit = format == FigureFormat::Png ? "px" : "pt";
  const double in = unit == "in"   ? v
                    : unit == "mm" ? v / 25.4
                    : unit == "cm" ? v / 2.54
                    : unit == "pt" ? v / 72.0
                                   : v / dpi;
  if (!(in > 0) || !std::isfinite(in)) return false;
  *inches = in;
  return true;
}

int fileUnits(double inches, FigureFormat format, double dpi) {
  return int(std::lround(inches * (format == FigureFormat::Png ? dpi : 72.0)));
}

double widthInches(const FigureOptions& o) {
  return o.width / (o.format == FigureFormat::Png ? o.dpi : 72.0);
}

double heightInches(const FigureOptions& o) {
  return o.height / (o.format == FigureFormat::Png ? o.dpi : 72.0);
}

}  // namespace atlas::widgets
