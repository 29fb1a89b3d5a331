// The cost model (core/cost.h and every variant's cost()) against INSTRUMENTED references: for
// each variant, plain loops that perform the algorithm its cost() describes (the efficient one:
// sparse patterns over their allowed pairs only, linear and performer in the cheap order with
// the causal chunked prefix sums, flash tile by tile with its online rescaling, ...) in a
// counting scalar, so every arithmetic operation is counted where it happens. The counted flops
// and exps must EQUAL cost().flops() and cost().exps(). The references also reproduce the
// engine's output (and buckets, clusters, routing, masks), which shows they are the algorithm.
//
// Counting conventions (docs/architecture.md, "Cost model", says the same):
//  - +, -, *, / and unary minus on a value count 1 flop each, so a multiply-add counts 2 and a
//    dot product of length d counts 2 d; sqrt counts 1 flop.
//  - A sum of L terms accumulates from zero: L adds (the softmax's "sum" is 1 per pair).
//  - Comparisons are free: max, min, argmax/argmin, relu's max(0, x), elu's branch select, the
//    zero-norm guards. (They are not arithmetic; the documented softmax is 4 flops per pair,
//    scale, subtract max, sum, divide: finding the max is not among them.)
//  - exp, tanh and log evaluations count 1 exp each and no flop.
//  - Free as well: constants computed once per call (1/sqrt(dk), 1/sqrt(f), 1/tau, the block
//    lengths), index arithmetic, copies, masking by assignment, and work done only for display
//    or tests (implied weights, flash's P, linformer's P'F).
//  - A masked pair is skipped, not computed and zeroed (causal dense work = causal pairs);
//    flash alone computes whole tiles (masked entries of a computed tile included).
//  - Branch-free feature map: linear's elu(x) + 1 evaluates x + 1 and exp(x) for every entry.
//  - Flash never divides per pair (3 softmax flops per pair: scale, subtract, sum); it divides
//    O = acc / l once per output entry at the end.
//  - Dilated: a pair covered by c > 1 configurations has its exp multiplied by c (1 flop).
//  - Causal cheap order: the exclusive scan over the chunk totals is chunks - 1 adds of the
//    f x (dv + 1) state.
//
// Data-dependent pair counts (bigbird's random keys, lsh buckets, k-means clusters, Sinkhorn
// routing): the formula is an expectation (an upper bound for sinkhorn), so the count on the
// result's actual mask is compared with the formula evaluated at the mask's pair count (its
// "QK^T", "softmax" and "PV" terms are linear in the pairs, the others do not depend on them),
// and the expectation itself is checked to lie within a documented factor of the actual count.
// k-means' centroid update divides only non-empty clusters; the formula assumes none empties
// (the count is checked against it plus dk per empty cluster and step).
#include "counting_references.h"
#include "engine_run.h"

#include "reference_sparse_variants.h"

#include "core/engine.h"
#include "core/variant_registry.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>

using namespace atlas::core;

namespace {

// ---- Running a case --------------------------------------------------------------------------

struct Case {
  QString variant;
  QString params;  ///< "name=value;name=value"
  int n, m, d, dv;
  bool causal;
  QString source;
  int seed;
};

const std::set<QString> kDataDependent = {"bigbird", "lsh", "kmeans", "sinkhorn"};

ParamSet paramsOf(const Variant& v, const QString& text, bool causal, int seed) {
  return testrun::params(v, text, seed, ';', causal);
}

JobOutcome runCase(const Case& c) {
  const Variant& v = requireVariant(c.variant.toStdString());
  JobOutcome out = testrun::run(v, paramsOf(v, c.params, c.causal, c.seed),
                                {c.source, c.n, c.m, c.d, c.dv, c.seed});
  out.result = ref::dense(out.result);  // compared entry by entry
  return out;
}

const CostTerm& term(const Cost& c, const std::string& name) {
  for (const CostTerm& t : c.terms)
    if (t.name == name) return t;
  qFatal("no cost term %s", name.c_str());
}

/// A data-dependent formula evaluated at `pairs` instead of its expected pair count: its
/// "QK^T", "softmax" and "PV" terms are linear in the pairs (the softmax's exps ARE its pairs,
/// one head), every other term does not depend on them.
Ops formulaAtPairs(const Cost& c, double pairs) {
  const double expected = term(c, "softmax").exps;
  Ops out;
  for (const CostTerm& t : c.terms) {
    const bool perPair = t.name == "QK^T" || t.name == "softmax" || t.name == "PV";
    out.flops += perPair ? t.flops / expected * pairs : t.flops;
    out.exps += perPair ? t.exps / expected * pairs : t.exps;
  }
  return out;
}

bool nearlyEqual(double a, double b) {
  return std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(b));
}

