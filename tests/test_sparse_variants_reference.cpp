// block_local, local_window, strided, global_tokens, bigbird, mixed_heads, sparse_fixed, dilated
// against the dense masked reference (reference_sparse_variants.h): masks, work, cost, errors.
#include "sparse_variants_run.h"

#include "core/engine.h"
#include "core/variant_registry.h"

#include <QTest>

using namespace atlas::core;
using sparsetest::Case;
using sparsetest::caseParams;
using sparsetest::runCase;

namespace {

const QStringList kWithComponents = {"bigbird", "mixed_heads", "sparse_fixed", "dilated"};

/// The reference pattern of head `a` of a result. BigBird's random keys R_i come from the
/// result (the pairs it marked random): the test checks them separately (count,
/// reproducibility, uniformity).
ref::PatternFn referencePattern(const VariantResult& r, Index a) {
  std::function<bool(long, long)> inRandom;
  if (r.variant == "bigbird") {
    const MaskMatrix comp = r.components(0);
    inRandom = [comp](long i, long j) { return comp(i, j) == 3; };
  }
  return ref::patternOf(r.variant, r.params, long(a), long(r.heads()), inRandom);
}

/// Reference heads in scalar T on the inputs the engine used.
template <typename T>
std::vector<ref::Head<T>> referenceHeads(const VariantResult& r, const Inputs& in) {
  const auto q = ref::toMat<T>(in.q), k = ref::toMat<T>(in.k), v = ref::toMat<T>(in.v);
  const bool causal = r.params.flag("causal");
  if (r.variant == "dilated")
    return {ref::longNetMixture(q, k, v, r.params.integer("segment"), r.params.integer("configs"),
                                causal)};
  const std::size_t h = static_cast<std::size_t>(r.heads());
  const std::size_t dh = q[0].size() / h, dvh = v[0].size() / h;
  std::vector<ref::Head<T>> heads;
  for (std::size_t a = 0; a < h; ++a)
    heads.push_back(ref::maskedAttend(ref::cols(q, a * dh, dh), ref::cols(k, a * dh, dh),
                                      ref::cols(v, a * dvh, dvh), T(1) / std::sqrt(T(dh)),
                                      referencePattern(r, Index(a)), causal));
  return heads;
}

double maskOnes(const VariantResult& r) {
  double ones = 0;
  for (Index h = 0; h < r.heads(); ++h) ones += r.mask(h).cast<double>().sum();
  return ones;
}

}  // namespace

class TestSparseVariantsReference : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void compute_data();
  void compute();
  void costIsTheExactPairCount();
  void errorsAreSentences();
};

