// linear, performer, synthesizer_dense, synthesizer_random, aft, flash and paged against the
// double-precision references (reference_other_variants.h); aft's span, supplied scores, errors.
#include "other_variants_run.h"

#include "core/engine.h"
#include "core/rng.h"
#include "core/variant_registry.h"

#include <QTest>

using namespace atlas::core;
using othertest::aftSpan;
using othertest::Case;
using othertest::earnedTolerance;
using othertest::maxError;
using othertest::randomInputs;
using othertest::referenceHead;
using othertest::runCase;

namespace {

/// Pairs inside the tiles flash computes, by enumerating the tiles.
double flashTilePairs(Index n, Index m, Index br, Index bc, bool causal) {
  double pairs = 0;
  for (Index r0 = 0; r0 < n; r0 += br)
    for (Index c0 = 0; c0 < m; c0 += bc) {
      const Index r1 = std::min(n, r0 + br), c1 = std::min(m, c0 + bc);
      if (!causal || c0 <= r1 - 1) pairs += double((r1 - r0) * (c1 - c0));
    }
  return pairs;
}

}  // namespace

class TestOtherVariantsReference : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void compute_data();
  void compute();
  void aftSpanZeroIsSimple();
  void suppliedScoresFixTheShape();
  void errorsAreSentences();
};

void TestOtherVariantsReference::compute_data() {
  QTest::addColumn<Case>("c");
  const QStringList sources = {"random", "positional", "clustered"};
  int row = 0;
  auto add = [&](const QString& variant, int n, int m, int d, int dv, bool causal, int seed,
                 const QString& params = {}) {
    const QString source = sources[row++ % sources.size()];
    const QString name = QStringLiteral("%1 N=%2 M=%3 d=%4 dv=%5 %6 seed=%7 %8 %9")
                             .arg(variant)
                             .arg(n)
                             .arg(m)
                             .arg(d)
                             .arg(dv)
                             .arg(causal ? "causal" : "full")
                             .arg(seed)
                             .arg(params, source);
    QTest::newRow(qPrintable(name)) << Case{variant, n, m, d, dv, causal, seed, params, source};
  };
  for (bool causal : {false, true}) {
    for (int seed : {0, 7}) {
      add("linear", 13, 13, 8, 8, causal, seed);
      add("linear", 40, 29, 16, 5, causal, seed);   // cross-attention, N > M
      add("linear", 300, 300, 8, 8, causal, seed);  // several causal chunks
      add("performer", 12, 12, 8, 8, causal, seed);
      add("performer", 21, 34, 8, 6, causal, seed, "features=16");
      add("performer", 200, 150, 16, 8, causal, seed, "features=128");
      add("synthesizer_dense", 11, 11, 8, 8, causal, seed);
      add("synthesizer_dense", 17, 23, 6, 3, causal, seed);
      add("synthesizer_random", 14, 14, 8, 8, causal, seed);
      add("synthesizer_random", 9, 31, 4, 7, causal, seed);
      add("aft", 16, 16, 8, 8, causal, seed);  // span 0: AFT-simple
      add("aft", 19, 19, 6, 6, causal, seed, "span=2");
      add("aft", 20, 12, 8, 8, causal, seed, "span=10");  // N > M, row 19 still reaches key 9
      add("aft", 12, 20, 4, 4, causal, seed, "span=3");
      add("aft", 100, 100, 16, 16, causal, seed, "span=7");
      add("flash", 64, 64, 16, 16, causal, seed, "tile_q=16;tile_k=16");
      add("flash", 70, 70, 8, 8, causal, seed, "tile_q=32;tile_k=8");
      add("flash", 5, 5, 8, 4, causal, seed);
      add("flash", 37, 50, 8, 8, causal, seed, "tile_q=7;tile_k=9");
      add("paged", 16, 16, 8, 8, false, seed + int(causal));
      add("paged", 3, 29, 16, 5, false, seed + int(causal), "page=7");
    }
  }
}