/// Factor within which a data-dependent formula's expected pairs must lie of the actual count
/// (expected / factor <= actual <= expected * factor; sinkhorn's is an upper bound besides).
/// Measured on these cases (actual / expected): bigbird 0.96..1.03, kmeans 0.70..1.15, lsh
/// 0.91..2.19 (positional and clustered inputs crowd into few buckets), sinkhorn 0.82..1 (every
/// block is routed to another, full one but for a short last block and causal rows; with
/// other_block off, a block routed to itself would add nothing).
double expectationFactor(const QString& variant) {
  if (variant == "bigbird") return 1.25;  // only the few random keys vary
  if (variant == "sinkhorn") return 2.5;
  if (variant == "kmeans") return 2.0;
  return 3.0;  // lsh
}

/// Growth of a formula: flops at (n2, params2) over flops at (n1, params1), N = M, d = dv.
double growth(const char* variant, Index n1, Index n2, const QString& p1, const QString& p2,
              Index d = 64) {
  const Variant& v = requireVariant(variant);
  const double a = v.cost({n1, n1, d, d, d}, paramsOf(v, p1, false, 0)).flops();
  const double b = v.cost({n2, n2, d, d, d}, paramsOf(v, p2, false, 0)).flops();
  return b / a;
}

}  // namespace
Q_DECLARE_METATYPE(Case)

class TestCostModel : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void countedEqualsFormula_data();
  void countedEqualsFormula();
  void everyVariantIsCounted();
  void denseGrowsQuadratically();
  void linearAndLocalGrowLinearly();
  void sparseFixedAndDilatedGrowSubquadratically();
  void flashTrafficIsTheExplanationsFormula();
};

/// The parameter settings each variant is counted with ("name=value;..."); every variant of
/// allVariants() must have at least one.
std::map<QString, QStringList> settings() {
  return {
      {"scaled_dot", {"", "valid_keys=5", "scaled=0"}},
      {"additive", {"hidden=16", "hidden=5"}},
      {"distance", {""}},
      {"bilinear", {"", "dq=5"}},
      {"multi_head", {"heads=2", "heads=4"}},
      {"grouped_query", {"heads=4;groups=2", "heads=4;groups=1", "heads=8;groups=8"}},
      {"block_local", {"block=4", "block=5"}},
      {"local_window", {"window=2", "window=3"}},
      {"strided", {"stride=3", "stride=5"}},
      {"global_tokens", {"global=1", "global=3"}},
      {"bigbird", {"", "window=2;global=2;random=3"}},
      {"mixed_heads", {"", "heads=2;patterns=full,local"}},
      {"sparse_fixed", {"block=4;summary=1", "block=3;summary=2"}},
      {"dilated", {"", "segment=2;configs=3", "segment=3;configs=2"}},
      {"lsh", {"buckets=4", "buckets=6"}},
      {"kmeans", {"clusters=3", "clusters=2;iters=3", "clusters=8;iters=5"}},
      {"sinkhorn", {"block=4", "block=3;iters=2;tau=0.5"}},
      {"linformer", {"rank=8", "rank=5;share_ef=0"}},
      {"compressed", {"pool=4", "pool=5"}},
      {"linear", {""}},
      {"performer", {"features=16", "features=64"}},
      {"synthesizer_dense", {""}},
      {"synthesizer_random", {""}},
      {"aft", {"span=0", "span=4"}},
      {"flash", {"tile_q=4;tile_k=3", "tile_q=5;tile_k=4", ""}},
      {"paged", {"page=4", "page=5"}},
  };
}

void TestCostModel::countedEqualsFormula_data() {
  QTest::addColumn<Case>("c");
  const QStringList sources = {"random", "positional", "clustered"};
  int row = 0;
  auto add = [&](const QString& variant, const QString& params, int n, int m, int d, int dv,
                 bool causal) {
    const QString source = sources[row++ % sources.size()];
    const Case c{variant, params, n, m, d, dv, causal, source, row % 3};
    QTest::newRow(qPrintable(QString("%1 [%2] N=%3 M=%4 %5 %6")
                                 .arg(variant, params)
                                 .arg(n)
                                 .arg(m)
                                 .arg(causal ? "causal" : "full", source)))
        << c;
  };
  for (const auto& [variant, list] : settings()) {
    const bool hasCausal = findSpec(requireVariant(variant.toStdString()).params(), "causal");
    for (const QString& params : list)
      for (bool causal : {false, true}) {
        if (causal && !hasCausal) continue;
        add(variant, params, 12, 12, 8, 8, causal);
        add(variant, params, 13, 9, 8, 8, causal);
      }
  }
  add("aft", "span=2", 12, 12, 8, 8, false);
  add("aft", "span=2", 12, 12, 8, 8, true);
  // Enough rows for several chunks of the causal prefix sums (and their scan).
  add("linear", "", 150, 120, 8, 6, true);
  add("performer", "features=16", 150, 120, 8, 6, true);
  add("linear", "", 200, 200, 4, 4, true);
  add("flash", "tile_q=32;tile_k=16", 70, 70, 8, 8, true);
}

