// The data-dependent (lsh, kmeans, sinkhorn) and fewer-keys (linformer, compressed) variants
// against independent double-precision references (reference_learned.h), plus the properties
// and equivalences docs/variants.md promises.
//
// Masks of the data-dependent variants are recomputed in the test from the definition (hashing,
// Lloyd, Sinkhorn in double) and must match exactly; each row also checks that its discrete
// decisions are no near ties (margin > 1e-9), so a mismatch is a real bug, never rounding.
// Weights are then compared on that mask with the earned tolerance of test_dense_variants.cpp.
#include "engine_run.h"
#include "reference_learned.h"

#include "core/engine.h"
#include "core/variant_registry.h"

#include <Eigen/SVD>
#include <QTest>

#include <set>

using namespace atlas::core;

namespace {

struct Case {
  QString variant;
  int n, m, d, dv;
  QString params;  ///< "name=value,name=value"
  int seed;
  QString source;
};

}  // namespace
Q_DECLARE_METATYPE(Case)
namespace {

ParamSet paramsOf(const Variant& v, const QString& text, int seed) {
  return testrun::params(v, text, seed, ',');
}

JobOutcome runWith(const QString& variant, const ParamSet& p, const Case& c,
                   std::shared_ptr<const Inputs> loaded = nullptr) {
  JobOutcome out = testrun::run(requireVariant(variant.toStdString()), p,
                                {c.source, c.n, c.m, c.d, c.dv, c.seed}, std::move(loaded));
  out.result = ref::dense(out.result);  // compared entry by entry
  return out;
}

JobOutcome runCase(const Case& c) {
  return runWith(c.variant, paramsOf(requireVariant(c.variant.toStdString()), c.params, c.seed), c);
}

double at(const Matrix& a, std::size_t i, std::size_t j) { return a(Index(i), Index(j)); }
template <typename T>
double at(const ref::Mat<T>& a, std::size_t i, std::size_t j) {
  return double(a[i][j]);
}

template <typename A>
double maxDiff(const A& a, const ref::Mat<double>& exact) {
  double err = 0;
  for (std::size_t i = 0; i < exact.size(); ++i)
    for (std::size_t j = 0; j < exact[i].size(); ++j)
      err = std::max(err, std::abs(at(a, i, j) - exact[i][j]));
  return err;
}

/// One compared quantity: the engine's, the same formula looped in float, the double reference.
struct Compared {
  const Matrix& engine;
  const ref::Mat<float>& rounded;
  const ref::Mat<double>& exact;
};

/// Earned tolerance: |engine - exact| <= max(2 |float loop - exact|, 8 eps) over all quantities.
void checkEarned(std::initializer_list<Compared> all) {
  double floatError = 0, engineError = 0;
  for (const Compared& c : all) {
    floatError = std::max(floatError, maxDiff(c.rounded, c.exact));
    engineError = std::max(engineError, maxDiff(c.engine, c.exact));
  }
  const double tolerance = ref::earnedTolerance(floatError);
  QVERIFY2(engineError <= tolerance,
           qPrintable(QString("error %1 > tolerance %2").arg(engineError).arg(tolerance)));
}

bool isSparse(const QString& v) { return v == "lsh" || v == "kmeans" || v == "sinkhorn"; }

}  // namespace

class TestLearnedVariants : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void compute_data();
  void compute();
  void linformerWithIdentityIsScaledDot_data();
  void linformerWithIdentityIsScaledDot();
  void linformerMapHasRankAtMostK_data();
  void linformerMapHasRankAtMostK();
  void compressedWithPoolOneIsScaledDot();
  void kmeansWithOneClusterIsScaledDot_data();
  void kmeansWithOneClusterIsScaledDot();
  void lshBucketsDependOnDirectionOnly();
  void costFormulas();
  void errorsAreSentences();
};

