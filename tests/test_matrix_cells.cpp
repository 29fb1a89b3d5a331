// fillCells, the one-pass parallel fill of MatrixPlot's colour maps, against the fill it
// replaced (setCell per cell, block maxima from Eigen) and a plain loop for the range: the same
// cells and data bounds, one per entry or pooled to fewer cells, from dense matrices, masks and
// sparse pairs; the range over every entry (a sparse panel's zeros off the pattern included);
// and the colour scale MatrixPlot sets from the ranges it kept.
#include "core/pool_geometry.h"
#include "widgets/matrix_plot.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <memory>
#include <random>

using namespace atlas;
using widgets::MatrixPanel;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// Entries in [lo, hi), a quarter of them 0.
core::Matrix randomMatrix(int rows, int cols, unsigned seed, float lo = -1, float hi = 2) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(lo, hi);
  std::uniform_int_distribution<int> quarter(0, 3);
  core::Matrix m(rows, cols);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) m(i, j) = quarter(rng) == 0 ? 0.0f : u(rng);
  return m;
}

core::MaskMatrix randomMask(int rows, int cols, unsigned seed) {
  std::mt19937 rng(seed);
  std::bernoulli_distribution one(0.3);
  core::MaskMatrix m(rows, cols);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) m(i, j) = one(rng) ? 1 : 0;
  return m;
}

/// Each pair present with probability `density`, weights in [0, 1) (some exactly 0).
core::SparseWeights randomSparse(int rows, int cols, double density, unsigned seed) {
  std::mt19937 rng(seed);
  std::bernoulli_distribution present(density), zero(0.1);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  auto p = std::make_shared<core::SparsePattern>();
  p->n = rows;
  p->m = cols;
  p->rowStart.push_back(0);
  core::SparseWeights w;
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < cols; ++j)
      if (present(rng)) {
        p->cols.push_back(j);
        w.values.push_back(zero(rng) ? 0.0f : u(rng));
      }
    p->rowStart.push_back(core::Index(p->cols.size()));
  }
  w.pattern = p;
  return w;
}

// --- The fill as it was: setCell per cell, each block's maximum from Eigen. ---
template <typename M>
void referenceDense(QCPColorMapData* data, const M& m) {
  const int rows = int(m.rows()), columns = int(m.cols());
  const int cellRows = data->valueSize(), cellCols = data->keySize();
  for (int a = 0; a < cellRows; ++a) {
    const core::Index r0 = core::poolStart(a, rows, cellRows),
                      r1 = core::poolStart(a + 1, rows, cellRows);
    for (int b = 0; b < cellCols; ++b) {
      const core::Index c0 = core::poolStart(b, columns, cellCols),
                        c1 = core::poolStart(b + 1, columns, cellCols);
      data->setCell(b, a, double(m.block(r0, c0, r1 - r0, c1 - c0).maxCoeff()));
    }
  }
}

void referenceSparse(QCPColorMapData* data, const core::SparseWeights& w) {
  const int rows = int(w.rows()), columns = int(w.cols());
  const int cellRows = data->valueSize(), cellCols = data->keySize();
  data->fill(0);
  const bool exact = cellRows == rows && cellCols == columns;
  w.forEach([&](core::Index i, core::Index j, std::size_t a) {
    const int b = exact ? int(j) : int(core::poolCell(j, columns, cellCols));
    const int c = exact ? int(i) : int(core::poolCell(i, rows, cellRows));
    const double v = w.values[a];
    if (v > data->cell(b, c)) data->setCell(b, c, v);
  });
}

void referenceFill(QCPColorMapData* data, const MatrixPanel& p) {
  if (p.matrix) return referenceDense(data, *p.matrix);
  if (p.mask) return referenceDense(data, *p.mask);
  referenceSparse(data, *p.sparse);
}

