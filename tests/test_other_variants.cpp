// linear, performer, synthesizer_dense, synthesizer_random, aft, flash and paged against
// independent double-precision references (reference_other_variants.h), plus the equivalences
// docs/variants.md promises: flash and paged equal scaled_dot, the two multiplication orders agree,
// many random features approach softmax attention.
#include "engine_run.h"
#include "reference_other_variants.h"

#include "core/engine.h"
#include "core/rng.h"
#include "core/variant_registry.h"

#include <QTest>

#include <set>

using namespace atlas::core;

namespace {

struct Case {
  QString variant;
  int n, m, d, dv;
  bool causal;
  int seed;
  QString params;  ///< "name=value;name=value"
  QString source = "random";
};

}  // namespace
Q_DECLARE_METATYPE(Case)
namespace {

JobOutcome runCase(const Case& c, std::shared_ptr<const Inputs> loaded = nullptr,
                   const ParamSet* override = nullptr) {
  const Variant& v = requireVariant(c.variant.toStdString());
  const auto specs = v.params();
  ParamSet p = override ? *override : defaultParams(specs);
  p.seed = static_cast<std::uint64_t>(c.seed);
  testrun::setParams(p, v, c.params, ';', c.causal);
  return testrun::run(v, p, {c.source, c.n, c.m, c.d, c.dv, c.seed}, std::move(loaded));
}

/// The span aft used: 0 means every pair (s = max(N, M)).
long aftSpan(const VariantResult& r) {
  const long s = r.params.integer("span");
  return s > 0 ? s : long(std::max(r.dims.n, r.dims.m));
}

/// The reference head of a case in scalar T, from the inputs and parameters the engine used.
template <typename T>
ref::Head<T> referenceHead(const QString& variant, const Inputs& in, const VariantResult& r,
                           bool causal) {
  const auto q = ref::toMat<T>(in.q), k = ref::toMat<T>(in.k), v = ref::toMat<T>(in.v);
  auto param = [&](const char* name) { return ref::toMat<T>(*r.params.matrix(name)); };
  if (variant == "linear") return ref::linear(q, k, v, causal);
  if (variant == "performer") return ref::performer(q, k, v, param("W"), causal);
  if (variant == "synthesizer_dense")
    return ref::synthesizerDense(q, v, param("W1"), param("W2"), causal);
  if (variant == "synthesizer_random") return ref::softmaxAttend(param("R"), v, causal);
  if (variant == "aft") return ref::aft(q, k, v, aftSpan(r), causal);
  if (variant == "flash") return ref::scaledDot(q, k, v, causal);
  if (variant == "paged") return ref::scaledDot(ref::Mat<T>{q.back()}, k, v, false);
  qFatal("no reference for %s", qPrintable(variant));
}

/// Largest |a - exact| over the weights and the output; a from the engine when `head` is null.
template <typename T>
double maxError(const VariantResult& r, const ref::Head<T>* head, const ref::Head<double>& exact) {
  double err = 0;
  for (std::size_t i = 0; i < exact.p.size(); ++i) {
    for (std::size_t j = 0; j < exact.p[i].size(); ++j)
      err = std::max(err,
                     std::abs((head ? double(head->p[i][j]) : r.weights(0)(i, j)) - exact.p[i][j]));
    for (std::size_t c = 0; c < exact.o[i].size(); ++c)
      err =
          std::max(err, std::abs((head ? double(head->o[i][c]) : r.output(i, c)) - exact.o[i][c]));
  }
  return err;
}

/// Earned tolerance (as test_dense_variants): twice the error of the same formula in float,
/// with a floor of 8 float ulps.
double earnedTolerance(const QString& variant, const Inputs& in, const VariantResult& r,
                       bool causal) {
  const auto exact = referenceHead<double>(variant, in, r, causal);
  const auto rounded = referenceHead<float>(variant, in, r, causal);
  return ref::earnedTolerance(maxError<float>(r, &rounded, exact));
}

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

std::shared_ptr<const Inputs> randomInputs(Index n, Index m, Index d, Index dv, std::uint64_t seed,
                                           double scale = 1.0, Index dq = 0) {
  auto in = std::make_shared<Inputs>();
  in->q = Rng(seed, "test:q").normalMatrix(n, dq ? dq : d, scale);
  in->k = Rng(seed, "test:k").normalMatrix(m, d, scale);
  in->v = Rng(seed, "test:v").normalMatrix(m, dv, 1.0);
  return in;
}

}  // namespace