void TestLearnedVariants::compute_data() {
  QTest::addColumn<Case>("c");
  auto add = [](const QString& variant, int n, int m, int d, int dv, const QString& params,
                int seed, const QString& source) {
    const QString name =
        QString::asprintf("%s N=%d M=%d d=%d dv=%d [%s] seed=%d %s", qPrintable(variant), n, m, d,
                          dv, qPrintable(params), seed, qPrintable(source));
    QTest::newRow(qPrintable(name)) << Case{variant, n, m, d, dv, params, seed, source};
  };
  for (const char* causal : {"causal=0", "causal=1"}) {
    const QString cz = causal;
    for (int seed : {0, 5}) {
      add("lsh", 24, 24, 8, 8, cz, seed, "random");
      add("lsh", 33, 33, 16, 4, "buckets=8," + cz, seed, "clustered");
      add("lsh", 20, 20, 8, 8, "buckets=2," + cz, seed, "positional");
      add("lsh", 30, 17, 8, 6, "buckets=6," + cz, seed, "random");  // N > M: rows may be empty
      add("lsh", 12, 40, 6, 5, "buckets=4," + cz, seed, "random");  // N < M
      add("kmeans", 24, 24, 8, 8, cz, seed, "random");
      add("kmeans", 40, 40, 16, 8, "clusters=4,iters=20," + cz, seed, "clustered");
      add("kmeans", 21, 15, 8, 4, "clusters=5,iters=0," + cz, seed, "random");
      add("kmeans", 9, 5, 4, 4, "clusters=8,iters=3," + cz, seed, "random");  // c > M
      add("sinkhorn", 32, 32, 8, 8, cz, seed, "random");
      add("sinkhorn", 30, 30, 16, 8, "block=7,iters=3,tau=0.3," + cz, seed, "clustered");
      add("sinkhorn", 26, 19, 8, 5, "block=5,iters=0," + cz, seed, "random");
      add("sinkhorn", 17, 38, 8, 8, "block=4,iters=20,tau=2," + cz, seed, "random");
      add("sinkhorn", 10, 10, 4, 4, "block=16," + cz, seed, "random");  // one block
      // The free argmax, which may route a block to itself.
      add("sinkhorn", 32, 32, 8, 8, "other_block=0," + cz, seed, "random");
      add("sinkhorn", 30, 30, 16, 8, "block=7,other_block=0," + cz, seed, "clustered");
    }
  }
  for (int seed : {0, 3}) {
    add("linformer", 20, 20, 8, 8, "", seed, "random");
    add("linformer", 25, 31, 8, 5, "rank=4,share_ef=0", seed, "clustered");
    add("linformer", 16, 12, 16, 16, "rank=20", seed, "positional");  // k > M
    add("compressed", 20, 20, 8, 8, "", seed, "random");
    add("compressed", 23, 30, 8, 6, "pool=7", seed, "clustered");   // last window shorter
    add("compressed", 12, 9, 4, 4, "pool=32", seed, "positional");  // one window
  }
  add("lsh", 300, 300, 32, 16, "buckets=16,causal=1", 9, "random");  // several row blocks
  add("kmeans", 260, 200, 32, 16, "clusters=6", 9, "clustered");
  add("sinkhorn", 300, 280, 32, 16, "block=16", 9, "random");
  add("linformer", 200, 150, 32, 16, "rank=16,share_ef=0", 9, "random");
}

