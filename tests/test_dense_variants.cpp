// The dense-scoring variants against an independent double-precision reference (reference.h),
// plus the properties and equivalences VARIANTS.md promises.
#include "reference.h"

#include "core/engine.h"
#include "core/kernels.h"
#include "core/variant_registry.h"

#include <QTest>

using namespace atlas::core;

namespace {

struct Case {
  QString variant;
  int n, m, d, dv, heads, groups, dq;
  bool causal;
  int seed;
  QString source;
};

}  // namespace
Q_DECLARE_METATYPE(Case)
namespace {

JobOutcome runCase(const Case& c, ParamSet* override = nullptr) {
  const Variant& v = requireVariant(c.variant.toStdString());
  const auto specs = v.params();
  ParamSet p = override ? *override : defaultParams(specs);
  p.seed = static_cast<std::uint64_t>(c.seed);
  auto set = [&](const char* name, int value) {
    if (findSpec(specs, name)) setParam(p, specs, v.id(), name, std::to_string(value));
  };
  set("causal", c.causal);
  set("heads", c.heads);
  set("groups", c.groups);
  set("dq", c.dq);
  EngineRequest req;
  req.spec = parseInputSource(c.source.toStdString());
  req.spec.n = c.n;
  req.spec.m = c.m;
  req.spec.d = c.d;
  req.spec.dv = c.dv;
  req.spec.seed = static_cast<std::uint64_t>(c.seed);
  req.jobs.push_back({&v, p});
  Engine engine;
  return engine.run(req).front();
}

/// The reference heads of a case, in scalar type T, from the inputs and parameters the engine used.
template <typename T>
std::vector<ref::Head<T>> referenceHeads(const QString& variant, const Inputs& in,
                                         const VariantResult& r, bool causal) {
  const auto q = ref::toMat<T>(in.q), k = ref::toMat<T>(in.k), v = ref::toMat<T>(in.v);
  const auto h = static_cast<std::size_t>(r.heads());
  if (variant == "scaled_dot") return {ref::scaledDot(q, k, v, causal)};
  if (variant == "distance") return {ref::distance(q, k, v, causal)};
  if (variant == "additive")
    return {ref::additive(q, k, v, ref::toMat<T>(*r.params.matrix("W_q")),
                          ref::toMat<T>(*r.params.matrix("W_k")),
                          ref::toMat<T>(*r.params.matrix("w_v")), causal)};
  if (variant == "bilinear") return {ref::bilinear(q, k, v, ref::toMat<T>(*r.params.matrix("W")), causal)};
  if (variant == "multi_head") return ref::grouped(q, k, v, h, h, causal);
  if (variant == "grouped_query") {
    const auto g = static_cast<std::size_t>(r.params.integer("groups"));
    return ref::grouped(q, k, v, h, g, causal);
  }
  qFatal("no reference for %s", qPrintable(variant));
}

/// Largest |a - b| over weights of every head and the output, a from the engine.
template <typename T>
double maxError(const VariantResult& r, const std::vector<ref::Head<T>>& heads,
                const std::vector<ref::Head<double>>& exact) {
  double err = 0;
  for (std::size_t a = 0; a < exact.size(); ++a) {
    const std::size_t dvh = exact[a].o[0].size();
    for (std::size_t i = 0; i < exact[a].p.size(); ++i) {
      for (std::size_t j = 0; j < exact[a].p[i].size(); ++j) {
        const double got = heads.empty() ? r.weights[a](i, j) : double(heads[a].p[i][j]);
        err = std::max(err, std::abs(got - exact[a].p[i][j]));
      }
      for (std::size_t c = 0; c < dvh; ++c) {
        const double got = heads.empty() ? r.output(i, a * dvh + c) : double(heads[a].o[i][c]);
        err = std::max(err, std::abs(got - exact[a].o[i][c]));
      }
    }
  }
  return err;
}

}  // namespace

class TestDenseVariants : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void compute_data();
  void compute();
  void groupedQueryWithAllGroupsIsMultiHead_data();
  void groupedQueryWithAllGroupsIsMultiHead();
  void bilinearWithIdentityIsScaledDot();
  void suppliedParametersAreUsed();
  void fullyMaskedRowIsZeroNotNaN();
  void shapeErrorsAreSentences();
};