void TestSparseVariantsReference::compute_data() {
  QTest::addColumn<Case>("c");
  const QStringList sources = {"random", "positional", "clustered"};
  int row = 0;
  auto add = [&](const QString& variant, int n, int m, int d, int dv, const QString& params,
                 bool causal, int seed) {
    Case c{variant, n, m, d, dv, params, causal, seed, sources[row++ % sources.size()]};
    const QString name = QStringLiteral("%1 N=%2 M=%3 d=%4 dv=%5 %6 %7 seed=%8 %9")
                             .arg(variant)
                             .arg(n)
                             .arg(m)
                             .arg(d)
                             .arg(dv)
                             .arg(params)
                             .arg(causal ? "causal" : "full")
                             .arg(seed)
                             .arg(c.source);
    QTest::newRow(qPrintable(name)) << c;
  };
  for (bool causal : {false, true}) {
    for (int seed : {0, 7}) {
      add("block_local", 13, 13, 8, 8, "block=4", causal, seed);
      add("block_local", 40, 33, 16, 5, "block=5", causal, seed);
      add("block_local", 17, 17, 8, 8, "block=1", causal, seed);
      add("block_local", 20, 20, 8, 8, "block=64", causal, seed);
      add("block_local", 24, 9, 8, 4, "block=4", causal, seed);  // rows past M: no keys
      add("local_window", 13, 13, 8, 8, "window=2", causal, seed);
      add("local_window", 40, 33, 16, 5, "window=3", causal, seed);
      add("local_window", 16, 16, 8, 8, "window=0", causal, seed);
      add("local_window", 30, 8, 8, 8, "window=1", causal, seed);
      add("local_window", 9, 25, 8, 8, "window=4", causal, seed);
      add("strided", 13, 13, 8, 8, "stride=3", causal, seed);
      add("strided", 40, 33, 16, 5, "stride=5", causal, seed);
      add("strided", 16, 16, 8, 8, "stride=1", causal, seed);
      add("strided", 10, 30, 8, 8, "stride=4", causal, seed);
      add("global_tokens", 13, 13, 8, 8, "global=1", causal, seed);
      add("global_tokens", 40, 33, 16, 5, "global=3", causal, seed);
      add("global_tokens", 16, 16, 8, 8, "global=0", causal, seed);
      add("global_tokens", 12, 20, 8, 8, "global=2", causal, seed);
      add("bigbird", 13, 13, 8, 8, "", causal, seed);
      add("bigbird", 40, 33, 16, 5, "window=2;global=2;random=3", causal, seed);
      add("bigbird", 16, 16, 8, 8, "window=0;global=0;random=16", causal, seed);
      add("bigbird", 30, 30, 8, 8, "window=1;global=1;random=40", causal, seed);
      add("bigbird", 25, 10, 8, 8, "window=1;global=1;random=2", causal, seed);
      add("mixed_heads", 24, 24, 16, 16, "heads=4", causal, seed);
      add("mixed_heads", 33, 40, 12, 6, "heads=3;patterns=full,global,local", causal, seed);
      add("mixed_heads", 20, 20, 16, 8, "heads=8;patterns=strided, local", causal, seed);
      add("mixed_heads", 18, 18, 8, 8, "heads=1;patterns=global", causal, seed);
      add("sparse_fixed", 13, 13, 8, 8, "block=4;summary=1", causal, seed);
      add("sparse_fixed", 40, 33, 16, 5, "block=5;summary=2", causal, seed);
      add("sparse_fixed", 16, 16, 8, 8, "block=4;summary=0", causal, seed);
      add("sparse_fixed", 20, 20, 8, 8, "block=3;summary=5", causal, seed);
      add("sparse_fixed", 9, 30, 8, 8, "block=4;summary=2", causal, seed);
      add("dilated", 13, 13, 8, 8, "segment=4;configs=3", causal, seed);
      add("dilated", 40, 33, 16, 5, "segment=3;configs=2", causal, seed);
      add("dilated", 64, 64, 8, 8, "segment=2;configs=4", causal, seed);
      add("dilated", 20, 20, 8, 8, "segment=4;configs=1", causal, seed);
      add("dilated", 30, 12, 8, 8, "segment=4;configs=3", causal, seed);
      add("dilated", 17, 17, 8, 8, "segment=1;configs=5", causal, seed);
      add("dilated", 33, 33, 8, 8, "segment=100;configs=2", causal, seed);
    }
  }
  // Several row blocks of the kernel.
  add("local_window", 257, 257, 32, 32, "window=5", true, 3);
  add("dilated", 300, 300, 16, 16, "segment=8;configs=4", false, 3);
  add("mixed_heads", 130, 100, 64, 32, "heads=4", false, 3);
  add("bigbird", 200, 200, 16, 16, "window=3;global=2;random=5", true, 3);
}