void TestLearnedVariants::compute() {
  QFETCH(Case, c);
  const JobOutcome out = runCase(c);
  QVERIFY2(out.ok(), out.message().c_str());
  const VariantResult& r = *out.result;
  const Inputs& in = *out.inputs;
  const auto q = ref::toMat<double>(in.q), k = ref::toMat<double>(in.k),
             v = ref::toMat<double>(in.v);
  const auto qf = ref::toMat<float>(in.q), kf = ref::toMat<float>(in.k),
             vf = ref::toMat<float>(in.v);
  QCOMPARE(r.heads(), Index(1));
  QCOMPARE(r.weights(0).rows(), Index(c.n));
  QCOMPARE(r.weights(0).cols(), Index(c.m));
  QCOMPARE(r.mask(0).rows(), Index(c.n));
  QCOMPARE(r.output.rows(), Index(c.n));
  QCOMPARE(r.output.cols(), Index(c.dv));
  const bool causal = r.params.numbers.count("causal") && r.params.flag("causal");
  const Matrix& p = r.weights(0);
  const MaskMatrix& mask = r.mask(0);

  if (isSparse(c.variant)) {
    // 1. The mask, recomputed from the definition.
    ref::Mask expected;
    if (c.variant == "sinkhorn") {
      const auto b = std::size_t(r.params.integer("block"));
      const ref::Routing routing = ref::sinkhorn(
          q, k, b, r.params.integer("iters"), r.params.number("tau"), r.params.flag("other_block"));
      QVERIFY2(routing.margin > 1e-9,
               qPrintable(QString("near tie %1: pick another seed").arg(routing.margin)));
      expected = ref::sinkhornMask(routing, q.size(), k.size(), b, causal);
      const Matrix& route = r.trace.routing->routing;
      QCOMPARE(route.rows(), Index(routing.pi.size()));
      QCOMPARE(route.cols(), Index(1));
      const Index keyBlocks = (c.m + Index(b) - 1) / Index(b);
      for (std::size_t a = 0; a < routing.pi.size(); ++a) {
        QCOMPARE(route(Index(a), 0), float(routing.pi[a]));
        // other_block: a block with a key block of its own is routed to another one.
        if (r.params.flag("other_block") && Index(a) < keyBlocks && keyBlocks > 1)
          QVERIFY(route(Index(a), 0) != float(a));
      }
      const Matrix& scores = r.trace.routing->blockScores;
      QCOMPARE(scores.rows(), Index(routing.l.size()));
      QCOMPARE(scores.cols(), Index(routing.l[0].size()));
      for (std::size_t a = 0; a < routing.l.size(); ++a)
        for (std::size_t b2 = 0; b2 < routing.l[a].size(); ++b2)
          QVERIFY(std::abs(scores(Index(a), Index(b2)) - routing.l[a][b2]) <=
                  1e-5 * std::max(1.0, std::abs(routing.l[a][b2])));
    } else {
      const ref::Assignment a = c.variant == "lsh"
                                    ? ref::lsh(q, k, ref::toMat<double>(*r.params.matrix("R")))
                                    : ref::kmeans(q, k, std::size_t(r.params.integer("clusters")),
                                                  r.params.integer("iters"));
      QVERIFY2(a.margin > 1e-9,
               qPrintable(QString("near tie %1: pick another seed").arg(a.margin)));
      QCOMPARE(r.trace.queryBuckets.size(), std::size_t(1));
      QCOMPARE(r.trace.queryBuckets[0], a.q);
      QCOMPARE(r.trace.keyBuckets[0], a.k);
      expected = ref::bucketMask(a, causal);
    }
    double ones = 0;
    for (Index i = 0; i < c.n; ++i)
      for (Index j = 0; j < c.m; ++j) {
        QCOMPARE(int(mask(i, j)), int(expected[i][j]));
        ones += mask(i, j);
      }
    // 2. Work proportional to the pattern: one raw score per computed pair.
    QCOMPARE(double(r.scoreEvaluations), ones);
    // 3. Weights and output against the masked dense reference, on that mask.
    const auto exact = ref::maskedScaledDot(q, k, v, expected);
    const auto rounded = ref::maskedScaledDot(qf, kf, vf, expected);
    checkEarned({{p, rounded.p, exact.p}, {r.output, rounded.o, exact.o}});
    // 4. Rows: sum to 1 over allowed keys, masked entries exactly 0, causal never looks ahead.
    //    A row can be empty only for a query without a key of its bucket and without j == i.
    for (Index i = 0; i < c.n; ++i) {
      double sum = 0;
      for (Index j = 0; j < c.m; ++j) {
        if (!mask(i, j)) QCOMPARE(p(i, j), 0.0f);
        if (causal && j > i) QCOMPARE(int(mask(i, j)), 0);
        QVERIFY(p(i, j) >= 0.0f);
        sum += p(i, j);
      }
      if (mask.row(i).cast<int>().sum() == 0) {
        QVERIFY2(i >= c.m && c.variant != "sinkhorn",
                 qPrintable(QString("row %1 is empty").arg(i)));
        QCOMPARE(sum, 0.0);
      } else {
        QVERIFY2(std::abs(sum - 1.0) < 1e-5,
                 qPrintable(QString("row %1 sums to %2").arg(i).arg(sum)));
      }
      if (i < c.m) QCOMPARE(int(mask(i, i)), 1);  // j == i (lsh, kmeans) or its own block
    }
    // The Sinkhorn cost counts each routed block as different and full: an upper bound.
    if (c.variant == "sinkhorn") {
      const auto softmax = std::find_if(r.cost.terms.begin(), r.cost.terms.end(),
                                        [](const CostTerm& t) { return t.name == "softmax"; });
      QVERIFY(softmax != r.cost.terms.end());
      QVERIFY2(softmax->exps >= ones,
               qPrintable(QString("cost pairs %1 < %2").arg(softmax->exps).arg(ones)));
    }
  } else {
    // Fewer keys: P', the implied map and O against the reference with the same matrices.
    const bool lin = c.variant == "linformer";
    ref::ShortHead<double> exact;
    ref::ShortHead<float> rounded;
    if (lin) {
      const Matrix& e = *r.params.matrix("E");
      const bool shared = r.params.flag("share_ef");
      QCOMPARE(r.params.matrix("F") == nullptr, shared);  // F is recorded only when it is not E
      const Matrix& f = shared ? e : *r.params.matrix("F");
      QCOMPARE(e.rows(), Index(r.params.integer("rank")));
      QCOMPARE(e.cols(), Index(c.m));
      exact = ref::linformer(q, k, v, ref::toMat<double>(e), ref::toMat<double>(f));
      rounded = ref::linformer(qf, kf, vf, ref::toMat<float>(e), ref::toMat<float>(f));
      // Row i of P' F sums to sum_t P'[i,t] rowsum(F_t), not 1.
      const Eigen::VectorXd rowSumF = f.cast<double>().rowwise().sum();
      for (Index i = 0; i < c.n; ++i) {
        const double want = r.trace.reducedWeights->row(i).cast<double>().dot(rowSumF);
        QVERIFY(std::abs(p.row(i).cast<double>().sum() - want) <
                1e-4 * std::max(1.0, std::abs(want)));
      }
    } else {
      const auto pool = std::size_t(r.params.integer("pool"));
      exact = ref::compressed(q, k, v, pool);
      rounded = ref::compressed(qf, kf, vf, pool);
      for (Index i = 0; i < c.n; ++i) {
        QVERIFY((p.row(i).array() >= 0.0f).all());
        QVERIFY(std::abs(p.row(i).cast<double>().sum() - 1.0) < 1e-5);
      }
    }
    const Matrix& pPrime = *r.trace.reducedWeights;
    QCOMPARE(pPrime.rows(), Index(c.n));
    QCOMPARE(pPrime.cols(), Index(exact.pPrime[0].size()));
    checkEarned({{p, rounded.head.p, exact.head.p},
                 {r.output, rounded.head.o, exact.head.o},
                 {pPrime, rounded.pPrime, exact.pPrime}});
    QVERIFY((mask.array() == 1).all());  // every key contributes through the projection/pooling
    QCOMPARE(double(r.scoreEvaluations), double(pPrime.size()));
    QCOMPARE(r.cost.exps(), double(pPrime.size()));  // one exp per score over the short keys
  }
  QVERIFY(std::isfinite(r.cost.flops()) && r.cost.flops() > 0);
  QVERIFY(r.cost.bytes() > 0 && r.cost.peak > 0 && r.cost.resident > 0);
}