void TestOtherVariantsReference::compute() {
  QFETCH(Case, c);
  const JobOutcome out = runCase(c);
  QVERIFY2(out.ok(), out.message().c_str());
  const VariantResult& r = *out.result;
  const Inputs& in = *out.inputs;
  const bool paged = c.variant == "paged";
  const Index rows = paged ? 1 : c.n;
  QCOMPARE(r.heads(), Index{1});
  QCOMPARE(r.weights(0).rows(), rows);
  QCOMPARE(r.weights(0).cols(), Index(c.m));
  QCOMPARE(r.output.rows(), rows);
  QCOMPARE(r.output.cols(), Index(c.dv));
  QCOMPARE(r.dims.n, Index(c.n));  // paged too: Q keeps its N rows, the last one attends

  const auto exact = referenceHead<double>(c.variant, in, r, c.causal);
  const double tolerance = earnedTolerance(c.variant, in, r, c.causal);
  const double error = maxError<double>(r, nullptr, exact);
  QVERIFY2(error <= tolerance,
           qPrintable(QString("error %1 > tolerance %2").arg(error).arg(tolerance)));

  const long span = c.variant == "aft" ? aftSpan(r) : 0;
  double ones = 0;
  for (Index i = 0; i < rows; ++i) {
    double sum = 0;
    for (Index j = 0; j < c.m; ++j) {
      bool allowed = !c.causal || j <= i;  // causal rows never look ahead
      if (c.variant == "aft") allowed = allowed && std::abs(long(i) - long(j)) <= span;
      QCOMPARE(int(r.mask(0)(i, j)), allowed ? 1 : 0);
      if (!allowed) QCOMPARE(r.weights(0)(i, j), 0.0f);  // exactly 0 where not allowed
      QVERIFY(r.weights(0)(i, j) >= 0.0f);
      sum += r.weights(0)(i, j);
      ones += r.mask(0)(i, j);
    }
    QVERIFY2(std::abs(sum - 1.0) < 1e-5, qPrintable(QString("row %1 sums to %2").arg(i).arg(sum)));
  }

  // What each variant counts as evaluated, and the cost formulas that must agree with it.
  const double evaluations = double(r.scoreEvaluations);
  if (c.variant == "linear" || c.variant == "performer" || c.variant == "aft") {
    QCOMPARE(evaluations, ones);  // implied weights of the allowed pairs / AFT's band
  } else if (c.variant.startsWith("synthesizer")) {
    QCOMPARE(evaluations, double(c.n) * c.m);
  } else if (c.variant == "flash") {
    const double pairs =
        flashTilePairs(c.n, c.m, r.params.integer("tile_q"), r.params.integer("tile_k"), c.causal);
    QCOMPARE(evaluations, pairs);
    QCOMPARE(r.cost.terms[1].name, std::string("QK^T"));
    QCOMPARE(r.cost.terms[1].flops, pairs * 2.0 * c.d);
  } else if (paged) {
    QCOMPARE(evaluations, double(c.m));
  }
  if (c.variant == "aft")  // one exp per allowed pair and channel, one per sigmoid
    QCOMPARE(r.cost.exps(), ones * c.d + double(c.n) * c.d);
  QVERIFY(r.cost.flops() > 0 && std::isfinite(r.cost.flops()) && r.cost.bytes() > 0);
  QVERIFY(r.cost.resident > 0 && r.cost.peak > 0);
}

void TestOtherVariantsReference::aftSpanZeroIsSimple() {
  for (bool causal : {false, true}) {
    const JobOutcome simple = runCase({"aft", 25, 10, 8, 8, causal, 2, "span=0"});
    const JobOutcome wide = runCase({"aft", 25, 10, 8, 8, causal, 2, "span=1000"});
    QVERIFY2(simple.ok() && wide.ok(), (simple.message() + wide.message()).c_str());
    QCOMPARE(simple.result->weights(0), wide.result->weights(0));
    QCOMPARE(simple.result->output, wide.result->output);
    if (!causal) QCOMPARE(simple.result->mask(0), MaskMatrix::Ones(25, 10).eval());
  }
}