void TestCostModel::countedEqualsFormula() {
  QFETCH(Case, c);
  const JobOutcome out = runCase(c);
  QVERIFY2(out.ok(), out.message().c_str());
  const VariantResult& r = *out.result;
  const Variant& v = requireVariant(c.variant.toStdString());
  const Cost formula = v.cost(r.dims, r.params);
  QCOMPARE(formula.flops(), r.cost.flops());  // the engine reports the same formula

  g_ops = {};
  const Reference ref = reference(*out.inputs, r);
  const Ops counted = g_ops;

  // The reference is the variant's algorithm: it reproduces the engine's output.
  QCOMPARE(Index(ref.output.size()), r.output.rows());
  double err = 0, scale = 1;
  for (Index i = 0; i < r.output.rows(); ++i)
    for (Index j = 0; j < r.output.cols(); ++j) {
      err = std::max(err, std::abs(ref.output[i][j].v - double(r.output(i, j))));
      scale = std::max(scale, std::abs(ref.output[i][j].v));
    }
  QVERIFY2(err <= 1e-4 * scale, qPrintable(QString("output differs by %1").arg(err)));

  auto show = [](double a, double b) {
    return QString("counted %1, formula %2").arg(a, 0, 'f', 1).arg(b, 0, 'f', 1);
  };
  if (!kDataDependent.count(c.variant)) {
    QVERIFY2(counted.flops == formula.flops(),
             qPrintable("flops: " + show(counted.flops, formula.flops())));
    QVERIFY2(counted.exps == formula.exps(),
             qPrintable("exps: " + show(counted.exps, formula.exps())));
    return;
  }
  // Data-dependent: the formula at the pattern's actual pair count (the mask's ones).
  double ones = 0;
  for (Index i = 0; i < r.mask(0).rows(); ++i)
    for (Index j = 0; j < r.mask(0).cols(); ++j) ones += r.mask(0)(i, j);
  QCOMPARE(ref.pairs, ones);
  const Ops atActual = formulaAtPairs(formula, ones);
  const double skipped = ref.emptyUpdates * double(r.dims.dk);  // k-means, see the top
  QVERIFY2(nearlyEqual(counted.flops + skipped, atActual.flops),
           qPrintable("flops: " + show(counted.flops + skipped, atActual.flops)));
  QVERIFY2(nearlyEqual(counted.exps, atActual.exps),
           qPrintable("exps: " + show(counted.exps, atActual.exps)));
  // ... and the expectation itself is near the actual count.
  const double expected = term(formula, "softmax").exps, factor = expectationFactor(c.variant);
  QVERIFY2(
      expected / factor <= ones && ones <= expected * factor,
      qPrintable(
          QString("expected pairs %1, actual %2, factor %3").arg(expected).arg(ones).arg(factor)));
  if (c.variant == "sinkhorn")
    QVERIFY2(ones <= expected, qPrintable(QString("upper bound %1 < %2").arg(expected).arg(ones)));
}

void TestCostModel::everyVariantIsCounted() {
  const auto table = settings();
  for (const Variant* v : allVariants())
    QVERIFY2(table.count(QString::fromStdString(v->id())), v->id().c_str());
  QCOMPARE(table.size(), allVariants().size());
}

void TestCostModel::denseGrowsQuadratically() {
  // N = M doubles: every dense term is pairs x (per-pair work), so exactly x4.
  const double dense = growth("scaled_dot", 2048, 4096, "", "");
  QVERIFY2(dense == 4.0, qPrintable(QString::number(dense, 'g', 17)));
  const double heads = growth("multi_head", 2048, 4096, "heads=8", "heads=8");
  QVERIFY2(heads == 4.0, qPrintable(QString::number(heads, 'g', 17)));
  // Causal: N (N + 1) / 2 pairs, x4 up to the diagonal.
  const double causal = growth("scaled_dot", 2048, 4096, "causal=1", "causal=1");
  QVERIFY2(causal > 3.99 && causal < 4.0, qPrintable(QString::number(causal, 'g', 17)));
  // Flash: x4 but for its final O = acc / l (N dv divisions), the one term linear in N.
  const double flash = growth("flash", 2048, 4096, "", "");
  QVERIFY2(std::abs(flash - 4.0) < 1e-3 && flash < 4.0,
           qPrintable(QString::number(flash, 'g', 10)));
  const Variant& fv = requireVariant("flash");
  const Cost f1 = fv.cost({2048, 2048, 64, 64, 64}, paramsOf(fv, "", false, 0));
  const Cost f2 = fv.cost({4096, 4096, 64, 64, 64}, paramsOf(fv, "", false, 0));
  // Without that term, exactly x4.
  QVERIFY(f2.flops() - 4096.0 * 64 == 4.0 * (f1.flops() - 2048.0 * 64));
}