void TestLearnedVariants::linformerWithIdentityIsScaledDot_data() {
  QTest::addColumn<bool>("shared");
  QTest::newRow("share_ef") << true;
  QTest::newRow("separate F") << false;
}

void TestLearnedVariants::linformerWithIdentityIsScaledDot() {
  QFETCH(bool, shared);
  const Variant& lin = requireVariant("linformer");
  const Case c{"linformer", 18, 14, 8, 6, "", 4, "random"};
  ParamSet p = paramsOf(lin, QString("rank=14,share_ef=%1").arg(int(shared)), c.seed);
  setMatrixParam(p, lin.params(), "linformer", "E", Matrix::Identity(14, 14));
  if (!shared) setMatrixParam(p, lin.params(), "linformer", "F", Matrix::Identity(14, 14));
  const JobOutcome a = runWith("linformer", p, c);
  const JobOutcome s =
      runWith("scaled_dot", defaultParams(requireVariant("scaled_dot").params()), c);
  QVERIFY2(a.ok() && s.ok(), (a.message() + s.message()).c_str());
  QVERIFY(a.result->weights(0).isApprox(s.result->weights(0), 1e-6f));
  QVERIFY(a.result->trace.reducedWeights->isApprox(s.result->weights(0), 1e-6f));
  QVERIFY(a.result->output.isApprox(s.result->output, 1e-6f));
}

void TestLearnedVariants::linformerMapHasRankAtMostK_data() {
  QTest::addColumn<int>("rank");
  QTest::addColumn<bool>("shared");
  for (int rank : {1, 3, 8})
    for (bool shared : {true, false})
      QTest::newRow(qPrintable(QString("k=%1 %2").arg(rank).arg(shared ? "shared" : "separate")))
          << rank << shared;
}