void TestSparseVariantsReference::compute() {
  QFETCH(Case, c);
  const JobOutcome out = runCase(c);
  QVERIFY2(out.ok(), out.message().c_str());
  const VariantResult& r = *out.result;
  const Inputs& in = *out.inputs;
  const bool hasComponents = kWithComponents.contains(c.variant);
  QCOMPARE(r.heads(), c.variant == "mixed_heads" ? Index(r.params.integer("heads")) : Index(1));
  QCOMPARE(r.output.rows(), Index(c.n));
  QCOMPARE(r.output.cols(), Index(c.dv));
  QCOMPARE(r.hasComponents(), hasComponents);
  if (hasComponents) {
    QCOMPARE(r.componentNames, ref::componentNames(r.variant, r.params, long(r.heads())));
  } else {
    QVERIFY(r.componentNames.empty());
  }

  // The mask (and components) are exactly the reference pattern, causal included.
  for (Index a = 0; a < r.heads(); ++a) {
    const ref::PatternFn f = referencePattern(r, a);
    const Matrix& p = r.weights(a);
    const MaskMatrix& mask = r.mask(a);
    QCOMPARE(p.rows(), Index(c.n));
    QCOMPARE(p.cols(), Index(c.m));
    for (Index i = 0; i < c.n; ++i) {
      double sum = 0;
      bool any = false;
      for (Index j = 0; j < c.m; ++j) {
        const bool allowed = ref::allowed(f, long(i), long(j), c.causal);
        if (int(mask(i, j)) != int(allowed))
          QFAIL(qPrintable(
              QString("head %1 mask(%2, %3) = %4").arg(a).arg(i).arg(j).arg(mask(i, j))));
        if (c.causal && j > i) QCOMPARE(int(mask(i, j)), 0);  // never looks ahead
        if (!allowed) QCOMPARE(p(i, j), 0.0f);                // exactly 0 off the pattern
        if (hasComponents) QCOMPARE(int(r.components(a)(i, j)), allowed ? f(long(i), long(j)) : 0);
        QVERIFY(p(i, j) >= 0.0f && std::isfinite(p(i, j)));
        sum += p(i, j);
        any = any || allowed;
      }
      if (any) {
        QVERIFY2(std::abs(sum - 1.0) < 1e-5,
                 qPrintable(QString("row %1 sums to %2").arg(i).arg(sum)));
      } else {  // a row with no key is zeros, never NaN
        QCOMPARE(sum, 0.0);
        const auto outRow = r.output.row(i).segment(a * (c.dv / r.heads()), c.dv / r.heads());
        QVERIFY(outRow.isZero(0.0f));
      }
    }
  }
  if (c.variant == "bigbird") {  // at most r' random keys per row, and all of them when not causal
    const Index rk = std::min<Index>(r.params.integer("random"), c.m);
    for (Index i = 0; i < c.n; ++i) {
      QVERIFY((r.components(0).row(i).array() == 3).count() <= rk);
      if (!c.causal) QVERIFY(r.mask(0).row(i).cast<int>().sum() >= rk);
    }
  }

  // Earned tolerance: twice the error of the same formula in float, floor 8 float eps.
  const auto exact = referenceHeads<double>(r, in);
  const auto rounded = referenceHeads<float>(r, in);
  const double floatError = ref::maxError<float>(r, rounded, exact);
  const double engineError = ref::maxError<double>(r, {}, exact);
  const double tolerance = ref::earnedTolerance(floatError);
  QVERIFY2(engineError <= tolerance,
           qPrintable(QString("error %1 > tolerance %2").arg(engineError).arg(tolerance)));

  // Work and cost: scores are evaluated on the pattern only, and the cost counts those pairs
  // (one exp each): exactly for the fixed patterns, in expectation for BigBird.
  const double ones = maskOnes(r);
  QCOMPARE(double(r.scoreEvaluations), ones);
  const double pairs =
      c.variant == "bigbird" ? ref::bigBirdExpectedPairs(r.params, c.n, c.m) : ones;
  QVERIFY2(std::abs(r.cost.exps() - pairs) <= 1e-9 * std::max(1.0, pairs),
           qPrintable(QString("cost counts %1 pairs, expected %2").arg(r.cost.exps()).arg(pairs)));
  QVERIFY(r.cost.peak > 0 && r.cost.resident > 0);
}