void TestDenseVariants::compute_data() {
  QTest::addColumn<Case>("c");
  const QStringList sources = {"random", "positional", "clustered"};
  int row = 0;
  auto add = [&](const QString& variant, int n, int m, int d, int dv, int heads, int groups, int dq,
                 bool causal, int seed) {
    const QString source = sources[row++ % sources.size()];
    Case c{variant, n, m, d, dv, heads, groups, dq, causal, seed, source};
    const QString name = QStringLiteral("%1 N=%2 M=%3 d=%4 dv=%5 h=%6 g=%7 dq=%8 %9 seed=%10 %11")
                             .arg(variant).arg(n).arg(m).arg(d).arg(dv).arg(heads).arg(groups)
                             .arg(dq).arg(causal ? "causal" : "full").arg(seed).arg(source);
    QTest::newRow(qPrintable(name)) << c;
  };
  for (bool causal : {false, true}) {
    for (int seed : {0, 7}) {
      add("scaled_dot", 13, 13, 8, 8, 1, 1, 0, causal, seed);
      add("scaled_dot", 40, 33, 16, 5, 1, 1, 0, causal, seed);  // cross-attention, M < N
      add("scaled_dot", 1, 9, 4, 4, 1, 1, 0, causal, seed);
      add("additive", 11, 11, 8, 8, 1, 1, 0, causal, seed);
      add("additive", 17, 23, 6, 3, 1, 1, 0, causal, seed);
      add("distance", 19, 19, 8, 4, 1, 1, 0, causal, seed);
      add("distance", 35, 70, 16, 16, 1, 1, 0, causal, seed);
      add("bilinear", 12, 12, 8, 8, 1, 1, 0, causal, seed);
      add("bilinear", 21, 15, 8, 6, 1, 1, 5, causal, seed);   // dq != dk
      add("multi_head", 24, 24, 16, 16, 4, 4, 0, causal, seed);
      add("multi_head", 33, 40, 12, 6, 3, 3, 0, causal, seed);
      add("grouped_query", 20, 20, 16, 16, 8, 2, 0, causal, seed);
      add("grouped_query", 18, 27, 12, 12, 4, 1, 0, causal, seed);  // multi-query
      add("grouped_query", 9, 9, 8, 8, 4, 4, 0, causal, seed);
    }
  }
  add("scaled_dot", 257, 257, 32, 32, 1, 1, 0, true, 3);  // several row blocks
  add("multi_head", 130, 100, 64, 32, 8, 8, 0, false, 3);
}

void TestDenseVariants::compute() {
  QFETCH(Case, c);
  const JobOutcome out = runCase(c);
  QVERIFY2(out.ok(), out.error.c_str());
  const VariantResult& r = *out.result;
  const Inputs& in = *out.inputs;
  const auto exact = referenceHeads<double>(c.variant, in, r, c.causal);
  const auto rounded = referenceHeads<float>(c.variant, in, r, c.causal);
  QCOMPARE(r.heads(), static_cast<Index>(exact.size()));
  QCOMPARE(r.output.rows(), static_cast<Index>(c.n));

  // Earned tolerance: twice what a plain float loop of the same formula gets wrong, with a floor
  // of a few float ulps for cases where that loop happens to be almost exact.
  const double floatError = maxError<float>(r, rounded, exact);
  const double engineError = maxError<double>(r, {}, exact);
  const double tolerance = std::max(2.0 * floatError, 8.0 * std::numeric_limits<float>::epsilon());
  QVERIFY2(engineError <= tolerance,
           qPrintable(QString("error %1 > tolerance %2").arg(engineError).arg(tolerance)));

  double computedPairs = 0;
  for (Index a = 0; a < r.heads(); ++a) {
    const Matrix& p = r.weights[a];
    const MaskMatrix& mask = r.masks[a];
    QCOMPARE(p.rows(), static_cast<Index>(c.n));
    QCOMPARE(p.cols(), static_cast<Index>(c.m));
    for (Index i = 0; i < p.rows(); ++i) {
      double sum = 0;
      for (Index j = 0; j < p.cols(); ++j) {
        const bool allowed = !c.causal || j <= i;
        QCOMPARE(int(mask(i, j)), allowed ? 1 : 0);  // causal rows never look ahead
        if (!allowed) QCOMPARE(p(i, j), 0.0f);        // masked weights are exactly 0
        QVERIFY(p(i, j) >= 0.0f);
        sum += p(i, j);
        computedPairs += mask(i, j);
      }
      QVERIFY2(std::abs(sum - 1.0) < 1e-5, qPrintable(QString("row %1 sums to %2").arg(i).arg(sum)));
    }
  }
  QVERIFY(std::isfinite(r.seconds) && r.seconds >= 0);
  // One exp per computed pair (plus one tanh per hidden unit for additive).
  const double hidden = c.variant == "additive" ? r.params.number("hidden") : 0.0;
  QCOMPARE(r.cost.exps(), computedPairs * (1.0 + hidden));
}

void TestDenseVariants::groupedQueryWithAllGroupsIsMultiHead_data() {
  QTest::addColumn<int>("heads");
  QTest::addColumn<bool>("causal");
  for (int h : {1, 2, 4})
    for (bool causal : {false, true})
      QTest::newRow(qPrintable(QString("h=%1 %2").arg(h).arg(causal ? "causal" : "full"))) << h << causal;
}