/// Smallest, largest and smallest positive entry, one entry at a time.
MatrixPanel::Range plainRange(const MatrixPanel& p) {
  MatrixPanel::Range r{kInf, -kInf, kInf};
  for (core::Index i = 0; i < p.rows(); ++i)
    for (core::Index j = 0; j < p.cols(); ++j) {
      const double v = p.value(i, j);
      if (v < r.lo) r.lo = v;
      if (v > r.hi) r.hi = v;
      if (v > 0 && v < r.minPositive) r.minPositive = v;
    }
  return r;
}

int cellRowsFor(const MatrixPanel& p, int cells) {
  return int(std::min<core::Index>(p.rows(), cells));
}
int cellColsFor(const MatrixPanel& p, int cells) {
  return int(std::min<core::Index>(p.cols(), cells));
}

}  // namespace

class TestMatrixCells : public QObject {
  Q_OBJECT

  /// fillCells and the reference on maps of at most `cells` a side, twice (the second time
  /// with `again`, so the data bounds carry over as they do on a slider drag).
  void check(const MatrixPanel& p, const MatrixPanel& again, int cells) {
    const int rows = cellRowsFor(p, cells), cols = cellColsFor(p, cells);
    QCPColorMapData ours(cols, rows, QCPRange(0, 1), QCPRange(0, 1));
    QCPColorMapData reference(cols, rows, QCPRange(0, 1), QCPRange(0, 1));
    for (const MatrixPanel* panel : {&p, &again}) {
      const MatrixPanel::Range range = widgets::fillCells(ours, *panel, /*uncomputed=*/false);
      referenceFill(&reference, *panel);
      int differ = 0;
      for (int v = 0; v < rows; ++v)
        for (int k = 0; k < cols; ++k) differ += ours.cell(k, v) != reference.cell(k, v);
      QVERIFY2(differ == 0, qPrintable(QStringLiteral("%1 cells differ").arg(differ)));
      QVERIFY(ours.dataBounds() == reference.dataBounds());
      const MatrixPanel::Range plain = plainRange(*panel);
      QVERIFY2(
          range.lo == plain.lo && range.hi == plain.hi && range.minPositive == plain.minPositive,
          qPrintable(QStringLiteral("range %1 %2 %3, plain loop %4 %5 %6")
                         .arg(range.lo)
                         .arg(range.hi)
                         .arg(range.minPositive)
                         .arg(plain.lo)
                         .arg(plain.hi)
                         .arg(plain.minPositive)));
    }
  }

 private Q_SLOTS:
  void dense_data() {
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("cols");
    QTest::addColumn<int>("cells");
    QTest::newRow("37x53, a cell per entry") << 37 << 53 << 2048;
    QTest::newRow("1x1") << 1 << 1 << 2048;
    QTest::newRow("1000x700 into 199 a side") << 1000 << 700 << 199;
    QTest::newRow("1000x700 into 256 a side") << 1000 << 700 << 256;
    QTest::newRow("1x3000, pooled along the keys") << 1 << 3000 << 2048;
    QTest::newRow("2500x2500 into 2048 (the heatmap)") << 2500 << 2500 << 2048;
  }
  void dense() {
    QFETCH(int, rows);
    QFETCH(int, cols);
    QFETCH(int, cells);
    const core::Matrix a = randomMatrix(rows, cols, 1), b = randomMatrix(rows, cols, 2, -0.5, 1);
    check(MatrixPanel{&a, {}}, MatrixPanel{&b, {}}, cells);
    // No positive entry: minPositive stays infinite.
    const core::Matrix neg = randomMatrix(rows, cols, 3, -2, -1);
    check(MatrixPanel{&neg, {}}, MatrixPanel{&a, {}}, cells);
  }

  void masks() {
    const core::MaskMatrix a = randomMask(300, 200, 4), zeros = core::MaskMatrix::Zero(300, 200);
    for (int cells : {2048, 128, 77}) {
      check(MatrixPanel{nullptr, {}, nullptr, &a}, MatrixPanel{nullptr, {}, nullptr, &zeros},
            cells);
    }
  }

