// Figure sizes in physical units: a length with its unit ("3.5in", "89mm", "8.9cm", "252pt",
// "1050px") and the presets an author needs (a journal's single and double column, a 16:9
// slide), each with the type size that reads well at that size.
#pragma once

#include "figure_export.h"

#include <QString>

#include <vector>

namespace atlas::widgets {

struct FigurePreset {
  const char* id;     ///< "column", "double", "slide": stable, used by the command line
  const char* title;  ///< untranslated (context "FigureExport")
  double widthInches, heightInches;
  double fontPoints;  ///< the plot's base type (tick labels); titles are larger
  double dpi;         ///< PNG resolution
};

/// Every preset, in the order the export dialog lists them.
const std::vector<FigurePreset>& figurePresets();
const FigurePreset* findFigurePreset(const QString& id);

/// `text` as inches: a number with a unit (in, mm, cm, pt, px; px at `dpi`), or a bare number
/// in the file's own units (pixels for PNG at `dpi`, points for SVG and PDF). False when it is
/// not a positive length.
bool parseLength(const QString& text, FigureFormat format, double dpi, double* inches);

/// `inches` in the file's own units: PNG pixels at `dpi`, SVG and PDF points; rounded.
int fileUnits(double inches, FigureFormat format, double dpi);

/// The options' size in inches (width / dpi for PNG, width / 72 for SVG and PDF).
double widthInches(const FigureOptions& o);
double heightInches(const FigureOptions& o);

}  // namespace atlas::widgets
