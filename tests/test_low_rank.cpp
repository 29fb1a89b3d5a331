// The low-rank analysis's error curves (core/analysis/low_rank.h) against references built here
// in double: JacobiSVD of P V for the best rank-k, Linformer recomputed with plain double loops
// and the linformer variant itself, and the random projection P R^T R V of the Linformer paper's
// Theorem 1 recomputed here and checked against its c / sqrt(k) law over many seeds. The
// spectrum and columns are test_low_rank_spectrum, the lowrank command test_low_rank_cli, the
// view test_low_rank_view.
#include "low_rank_fixtures.h"
#include "reference.h"

#include "core/analysis/low_rank.h"
#include "core/engine.h"
#include "core/rng.h"
#include "core/variant_registry.h"

#include <Eigen/SVD>

#include <QTest>

#include <cmath>

using namespace atlas::core;
using namespace atlas::core::analysis;
using Eigen::MatrixXd;
using namespace lowrank;

namespace {

/// Linformer error with shared E in plain double loops (softmax with the row max subtracted).
double linformerErrorReference(const Slices& s, const MatrixXd& pv, std::uint64_t seed, Index k) {
  const MatrixXd e =
      Rng(seed, "E").normalMatrix(k, s.k.rows(), 1.0 / std::sqrt(double(k))).cast<double>();
  const MatrixXd kp = e * s.k, vp = e * s.v;
  MatrixXd out = MatrixXd::Zero(s.q.rows(), s.v.cols());
  for (Index i = 0; i < s.q.rows(); ++i) {
    Eigen::VectorXd score(k);
    for (Index t = 0; t < k; ++t)
      score[t] = s.q.row(i).dot(kp.row(t)) / std::sqrt(double(s.q.cols()));
    const Eigen::VectorXd w = (score.array() - score.maxCoeff()).exp().matrix();
    out.row(i) = (w.transpose() * vp) / w.sum();
  }
  return (pv - out).norm() / pv.norm();
}

double maxAbs(const Matrix& a, const Matrix& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return INFINITY;
  return (a - b).cwiseAbs().maxCoeff();
}

}  // namespace

class TestLowRank : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void bestNeverAboveLinformer_data();
  void bestNeverAboveLinformer();
  void identityProjectionIsExact();
  void reproducesLinformerVariant_data();
  void reproducesLinformerVariant();
  void randomProjectionMatchesReference_data();
  void randomProjectionMatchesReference();
  void randomProjectionFollowsItsLaw();
};

void TestLowRank::bestNeverAboveLinformer_data() {
  QTest::addColumn<QString>("variant");
  QTest::addColumn<QStringList>("set");
  QTest::addColumn<int>("head");
  QTest::addColumn<int>("n");
  QTest::addColumn<int>("d");
  QTest::addColumn<QString>("source");
  QTest::newRow("scaled_dot N=32 d=8") << "scaled_dot" << QStringList{} << 0 << 32 << 8 << "random";
  QTest::newRow("scaled_dot N=40 d=16 clustered")
      << "scaled_dot" << QStringList{} << 0 << 40 << 16 << "clustered";
  QTest::newRow("multi_head h=4 head 2")
      << "multi_head" << QStringList{"heads=4"} << 2 << 32 << 16 << "positional";
  QTest::newRow("local_window w=2") << "local_window" << QStringList{} << 0 << 24 << 8 << "random";
  QTest::newRow("grouped_query h=8 g=2 head 5")
      << "grouped_query" << QStringList{"heads=8", "groups=2"} << 5 << 32 << 16 << "random";
  QTest::newRow("mixed_heads head 1") << "mixed_heads" << QStringList{} << 1 << 20 << 8 << "random";
  QTest::newRow("linformer rank 4")
      << "linformer" << QStringList{"rank=4"} << 0 << 20 << 8 << "random";
  QTest::newRow("bilinear dq=12 (no Linformer)")
      << "bilinear" << QStringList{"dq=12"} << 0 << 16 << 8 << "random";
}