  void sparse_data() {
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("cols");
    QTest::addColumn<double>("density");
    QTest::addColumn<int>("cells");
    QTest::newRow("300x200, a cell per entry") << 300 << 200 << 0.1 << 2048;
    QTest::newRow("700x650 into 64 a side") << 700 << 650 << 0.05 << 64;
    QTest::newRow("every pair") << 120 << 90 << 1.0 << 2048;
    QTest::newRow("every pair, pooled") << 120 << 90 << 1.0 << 50;
    QTest::newRow("no pair") << 50 << 40 << 0.0 << 2048;
  }
  void sparse() {
    QFETCH(int, rows);
    QFETCH(int, cols);
    QFETCH(double, density);
    QFETCH(int, cells);
    const core::SparseWeights a = randomSparse(rows, cols, density, 5),
                              b = randomSparse(rows, cols, density, 6);
    check(MatrixPanel{nullptr, {}, &a}, MatrixPanel{nullptr, {}, &b}, cells);
  }

  void pairsNeverComputedAreNaNCells() {
    // Marked: a cell whose entries were none of them computed is NaN (drawn as not computed);
    // any other cell is the largest computed entry of its block; the range is as before.
    const core::SparseWeights w = randomSparse(300, 200, 0.05, 11);
    const core::Matrix dense = randomMatrix(300, 200, 12, 0, 1);
    const core::MaskMatrix computed = randomMask(300, 200, 13);
    for (int cells : {2048, 64}) {
      for (const bool isSparse : {true, false}) {
        MatrixPanel panel = isSparse ? MatrixPanel{nullptr, {}, &w} : MatrixPanel{&dense, {}};
        if (!isSparse) panel.computed = &computed;
        const int rows = cellRowsFor(panel, cells), cols = cellColsFor(panel, cells);
        QCPColorMapData ours(cols, rows, QCPRange(0, 1), QCPRange(0, 1));
        const MatrixPanel::Range range = widgets::fillCells(ours, panel, /*uncomputed=*/true);
        const MatrixPanel::Range plain = plainRange(panel);
        QVERIFY(range.lo == plain.lo && range.hi == plain.hi);
        int nan = 0;
        for (int a = 0; a < rows; ++a)
          for (int b = 0; b < cols; ++b) {
            double top = -kInf;
            for (core::Index i = core::poolStart(a, 300, rows);
                 i < core::poolStart(a + 1, 300, rows); ++i)
              for (core::Index j = core::poolStart(b, 200, cols);
                   j < core::poolStart(b + 1, 200, cols); ++j)
                if (panel.isComputed(i, j)) top = std::max(top, panel.value(i, j));
            const double cell = ours.cell(b, a);
            if (top == -kInf) {
              QVERIFY2(std::isnan(cell), qPrintable(QStringLiteral("cell %1 %2").arg(a).arg(b)));
              ++nan;
            } else {
              QCOMPARE(cell, top);
            }
          }
        if (cells == 2048) QVERIFY(nan > 0);  // the test has pairs never computed to find
      }
    }
  }

  void aLinearScaleThatShowsAlmostNothingSaysSo() {
    // 100 x 100: one large weight, every other tiny: a uniform field on the linear scale, so the
    // plot points to the log scale; on the log scale, with spread-out values, or with too few
    // cells to matter, it says nothing.
    core::Matrix peaked = core::Matrix::Constant(100, 100, 1e-4f);
    peaked(3, 4) = 1.0f;
    const core::Matrix spread = randomMatrix(100, 100, 21, 0, 1);
    const core::Matrix small = core::Matrix::Constant(10, 10, 1e-4f).eval();
    auto owner = std::make_shared<int>(0);
    widgets::MatrixPlot plot;
    plot.resize(600, 400);
    plot.setPanels(owner, {{&peaked, QString()}});
    QVERIFY(plot.hintText().contains("logarithmic"));
    plot.setLogScale(true);
    QVERIFY(plot.hintText().isEmpty());
    plot.setLogScale(false);
    QVERIFY(!plot.hintText().isEmpty());
    plot.setPanels(owner, {{&spread, QString()}});
    QVERIFY(plot.hintText().isEmpty());
    core::Matrix smallPeaked = small;
    smallPeaked(0, 0) = 1.0f;
    plot.setPanels(owner, {{&smallPeaked, QString()}});
    QVERIFY(plot.hintText().isEmpty());  // 100 cells: the few bright ones are visible
  }