void TestLearnedVariants::linformerMapHasRankAtMostK() {
  QFETCH(int, rank);
  QFETCH(bool, shared);
  const Case c{"linformer", 40,      48,
               8,           8,       QString("rank=%1,share_ef=%2").arg(rank).arg(int(shared)),
               2,           "random"};
  const JobOutcome out = runCase(c);
  QVERIFY2(out.ok(), out.message().c_str());
  const Eigen::MatrixXd map = out.result->weights(0).cast<double>();
  const Eigen::VectorXd sigma = Eigen::JacobiSVD<Eigen::MatrixXd>(map).singularValues();
  QVERIFY(sigma(rank - 1) > 1e-3 * sigma(0));  // the rank is k, not less
  for (Index t = rank; t < sigma.size(); ++t)
    QVERIFY2(sigma(t) < 1e-4 * sigma(0),
             qPrintable(QString("sigma_%1 = %2").arg(t).arg(sigma(t) / sigma(0))));
}

void TestLearnedVariants::compressedWithPoolOneIsScaledDot() {
  const Case c{"compressed", 21, 17, 8, 5, "pool=1", 6, "clustered"};
  const JobOutcome a = runCase(c);
  const JobOutcome s =
      runWith("scaled_dot", defaultParams(requireVariant("scaled_dot").params()), c);
  QVERIFY2(a.ok() && s.ok(), (a.message() + s.message()).c_str());
  QVERIFY(a.result->weights(0).isApprox(s.result->weights(0), 1e-6f));
  QVERIFY(a.result->output.isApprox(s.result->output, 1e-6f));
  QCOMPARE(a.result->trace.reducedWeights->cols(), Index(17));
}

void TestLearnedVariants::kmeansWithOneClusterIsScaledDot_data() {
  QTest::addColumn<bool>("causal");
  QTest::newRow("full") << false;
  QTest::newRow("causal") << true;
}

void TestLearnedVariants::kmeansWithOneClusterIsScaledDot() {
  QFETCH(bool, causal);
  const Case c{"kmeans", 27,      27, 8, 8, QString("clusters=1,causal=%1").arg(int(causal)),
               1,        "random"};
  const JobOutcome a = runCase(c);
  const Variant& sd = requireVariant("scaled_dot");
  const JobOutcome s =
      runWith("scaled_dot", paramsOf(sd, QString("causal=%1").arg(int(causal)), 1), c);
  QVERIFY2(a.ok() && s.ok(), (a.message() + s.message()).c_str());
  QCOMPARE(a.result->mask(0), s.result->mask(0));
  // The dense kernel evaluates every score and masks; the sparse one only the allowed ones.
  QCOMPARE(double(a.result->scoreEvaluations), a.result->mask(0).cast<double>().sum());
  QVERIFY(a.result->weights(0).isApprox(s.result->weights(0), 1e-5f));
  QVERIFY(a.result->output.isApprox(s.result->output, 1e-5f));
}

void TestLearnedVariants::lshBucketsDependOnDirectionOnly() {
  // Loaded inputs: Q, then 3 Q with K halved; one zero query row hashes to bucket 0.
  const Case c{"lsh", 30, 30, 8, 8, "buckets=8", 11, "random"};
  auto in = std::make_shared<Inputs>(generateInputs(parseInputSource("random"), {30, 30, 8, 8, 8}));
  in->q.row(4).setZero();
  auto scaled = std::make_shared<Inputs>(*in);
  scaled->q *= 3.0f;
  scaled->k *= 0.5f;
  const ParamSet p = paramsOf(requireVariant("lsh"), c.params, c.seed);
  const JobOutcome a = runWith("lsh", p, c, in), b = runWith("lsh", p, c, scaled);
  QVERIFY2(a.ok() && b.ok(), (a.message() + b.message()).c_str());
  QCOMPARE(a.result->trace.queryBuckets, b.result->trace.queryBuckets);
  QCOMPARE(a.result->trace.keyBuckets, b.result->trace.keyBuckets);
  QCOMPARE(a.result->mask(0), b.result->mask(0));
  QCOMPARE(a.result->trace.queryBuckets[0][4], 0);
  std::set<int> used(a.result->trace.keyBuckets[0].begin(), a.result->trace.keyBuckets[0].end());
  QVERIFY(used.size() > 2);  // the hash actually splits the keys
}

