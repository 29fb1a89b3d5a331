// Large N: the streamed, pooled weights (core/streaming.h) against pooling of the full matrix the
// engine computes, and the engine's switch to the streamed path by the display budget.
#include "core/engine.h"
#include "core/pooled_weights.h"
#include "core/simd/isa.h"
#include "core/variant_registry.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <optional>

using namespace atlas::core;

namespace {

EngineJob job(const char* variant, bool causal, std::map<std::string, std::string> extra = {}) {
  const Variant& v = requireVariant(variant);
  const auto specs = v.params();
  ParamSet p = defaultParams(specs);
  p.seed = 7;
  setParam(p, specs, v.id(), "causal", causal ? "true" : "false");
  for (const auto& [name, value] : extra) setParam(p, specs, v.id(), name, value);
  return {&v, p};
}

EngineRequest request(int n, int m, int d, EngineJob j) {
  EngineRequest r;
  r.spec.n = n;
  r.spec.m = m;
  r.spec.d = d;
  r.spec.seed = 7;
  r.jobs.push_back(std::move(j));
  return r;
}

/// Pooling of a full N x M matrix, written out plainly from the documented partition: cell (a, b)
/// covers rows [floor(a N / R), floor((a + 1) N / R)) and columns likewise; the maximum over the
/// computed pairs (0 when none) or the mean over all pairs of the block, in double.
MatrixD poolFull(const Matrix& w, const MaskMatrix& mask, Index R, Index C, bool max) {
  const Index n = w.rows(), m = w.cols();
  MatrixD out(R, C);
  for (Index a = 0; a < R; ++a)
    for (Index b = 0; b < C; ++b) {
      const Index r0 = a * n / R, r1 = (a + 1) * n / R, c0 = b * m / C, c1 = (b + 1) * m / C;
      double best = 0, sum = 0;
      for (Index i = r0; i < r1; ++i)
        for (Index j = c0; j < c1; ++j) {
          if (mask(i, j)) best = std::max(best, double(w(i, j)));
          sum += double(w(i, j));
        }
      out(a, b) = max ? best : sum / double((r1 - r0) * (c1 - c0));
    }
  return out;
}

/// Largest |x - y| / (|y| + floor) over the cells: the relative error with a floor far below
/// any weight that matters (1e-12 against weights of 1 / M ~ 1e-3).
double relativeError(const Matrix& x, const MatrixD& y) {
  double worst = 0;
  for (Index i = 0; i < y.rows(); ++i)
    for (Index j = 0; j < y.cols(); ++j)
      worst = std::max(worst, std::abs(double(x(i, j)) - y(i, j)) / (std::abs(y(i, j)) + 1e-12));
  return worst;
}

/// Float tolerance: the streamed and the full path form the same exps and sums in different
/// orders (online softmax vs two passes); the worst measured is 3.5e-7, a few float ulps.
constexpr double kTolerance = 4e-6;

}  // namespace