  void colourScaleFromKeptRanges() {
    // Two panels, one shared scale: from the smallest to the largest entry of both; on a log
    // scale from the smallest positive one (or hi * 1e-6); independent: each map its own.
    const core::Matrix a = randomMatrix(120, 130, 7, 0.25, 0.75);
    const core::Matrix b = randomMatrix(120, 130, 8, -0.5, 3);
    auto owner = std::make_shared<int>(0);
    widgets::MatrixPlot plot;
    plot.resize(600, 400);
    plot.setPanels(owner, {{&a, QStringLiteral("a")}, {&b, QStringLiteral("b")}});
    const MatrixPanel::Range ra = plainRange({&a, {}}), rb = plainRange({&b, {}});
    const double lo = std::min(ra.lo, rb.lo), hi = std::max(ra.hi, rb.hi);
    // b has both signs: the diverging map on a range symmetric about 0, linear even on the log
    // scale, which says so on the colour bar.
    QVERIFY(lo < 0 && hi > 0);
    const double a0 = std::max(-lo, hi);
    QVERIFY(plot.isSigned());
    QVERIFY(plot.colorScale()->dataRange() == QCPRange(-a0, a0));
    QVERIFY(plot.colorScale()->gradient() == widgets::divergingGradient());
    plot.setLogScale(true);
    QVERIFY(plot.colorScale()->dataRange() == QCPRange(-a0, a0));
    QVERIFY(plot.colorScale()->dataScaleType() == QCPAxis::stLinear);
    QVERIFY(plot.colorScale()->axis()->label().contains("signed"));
    // Two positive panels: the chosen map, from the smallest entry (log: positive) to the largest.
    const core::Matrix pos = randomMatrix(120, 130, 10, 0.1, 2);
    plot.setPanels(owner, {{&a, QStringLiteral("a")}, {&pos, QStringLiteral("b")}});
    const MatrixPanel::Range rp = plainRange({&pos, {}});
    QVERIFY(!plot.isSigned());
    const double minPositive = std::min(ra.minPositive, rp.minPositive),
                 hp = std::max(ra.hi, rp.hi);
    QVERIFY(plot.colorScale()->dataRange() == QCPRange(std::max(minPositive, hp * 1e-6), hp));
    plot.setLogScale(false);
    QVERIFY(plot.colorScale()->dataRange() == QCPRange(std::min(ra.lo, rp.lo), hp));
    plot.setLogScale(true);
    // A slider step (same layout): the cells are refilled and the range follows the new entries.
    const core::Matrix c = randomMatrix(120, 130, 9, 0.5, 5);
    plot.setPanels(owner, {{&a, QStringLiteral("a")}, {&c, QStringLiteral("b")}});
    const MatrixPanel::Range rc = plainRange({&c, {}});
    QVERIFY(plot.colorScale()->dataRange() ==
            QCPRange(std::max(std::min(ra.minPositive, rc.minPositive), rc.hi * 1e-6), rc.hi));
    QCOMPARE(plot.panelMap(1)->data()->cell(5, 7), double(c(7, 5)));

    widgets::MatrixPlot independent;
    independent.setIndependentScales(true);
    independent.setPanels(owner, {{&a, QStringLiteral("a")}, {&b, QStringLiteral("b")}});
    QVERIFY(independent.panelMap(0)->dataRange() == QCPRange(std::min(0.0, ra.lo), ra.hi));
    QVERIFY(independent.panelMap(1)->dataRange() == QCPRange(std::min(0.0, rb.lo), rb.hi));
  }
};

QTEST_MAIN(TestMatrixCells)
#include "test_matrix_cells.moc"
