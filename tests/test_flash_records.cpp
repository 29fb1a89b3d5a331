// Flash's record of the online softmax, tile by tile, on every instruction set this machine runs:
// the running max m and sum l of each query row after each key tile, against their definitions
// evaluated in double precision (m = the max of the row's scores over the keys of tiles 0..t,
// l = the sum of exp(s - m) over them), for tile widths that form whole chunks of vectors, odd
// ones, several chunks and a partial last one; and on scores spread so far apart that the
// kernel cannot take a chunk's exps from one shift (every row, or only some rows of a group), where
// the weights and output must still be softmax's. And the record the Teaching view replays from
// the weights in other tiles (core/flash_steps.h) against the same definitions for those tiles.
#include "engine_run.h"
#include "reference.h"

#include "core/flash_steps.h"
#include "core/rng.h"
#include "core/simd/isa.h"
#include "core/variant_registry.h"

#include <QTest>

#include <optional>

using namespace atlas::core;

namespace {

struct RecordCase {
  QString isa;
  int n, m, tileQ, tileK;
  bool causal;
  QString spread;  ///< "none", "all" (every query row x 60) or "some" (every third row)
};

}  // namespace
Q_DECLARE_METATYPE(RecordCase)

namespace {

constexpr Index kWidth = 16;

std::shared_ptr<const Inputs> makeInputs(const RecordCase& c) {
  auto in = std::make_shared<Inputs>();
  in->q = Rng(std::uint64_t(c.n) * 7 + std::uint64_t(c.tileK), "records:q")
              .normalMatrix(c.n, kWidth, 1.0);
  in->k = Rng(std::uint64_t(c.m), "records:k").normalMatrix(c.m, kWidth, 1.0);
  in->v = Rng(std::uint64_t(c.m) + 1, "records:v").normalMatrix(c.m, kWidth, 1.0);
  for (int i = 0; i < c.n; ++i)
    if (c.spread == "all" || (c.spread == "some" && i % 3 == 1)) in->q.row(i) *= 60.0f;
  return in;
}

}  // namespace

class TestFlashRecords : public QObject {
  Q_OBJECT

 private slots:
  void recordsMatchDefinitions_data();
  void recordsMatchDefinitions();
};

void TestFlashRecords::recordsMatchDefinitions_data() {
  QTest::addColumn<RecordCase>("c");
  struct Shape {
    int n, m, tileQ, tileK;
  };
  // 1100 keys in tiles of 32 or 64: chunks of 512 keys and a partial last chunk with a partial
  // tile; 48 (chunks of 10 tiles, not a whole number of vectors per tile on AVX-512), 40 (not
  // a multiple of 16: one tile per chunk), 16, and one-key tiles.
  const Shape shapes[] = {{37, 1100, 32, 32}, {37, 1100, 16, 64}, {20, 700, 7, 48},
                          {20, 300, 32, 40},  {33, 600, 40, 16},  {5, 9, 2, 1}};
  for (simd::Isa isa : simd::supportedIsas())
    for (const Shape& s : shapes)
      for (bool causal : {false, true})
        for (const char* spread : {"none", "all", "some"}) {
          const RecordCase c{simd::isaName(isa), s.n, s.m, s.tileQ, s.tileK, causal, spread};
          QTest::newRow(qPrintable(QString("%1 N=%2 M=%3 %4x%5 %6 spread=%7")
                                       .arg(c.isa)
                                       .arg(c.n)
                                       .arg(c.m)
                                       .arg(c.tileQ)
                                       .arg(c.tileK)
                                       .arg(causal ? "causal" : "full", spread)))
              << c;
        }
}