class TestPooledWeights : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void pooledEqualsPoolingOfTheFullMatrix_data() {
    QTest::addColumn<QString>("variant");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("cells");
    QTest::addColumn<bool>("causal");
    QTest::addColumn<bool>("max");
    QTest::addColumn<QString>("isa");
    for (bool causal : {false, true})
      for (bool max : {true, false}) {
        const QString tag = QString("%1 %2").arg(causal ? "causal" : "full", max ? "max" : "mean");
        QTest::newRow(qPrintable("N=2048 1024 cells " + tag))
            << "scaled_dot" << 2048 << 2048 << 1024 << causal << max << "";
        QTest::newRow(qPrintable("N=1000 300 cells " + tag))
            << "scaled_dot" << 1000 << 1000 << 300 << causal << max << "";
        QTest::newRow(qPrintable("N=700 M=1300 " + tag))
            << "scaled_dot" << 700 << 1300 << 257 << causal << max << "";
        QTest::newRow(qPrintable("multi_head N=600 " + tag))
            << "multi_head" << 600 << 600 << 128 << causal << max << "";
        QTest::newRow(qPrintable("grouped_query N=520 " + tag))
            << "grouped_query" << 520 << 520 << 100 << causal << max << "";
      }
    QTest::newRow("flash N=900 causal max") << "flash" << 900 << 900 << 200 << true << true << "";
    QTest::newRow("cells larger than N") << "scaled_dot" << 50 << 70 << 1024 << true << false << "";
    for (simd::Isa isa : simd::supportedIsas())
      QTest::newRow(qPrintable(QString("isa %1 N=777").arg(simd::isaName(isa))))
          << "scaled_dot" << 777 << 777 << 100 << true << true << simd::isaName(isa);
  }
  void pooledEqualsPoolingOfTheFullMatrix() {
    QFETCH(QString, variant);
    QFETCH(int, n);
    QFETCH(int, m);
    QFETCH(int, cells);
    QFETCH(bool, causal);
    QFETCH(bool, max);
    QFETCH(QString, isa);
    std::optional<simd::ScopedIsa> forced;
    for (simd::Isa i : simd::supportedIsas())
      if (isa == simd::isaName(i)) forced.emplace(i);
    std::map<std::string, std::string> extra;
    if (variant == "grouped_query") extra = {{"heads", "8"}, {"groups", "2"}};
    EngineRequest full = request(n, m, 64, job(qPrintable(variant), causal, extra));
    EngineRequest pooled = full;
    pooled.displayBudget = 1;  // anything is over it
    pooled.pool = {cells, cells, max ? PoolSpec::Mode::Max : PoolSpec::Mode::Mean};
    Engine engine;
    const JobOutcome f = engine.run(full).front(), p = engine.run(pooled).front();
    QVERIFY2(f.ok() && p.ok(), (f.message() + p.message()).c_str());
    const VariantResult &rf = *f.result, &rp = *p.result;
    QVERIFY(!rf.pooled());
    QVERIFY(rp.pooled());
    const Index R = std::min(cells, n), C = std::min(cells, m);
    QCOMPARE(rp.weightRows(), R);
    QCOMPARE(rp.weightCols(), C);
    QCOMPARE(rp.pooledMax(), max);
    QCOMPARE(rp.dims, rf.dims);
    QCOMPARE(rp.heads(), rf.heads());
    for (Index h = 0; h < rf.heads(); ++h) {
      const Matrix& w = rp.weights(std::size_t(h));
      QCOMPARE(w.rows(), R);
      QCOMPARE(w.cols(), C);
      const MatrixD expected =
          poolFull(rf.weights(std::size_t(h)), rf.mask(std::size_t(h)), R, C, max);
      const double err = relativeError(w, expected);
      QVERIFY2(err <= kTolerance,
               qPrintable(QString("head %1: relative error %2").arg(h).arg(err)));
      // The pooled mask: 1 exactly where the block holds a computed pair.
      const MaskMatrix& mask = rf.mask(std::size_t(h));
      for (Index a = 0; a < R; ++a)
        for (Index b = 0; b < C; ++b) {
          const bool any = mask.block(a * n / R, b * m / C, (a + 1) * n / R - a * n / R,
                                      (b + 1) * m / C - b * m / C)
                               .any();
          QCOMPARE(rp.mask(std::size_t(h))(a, b) != 0, any);
        }
    }
    // The output is the full N x dv, the same as the unpooled computation's.
    QCOMPARE(rp.output.rows(), rf.output.rows());
    QCOMPARE(rp.output.cols(), rf.output.cols());
    const double outErr = (rp.output - rf.output).cwiseAbs().maxCoeff();
    QVERIFY2(outErr <= 1e-5 * std::max(1.0f, rf.output.cwiseAbs().maxCoeff()),
             qPrintable(QString::number(outErr)));
    // Raw scores formed: every pair, or (causal) whole key tiles up to each panel's diagonal.
    const double heads = double(rf.heads());
    QVERIFY(double(rp.scoreEvaluations) <= heads * double(n) * double(m));
    QVERIFY(double(rp.scoreEvaluations) >= heads * causalPairs(n, m, causal));
  }

  void meanOfAWholeRowBlockIsItsShare() {
    // Every query row's weights sum to 1: with one cell across all keys, the mean over a block
    // of r rows is r / (r M).
    MatrixD q = MatrixD::Random(300, 16), k = MatrixD::Random(500, 16);
    const Matrix qf = q.cast<float>(), kf = k.cast<float>();
    const Matrix w = pooledWeights(qf, kf, 0.25f, false, {30, 1, PoolSpec::Mode::Mean}, {}, {});
    QCOMPARE(w.rows(), Index(30));
    QCOMPARE(w.cols(), Index(1));
    for (Index a = 0; a < 30; ++a) QVERIFY(std::abs(w(a, 0) * 500.0f - 1.0f) < 1e-5f);
  }

  void engineStreamsExactlyOverTheBudget() {
    EngineRequest r = request(400, 400, 32, job("scaled_dot", false));
    const Variant& v = *r.jobs[0].variant;
    const double resident = v.cost(baseDims(r.spec), r.jobs[0].params).resident;
    QVERIFY(resident >= 5.0 * 400 * 400);
    Engine engine;
    r.displayBudget = resident;  // not exceeded: full
    QVERIFY(!engine.run(r).front().result->pooled());
    r.displayBudget = resident - 1;  // exceeded: pooled
    QVERIFY(engine.run(r).front().result->pooled());
    r.displayBudget = 0;  // never
    QVERIFY(!engine.run(r).front().result->pooled());
    // A variant that cannot stream is computed in full whatever the budget.
    EngineRequest other = request(200, 200, 32, job("additive", false));
    other.displayBudget = 1;
    const JobOutcome o = engine.run(other).front();
    QVERIFY(o.ok() && !o.result->pooled());
    QCOMPARE(o.result->weights(0).rows(), Index(200));
  }

  void memoryCheckUsesThePooledEstimate() {
    // At N = 65536 the full weights need 21 GB; streamed, about a hundred MB. A limit of
    // 512 MiB refuses the full computation and admits the streamed one.
    EngineRequest r = request(65536, 65536, 64, job("scaled_dot", false));
    const InputDims dims = baseDims(r.spec);
    const Variant& v = *r.jobs[0].variant;
    const double full = estimateJobBytes(v, dims, r.jobs[0].params);
    const double pooled = v.pooledBytes(dims, r.jobs[0].params, r.pool);
    QVERIFY2(full > 2e10 && pooled < 256.0 * (1 << 20),
             qPrintable(QString("%1 %2").arg(full).arg(pooled)));
    const double limit = 512.0 * (1 << 20);
    QVERIFY_THROWS_EXCEPTION(Error, checkMemory(v, dims, r.jobs[0].params, limit));
    checkMemory(v, dims, r.jobs[0].params, limit, &r.pool);  // does not throw
    EngineRequest budget = r;
    budget.displayBudget = double(1 << 30);
    QVERIFY(planJob(budget, budget.jobs[0], dims).pooled);
    // A variant that cannot stream stays refused over the limit, budget or not.
    EngineRequest a = request(65536, 65536, 64, job("additive", false));
    a.memoryLimit = limit;
    a.displayBudget = double(1 << 30);
    Engine engine;
    const JobOutcome out = engine.run(a).front();
    QVERIFY(!out.ok());
    QCOMPARE(out.error->kind(), Error::Kind::TooLarge);
  }

  void progressReachesOneAndNeverDecreases() {
    EngineRequest r = request(3000, 3000, 32, job("multi_head", true));
    r.displayBudget = 1;
    std::mutex mutex;
    std::vector<double> seen;
    bool otherJob = false;
    r.onProgress = [&](std::size_t jobIndex, double f) {  // on worker threads
      std::lock_guard lock(mutex);
      otherJob |= jobIndex != 0;
      seen.push_back(f);
    };
    Engine engine;
    QVERIFY(engine.run(r).front().ok());
    QVERIFY(!otherJob);
    QVERIFY(seen.size() >= 4);
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));
    QVERIFY(seen.front() > 0);
    QCOMPARE(seen.back(), 1.0);
  }

  void cancelStopsIt() {
    EngineRequest r = request(4096, 4096, 64, job("scaled_dot", false));
    r.displayBudget = 1;
    CancelToken token;
    int calls = 0;
    r.onProgress = [&](std::size_t, double) {
      ++calls;
      token.cancel();  // at the first finished row block
    };
    Engine engine;
    QVERIFY_THROWS_EXCEPTION(Cancelled, engine.run(r, token));
    QVERIFY(calls >= 1);
    QVERIFY2(calls < 16, qPrintable(QString::number(calls)));  // stopped long before the end
  }

  void exportStreamsOverTheDisplayBudget_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("stderrHas");
    QTest::addColumn<int>("code");
    QTest::newRow("heatmap max") << QStringList{"--view", "heatmap", "--variant", "scaled_dot"}
                                 << "cell as the maximum over a block of 2 x 2 weights (streamed)."
                                 << 0;
    QTest::newRow("heatmap mean") << QStringList{"--view",        "heatmap", "--variant",
                                                 "grouped_query", "--pool",  "mean"}
                                  << "the mean over a block of 2 x 2 weights" << 0;
    QTest::newRow("low rank") << QStringList{"--view", "lowrank", "--variant", "multi_head"}
                              << "streamed" << 0;
    QTest::newRow("teaching")
        << QStringList{"--view", "teaching", "--variant", "flash"}
        << "error: The teaching view has nothing to draw for 'flash': This view needs every weight"
        << 2;
    QTest::newRow("gallery") << QStringList{"--view", "gallery", "--variants", "scaled_dot,linear"}
                             << "scaled_dot: This view needs every weight" << 0;
  }
  void exportStreamsOverTheDisplayBudget() {
    QFETCH(QStringList, args);
    QFETCH(QString, stderrHas);
    QFETCH(int, code);
    QTemporaryDir dir;
    const QString out = dir.filePath("figure.png");
    QProcess p;
    p.start(ATLAS_CLI_PATH, QStringList{"export", "--n", "2048", "--d", "32", "--display-budget",
                                        "1M", "--width", "640", "--height", "480", "--out", out} +
                                args);
    QVERIFY(p.waitForFinished(60000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == code, qPrintable(err));
    QVERIFY2(err.contains(stderrHas), qPrintable(err));
    if (!args.contains("gallery"))
      QVERIFY2(err.contains("streaming the weights: 100%"), qPrintable(err));
    if (code != 0) return;
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly) && f.size() > 3000);
  }

  void exportRejectsAnUnknownPooling() {
    QProcess p;
    p.start(ATLAS_CLI_PATH, {"export", "--variant", "scaled_dot", "--pool", "median", "--out",
                             "/nonexistent/x.png"});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("use max or mean"));
  }
};

QTEST_GUILESS_MAIN(TestPooledWeights)
#include "test_pooled_weights.moc"
