// The low-rank analysis's spectrum and columns (core/analysis/low_rank.h) against references
// built here in double: hand-made maps of known rank and known duplicate columns, JacobiSVD of
// P, plain loops for the column similarity; and the errors it throws. The error curves are
// test_low_rank, the lowrank command test_low_rank_cli, the view test_low_rank_view.
#include "low_rank_fixtures.h"
#include "reference.h"

#include "core/analysis/low_rank.h"
#include "core/engine.h"
#include "core/rng.h"
#include "core/variant_registry.h"

#include <Eigen/QR>
#include <Eigen/SVD>

#include <QTest>

#include <cmath>

using namespace atlas::core;
using namespace atlas::core::analysis;
using Eigen::MatrixXd;
using namespace lowrank;

namespace {

QString groupsText(const std::vector<std::vector<Index>>& groups) {
  QStringList out;
  for (const auto& g : groups) {
    QStringList items;
    for (Index j : g) items << QString::number(j);
    out << items.join(' ');
  }
  return out.join('|');
}

}  // namespace

class TestLowRankSpectrum : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void knownRank_data();
  void knownRank();
  void redundantColumns_data();
  void redundantColumns();
  void errorsAndCancellation();
};

void TestLowRankSpectrum::knownRank_data() {
  QTest::addColumn<int>("r");
  QTest::addColumn<bool>("exact");
  for (int r : {1, 2, 5})
    for (bool exact : {true, false})
      QTest::addRow("r=%d %s", r, exact ? "indicator" : "orthonormal") << r << exact;
}

void TestLowRankSpectrum::knownRank() {
  QFETCH(int, r);
  QFETCH(bool, exact);
  const Index n = 20, m = 30;
  MatrixXd p(n, m);
  if (exact) {
    // P = A B with indicator factors: r orthogonal column classes of equal norm, so r equal
    // singular values sqrt(n m) / r, exact in float.
    for (Index i = 0; i < n; ++i)
      for (Index j = 0; j < m; ++j) p(i, j) = (i % r == j % r) ? 1.0 : 0.0;
  } else {
    // P = U V^T with orthonormal U (n x r), V (m x r): r singular values 1, up to float rounding.
    const MatrixXd a = Rng(7, "A").normalMatrix(n, r).cast<double>();
    const MatrixXd b = Rng(7, "B").normalMatrix(m, r).cast<double>();
    const MatrixXd u = Eigen::HouseholderQR<MatrixXd>(a).householderQ() * MatrixXd::Identity(n, r);
    const MatrixXd v = Eigen::HouseholderQR<MatrixXd>(b).householderQ() * MatrixXd::Identity(m, r);
    p = u * v.transpose();
  }
  HandMade h = handMade(p);
  const LowRankAnalysis a = analyzeLowRank(h.r, h.in, {});
  QCOMPARE(a.n, n);
  QCOMPARE(a.m, m);
  QCOMPARE(a.singularValues.size(), std::min(n, m));
  const Eigen::VectorXd s =
      Eigen::JacobiSVD<MatrixXd>(h.r.weights(0).cast<double>()).singularValues();
  QVERIFY((a.singularValues - s).cwiseAbs().maxCoeff() <= 1e-9 * s[0]);
  QCOMPARE(a.rank99, Index(r));
  QVERIFY(a.rank90 <= r);
  QCOMPARE(a.rank90, Index(std::ceil(0.9 * r - 1e-9)));  // r equal values: ceil(0.9 r)
  QVERIFY2(std::abs(a.entropyRank - r) < (exact ? 1e-9 : 1e-5),
           qPrintable(QString::number(a.entropyRank, 'g', 17)));
}

void TestLowRankSpectrum::redundantColumns_data() {
  QTest::addColumn<QString>("kind");
  QTest::addColumn<double>("threshold");
  QTest::addColumn<QString>("groups");
  QTest::newRow("duplicates 2,5,7 at 0.95") << "duplicates" << 0.95 << "2 5 7";
  QTest::newRow("duplicates 2,5,7 at 1.0") << "duplicates" << 1.0 << "2 5 7";
  QTest::newRow("scaled copies 1,3,4 and 6,8 at 1.0") << "scaled" << 1.0 << "1 3 4|6 8";
  QTest::newRow("orthogonal at 0.01") << "orthogonal" << 0.01 << "";
  QTest::newRow("unit vectors at 1e-9") << "unit" << 1e-9 << "";
  QTest::newRow("zero column at 0.95") << "zero" << 0.95 << "";
}