void TestLowRank::bestNeverAboveLinformer() {
  QFETCH(QString, variant);
  QFETCH(QStringList, set);
  QFETCH(int, head);
  QFETCH(int, n);
  QFETCH(int, d);
  QFETCH(QString, source);
  const JobOutcome out = runVariant(variant, set, n, d, 11, source);
  const VariantResult& r = *out.result;
  const LowRankAnalysis a = analyzeLowRank(r, *out.inputs, {.head = head});  // sparse results too
  const auto full = ref::dense(out.result);
  const Matrix& p = full->weights(std::size_t(head));
  const Index m = p.cols();
  std::vector<Index> ks;
  for (Index k = 1; k < m; k *= 2) ks.push_back(k);
  ks.push_back(m);
  QCOMPARE(a.ks, ks);
  QCOMPARE(a.linformerError.size(), ks.size());
  QCOMPARE(a.bestError.size(), ks.size());

  const Slices s = slices(r, *out.inputs, head);
  const MatrixXd pv = p.cast<double>() * s.v;
  const Eigen::VectorXd sigma = Eigen::JacobiSVD<MatrixXd>(pv).singularValues();
  const Eigen::VectorXd sv = Eigen::JacobiSVD<MatrixXd>(p.cast<double>()).singularValues();
  QVERIFY((a.singularValues - sv).cwiseAbs().maxCoeff() <= 1e-9 * sv[0]);
  const bool noLinformer = s.q.cols() != s.k.cols();
  for (std::size_t i = 0; i < ks.size(); ++i) {
    const Index k = ks[i];
    const double best = k < sigma.size() ? sigma.tail(sigma.size() - k).norm() / pv.norm() : 0.0;
    const QByteArray where = "k = " + QByteArray::number(qlonglong(k));
    QVERIFY2(std::abs(a.bestError[i] - best) < 1e-9, where);
    if (noLinformer) {
      QVERIFY2(std::isnan(a.linformerError[i]), where);
      continue;
    }
    QVERIFY2(a.bestError[i] <= a.linformerError[i] + 1e-12, where);
    if (r.heads() == 1 || variant == "multi_head") {  // the loops above take shared E only
      const double want = linformerErrorReference(s, pv, r.params.seed, k);
      QVERIFY2(std::abs(a.linformerError[i] - want) < 1e-4 * std::max(1.0, want), where);
    }
  }
  QVERIFY(a.bestError.back() < 1e-6);  // k = M: full rank
}

void TestLowRank::identityProjectionIsExact() {
  for (const QString& variant : {QString("scaled_dot"), QString("multi_head")}) {
    const JobOutcome out = runVariant(variant, {}, 24, 16, 5);
    const Matrix eye = Matrix::Identity(24, 24);
    for (Index head = 0; head < out.result->heads(); ++head) {
      const LinformerAt at = linformerAt(*out.result, *out.inputs, head, eye, eye);
      QCOMPARE(at.k, Index(24));
      QVERIFY2(at.error < 1e-5, qPrintable(variant));
      QVERIFY(maxAbs(at.pPrime, out.result->weights(head)) < 1e-6);
      QVERIFY(maxAbs(at.implied, out.result->weights(head)) < 1e-6);
    }
  }
}

void TestLowRank::reproducesLinformerVariant_data() {
  QTest::addColumn<bool>("share");
  QTest::addColumn<int>("k");
  QTest::addColumn<int>("seed");
  for (bool share : {true, false})
    for (int k : {1, 4, 24})
      QTest::addRow("share_ef=%d k=%d", int(share), k) << share << k << 3 + k;
}