void TestDenseVariants::groupedQueryWithAllGroupsIsMultiHead() {
  QFETCH(int, heads);
  QFETCH(bool, causal);
  const JobOutcome gq = runCase({"grouped_query", 21, 21, 16, 8, heads, heads, 0, causal, 5, "random"});
  const JobOutcome mh = runCase({"multi_head", 21, 21, 16, 8, heads, heads, 0, causal, 5, "random"});
  QVERIFY2(gq.ok() && mh.ok(), (gq.error + mh.error).c_str());
  QCOMPARE(gq.inputs->k, mh.inputs->k);  // with g = h, K keeps all its columns
  QCOMPARE(gq.result->heads(), mh.result->heads());
  for (Index a = 0; a < gq.result->heads(); ++a)
    QVERIFY(gq.result->weights[a].isApprox(mh.result->weights[a], 1e-6f));
  QVERIFY(gq.result->output.isApprox(mh.result->output, 1e-6f));
}

void TestDenseVariants::bilinearWithIdentityIsScaledDot() {
  const Variant& bil = requireVariant("bilinear");
  ParamSet p = defaultParams(bil.params());
  setMatrixParam(p, bil.params(), "bilinear", "W", Matrix::Identity(16, 16));
  const JobOutcome b = runCase({"bilinear", 30, 25, 16, 16, 1, 1, 0, false, 2, "random"}, &p);
  const JobOutcome s = runCase({"scaled_dot", 30, 25, 16, 16, 1, 1, 0, false, 2, "random"});
  QVERIFY2(b.ok() && s.ok(), (b.error + s.error).c_str());
  QVERIFY(b.result->weights[0].isApprox(s.result->weights[0], 1e-6f));
  QVERIFY(b.result->output.isApprox(s.result->output, 1e-6f));
}

void TestDenseVariants::suppliedParametersAreUsed() {
  const Variant& add = requireVariant("additive");
  ParamSet p = defaultParams(add.params());
  setParam(p, add.params(), "additive", "hidden", "3");
  Matrix wq(8, 3), wk(8, 3), wv(3, 1);
  for (Index i = 0; i < 8; ++i)
    for (Index j = 0; j < 3; ++j) {
      wq(i, j) = float(i - j) / 8.0f;
      wk(i, j) = float(i * j % 5) / 10.0f - 0.2f;
    }
  wv << 1.5f, -2.0f, 0.5f;
  setMatrixParam(p, add.params(), "additive", "W_q", wq);
  setMatrixParam(p, add.params(), "additive", "W_k", wk);
  setMatrixParam(p, add.params(), "additive", "w_v", wv);
  const JobOutcome out = runCase({"additive", 10, 10, 8, 8, 1, 1, 0, false, 1, "random"}, &p);
  QVERIFY2(out.ok(), out.error.c_str());
  QCOMPARE(*out.result->params.matrix("W_q"), wq);
  QCOMPARE(*out.result->params.matrix("w_v"), wv);
  const auto exact = ref::additive(ref::toMat<double>(out.inputs->q), ref::toMat<double>(out.inputs->k),
                                   ref::toMat<double>(out.inputs->v), ref::toMat<double>(wq),
                                   ref::toMat<double>(wk), ref::toMat<double>(wv), false);
  for (Index i = 0; i < 10; ++i)
    for (Index j = 0; j < 10; ++j) QVERIFY(std::abs(out.result->weights[0](i, j) - exact.p[i][j]) < 1e-6);

  // A supplied matrix of the wrong shape is refused with a sentence naming it.
  setMatrixParam(p, add.params(), "additive", "W_k", Matrix::Zero(4, 3));
  const JobOutcome bad = runCase({"additive", 10, 10, 8, 8, 1, 1, 0, false, 1, "random"}, &p);
  QVERIFY(!bad.ok());
  QVERIFY2(bad.error.find("W_k") != std::string::npos && bad.error.find("8 x 3") != std::string::npos,
           bad.error.c_str());
}

void TestDenseVariants::fullyMaskedRowIsZeroNotNaN() {
  Eigen::RowVectorXf row(4);
  row << 1.0f, 2.0f, 3.0f, 4.0f;
  softmaxRowPrefix(row, 0);
  QCOMPARE(row, Eigen::RowVectorXf::Zero(4).eval());
  const float inf = std::numeric_limits<float>::infinity();
  row << -inf, -inf, -inf, -inf;
  softmaxRowPrefix(row, 4);
  QCOMPARE(row, Eigen::RowVectorXf::Zero(4).eval());
  row << 0.0f, 1000.0f, -1000.0f, 5.0f;  // stable: no overflow at large scores
  softmaxRowPrefix(row, 3);
  QCOMPARE(row(1), 1.0f);
  QCOMPARE(row(3), 0.0f);
}

void TestDenseVariants::shapeErrorsAreSentences() {
  const JobOutcome a = runCase({"multi_head", 8, 8, 10, 10, 4, 4, 0, false, 0, "random"});
  QVERIFY(!a.ok());
  QVERIFY2(a.error.find("divisible by the number of heads") != std::string::npos, a.error.c_str());
  const JobOutcome b = runCase({"grouped_query", 8, 8, 16, 16, 6, 4, 0, false, 0, "random"});
  QVERIFY(!b.ok());
  QVERIFY2(b.error.find("divisible by the number of groups") != std::string::npos, b.error.c_str());
}

QTEST_APPLESS_MAIN(TestDenseVariants)
#include "test_dense_variants.moc"