void TestLearnedVariants::costFormulas() {
  auto costOf = [](const char* variant, const QString& params, InputDims d) {
    const Variant& v = requireVariant(variant);
    return v.cost(d, paramsOf(v, params, 0));
  };
  auto term = [](const Cost& c, const char* name) {
    for (const CostTerm& t : c.terms)
      if (t.name == name) return t;
    qFatal("no term %s", name);
  };
  const InputDims d{64, 48, 16, 16, 8};
  // lsh / kmeans: expected pairs N M / b + min(N, M) (1 - 1/b).
  QCOMPARE(term(costOf("lsh", "buckets=4", d), "softmax").exps, 64.0 * 48 / 4 + 48 * 0.75);
  QCOMPARE(term(costOf("kmeans", "clusters=3", d), "softmax").exps, 64.0 * 48 / 3 + 48.0 * 2 / 3);
  // Per row: unit vector 3 dk + 1, b/2 projections of 2 dk, b/2 negations (argmax: comparisons,
  // free).
  QCOMPARE(term(costOf("lsh", "buckets=8", d), "hash").flops, 112.0 * (3 * 16 + 1 + 16 * 8 + 4));
  // sinkhorn, N = M = 16, b = 4: each row sees its block and one other full block.
  const InputDims s{16, 16, 8, 8, 8};
  QCOMPARE(term(costOf("sinkhorn", "block=4", s), "softmax").exps, 16.0 * 8);
  // causal: triangles (10 per block) plus a full earlier block for blocks 1..3.
  QCOMPARE(term(costOf("sinkhorn", "block=4,causal=1", s), "softmax").exps, 4.0 * 10 + 12 * 4);
  QCOMPARE(term(costOf("sinkhorn", "block=32", s), "softmax").exps, 16.0 * 16);  // one block
  // linformer: projections 2kM(dk + dv), scores 2Nk dk, softmax over N k, PV 2Nk dv.
  const Cost lin = costOf("linformer", "rank=8", d);
  QCOMPARE(term(lin, "projections").flops, 2.0 * 8 * 48 * (16 + 8));
  QCOMPARE(term(lin, "QK'^T").flops, 2.0 * 64 * 8 * 16);
  QCOMPARE(term(lin, "softmax").exps, 64.0 * 8);
  QCOMPARE(term(lin, "PV").flops, 2.0 * 64 * 8 * 8);
  QCOMPARE(term(lin, "QK'^T").bytes, 4.0 * 64 * 8);  // the N x k score matrix
  // compressed: ceil(48 / 5) = 10 pooled keys.
  const Cost cmp = costOf("compressed", "pool=5", d);
  QCOMPARE(term(cmp, "pooling").flops, 48.0 * 24 + 10 * 24);
  QCOMPARE(term(cmp, "QK^T").flops, 2.0 * 64 * 10 * 16);
  QCOMPARE(term(cmp, "softmax").exps, 64.0 * 10);
  QCOMPARE(term(cmp, "input").bytes, 4.0 * (64 * 16 + 48 * 16 + 48 * 8));
}

void TestLearnedVariants::errorsAreSentences() {
  const Case c{"lsh", 10, 10, 8, 8, "buckets=5", 0, "random"};
  const JobOutcome odd = runCase(c);
  QVERIFY(!odd.ok());
  QVERIFY2(odd.message().find("even number of buckets") != std::string::npos &&
               odd.message().find('5') != std::string::npos,
           odd.message().c_str());

  const Variant& lin = requireVariant("linformer");
  ParamSet p = defaultParams(lin.params());
  setMatrixParam(p, lin.params(), "linformer", "F", Matrix::Identity(8, 10));
  const JobOutcome sharedF = runWith("linformer", p, c);
  QVERIFY(!sharedF.ok());
  QVERIFY2(sharedF.message().find("share_ef") != std::string::npos, sharedF.message().c_str());
  ParamSet wrong = defaultParams(lin.params());
  setMatrixParam(wrong, lin.params(), "linformer", "E", Matrix::Identity(8, 9));
  const JobOutcome badE = runWith("linformer", wrong, c);
  QVERIFY(!badE.ok());
  QVERIFY2(badE.message().find("8 x 10") != std::string::npos, badE.message().c_str());

  // dq != dk is refused by every variant that forms q . k.
  auto in = std::make_shared<Inputs>(generateInputs(parseInputSource("random"), {10, 10, 6, 8, 8}));
  for (const char* v : {"lsh", "kmeans", "sinkhorn", "linformer", "compressed"}) {
    const JobOutcome bad = runWith(v, defaultParams(requireVariant(v).params()), c, in);
    QVERIFY2(!bad.ok() && bad.message().find("as wide as the keys") != std::string::npos, v);
  }
}

QTEST_APPLESS_MAIN(TestLearnedVariants)
#include "test_learned_variants.moc"