void TestLowRank::reproducesLinformerVariant() {
  QFETCH(bool, share);
  QFETCH(int, k);
  QFETCH(int, seed);
  const QStringList set{"rank=" + QString::number(k), QString("share_ef=") + (share ? "1" : "0")};
  const JobOutcome lin = runVariant("linformer", set, 24, 8, seed);
  const JobOutcome dot = runVariant("scaled_dot", {}, 24, 8, seed);
  QCOMPARE(lin.inputs->q, dot.inputs->q);  // the same inputs
  QCOMPARE(lin.inputs->v, dot.inputs->v);
  const LinformerAt at = linformerAt(*dot.result, *dot.inputs, 0, k, share);
  QCOMPARE(at.k, Index(k));
  QVERIFY(maxAbs(at.pPrime, *lin.result->trace.reducedWeights) < 1e-6);
  QVERIFY(maxAbs(at.implied, lin.result->weights(0)) < 1e-6);
  // The error is the linformer variant's output against scaled_dot's P V.
  const MatrixXd pv = dot.result->weights(0).cast<double>() * dot.inputs->v.cast<double>();
  const double want = (pv - lin.result->output.cast<double>()).norm() / pv.norm();
  QVERIFY(std::abs(at.error - want) < 1e-5 * std::max(1.0, want));
  // Analysing the linformer result itself at its own rank (and its own share_ef) finds it exact.
  const LowRankAnalysis self = analyzeLowRank(*lin.result, *lin.inputs, {.ks = {Index(k)}});
  QVERIFY2(self.linformerError.front() < 1e-5,
           qPrintable(QString::number(self.linformerError.front())));
}

void TestLowRank::randomProjectionMatchesReference_data() {
  QTest::addColumn<QString>("variant");
  QTest::addColumn<QStringList>("set");
  QTest::addColumn<int>("head");
  QTest::addColumn<int>("n");
  QTest::addColumn<int>("d");
  QTest::addColumn<QString>("source");
  QTest::newRow("scaled_dot N=40 clustered")
      << "scaled_dot" << QStringList{} << 0 << 40 << 16 << "clustered";
  QTest::newRow("multi_head h=4 head 2")
      << "multi_head" << QStringList{"heads=4"} << 2 << 32 << 16 << "positional";
  QTest::newRow("local_window (sparse)")
      << "local_window" << QStringList{} << 0 << 24 << 8 << "random";
  QTest::newRow("linformer rank 8 (signed P)")
      << "linformer" << QStringList{"rank=8"} << 0 << 48 << 16 << "clustered";
}

void TestLowRank::randomProjectionMatchesReference() {
  QFETCH(QString, variant);
  QFETCH(QStringList, set);
  QFETCH(int, head);
  QFETCH(int, n);
  QFETCH(int, d);
  QFETCH(QString, source);
  const JobOutcome out = runVariant(variant, set, n, d, 13, source);
  const VariantResult& r = *out.result;
  const LowRankAnalysis a = analyzeLowRank(r, *out.inputs, {.head = head});
  const auto full = ref::dense(out.result);
  const MatrixXd p = full->weights(std::size_t(head)).cast<double>();
  const Slices s = slices(r, *out.inputs, head);
  const MatrixXd pv = p * s.v;
  QCOMPARE(a.randomProjectionError.size(), a.ks.size());
  // c^2 = 1 + ||P||^2 ||V||^2 / ||PV||^2, from plain sums of squares.
  double pp = 0, vv = 0, pvpv = 0;
  for (Index i = 0; i < p.size(); ++i) pp += p.data()[i] * p.data()[i];
  for (Index i = 0; i < s.v.size(); ++i) vv += s.v.data()[i] * s.v.data()[i];
  for (Index i = 0; i < pv.size(); ++i) pvpv += pv.data()[i] * pv.data()[i];
  const double c = std::sqrt(1 + pp * vv / pvpv);
  QVERIFY2(std::abs(a.randomProjectionScale - c) < 1e-9 * c,
           qPrintable(QString::number(a.randomProjectionScale)));
  for (std::size_t i = 0; i < a.ks.size(); ++i) {
    const Index k = a.ks[i];
    // The same seeded R in double, multiplied as (P R^T) (R V) at every k (the analysis
    // multiplies in float, in whichever order costs less: within 1e-7 of this here).
    double mean = 0;
    for (int draw = 0; draw < kRandomProjectionDraws; ++draw) {
      const MatrixXd rk = randomProjection(r.params.seed, draw, k, p.cols()).cast<double>();
      QCOMPARE(rk.rows(), k);
      const MatrixXd approx = (p * rk.transpose()) * (rk * s.v);
      mean += (pv - approx).norm() / pv.norm() / kRandomProjectionDraws;
    }
    const QByteArray where = "k = " + QByteArray::number(qlonglong(k));
    QVERIFY2(std::abs(a.randomProjectionError[i] - mean) < 1e-6 * std::max(1.0, mean), where);
    // P R^T R V has rank at most k: never better than the best rank-k approximation.
    QVERIFY2(a.bestError[i] <= a.randomProjectionError[i] + 1e-12, where);
  }
  // Seeded from the request: the same result gives the same curve.
  const LowRankAnalysis again = analyzeLowRank(r, *out.inputs, {.head = head});
  QCOMPARE(again.randomProjectionError, a.randomProjectionError);
}

