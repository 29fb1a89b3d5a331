// The low-rank analysis (core/analysis/low_rank.h) against references built here in double:
// hand-made maps of known rank and known duplicate columns, JacobiSVD of P and of P V, Linformer
// recomputed with plain double loops, the linformer variant itself, and the lowrank command.
#include "engine_run.h"
#include "reference.h"

#include "core/analysis/low_rank.h"
#include "core/engine.h"
#include "core/rng.h"
#include "core/variant_registry.h"

#include <Eigen/QR>
#include <Eigen/SVD>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <cmath>

using namespace atlas::core;
using namespace atlas::core::analysis;
using Eigen::MatrixXd;

namespace {

/// One job through the engine; `set` holds --set style overrides.
JobOutcome runVariant(const QString& variant, const QStringList& set, int n, int d, int seed,
                      const QString& source = "random") {
  const Variant& v = requireVariant(variant.toStdString());
  ParamSet p = testrun::params(v, {}, seed);
  for (const QString& kv : set) testrun::setParams(p, v, kv);
  JobOutcome out = testrun::run(v, p, {source, n, 0, d, 0, seed});
  if (!out.ok()) qFatal("%s", out.message().c_str());
  return out;
}

/// A one-head result holding `p` as its weights, on random inputs of matching shape.
struct HandMade {
  VariantResult r;
  Inputs in;
};
HandMade handMade(const MatrixXd& p, Index d = 8, Index dv = 6) {
  HandMade h;
  const Index n = p.rows(), m = p.cols();
  h.in.q = Rng(1, "q").normalMatrix(n, d);
  h.in.k = Rng(1, "k").normalMatrix(m, d);
  h.in.v = Rng(1, "v").normalMatrix(m, dv);
  h.r.variant = "hand";
  h.r.dims = h.in.dims();
  h.r.setDense({{p.cast<float>()}, {MaskMatrix::Ones(n, m)}, {}});
  h.r.output = Matrix::Zero(n, dv);
  return h;
}

/// The head's Q, K, V slices as docs/variants.md defines them, in double.
struct Slices {
  MatrixXd q, k, v;
};
Slices slices(const VariantResult& r, const Inputs& in, Index head) {
  const Index h = r.heads();
  Slices s{in.q.cast<double>(), in.k.cast<double>(), in.v.cast<double>()};
  if (h == 1) return s;
  const Index g = r.variant == "grouped_query" ? r.params.integer("groups") : h;
  const Index dh = in.q.cols() / h, dvh = r.output.cols() / h, group = head / (h / g);
  return {s.q.middleCols(head * dh, dh), s.k.middleCols(group * dh, dh),
          s.v.middleCols(group * dvh, dvh)};
}

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

QString groupsText(const std::vector<std::vector<Index>>& groups) {
  QStringList out;
  for (const auto& g : groups) {
    QStringList items;
    for (Index j : g) items << QString::number(j);
    out << items.join(' ');
  }
  return out.join('|');
}

struct Cli {
  int code = -1;
  QString out, err;
};
Cli runCli(const QStringList& args) {
  QProcess p;
  p.start(ATLAS_CLI_PATH, args);
  Cli c;
  if (!p.waitForFinished(60000)) return c;
  c.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  c.out = QString::fromUtf8(p.readAllStandardOutput());
  c.err = QString::fromUtf8(p.readAllStandardError());
  return c;
}

}  // namespace

class TestLowRank : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void knownRank_data();
  void knownRank();
  void redundantColumns_data();
  void redundantColumns();
  void bestNeverAboveLinformer_data();
  void bestNeverAboveLinformer();
  void identityProjectionIsExact();
  void reproducesLinformerVariant_data();
  void reproducesLinformerVariant();
  void errorsAndCancellation();
  void cliPrintsJson();
  void cliRejectsBadHead();
};

void TestLowRank::knownRank_data() {
  QTest::addColumn<int>("r");
  QTest::addColumn<bool>("exact");
  for (int r : {1, 2, 5})
    for (bool exact : {true, false})
      QTest::addRow("r=%d %s", r, exact ? "indicator" : "orthonormal") << r << exact;
}

void TestLowRank::knownRank() {
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

void TestLowRank::redundantColumns_data() {
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

void TestLowRank::redundantColumns() {
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

void TestLowRank::errorsAndCancellation() {
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

void TestLowRank::cliPrintsJson() {
  const Cli c = runCli({"lowrank", "--variant", "multi_head", "--set", "heads=2", "--n", "16",
                        "--d", "8", "--seed", "4", "--head", "1", "--ks", "8,2,16", "--json"});
  QVERIFY2(c.code == 0, qPrintable(c.err));
  QJsonParseError error;
  const QJsonObject o = QJsonDocument::fromJson(c.out.toUtf8(), &error).object();
  QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
  for (const char* key :
       {"variant", "head", "n", "m", "singular_values", "rank90", "rank99", "entropy_rank",
        "redundant_groups", "ks", "linformer_error", "best_error"})
    QVERIFY2(o.contains(key), key);
  QCOMPARE(o["variant"].toString(), QString("multi_head"));
  QCOMPARE(o["head"].toInt(), 1);
  QCOMPARE(o["n"].toInt(), 16);
  QCOMPARE(o["m"].toInt(), 16);
  QCOMPARE(o["singular_values"].toArray().size(), 16);
  QCOMPARE(o["ks"].toArray(), (QJsonArray{2, 8, 16}));
  QCOMPARE(o["linformer_error"].toArray().size(), 3);
  QCOMPARE(o["best_error"].toArray().size(), 3);
  QVERIFY(o["redundant_groups"].isArray());
  // The same numbers as the library on the same request.
  const JobOutcome out = runVariant("multi_head", {"heads=2"}, 16, 8, 4);
  const LowRankAnalysis a = analyzeLowRank(*out.result, *out.inputs, {.head = 1, .ks = {2, 8, 16}});
  QCOMPARE(o["rank99"].toInt(), int(a.rank99));
  QVERIFY(std::abs(o["entropy_rank"].toDouble() - a.entropyRank) < 1e-12);
  for (int i = 0; i < 3; ++i)
    QVERIFY(std::abs(o["linformer_error"].toArray()[i].toDouble() - a.linformerError[i]) < 1e-12);
  // Without --json: a readable summary.
  const Cli text = runCli({"lowrank", "--variant", "scaled_dot", "--n", "8"});
  QCOMPARE(text.code, 0);
  QVERIFY(text.out.contains("Linformer error"));
}

void TestLowRank::cliRejectsBadHead() {
  for (const QStringList& extra : {QStringList{"--head", "3"}, QStringList{"--ks", "1,x"},
                                   QStringList{"--ks", "0,2"}, QStringList{"--ks", "9"}}) {
    const Cli c =
        runCli(QStringList{"lowrank", "--variant", "scaled_dot", "--n", "8", "--json"} + extra);
    QCOMPARE(c.code, 2);
    QVERIFY(c.out.isEmpty());
    const QString err = c.err.trimmed();
    QVERIFY2(!err.isEmpty() && !err.contains('\n'), qPrintable(c.err));
  }
}

QTEST_GUILESS_MAIN(TestLowRank)
#include "test_low_rank.moc"