void TestSparseVariantsReference::costIsTheExactPairCount() {
  // Closed forms against brute-force counts of the reference masks, on shapes and parameters
  // the compute rows do not reach (edge sizes, M far from N), without running anything.
  struct Shape {
    Index n, m;
  };
  const Shape shapes[] = {{1, 1},  {1, 9},   {13, 13}, {40, 33},
                          {9, 30}, {64, 64}, {100, 7}, {70, 70}};
  const std::vector<std::pair<QString, std::vector<QString>>> variants = {
      {"block_local", {"block=1", "block=3", "block=8", "block=200"}},
      {"local_window", {"window=0", "window=1", "window=5", "window=300"}},
      {"strided", {"stride=1", "stride=2", "stride=7", "stride=500"}},
      {"global_tokens", {"global=0", "global=1", "global=5", "global=200"}},
      {"sparse_fixed",
       {"block=4;summary=0", "block=4;summary=1", "block=5;summary=3", "block=3;summary=9",
        "block=1;summary=1", "block=64;summary=2"}},
      {"dilated",
       {"segment=1;configs=1", "segment=2;configs=3", "segment=3;configs=4", "segment=4;configs=16",
        "segment=100;configs=2"}},
      {"mixed_heads",
       {"heads=4", "heads=5;patterns=full,local", "heads=2;patterns=global,strided,full"}},
      {"bigbird", {"", "window=0;global=0;random=1", "window=3;global=2;random=50"}},
  };
  int checked = 0;
  for (const auto& [variant, paramSets] : variants)
    for (const QString& params : paramSets)
      for (bool causal : {false, true})
        for (const Shape& s : shapes) {
          const Case c{variant, int(s.n), int(s.m), 20, 20, params, causal, 0};
          const ParamSet p = caseParams(c);
          const Variant& v = requireVariant(variant.toStdString());
          const Cost cost = v.cost({s.n, s.m, 20, 20, 20}, p);
          double expected = 0;
          if (variant == "bigbird") {
            expected = ref::bigBirdExpectedPairs(p, s.n, s.m);
          } else {
            const long h = variant == "mixed_heads" ? p.integer("heads") : 1;
            for (long a = 0; a < h; ++a) {
              const ref::PatternFn f = ref::patternOf(variant.toStdString(), p, a, h);
              for (long i = 0; i < s.n; ++i)
                for (long j = 0; j < s.m; ++j) expected += ref::allowed(f, i, j, causal);
            }
          }
          QVERIFY2(std::abs(cost.exps() - expected) <= 1e-9 * std::max(1.0, expected),
                   qPrintable(QString("%1 %2 %3 N=%4 M=%5: cost %6, pairs %7")
                                  .arg(variant, params)
                                  .arg(causal ? "causal" : "full")
                                  .arg(s.n)
                                  .arg(s.m)
                                  .arg(cost.exps())
                                  .arg(expected)));
          ++checked;
        }
  QCOMPARE(checked, 33 * 2 * 8);

  // Closed forms stay cheap at sizes nobody computes: a million rows, no N x M anything.
  const Variant& lw = requireVariant("local_window");
  const Index n = 1 << 20;
  QCOMPARE(lw.cost({n, n, 64, 64, 64}, defaultParams(lw.params())).exps(), double(n) * 5 - 6);
}

void TestSparseVariantsReference::errorsAreSentences() {
  const JobOutcome a = runCase({"mixed_heads", 8, 8, 16, 16, "patterns=local,dense", false, 0});
  QVERIFY(!a.ok());
  QVERIFY2(a.message() ==
               "'mixed_heads' has no head pattern named 'dense'; the patterns are local, strided, "
               "global and full.",
           a.message().c_str());
  const JobOutcome b = runCase({"mixed_heads", 8, 8, 10, 10, "heads=4", false, 0});
  QVERIFY(!b.ok());
  QVERIFY2(b.message().find("divisible by the number of heads") != std::string::npos,
           b.message().c_str());
  auto bad = std::make_shared<Inputs>();
  bad->q = Matrix::Ones(5, 3);
  bad->k = Matrix::Ones(5, 4);
  bad->v = Matrix::Ones(5, 4);
  for (const char* v : {"block_local", "local_window", "strided", "global_tokens", "bigbird",
                        "sparse_fixed", "dilated"}) {
    const JobOutcome e = runCase({v, 5, 5, 4, 4, "", false, 0}, bad);
    QVERIFY2(!e.ok() && e.message().find("as wide as the keys") != std::string::npos, v);
  }
}

QTEST_APPLESS_MAIN(TestSparseVariantsReference)
#include "test_sparse_variants_reference.moc"