void TestLowRank::randomProjectionFollowsItsLaw() {
  // Two maps: a softmax of random scores (rows sum to 1, as attention weights do), and a rank-one
  // P = u v^T with V = v, where ||P R^T R V - P V|| / ||P V|| = |chi2_k / k - 1| and c^2 = 2.
  const Index n = 24, m = 32;
  const MatrixXd scores = 2.0 * Rng(21, "S").normalMatrix(n, m).cast<double>();
  MatrixXd softmax = (scores.colwise() - scores.rowwise().maxCoeff()).array().exp().matrix();
  softmax = softmax.array().colwise() / softmax.rowwise().sum().array();
  const MatrixXd u = Rng(22, "u").normalMatrix(n, 1).cast<double>();
  const Matrix column = Rng(22, "v").normalMatrix(m, 1);
  const std::vector<Index> ks = {1, 2, 4, 8, 16, 32};
  for (int aligned = 0; aligned < 2; ++aligned) {
    HandMade h = handMade(aligned ? MatrixXd(u * column.cast<double>().transpose()) : softmax);
    if (aligned) h.in.v = column;
    const MatrixXd p = h.r.weights(0).cast<double>(), v = h.in.v.cast<double>(), pv = p * v;
    const double ratio = p.norm() * v.norm() / pv.norm(), c = std::sqrt(1 + ratio * ratio);
    if (aligned) QVERIFY(std::abs(c - std::sqrt(2.0)) < 1e-5);
    // The law itself, from draws made here (not the analysis's): E||error||^2 k / ||PV||^2 = c^2.
    for (Index k : ks) {
      constexpr int draws = 20000;  // k = 1 of the rank-one map: a relative spread of 3.7 per draw
      double squared = 0;
      for (int t = 0; t < draws; ++t) {
        const MatrixXd r = Rng(std::uint64_t(t), "law")
                               .normalMatrix(k, m, 1 / std::sqrt(double(k)))
                               .cast<double>();
        squared += (pv - p * (r.transpose() * (r * v))).squaredNorm() / pv.squaredNorm() / draws;
      }
      QVERIFY2(std::abs(squared * double(k) / (c * c) - 1) < 0.1,
               qPrintable(QString("aligned %1, k = %2: %3").arg(aligned).arg(k).arg(squared)));
    }
    // The analysis's curve, averaged over many seeds: it falls with k, as c / sqrt(k) does. The
    // mean error is at most the RMS error c / sqrt(k) (Jensen) and not far below it.
    constexpr int seeds = 200;
    std::vector<double> mean(ks.size(), 0);
    for (int seed = 0; seed < seeds; ++seed) {
      h.r.params.seed = std::uint64_t(seed);
      const LowRankAnalysis a = analyzeLowRank(h.r, h.in, {.ks = ks});
      QVERIFY(std::abs(a.randomProjectionScale - c) < 1e-9 * c);
      for (std::size_t i = 0; i < ks.size(); ++i) {
        mean[i] += a.randomProjectionError[i] / seeds;
        QVERIFY(a.bestError[i] <= a.randomProjectionError[i] + 1e-12);
      }
    }
    for (std::size_t i = 0; i < ks.size(); ++i) {
      const double law = c / std::sqrt(double(ks[i]));
      const QString where = QString("aligned %1, k = %2: mean %3, c/sqrt(k) %4")
                                .arg(aligned)
                                .arg(ks[i])
                                .arg(mean[i])
                                .arg(law);
      QVERIFY2(mean[i] <= 1.02 * law && mean[i] >= 0.6 * law, qPrintable(where));
      if (i > 0) QVERIFY2(mean[i] < mean[i - 1], qPrintable(where));
    }
  }
}

QTEST_GUILESS_MAIN(TestLowRank)
#include "test_low_rank.moc"
