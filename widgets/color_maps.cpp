#include "color_maps.h"

#include <QCoreApplication>

#include <qcustomplot.h>

#include <algorithm>

namespace atlas::widgets {
namespace {

struct MapInfo {
  const char* id;
  const char* name;
  // Stops sampled evenly from 0 to 1 (matplotlib's data for viridis, magma and cividis).
  std::initializer_list<QRgb> stops;
};

const MapInfo kMaps[kColorMapCount] = {
    {"viridis",
     QT_TRANSLATE_NOOP("ColorMaps", "Viridis"),
     {0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779, 0x6ece58, 0xb5de2b,
      0xfde725}},
    {"magma",
     QT_TRANSLATE_NOOP("ColorMaps", "Magma"),
     {0x000004, 0x180f3d, 0x440f76, 0x721f81, 0x9e2f7f, 0xcd4071, 0xf1605d, 0xfd9668, 0xfeca8d,
      0xfcfdbf}},
    {"cividis",
     QT_TRANSLATE_NOOP("ColorMaps", "Cividis (colour-blind safe)"),
     {0x00224e, 0x123570, 0x3b496c, 0x575d6d, 0x707173, 0x8a8779, 0xa69d75, 0xc4b56c, 0xe4cf5b,
      0xfee838}},
    {"grayscale", QT_TRANSLATE_NOOP("ColorMaps", "Grayscale"), {0xffffff, 0x000000}},
    {"hot", QT_TRANSLATE_NOOP("ColorMaps", "Hot"), {0x000000, 0xe60000, 0xffd200, 0xffffff}},
};

}  // namespace

QCPColorGradient colorGradient(ColorMap map) {
  const MapInfo& info = kMaps[static_cast<int>(map)];
  QCPColorGradient g;
  g.clearColorStops();
  g.setColorInterpolation(QCPColorGradient::ciRGB);
  const int n = static_cast<int>(info.stops.size());
  int i = 0;
  for (QRgb c : info.stops) g.setColorStopAt(double(i++) / (n - 1), QColor::fromRgb(c));
  g.setLevelCount(256);
  g.setNanHandling(QCPColorGradient::nhTransparent);  // a pair never computed: see through
  return g;
}

QCPColorGradient divergingGradient() {
  static const QRgb kStops[] = {0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7,
                                0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f};
  QCPColorGradient g;
  g.clearColorStops();
  g.setColorInterpolation(QCPColorGradient::ciRGB);
  const int n = int(std::size(kStops));
  for (int i = 0; i < n; ++i) g.setColorStopAt(double(i) / (n - 1), QColor::fromRgb(kStops[i]));
  g.setLevelCount(256);
  g.setNanHandling(QCPColorGradient::nhTransparent);
  return g;
}

ColorRange colorRange(double lo, double hi) {
  if (lo < 0 && hi > 0) {
    const double a = std::max(-lo, hi);
    return {-a, a, true};
  }
  return {lo, hi > lo ? hi : lo + 1, false};
}

QCPColorGradient gradientFor(const ColorRange& range, ColorMap map) {
  return range.isSigned ? divergingGradient() : colorGradient(map);
}

QString colorMapName(ColorMap map) {
  return QCoreApplication::translate("ColorMaps", kMaps[static_cast<int>(map)].name);
}

QString colorMapId(ColorMap map) { return kMaps[static_cast<int>(map)].id; }

ColorMap colorMapFromId(const QString& id, ColorMap fallback) {
  for (int i = 0; i < kColorMapCount; ++i)
    if (id == kMaps[i].id) return static_cast<ColorMap>(i);
  return fallback;
}

}  // namespace atlas::widgets