void TestLowRankSpectrum::redundantColumns() {
  QFETCH(QString, kind);
  QFETCH(double, threshold);
  QFETCH(QString, groups);
  const Index n = 64, m = 10;
  // Independent Gaussian columns: cosine about N(0, 1/64), far below any threshold used here.
  MatrixXd p = Rng(3, "P").normalMatrix(n, m).cast<double>();
  if (kind == "duplicates") {
    p.col(5) = p.col(2);
    p.col(7) = p.col(2);
  } else if (kind == "scaled") {
    p.col(3) = p.col(1);
    p.col(4) = 2 * p.col(1);  // a power of two: exactly the same direction in float
    p.col(8) = 0.5 * p.col(6);
  } else if (kind == "orthogonal") {
    p = Eigen::HouseholderQR<MatrixXd>(p).householderQ() * MatrixXd::Identity(n, m);
  } else if (kind == "unit") {
    p = MatrixXd::Identity(n, m);
  } else if (kind == "zero") {
    p.col(4).setZero();
  }
  HandMade h = handMade(p);
  const LowRankAnalysis a = analyzeLowRank(h.r, h.in, {.threshold = threshold});
  QCOMPARE(groupsText(a.redundantGroups), groups);
  // The similarity itself against plain loops over the float weights.
  const MatrixXd w = h.r.weights(0).cast<double>();
  QCOMPARE(a.columnSimilarity.rows(), m);
  QCOMPARE(a.columnSimilarity.cols(), m);
  for (Index i = 0; i < m; ++i)
    for (Index j = 0; j < m; ++j) {
      const double ni = w.col(i).norm(), nj = w.col(j).norm();
      const double want =
          i == j ? 1.0 : (ni > 0 && nj > 0 ? w.col(i).dot(w.col(j)) / (ni * nj) : 0.0);
      QVERIFY2(std::abs(a.columnSimilarity(i, j) - want) < 1e-6,
               qPrintable(QString("%1,%2").arg(i).arg(j)));
    }
}

void TestLowRankSpectrum::errorsAndCancellation() {
  const JobOutcome out = runVariant("multi_head", {"heads=4"}, 16, 8, 1);
  const VariantResult& r = *out.result;
  const Inputs& in = *out.inputs;
  auto throwsError = [](auto&& f) {
    try {
      f();
    } catch (const Error& e) {
      return e.format().find("%1") != std::string::npos && !e.args().empty();
    }
    return false;
  };
  QVERIFY(throwsError([&] { analyzeLowRank(r, in, {.head = 4}); }));
  QVERIFY(throwsError([&] { analyzeLowRank(r, in, {.head = -1}); }));
  QVERIFY(throwsError([&] { analyzeLowRank(r, in, {.ks = {1, 0}}); }));
  QVERIFY(throwsError([&] { analyzeLowRank(r, in, {.ks = {17}}); }));
  QVERIFY(throwsError([&] { linformerAt(r, in, 0, 0, true); }));
  QVERIFY(throwsError([&] { linformerAt(r, in, 0, 17, false); }));
  QVERIFY(throwsError(
      [&] { linformerAt(r, in, 0, Matrix::Identity(4, 15), Matrix::Identity(4, 15)); }));
  // Too large to analyse (a sparse result of 5000 keys): refused before anything N x M.
  const JobOutcome wide = runVariant("local_window", {}, 5000, 8, 1);
  try {
    analyzeLowRank(*wide.result, *wide.inputs, {});
    QFAIL("M = 5000 accepted");
  } catch (const Error& e) {
    QCOMPARE(e.kind(), Error::Kind::TooLarge);
    QCOMPARE(e.args().at(1), std::string("5000"));
  }
  Inputs other = in;
  other.k = Matrix::Zero(9, 8);
  QVERIFY(throwsError([&] { analyzeLowRank(r, other, {}); }));
  try {
    analyzeLowRank(r, in, {.head = 9});
    QFAIL("head 9 accepted");
  } catch (const Error& e) {
    QCOMPARE(std::string(e.what()),
             std::string("Head 9 does not exist: the result has 4 head(s), numbered from 0."));
  }
  CancelToken cancel;
  cancel.cancel();
  QVERIFY_THROWS_EXCEPTION(Cancelled, analyzeLowRank(r, in, {}, cancel));
  QVERIFY_THROWS_EXCEPTION(Cancelled, linformerAt(r, in, 1, 4, true, cancel));
}

QTEST_GUILESS_MAIN(TestLowRankSpectrum)
#include "test_low_rank_spectrum.moc"