void TestOtherVariantsReference::suppliedScoresFixTheShape() {
  // synthesizer_random: S = R exactly, whatever the inputs.
  const Variant& rnd = requireVariant("synthesizer_random");
  ParamSet p = defaultParams(rnd.params());
  Matrix scores(4, 6);
  for (Index i = 0; i < 4; ++i)
    for (Index j = 0; j < 6; ++j) scores(i, j) = float((i * 7 + j * 3) % 5) - 2.0f;
  setMatrixParam(p, rnd.params(), "synthesizer_random", "R", scores);
  const JobOutcome a = runCase({"synthesizer_random", 4, 6, 8, 8, false, 1, {}}, nullptr, &p);
  const JobOutcome b =
      runCase({"synthesizer_random", 4, 6, 8, 8, false, 9, {}, "clustered"}, nullptr, &p);
  QVERIFY2(a.ok() && b.ok(), (a.message() + b.message()).c_str());
  QCOMPARE(a.result->weights(0), b.result->weights(0));  // independent of the input
  const auto exact =
      ref::softmaxAttend(ref::toMat<double>(scores), ref::toMat<double>(a.inputs->v), false);
  for (Index i = 0; i < 4; ++i)
    for (Index j = 0; j < 6; ++j)
      QVERIFY(std::abs(a.result->weights(0)(i, j) - exact.p[i][j]) < 1e-6);
  const JobOutcome bad = runCase({"synthesizer_random", 5, 6, 8, 8, false, 1, {}}, nullptr, &p);
  QVERIFY(!bad.ok());
  QVERIFY2(bad.message().find("R") != std::string::npos &&
               bad.message().find("5 x 6") != std::string::npos,
           bad.message().c_str());

  // synthesizer_dense: W2's columns fix M.
  const Variant& dense = requireVariant("synthesizer_dense");
  ParamSet pd = defaultParams(dense.params());
  setMatrixParam(pd, dense.params(), "synthesizer_dense", "W2",
                 Rng(5, "test:W2").normalMatrix(8, 12, 0.3));
  const JobOutcome ok = runCase({"synthesizer_dense", 10, 12, 8, 8, true, 1, {}}, nullptr, &pd);
  QVERIFY2(ok.ok(), ok.message().c_str());
  QCOMPARE(*ok.result->params.matrix("W2"), *pd.matrix("W2"));
  QCOMPARE(ok.result->params.matrix("W1")->rows(), Index{8});  // drawn, and recorded
  const JobOutcome wrongM =
      runCase({"synthesizer_dense", 10, 10, 8, 8, false, 1, {}}, nullptr, &pd);
  QVERIFY(!wrongM.ok());
  QVERIFY2(wrongM.message().find("W2 with 12 columns") != std::string::npos,
           wrongM.message().c_str());
}

void TestOtherVariantsReference::errorsAreSentences() {
  const JobOutcome widths = runCase({"aft", 8, 8, 8, 4, false, 0, {}});
  QVERIFY(!widths.ok());
  QVERIFY2(widths.message().find("same width") != std::string::npos, widths.message().c_str());
  const JobOutcome loadedWidths =
      runCase({"aft", 8, 8, 8, 8, false, 0, {}}, randomInputs(8, 8, 8, 8, 0, 1.0, 6));
  QVERIFY(!loadedWidths.ok());
  QVERIFY2(loadedWidths.message().find("6, 8 and 8 columns") != std::string::npos,
           loadedWidths.message().c_str());
  const JobOutcome empty = runCase({"aft", 20, 5, 4, 4, false, 0, "span=2"});
  QVERIFY(!empty.ok());
  QVERIFY2(empty.message().find("without any key") != std::string::npos, empty.message().c_str());
  for (const QString v : {"linear", "performer", "flash", "paged"}) {
    const JobOutcome o =
        runCase({v, 8, 8, 8, 8, false, 0, {}}, randomInputs(8, 8, 8, 8, 0, 1.0, 5));
    QVERIFY(!o.ok());
    QVERIFY2(o.message().find("as wide as the keys") != std::string::npos, o.message().c_str());
  }
}

QTEST_APPLESS_MAIN(TestOtherVariantsReference)
#include "test_other_variants_reference.moc"
