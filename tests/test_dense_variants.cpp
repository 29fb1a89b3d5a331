// The dense-scoring variants against an independent double-precision reference (reference.h),
// plus the properties and equivalences docs/variants.md promises.
#include "engine_run.h"
#include "reference.h"

#include "core/engine.h"
#include "core/kernels.h"
#include "core/rng.h"
#include "core/simd/attention.h"
#include "core/simd/isa.h"
#include "core/variant_registry.h"

#include <QTest>

#include <optional>

using namespace atlas::core;

namespace {

struct Case {
  QString variant;
  int n, m, d, dv, heads, groups, dq;
  bool causal;
  int seed;
  QString source;
  QString params = {};  ///< extra parameters "key=value;key=value" (flash tiles)
  QString isa = {};     ///< instruction set of the kernels ("avx2", ...); empty: the default
};

}  // namespace
Q_DECLARE_METATYPE(Case)
namespace {

std::optional<simd::Isa> isaNamed(const QString& name) {
  for (simd::Isa isa : simd::supportedIsas())
    if (name == simd::isaName(isa)) return isa;
  return std::nullopt;
}

JobOutcome runCase(const Case& c, ParamSet* override = nullptr) {
  std::optional<simd::ScopedIsa> forced;
  if (const auto isa = isaNamed(c.isa)) forced.emplace(*isa);
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
  testrun::setParams(p, v, c.params);
  return testrun::run(v, p, {c.source, c.n, c.m, c.d, c.dv, c.seed});
}

/// The reference heads of a case, in scalar type T, from the inputs and parameters the engine used.
template <typename T>
std::vector<ref::Head<T>> referenceHeads(const QString& variant, const Inputs& in,
                                         const VariantResult& r, bool causal) {
  const auto q = ref::toMat<T>(in.q), k = ref::toMat<T>(in.k), v = ref::toMat<T>(in.v);
  const auto h = static_cast<std::size_t>(r.heads());
  if (variant == "scaled_dot" || variant == "flash") return {ref::scaledDot(q, k, v, causal)};
  if (variant == "distance") return {ref::distance(q, k, v, causal)};
  if (variant == "additive")
    return {ref::additive(q, k, v, ref::toMat<T>(*r.params.matrix("W_q")),
                          ref::toMat<T>(*r.params.matrix("W_k")),
                          ref::toMat<T>(*r.params.matrix("w_v")), causal)};
  if (variant == "bilinear")
    return {ref::bilinear(q, k, v, ref::toMat<T>(*r.params.matrix("W")), causal)};
  if (variant == "multi_head") return ref::grouped(q, k, v, h, h, causal);
  if (variant == "grouped_query") {
    const auto g = static_cast<std::size_t>(r.params.integer("groups"));
    return ref::grouped(q, k, v, h, g, causal);
  }
  qFatal("no reference for %s", qPrintable(variant));
}

/// The engine's result for the case against the double-precision reference, within twice what
/// the same loops in float get wrong, plus the properties of every dense result.
void checkAgainstReference(const Case& c) {
  const JobOutcome out = runCase(c);
  QVERIFY2(out.ok(), out.message().c_str());
  const VariantResult& r = *out.result;
  const Inputs& in = *out.inputs;
  const auto exact = referenceHeads<double>(c.variant, in, r, c.causal);
  const auto rounded = referenceHeads<float>(c.variant, in, r, c.causal);
  QCOMPARE(r.heads(), static_cast<Index>(exact.size()));
  QCOMPARE(r.output.rows(), static_cast<Index>(c.n));

  // Earned tolerance: twice what a plain float loop of the same formula gets wrong, with a floor
  // of a few float ulps for cases where that loop happens to be almost exact.
  const double floatError = ref::maxError<float>(r, rounded, exact);
  const double engineError = ref::maxError<double>(r, {}, exact);
  const double tolerance = ref::earnedTolerance(floatError);
  QVERIFY2(engineError <= tolerance,
           qPrintable(QString("error %1 > tolerance %2").arg(engineError).arg(tolerance)));

  double computedPairs = 0;
  for (Index a = 0; a < r.heads(); ++a) {
    const Matrix& p = r.weights(a);
    const MaskMatrix& mask = r.mask(a);
    QCOMPARE(p.rows(), static_cast<Index>(c.n));
    QCOMPARE(p.cols(), static_cast<Index>(c.m));
    for (Index i = 0; i < p.rows(); ++i) {
      double sum = 0;
      for (Index j = 0; j < p.cols(); ++j) {
        const bool allowed = !c.causal || j <= i;
        QCOMPARE(int(mask(i, j)), allowed ? 1 : 0);  // causal rows never look ahead
        if (!allowed) QCOMPARE(p(i, j), 0.0f);       // masked weights are exactly 0
        QVERIFY(p(i, j) >= 0.0f);
        sum += p(i, j);
        computedPairs += mask(i, j);
      }
      QVERIFY2(std::abs(sum - 1.0) < 1e-5,
               qPrintable(QString("row %1 sums to %2").arg(i).arg(sum)));
    }
  }
  QVERIFY(std::isfinite(r.seconds) && r.seconds >= 0);
  // One exp per computed pair (plus one tanh per hidden unit for additive).
  const double hidden = c.variant == "additive" ? r.params.number("hidden") : 0.0;
  if (c.variant != "flash")  // flash counts the exps of whole tiles
    QCOMPARE(r.cost.exps(), computedPairs * (1.0 + hidden));
}

}  // namespace

