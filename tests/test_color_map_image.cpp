// ParallelColorMap colours its image exactly as QCPColorMap does: the same cells through the
// stock map and through ours, on two identical plots, compared pixel for pixel (the rendered
// plots and the maps' own images). Sizes on both sides of QCustomPlot's oversampling threshold
// (100 cells a side), zeros, negative values and NaN, linear and log scales, several gradients
// (presets, the app's maps, levels, periodic, a transparent stop), interpolation, a reversed
// axis; and the cases left to the base class (alpha map, vertical key axis) still match.
#include "widgets/color_maps.h"
#include "widgets/parallel_color_map.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <memory>
#include <random>
#include <vector>

using namespace atlas;
using widgets::ParallelColorMap;

namespace {

/// The image a map draws, protected in QCPColorMap.
template <typename Map>
class Exposed : public Map {
 public:
  using Map::Map;
  QImage image() const { return this->mMapImage; }
};

struct Case {
  int keys = 0, values = 0;
  QCPColorGradient gradient;
  QCPRange range{0, 1};
  bool log = false;
  bool interpolate = false;
  bool reversed = false;  // the value axis reversed, as MatrixPlot's
  bool vertical = false;  // key axis vertical (left to the base class)
  bool alpha = false;     // an alpha map (left to the base class)
};

/// Cells in [-1, 2), a fifth of them 0, and a few NaN: row-major by value index.
std::vector<double> randomCells(int keys, int values, unsigned seed, bool withNan) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-1.0, 2.0);
  std::vector<double> cells(std::size_t(keys) * std::size_t(values));
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const double r = u(rng);
    cells[i] = r < -0.4 ? 0.0 : r;
    if (withNan && i % 997 == 13) cells[i] = std::numeric_limits<double>::quiet_NaN();
  }
  return cells;
}

template <typename Map>
struct Rendered {
  std::unique_ptr<QCustomPlot> plot;
  Exposed<Map>* map = nullptr;
};

/// One plot with one map of type Map showing `cells`.
template <typename Map>
Rendered<Map> render(const Case& c, const std::vector<double>& cells) {
  Rendered<Map> r;
  r.plot = std::make_unique<QCustomPlot>();
  r.plot->resize(640, 480);
  QCPAxis* key = c.vertical ? r.plot->yAxis : r.plot->xAxis;
  QCPAxis* value = c.vertical ? r.plot->xAxis : r.plot->yAxis;
  r.map = new Exposed<Map>(key, value);
  QCPColorMapData* d = r.map->data();
  d->setSize(c.keys, c.values);
  d->setRange(QCPRange(0, c.keys - 1), QCPRange(0, c.values - 1));
  for (int v = 0; v < c.values; ++v)
    for (int k = 0; k < c.keys; ++k) d->setCell(k, v, cells[std::size_t(v) * c.keys + k]);
  if (c.alpha) d->setAlpha(c.keys / 2, c.values / 2, 100);
  r.map->setGradient(c.gradient);
  r.map->setDataRange(c.range);
  r.map->setDataScaleType(c.log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  r.map->setInterpolate(c.interpolate);
  r.map->setTightBoundary(false);
  value->setRangeReversed(c.reversed);
  r.plot->rescaleAxes();
  return r;
}

/// How many distinct colours an image holds, up to `enough`.
int colourCount(const QImage& image, int enough) {
  QList<QRgb> seen;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x)
      if (!seen.contains(image.pixel(x, y))) {
        seen << image.pixel(x, y);
        if (seen.size() >= enough) return enough;
      }
  return int(seen.size());
}

QCPColorGradient levels(int count) {
  QCPColorGradient g(QCPColorGradient::gpJet);
  g.setLevelCount(count);
  return g;
}

QCPColorGradient periodicHues() {
  QCPColorGradient g(QCPColorGradient::gpHues);
  g.setPeriodic(true);
  return g;
}

QCPColorGradient withTransparentStop() {
  QCPColorGradient g(QCPColorGradient::gpThermal);
  g.setColorStopAt(0.5, QColor(255, 0, 0, 60));
  g.setNanHandling(QCPColorGradient::nhNanColor);
  g.setNanColor(Qt::magenta);
  return g;
}

QCPColorGradient nanLowest() {
  QCPColorGradient g(QCPColorGradient::gpPolar);
  g.setNanHandling(QCPColorGradient::nhLowestColor);
  return g;
}

}  // namespace

class TestColorMapImage : public QObject {
  Q_OBJECT