void TestCostModel::linearAndLocalGrowLinearly() {
  const double local = growth("local_window", 2048, 4096, "", "");
  QVERIFY2(std::abs(local / 2.0 - 1.0) < 0.005, qPrintable(QString::number(local)));
  const double linear = growth("linear", 2048, 4096, "", "");
  QVERIFY2(std::abs(linear / 2.0 - 1.0) < 0.005, qPrintable(QString::number(linear)));
  const double linearCausal = growth("linear", 2048, 4096, "causal=1", "causal=1");
  QVERIFY2(std::abs(linearCausal / 2.0 - 1.0) < 0.005, qPrintable(QString::number(linearCausal)));
  // Quadratic in d (dk = dv = d): the f x dv state dominates, the linear-in-d terms fade.
  const Variant& lin = requireVariant("linear");
  const double inD = lin.cost({4096, 4096, 128, 128, 128}, paramsOf(lin, "", false, 0)).flops() /
                     lin.cost({4096, 4096, 64, 64, 64}, paramsOf(lin, "", false, 0)).flops();
  QVERIFY2(inD > 3.5 && inD < 4.1, qPrintable(QString::number(inD)));
}

void TestCostModel::sparseFixedAndDilatedGrowSubquadratically() {
  // Block ~ sqrt(N): pairs ~ N (l + c N / l) ~ N^1.5, so doubling N gives about 2^1.5 = 2.83.
  const double fixed = growth("sparse_fixed", 2048, 4096, "block=45", "block=64");
  QVERIFY2(fixed > 2.0 && fixed < 3.0, qPrintable(QString::number(fixed)));
  const double dilated = growth("dilated", 2048, 4096, "", "");
  QVERIFY2(dilated > 1.9 && dilated < 3.0, qPrintable(QString::number(dilated)));
  // LongNet's setting, segments up to the whole sequence (w0 2^(K-1) = N): still about linear.
  const double longNet =
      growth("dilated", 2048, 4096, "segment=4;configs=10", "segment=4;configs=11");
  QVERIFY2(longNet > 1.9 && longNet < 3.0, qPrintable(QString::number(longNet)));
}

void TestCostModel::flashTrafficIsTheExplanationsFormula() {
  // The flash page (resources/pages/*/flash.html) says: each of the ceil(N / Br) query tiles
  // reads all of K and V, so bytes = 4 ceil(N / Br) M (dk + dv) + 4 N (dk + dv) (Q read and O
  // written once), about 4 N M (dk + dv) / Br; at the defaults (Br = 32, dk = dv = 64) that is
  // the 16 bytes per pair of the unfused kernel's score matrix, and only Br > (dk + dv) / 4
  // beats it. Computed here from those words, not from the cost model's terms.
  const Variant& flash = requireVariant("flash");
  const Variant& dense = requireVariant("scaled_dot");
  auto page = [](double n, double m, double dk, double dv, double br) {
    return 4.0 * std::ceil(n / br) * m * (dk + dv) + 4.0 * n * (dk + dv);
  };
  const double n = 1024, d = 64;
  const InputDims dims{1024, 1024, 64, 64, 64};
  const Cost atDefaults = flash.cost(dims, paramsOf(flash, "", false, 0));
  QCOMPARE(atDefaults.bytes(), page(n, n, d, d, 32));
  QCOMPARE(atDefaults.bytes(), 16.0 * n * n + 4.0 * n * 2.0 * d);  // 16 bytes per pair
  // The unfused kernel: Q, K, V read, 16 N M for the score matrix, O written.
  const Cost unfused = dense.cost(dims, paramsOf(dense, "", false, 0));
  QCOMPARE(unfused.bytes(), 16.0 * n * n + 4.0 * (3.0 * n * d) + 4.0 * n * d);
  // Taller query tiles re-read K and V less often; Br = (dk + dv) / 4 = 32 is the break-even.
  QCOMPARE(flash.cost(dims, paramsOf(flash, "tile_q=64", false, 0)).bytes(), page(n, n, d, d, 64));
  QVERIFY(flash.cost(dims, paramsOf(flash, "tile_q=64", false, 0)).bytes() < unfused.bytes());
  QVERIFY(flash.cost(dims, paramsOf(flash, "tile_q=16", false, 0)).bytes() > unfused.bytes());
  // A last, shorter query tile still reads all of K and V; M != N and dk != dv as well.
  QCOMPARE(flash.cost({1000, 700, 48, 48, 80}, paramsOf(flash, "", false, 0)).bytes(),
           page(1000, 700, 48, 80, 32));
}

QTEST_GUILESS_MAIN(TestCostModel)
#include "test_cost_model.moc"