class TestDenseVariants : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void compute_data();
  void compute();
  void fastKernels_data();
  void fastKernels();
  void outputOnlyMatchesReference_data();
  void outputOnlyMatchesReference();
  void vectorisedExpIsAccurate_data();
  void vectorisedExpIsAccurate();
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
                             .arg(variant)
                             .arg(n)
                             .arg(m)
                             .arg(d)
                             .arg(dv)
                             .arg(heads)
                             .arg(groups)
                             .arg(dq)
                             .arg(causal ? "causal" : "full")
                             .arg(seed)
                             .arg(source);
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
      add("bilinear", 21, 15, 8, 6, 1, 1, 5, causal, seed);  // dq != dk
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
  checkAgainstReference(c);
}

/// Every instruction set's kernels (AVX-512, AVX2, portable: those this machine runs) on sizes
/// that do and do not divide the micro-tiles (8 x 48 scores, 4 x 64 P V), panels and chunks,
/// widths below, at and just past a vector, causal and not; flash with tiles that are and are not
/// multiples of the packed key blocks (16), so several tiles share a chunk or each is alone.
void TestDenseVariants::fastKernels_data() {
  QTest::addColumn<Case>("c");
  const std::pair<int, int> sizes[] = {{1, 1},    {2, 5},     {17, 17},  {33, 40},
                                       {100, 37}, {129, 129}, {300, 300}};
  for (simd::Isa isa : simd::supportedIsas()) {
    const QString name = simd::isaName(isa);
    for (int d : {8, 64, 65}) {
      const int heads = d == 65 ? 5 : d == 8 ? 2 : 4, groups = d == 65 ? 1 : 2;
      for (const auto& [n, m] : sizes) {
        for (bool causal : {false, true}) {
          const int seed = n + d;
          auto add = [&](const QString& variant, int h, int g, const QString& params) {
            const Case c{variant, n, m, d, d, h, g, 0, causal, seed, "random", params, name};
            QTest::newRow(qPrintable(QStringLiteral("%1 %2 N=%3 M=%4 d=%5 h=%6 %7 %8")
                                         .arg(name, variant)
                                         .arg(n)
                                         .arg(m)
                                         .arg(d)
                                         .arg(h)
                                         .arg(causal ? "causal" : "full", params)))
                << c;
          };
          add("scaled_dot", 1, 1, {});
          add("multi_head", heads, heads, {});
          add("grouped_query", heads, groups, {});
          add("flash", 1, 1, {});
          add("flash", 1, 1, "tile_q=7;tile_k=9");
          if (n >= 33) add("flash", 1, 1, "tile_q=40;tile_k=16");
        }
      }
    }
    // A query tile too large for the scratch panel: its tiles are formed inside the weights.
    for (bool causal : {false, true}) {
      const Case c{"flash", 300, 3500, 8, 8, 1, 1, 0, causal, 11, "random", "tile_q=300;tile_k=48",
                   name};
      QTest::newRow(qPrintable(QStringLiteral("%1 flash N=300 M=3500 d=8 %2 tiles in the weights")
                                   .arg(name, causal ? "causal" : "full")))
          << c;
    }
    // Weights beyond 8 MB go out through non-temporal stores (rows of 1501 keys: most start
    // unaligned, so each has a head, an aligned middle and a tail).
    for (const char* variant : {"scaled_dot", "flash"})
      for (bool causal : {false, true}) {
        const Case c{variant, 1500, 1501, 8, 8, 1, 1, 0, causal, 5, "random", {}, name};
        QTest::newRow(qPrintable(QStringLiteral("%1 %2 N=1500 M=1501 d=8 %3 streamed weights")
                                     .arg(name, variant, causal ? "causal" : "full")))
            << c;
      }
  }
}

