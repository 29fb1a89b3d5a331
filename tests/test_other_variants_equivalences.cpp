// The equivalences docs/variants.md promises: flash and paged equal scaled_dot, the two
// multiplication orders of linear and performer agree, many random features approach softmax.
#include "other_variants_run.h"

#include "core/engine.h"
#include "core/variant_registry.h"

#include <QTest>

#include <set>

using namespace atlas::core;
using othertest::earnedTolerance;
using othertest::randomInputs;
using othertest::runCase;

class TestOtherVariantsEquivalences : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void flashEqualsScaledDot_data();
  void flashEqualsScaledDot();
  void pagedEqualsScaledDotLastRow_data();
  void pagedEqualsScaledDotLastRow();
  void pagedTablesDifferAcrossSeeds();
  void bothOrdersAgree_data();
  void bothOrdersAgree();
  void performerApproximatesSoftmax();
};

void TestOtherVariantsEquivalences::flashEqualsScaledDot_data() {
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

void TestOtherVariantsEquivalences::flashEqualsScaledDot() {
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

void TestOtherVariantsEquivalences::pagedEqualsScaledDotLastRow_data() {
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

void TestOtherVariantsEquivalences::pagedEqualsScaledDotLastRow() {
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

void TestOtherVariantsEquivalences::pagedTablesDifferAcrossSeeds() {
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

void TestOtherVariantsEquivalences::bothOrdersAgree_data() {
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

void TestOtherVariantsEquivalences::bothOrdersAgree() {
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
  const Matrix& flops = r.trace.orders->flops;
  QCOMPARE(flops.rows(), Index{1});
  QCOMPARE(flops.cols(), Index{2});
  const double f = variant == "linear" ? 16.0 : r.params.number("features");
  QCOMPARE(double(r.trace.orders->features), f);  // the state is f x dv
  QCOMPARE(r.trace.orders->causal, causal);
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

void TestOtherVariantsEquivalences::performerApproximatesSoftmax() {
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

QTEST_APPLESS_MAIN(TestOtherVariantsEquivalences)
#include "test_other_variants_equivalences.moc"