  /// Renders `c` through both maps and compares; `parallel`: whether ours takes its own path.
  void compare(const Case& c, bool parallel, unsigned seed = 1) {
    const std::vector<double> cells = randomCells(c.keys, c.values, seed, true);
    Rendered<QCPColorMap> stock = render<QCPColorMap>(c, cells);
    Rendered<ParallelColorMap> ours = render<ParallelColorMap>(c, cells);
    QCOMPARE(ours.map->coloursInParallel(), parallel);
    const QImage a = stock.plot->toPixmap(640, 480).toImage();
    const QImage b = ours.plot->toPixmap(640, 480).toImage();
    QVERIFY(!a.isNull());
    QCOMPARE(b.size(), a.size());
    QVERIFY2(a == b, "the rendered plots differ");
    QVERIFY(!stock.map->image().isNull());
    QCOMPARE(ours.map->image().size(), stock.map->image().size());
    QVERIFY2(ours.map->image() == stock.map->image(), "the map images differ");
    // Not trivially equal: the map shows many colours.
    QVERIFY(colourCount(ours.map->image(), 4) >= std::min(4, c.gradient.levelCount()));

    // Recoloured with other cells and another range (the image is reused, not reallocated).
    const std::vector<double> next = randomCells(c.keys, c.values, seed + 100, false);
    for (auto* d : {stock.map->data(), ours.map->data()})
      for (int v = 0; v < c.values; ++v)
        for (int k = 0; k < c.keys; ++k) d->setCell(k, v, next[std::size_t(v) * c.keys + k]);
    const QCPRange other = c.log ? QCPRange(0.05, 1.5) : QCPRange(-0.5, 1.2);
    stock.map->setDataRange(other);
    ours.map->setDataRange(other);
    QVERIFY2(stock.plot->toPixmap(640, 480).toImage() == ours.plot->toPixmap(640, 480).toImage(),
             "the recoloured plots differ");
    QVERIFY2(ours.map->image() == stock.map->image(), "the recoloured map images differ");
  }

 private Q_SLOTS:
  void sizes_data() {
    QTest::addColumn<int>("keys");
    QTest::addColumn<int>("values");
    QTest::addColumn<bool>("parallel");
    QTest::newRow("7x5, oversampled") << 7 << 5 << false;
    QTest::newRow("64x48, oversampled") << 64 << 48 << false;
    QTest::newRow("100x300, one side oversampled") << 100 << 300 << false;
    QTest::newRow("101x101") << 101 << 101 << true;
    QTest::newRow("1000x700") << 1000 << 700 << true;
    QTest::newRow("333x1500") << 333 << 1500 << true;
  }
  void sizes() {
    QFETCH(int, keys);
    QFETCH(int, values);
    QFETCH(bool, parallel);
    Case c;
    c.keys = keys;
    c.values = values;
    c.gradient = widgets::colorGradient(widgets::ColorMap::Viridis);
    c.range = QCPRange(-1, 2);
    c.reversed = true;
    compare(c, parallel);
  }

  void gradientsAndScales_data() {
    QTest::addColumn<QCPColorGradient>("gradient");
    QTest::addColumn<bool>("log");
    QTest::addColumn<double>("lower");
    QTest::addColumn<double>("upper");
    QTest::newRow("magma") << widgets::colorGradient(widgets::ColorMap::Magma) << false << 0.0
                           << 1.0;
    QTest::newRow("hot, log") << widgets::colorGradient(widgets::ColorMap::Hot) << true << 1e-3
                              << 2.0;
    QTest::newRow("grayscale, log")
        << widgets::colorGradient(widgets::ColorMap::Grayscale) << true << 0.1 << 1.0;
    QTest::newRow("polar, NaN lowest") << nanLowest() << false << -1.0 << 1.0;
    QTest::newRow("jet, 5 levels") << levels(5) << false << 0.0 << 2.0;
    QTest::newRow("hues, periodic") << periodicHues() << false << -0.3 << 0.4;
    QTest::newRow("transparent stop, NaN colour") << withTransparentStop() << false << -1.0 << 2.0;
  }
  void gradientsAndScales() {
    QFETCH(QCPColorGradient, gradient);
    QFETCH(bool, log);
    QFETCH(double, lower);
    QFETCH(double, upper);
    for (const auto& [keys, values] : {std::pair{7, 5}, std::pair{64, 48}, std::pair{1000, 700}}) {
      Case c;
      c.keys = keys;
      c.values = values;
      c.gradient = gradient;
      c.log = log;
      c.range = QCPRange(lower, upper);
      compare(c, keys > 100, unsigned(keys));
    }
  }

  void interpolated() {
    // No oversampling when interpolating: small maps take the parallel path too.
    for (const auto& [keys, values] : {std::pair{7, 5}, std::pair{64, 48}, std::pair{640, 480}}) {
      Case c;
      c.keys = keys;
      c.values = values;
      c.gradient = QCPColorGradient(QCPColorGradient::gpSpectrum);
      c.range = QCPRange(-1, 2);
      c.interpolate = true;
      compare(c, true);
    }
  }

  void leftToTheBaseClass() {
    Case c;
    c.keys = 400;
    c.values = 300;
    c.gradient = widgets::colorGradient(widgets::ColorMap::Cividis);
    c.range = QCPRange(-1, 2);
    c.vertical = true;
    compare(c, false);
    c.vertical = false;
    c.alpha = true;
    compare(c, false);
  }
};

QTEST_MAIN(TestColorMapImage)
#include "test_color_map_image.moc"