void TestDenseVariants::fastKernels() {
  QFETCH(Case, c);
  checkAgainstReference(c);
}

void TestDenseVariants::outputOnlyMatchesReference_data() {
  QTest::addColumn<QString>("isa");
  QTest::addColumn<int>("n");
  QTest::addColumn<int>("m");
  QTest::addColumn<int>("d");
  QTest::addColumn<bool>("causal");
  for (simd::Isa isa : simd::supportedIsas())
    for (const auto& [n, m] : {std::pair{1, 1}, {3, 2}, {64, 64}, {65, 300}, {300, 257}})
      for (int d : {8, 64, 65})
        for (bool causal : {false, true})
          QTest::newRow(qPrintable(QStringLiteral("%1 N=%2 M=%3 d=%4 %5")
                                       .arg(simd::isaName(isa))
                                       .arg(n)
                                       .arg(m)
                                       .arg(d)
                                       .arg(causal ? "causal" : "full")))
              << QString(simd::isaName(isa)) << n << m << d << causal;
}

void TestDenseVariants::outputOnlyMatchesReference() {
  QFETCH(QString, isa);
  QFETCH(int, n);
  QFETCH(int, m);
  QFETCH(int, d);
  QFETCH(bool, causal);
  const Matrix q = Rng(std::uint64_t(n), "test:q").normalMatrix(n, d, 1.0);
  const Matrix k = Rng(std::uint64_t(m), "test:k").normalMatrix(m, d, 1.0);
  const Matrix v = Rng(std::uint64_t(d), "test:v").normalMatrix(m, d + 3, 1.0);
  Matrix out;
  {
    simd::ScopedIsa forced(*isaNamed(isa));
    out = attendDenseOutputOnly(q, k, v, 1.0f / std::sqrt(float(d)), causal, CancelToken());
  }
  QCOMPARE(out.rows(), Index(n));
  QCOMPARE(out.cols(), Index(d + 3));
  const auto exact =
      ref::scaledDot(ref::toMat<double>(q), ref::toMat<double>(k), ref::toMat<double>(v), causal);
  const auto rounded =
      ref::scaledDot(ref::toMat<float>(q), ref::toMat<float>(k), ref::toMat<float>(v), causal);
  double floatError = 0, error = 0;
  for (int i = 0; i < n; ++i)
    for (int c = 0; c < d + 3; ++c) {
      floatError = std::max(floatError, std::abs(double(rounded.o[i][c]) - exact.o[i][c]));
      error = std::max(error, std::abs(double(out(i, c)) - exact.o[i][c]));
    }
  const double tolerance = ref::earnedTolerance(floatError);
  QVERIFY2(error <= tolerance,
           qPrintable(QString("error %1 > tolerance %2").arg(error).arg(tolerance)));
}

void TestDenseVariants::vectorisedExpIsAccurate_data() {
  QTest::addColumn<QString>("isa");
  for (simd::Isa isa : simd::supportedIsas())
    QTest::newRow(simd::isaName(isa)) << QString(simd::isaName(isa));
}

/// The softmax's exp: within 2 ulp of the exact value over its whole range (x - max <= 0), 0
/// below the float range and at -inf, and a NaN reaches the sum.
void TestDenseVariants::vectorisedExpIsAccurate() {
  QFETCH(QString, isa);
  const simd::AttentionKernels& kernels = simd::attentionKernels(*isaNamed(isa));
  std::vector<float> x;
  for (int i = 0; i <= 200000; ++i) x.push_back(-87.3f * float(i) / 200000.0f);
  for (float edge : {-0.0f, -1e-30f, -0.34657359f, -0.6931472f, -80.0f, -87.33f}) x.push_back(edge);
  std::vector<float> e = x;
  double sum = 0, worst = 0;
  for (float xi : x) sum += std::exp(double(xi));
  const float got = kernels.expShifted(e.data(), Index(e.size()), 0.0f);
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double exact = std::exp(double(x[i]));
    const double ulp =
        std::nextafter(float(exact), std::numeric_limits<float>::infinity()) - float(exact);
    worst = std::max(worst, std::abs(double(e[i]) - exact) / ulp);
  }
  QVERIFY2(worst <= 2.0, qPrintable(QString("worst error %1 ulp").arg(worst)));
  QVERIFY(std::abs(double(got) - sum) <= 1e-4 * sum);  // a float sum of 200k terms
  // A shift moves the argument; far below the range and -inf give exactly 0.
  const float inf = std::numeric_limits<float>::infinity();
  std::vector<float> tail = {3.0f, -100.0f, -inf, -87.5f, 2.0f};
  const float s = kernels.expShifted(tail.data(), Index(tail.size()), 3.0f);
  QCOMPARE(tail[0], 1.0f);
  QCOMPARE(tail[1], 0.0f);
  QCOMPARE(tail[2], 0.0f);
  QCOMPARE(tail[3], 0.0f);
  QVERIFY(std::abs(double(tail[4]) - std::exp(-1.0)) <= 2e-7);
  QVERIFY(std::abs(double(s) - (1.0 + std::exp(-1.0))) <= 1e-6);
  std::vector<float> bad = {0.0f, std::numeric_limits<float>::quiet_NaN(), -1.0f};
  QVERIFY(std::isnan(kernels.expShifted(bad.data(), Index(bad.size()), 0.0f)));
}

