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
/// Translated name for menus ("Viridis", "灰度").
QString colorMapName(ColorMap map);
/// Stable id for settings and the command line ("viridis", "magma", ...).
QString colorMapId(ColorMap map);
ColorMap colorMapFromId(const QString& id, ColorMap fallback = ColorMap::Viridis);

}  // namespace atlas::widgets
