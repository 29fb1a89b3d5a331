// Colour maps for heatmaps: perceptually uniform ones first (viridis is the default).
#pragma once

#include <QString>

class QCPColorGradient;

namespace atlas::widgets {

enum class ColorMap { Viridis, Magma, Cividis, Grayscale, Hot };
inline constexpr int kColorMapCount = 5;

QCPColorGradient colorGradient(ColorMap map);
/// For signed data: blue below 0, white at 0, red above (ColorBrewer's RdBu), to be used on a
/// range symmetric about 0. Whatever map is chosen for weights, signed matrices get this one.
QCPColorGradient divergingGradient();
/// A colour scale's range and whether it shows signed data.
struct ColorRange {
  double lower = 0, upper = 1;
  bool isSigned = false;
};
/// How data from `lo` to `hi` is coloured: values of both signs (lo < 0 < hi) on a range
/// symmetric about 0, so that 0 is the diverging map's white; anything else on [lo, hi] (one
/// unit wide when lo = hi).
ColorRange colorRange(double lo, double hi);
/// divergingGradient() for a signed range, else the chosen map.
QCPColorGradient gradientFor(const ColorRange& range, ColorMap map);
/// Translated name for menus ("Viridis", "灰度").
QString colorMapName(ColorMap map);
/// Stable id for settings and the command line ("viridis", "magma", ...).
QString colorMapId(ColorMap map);
ColorMap colorMapFromId(const QString& id, ColorMap fallback = ColorMap::Viridis);

}  // namespace atlas::widgets