void TestDenseVariants::groupedQueryWithAllGroupsIsMultiHead_data() {
  QTest::addColumn<int>("heads");
  QTest::addColumn<bool>("causal");
  for (int h : {1, 2, 4})
    for (bool causal : {false, true})
      QTest::newRow(qPrintable(QString("h=%1 %2").arg(h).arg(causal ? "causal" : "full")))
          << h << causal;
}

void TestDenseVariants::groupedQueryWithAllGroupsIsMultiHead() {
  QFETCH(int, heads);
  QFETCH(bool, causal);
  const JobOutcome gq =
      runCase({"grouped_query", 21, 21, 16, 8, heads, heads, 0, causal, 5, "random"});
  const JobOutcome mh =
      runCase({"multi_head", 21, 21, 16, 8, heads, heads, 0, causal, 5, "random"});
  QVERIFY2(gq.ok() && mh.ok(), (gq.message() + mh.message()).c_str());
  QCOMPARE(gq.inputs->k, mh.inputs->k);  // with g = h, K keeps all its columns
  QCOMPARE(gq.result->heads(), mh.result->heads());
  for (Index a = 0; a < gq.result->heads(); ++a)
    QVERIFY(gq.result->weights(a).isApprox(mh.result->weights(a), 1e-6f));
  QVERIFY(gq.result->output.isApprox(mh.result->output, 1e-6f));
}

void TestDenseVariants::bilinearWithIdentityIsScaledDot() {
  const Variant& bil = requireVariant("bilinear");
  ParamSet p = defaultParams(bil.params());
  setMatrixParam(p, bil.params(), "bilinear", "W", Matrix::Identity(16, 16));
  const JobOutcome b = runCase({"bilinear", 30, 25, 16, 16, 1, 1, 0, false, 2, "random"}, &p);
  const JobOutcome s = runCase({"scaled_dot", 30, 25, 16, 16, 1, 1, 0, false, 2, "random"});
  QVERIFY2(b.ok() && s.ok(), (b.message() + s.message()).c_str());
  QVERIFY(b.result->weights(0).isApprox(s.result->weights(0), 1e-6f));
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
  QVERIFY2(out.ok(), out.message().c_str());
  QCOMPARE(*out.result->params.matrix("W_q"), wq);
  QCOMPARE(*out.result->params.matrix("w_v"), wv);
  const auto exact =
      ref::additive(ref::toMat<double>(out.inputs->q), ref::toMat<double>(out.inputs->k),
                    ref::toMat<double>(out.inputs->v), ref::toMat<double>(wq),
                    ref::toMat<double>(wk), ref::toMat<double>(wv), false);
  for (Index i = 0; i < 10; ++i)
    for (Index j = 0; j < 10; ++j)
      QVERIFY(std::abs(out.result->weights(0)(i, j) - exact.p[i][j]) < 1e-6);

  // A supplied matrix of the wrong shape is refused with a sentence naming it.
  setMatrixParam(p, add.params(), "additive", "W_k", Matrix::Zero(4, 3));
  const JobOutcome bad = runCase({"additive", 10, 10, 8, 8, 1, 1, 0, false, 1, "random"}, &p);
  QVERIFY(!bad.ok());
  QVERIFY2(bad.message().find("W_k") != std::string::npos &&
               bad.message().find("8 x 3") != std::string::npos,
           bad.message().c_str());
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
  QVERIFY2(a.message().find("divisible by the number of heads") != std::string::npos,
           a.message().c_str());
  const JobOutcome b = runCase({"grouped_query", 8, 8, 16, 16, 6, 4, 0, false, 0, "random"});
  QVERIFY(!b.ok());
  QVERIFY2(b.message().find("divisible by the number of groups") != std::string::npos,
           b.message().c_str());
}

QTEST_APPLESS_MAIN(TestDenseVariants)
#include "test_dense_variants.moc"