void TestFlashRecords::recordsMatchDefinitions() {
  QFETCH(RecordCase, c);
  std::optional<simd::ScopedIsa> forced;
  for (simd::Isa isa : simd::supportedIsas())
    if (c.isa == simd::isaName(isa)) forced.emplace(isa);
  QVERIFY(forced);
  const Variant& flash = requireVariant("flash");
  const ParamSet p = testrun::params(
      flash, QString("tile_q=%1;tile_k=%2").arg(c.tileQ).arg(c.tileK), 0, ';', c.causal);
  const auto inputs = makeInputs(c);
  const JobOutcome out = testrun::run(flash, p, {"random", c.n, c.m, kWidth}, inputs);
  QVERIFY2(out.ok(), out.message().c_str());
  const VariantResult& r = *out.result;
  const Matrix& mx = r.trace.tiles->runningMax;
  const Matrix& l = r.trace.tiles->runningSum;
  const Index tiles = (c.m + c.tileK - 1) / c.tileK;
  QCOMPARE(mx.rows(), Index(c.n));
  QCOMPARE(mx.cols(), tiles);
  QCOMPARE(l.cols(), tiles);

  // The same online softmax replayed from the weights in tiles of 7 keys (the Teaching view's
  // replay, core/flash_steps.h), checked below against the definitions for those tiles. Not
  // on spread scores: there weights underflow to 0, and the replay cannot see their keys.
  constexpr Index kReplayTile = 7;
  const bool replay = c.spread == "none";
  const Trace::Tiles replayed =
      replayFlashTiles(r.weights(0), *r.trace.tiles, c.tileQ, kReplayTile);
  QCOMPARE(replayed.runningMax.cols(), (c.m + kReplayTile - 1) / kReplayTile);
  QVERIFY(replayed.order == flashTileOrder(c.n, c.m, c.tileQ, kReplayTile, c.causal));

  const auto q = ref::toMat<double>(inputs->q), k = ref::toMat<double>(inputs->k);
  const auto exact = ref::scaledDot(q, k, ref::toMat<double>(inputs->v), c.causal);
  for (int i = 0; i < c.n; ++i) {
    const int allowed = c.causal ? std::min(i + 1, c.m) : c.m;
    std::vector<double> s(std::size_t(allowed), 0.0);
    double bound = 0;  // |s_ij| <= |q_i| |k_j| / 4: what float rounding of a score scales with
    for (int j = 0; j < allowed; ++j) {
      s[std::size_t(j)] = ref::dot(q[std::size_t(i)], k[std::size_t(j)]) / 4.0;
      bound = std::max(bound, std::sqrt(ref::dot(q[std::size_t(i)], q[std::size_t(i)]) *
                                        ref::dot(k[std::size_t(j)], k[std::size_t(j)])) /
                                  4.0);
    }
    const double scoreTol = 1e-5 * (1.0 + bound);
    for (Index t = 0; t < tiles; ++t) {
      const int through = int(std::min<Index>((t + 1) * c.tileK, allowed));
      double m = -std::numeric_limits<double>::infinity(), sum = 0;
      for (int j = 0; j < through; ++j) m = std::max(m, s[std::size_t(j)]);
      for (int j = 0; j < through; ++j) sum += std::exp(s[std::size_t(j)] - m);
      const QString where = QString("row %1 tile %2").arg(i).arg(t);
      QVERIFY2(std::abs(mx(i, t) - m) <= scoreTol,
               qPrintable(where + QString(": max %1, expected %2").arg(mx(i, t)).arg(m)));
      // Each exp moves by at most scoreTol (relatively) for both s and m: 2 scoreTol, and the sum.
      QVERIFY2(std::abs(l(i, t) - sum) <= (2.5 * scoreTol + 1e-5) * sum,
               qPrintable(where + QString(": sum %1, expected %2").arg(l(i, t)).arg(sum)));
    }
    for (Index t = 0; replay && t < replayed.runningMax.cols(); ++t) {
      const int through = int(std::min<Index>((t + 1) * kReplayTile, allowed));
      double m = -std::numeric_limits<double>::infinity(), sum = 0;
      for (int j = 0; j < through; ++j) m = std::max(m, s[std::size_t(j)]);
      for (int j = 0; j < through; ++j) sum += std::exp(s[std::size_t(j)] - m);
      const QString where = QString("replayed: row %1 tile %2").arg(i).arg(t);
      QVERIFY2(std::abs(replayed.runningMax(i, t) - m) <= 2 * scoreTol + 1e-5,
               qPrintable(where +
                          QString(": max %1, expected %2").arg(replayed.runningMax(i, t)).arg(m)));
      QVERIFY2(
          std::abs(replayed.runningSum(i, t) - sum) <= (5 * scoreTol + 1e-5) * sum,
          qPrintable(where +
                     QString(": sum %1, expected %2").arg(replayed.runningSum(i, t)).arg(sum)));
    }
    // The result itself: softmax's weights and output, within what the scores' rounding moves.
    const double weightTol = 3.0 * scoreTol + 1e-5;
    for (int j = 0; j < c.m; ++j)
      QVERIFY2(std::abs(r.weight(0, i, j) - exact.p[std::size_t(i)][std::size_t(j)]) <= weightTol,
               qPrintable(QString("weight %1,%2: %3 vs %4")
                              .arg(i)
                              .arg(j)
                              .arg(r.weight(0, i, j))
                              .arg(exact.p[std::size_t(i)][std::size_t(j)])));
    // |O - O_exact| <= sum_j |dP_ij| |v_j| <= 3 scoreTol max |v| (dP_ij <= P_ij 3 scoreTol).
    const double outputTol = weightTol * double(inputs->v.cwiseAbs().maxCoeff()) + 1e-5;
    for (int col = 0; col < kWidth; ++col)
      QVERIFY2(std::abs(r.output(i, col) - exact.o[std::size_t(i)][std::size_t(col)]) <= outputTol,
               qPrintable(QString("output %1,%2").arg(i).arg(col)));
  }
}

QTEST_GUILESS_MAIN(TestFlashRecords)
#include "test_flash_records.moc"