class TestOtherVariants : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void compute_data();
  void compute();
  void flashEqualsScaledDot_data();
  void flashEqualsScaledDot();
  void pagedEqualsScaledDotLastRow_data();
  void pagedEqualsScaledDotLastRow();
  void pagedTablesDifferAcrossSeeds();
  void bothOrdersAgree_data();
  void bothOrdersAgree();
  void performerApproximatesSoftmax();
  void aftSpanZeroIsSimple();
  void suppliedScoresFixTheShape();
  void errorsAreSentences();
};

void TestOtherVariants::compute_data() {
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

void TestOtherVariants::compute() {
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

void TestOtherVariants::flashEqualsScaledDot_data() {
  QTest::addColumn<int>("n");
  QTest::addColumn<int>("m");
  QTest::addColumn<int>("br");
  QTest::addColumn<int>("bc");
  QTest::addColumn<bool>("causal");
  const int shapes[][4] = {{64, 64, 16, 16}, {70, 70, 32, 8}, {5, 5, 32, 32},
                           {70, 45, 16, 8},  {33, 80, 8, 32}, {9, 9, 1, 1}};
  for (const auto& s : shapes)
    for (bool causal : {false, true})
      QTest::newRow(qPrintable(QString("N=%1 M=%2 %3x%4 %5")
                                   .arg(s[0])
                                   .arg(s[1])
                                   .arg(s[2])
                                   .arg(s[3])
                                   .arg(causal ? "causal" : "full")))
          << s[0] << s[1] << s[2] << s[3] << causal;
}

void TestOtherVariants::flashEqualsScaledDot() {
  QFETCH(int, n);
  QFETCH(int, m);
  QFETCH(int, br);
  QFETCH(int, bc);
  QFETCH(bool, causal);
  const QString tiles = QString("tile_q=%1;tile_k=%2").arg(br).arg(bc);
  const JobOutcome f = runCase({"flash", n, m, 16, 8, causal, 3, tiles});
  const JobOutcome s = runCase({"scaled_dot", n, m, 16, 8, causal, 3, {}});
  QVERIFY2(f.ok() && s.ok(), (f.message() + s.message()).c_str());
  const VariantResult& fr = *f.result;
  // Both are within the earned tolerance of the exact result, so within twice it of each other.
  const double tol = 2.0 * earnedTolerance("flash", *f.inputs, fr, causal);
  QVERIFY(((fr.weights(0) - s.result->weights(0)).cwiseAbs().maxCoeff()) <= tol);
  QVERIFY(((fr.output - s.result->output).cwiseAbs().maxCoeff()) <= tol);
  QCOMPARE(fr.mask(0), s.result->mask(0));

  // Tile order: query tiles outer, key tiles inner, none entirely above the diagonal.
  const Matrix& order = fr.trace.tiles->order;
  const Index qTiles = (n + br - 1) / br, kTiles = (m + bc - 1) / bc;
  Index expected = 0;
  for (Index t = 0; t < qTiles; ++t)
    for (Index kt = 0; kt < kTiles; ++kt) {
      if (causal && kt * bc > std::min<Index>((t + 1) * br, n) - 1) continue;
      QCOMPARE(order(expected, 0), float(t));
      QCOMPARE(order(expected, 1), float(kt));
      ++expected;
    }
  QCOMPARE(order.rows(), expected);
  QCOMPARE(order.cols(), Index{2});

  // The running max and sum after the last key tile are the row max and softmax denominator.
  const Matrix& mx = fr.trace.tiles->runningMax;
  const Matrix& l = fr.trace.tiles->runningSum;
  QCOMPARE(mx.rows(), Index(n));
  QCOMPARE(mx.cols(), kTiles);
  QCOMPARE(l.cols(), kTiles);
  const auto q = ref::toMat<double>(f.inputs->q), k = ref::toMat<double>(f.inputs->k);
  for (Index i = 0; i < n; ++i) {
    double rowMax = -std::numeric_limits<double>::infinity(), denom = 0;
    const Index allowed = causal ? std::min<Index>(i + 1, m) : m;
    for (Index j = 0; j < allowed; ++j) rowMax = std::max(rowMax, ref::dot(q[i], k[j]) / 4.0);
    for (Index j = 0; j < allowed; ++j) denom += std::exp(ref::dot(q[i], k[j]) / 4.0 - rowMax);
    QVERIFY2(std::abs(mx(i, kTiles - 1) - rowMax) <= 1e-5 * std::max(1.0, std::abs(rowMax)),
             qPrintable(QString("row %1: max %2 vs %3").arg(i).arg(mx(i, kTiles - 1)).arg(rowMax)));
    QVERIFY2(std::abs(l(i, kTiles - 1) - denom) <= 1e-5 * denom,
             qPrintable(QString("row %1: sum %2 vs %3").arg(i).arg(l(i, kTiles - 1)).arg(denom)));
    for (Index kt = 1; kt < kTiles; ++kt) QVERIFY(mx(i, kt) >= mx(i, kt - 1));  // a running max
  }
}

void TestOtherVariants::pagedEqualsScaledDotLastRow_data() {
  QTest::addColumn<int>("n");
  QTest::addColumn<int>("m");
  QTest::addColumn<int>("page");
  QTest::addColumn<int>("seed");
  for (const auto& [n, m] : {std::pair{23, 23}, std::pair{5, 30}})
    for (int page : {1, 3, 4, 7, m})
      for (int seed : {0, 1, 2})
        QTest::newRow(
            qPrintable(QString("N=%1 M=%2 page=%3 seed=%4").arg(n).arg(m).arg(page).arg(seed)))
            << n << m << page << seed;
}

void TestOtherVariants::pagedEqualsScaledDotLastRow() {
  QFETCH(int, n);
  QFETCH(int, m);
  QFETCH(int, page);
  QFETCH(int, seed);
  const JobOutcome pg = runCase({"paged", n, m, 16, 8, false, seed, QString("page=%1").arg(page)});
  const JobOutcome sd = runCase({"scaled_dot", n, m, 16, 8, false, seed, {}});
  QVERIFY2(pg.ok() && sd.ok(), (pg.message() + sd.message()).c_str());
  const VariantResult& r = *pg.result;
  const double tol = 2.0 * earnedTolerance("paged", *pg.inputs, r, false);
  QVERIFY((r.weights(0) - sd.result->weights(0).row(n - 1)).cwiseAbs().maxCoeff() <= tol);
  QVERIFY((r.output - sd.result->output.row(n - 1)).cwiseAbs().maxCoeff() <= tol);
  QCOMPARE(r.mask(0), MaskMatrix::Ones(1, m).eval());

  // The block table is a permutation of the physical pages; pool_order is its inverse.
  const Index pages = (m + page - 1) / page;
  const Matrix& table = r.trace.pages->blockTable;
  const Matrix& pool = r.trace.pages->poolOrder;
  QCOMPARE(table.rows(), pages);
  QCOMPARE(table.cols(), Index{1});
  std::set<int> seen;
  for (Index l = 0; l < pages; ++l) {
    const int phys = int(table(l, 0));
    QVERIFY(phys >= 0 && phys < pages);
    seen.insert(phys);
    QCOMPARE(pool(phys, 0), float(l));
  }
  QCOMPARE(Index(seen.size()), pages);
}

void TestOtherVariants::pagedTablesDifferAcrossSeeds() {
  std::set<std::vector<float>> tables;
  bool shuffled = false;
  for (int seed = 0; seed < 5; ++seed) {
    const JobOutcome pg = runCase({"paged", 40, 40, 8, 8, false, seed, "page=4"});
    QVERIFY2(pg.ok(), pg.message().c_str());
    const Matrix& t = pg.result->trace.pages->blockTable;
    tables.insert(std::vector<float>(t.data(), t.data() + t.size()));
    for (Index l = 0; l < t.rows(); ++l) shuffled = shuffled || t(l, 0) != float(l);
  }
  QVERIFY(tables.size() >= 4);  // 10 pages: 10! tables, a repeat among 5 seeds is unlikely
  QVERIFY(shuffled);
}

void TestOtherVariants::bothOrdersAgree_data() {
  QTest::addColumn<QString>("variant");
  QTest::addColumn<int>("n");
  QTest::addColumn<int>("m");
  QTest::addColumn<bool>("causal");
  for (const QString v : {"linear", "performer"})
    for (bool causal : {false, true}) {
      QTest::newRow(qPrintable(QString("%1 N=M=200 %2").arg(v, causal ? "causal" : "full")))
          << v << 200 << 200 << causal;
      QTest::newRow(qPrintable(QString("%1 N=90 M=60 %2").arg(v, causal ? "causal" : "full")))
          << v << 90 << 60 << causal;
    }
}

void TestOtherVariants::bothOrdersAgree() {
  QFETCH(QString, variant);
  QFETCH(int, n);
  QFETCH(int, m);
  QFETCH(bool, causal);
  const JobOutcome out = runCase({variant, n, m, 16, 8, causal, 4, {}});
  QVERIFY2(out.ok(), out.message().c_str());
  const VariantResult& r = *out.result;
  // The cheap-order output against the quadratic order P V, P being the implied weights shown.
  const MatrixD pv = r.weights(0).cast<double>() * out.inputs->v.cast<double>();
  const double diff = (r.output.cast<double>() - pv).cwiseAbs().maxCoeff();
  const double tol = earnedTolerance(variant, *out.inputs, r, causal);
  QVERIFY2(diff <= tol, qPrintable(QString("orders differ by %1 > %2").arg(diff).arg(tol)));

  // order_flops: {cheap, quadratic}; the cheap order is the cheaper one at this N, M, f.
  const Matrix& flops = *r.trace.orderFlops;
  QCOMPARE(flops.rows(), Index{1});
  QCOMPARE(flops.cols(), Index{2});
  const double f = variant == "linear" ? 16.0 : r.params.number("features");
  const double pairs =
      causal ? double(std::min(n, m)) * (std::min(n, m) + 1) / 2 + std::max(0, n - m) * double(m)
             : double(n) * m;
  QCOMPARE(double(flops(0, 1)), double(float(pairs * (2.0 * f + 2.0 + 2.0 * 8))));
  QVERIFY(flops(0, 0) < flops(0, 1));
  double cheap = 0;  // the cost terms of the cheap order add up to the first entry
  for (const CostTerm& t : r.cost.terms)
    if (t.name.starts_with("phi(K)^T") || t.name.starts_with("phi(Q) (") ||
        t.name == "normaliser" || t.name == "divide")
      cheap += t.flops;
  QCOMPARE(float(cheap), flops(0, 0));
}

void TestOtherVariants::performerApproximatesSoftmax() {
  // With m = 4096 positive random features the implied weights approach softmax(q.k / sqrt(d)).
  // Inputs N(0, 0.5^2), d = 8: by the variance of positive random features (Choromanski et al.
  // 2021), each pair's kernel estimate has relative variance (exp(||q' + k'||^2) - 1) / m, about
  // (e^1.4 - 1) / 4096, a relative error near 3% on weights near 1/32. Measured mean
  // |P - softmax| over N = M = 32, seeds 0..4: 5e-4 to 8e-4 at m = 4096, 5e-3 to 1e-2 at m = 16
  // (the 1/sqrt(m) law), while uniform weights are off by about 6e-3. The bound 2e-3 is about 3x
  // the worst measured and a third of what a wrong map would give.
  for (std::uint64_t seed = 0; seed < 5; ++seed) {
    const auto in = randomInputs(32, 32, 8, 8, seed, 0.5);
    const auto exact = ref::scaledDot(ref::toMat<double>(in->q), ref::toMat<double>(in->k),
                                      ref::toMat<double>(in->v), false);
    double meanErr[2] = {0, 0};
    int a = 0;
    for (int features : {4096, 16}) {
      const JobOutcome out = runCase(
          {"performer", 32, 32, 8, 8, false, int(seed), QString("features=%1").arg(features)}, in);
      QVERIFY2(out.ok(), out.message().c_str());
      for (Index i = 0; i < 32; ++i)
        for (Index j = 0; j < 32; ++j)
          meanErr[a] += std::abs(out.result->weights(0)(i, j) - exact.p[i][j]);
      meanErr[a++] /= 32.0 * 32.0;
    }
    qDebug("seed %d: mean |P - softmax| = %.2e at m = 4096, %.2e at m = 16", int(seed), meanErr[0],
           meanErr[1]);
    QVERIFY2(meanErr[0] < 2e-3, qPrintable(QString("mean error %1").arg(meanErr[0])));
    QVERIFY(meanErr[0] < meanErr[1]);
  }
}

void TestOtherVariants::aftSpanZeroIsSimple() {
  for (bool causal : {false, true}) {
    const JobOutcome simple = runCase({"aft", 25, 10, 8, 8, causal, 2, "span=0"});
    const JobOutcome wide = runCase({"aft", 25, 10, 8, 8, causal, 2, "span=1000"});
    QVERIFY2(simple.ok() && wide.ok(), (simple.message() + wide.message()).c_str());
    QCOMPARE(simple.result->weights(0), wide.result->weights(0));
    QCOMPARE(simple.result->output, wide.result->output);
    if (!causal) QCOMPARE(simple.result->mask(0), MaskMatrix::Ones(25, 10).eval());
  }
}

void TestOtherVariants::suppliedScoresFixTheShape() {
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

void TestOtherVariants::errorsAreSentences() {
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

QTEST_APPLESS_MAIN(TestOtherVariants)
#include "test_other_variants.moc"
