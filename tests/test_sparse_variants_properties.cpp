// The fixed sparse patterns' promised equivalences: dilated with one config is block_local, a mixed
// head is its pattern alone; local_window's work is linear; BigBird's random keys: seeded, uniform.
#include "sparse_variants_run.h"

#include "core/engine.h"
#include "core/variant_registry.h"

#include <QTest>

#include <set>

using namespace atlas::core;
using sparsetest::Case;
using sparsetest::runCase;

class TestSparseVariantsProperties : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void dilatedWithOneConfigIsBlockLocal_data();
  void dilatedWithOneConfigIsBlockLocal();
  void mixedHeadIsItsPatternAlone_data();
  void mixedHeadIsItsPatternAlone();
  void localWindowWorkGrowsLinearly();
  void bigBirdIsSeedReproducible();
  void bigBirdRandomKeysAreUniform();
};

void TestSparseVariantsProperties::dilatedWithOneConfigIsBlockLocal_data() {
  QTest::addColumn<int>("n");
  QTest::addColumn<int>("m");
  QTest::addColumn<int>("segment");
  QTest::addColumn<bool>("causal");
  for (int seg : {1, 3, 4, 16})
    for (bool causal : {false, true}) {
      QTest::newRow(qPrintable(QString("w=%1 %2 square").arg(seg).arg(causal)))
          << 37 << 37 << seg << causal;
      QTest::newRow(qPrintable(QString("w=%1 %2 cross").arg(seg).arg(causal)))
          << 29 << 18 << seg << causal;
    }
}

void TestSparseVariantsProperties::dilatedWithOneConfigIsBlockLocal() {
  QFETCH(int, n);
  QFETCH(int, m);
  QFETCH(int, segment);
  QFETCH(bool, causal);
  const JobOutcome d =
      runCase({"dilated", n, m, 8, 6, QString("segment=%1;configs=1").arg(segment), causal, 4});
  const JobOutcome b =
      runCase({"block_local", n, m, 8, 6, QString("block=%1").arg(segment), causal, 4});
  QVERIFY2(d.ok() && b.ok(), (d.message() + b.message()).c_str());
  QCOMPARE(d.result->mask(0), b.result->mask(0));
  QVERIFY(d.result->weights(0).isApprox(b.result->weights(0), 1e-6f));
  QVERIFY(d.result->output.isApprox(b.result->output, 1e-6f));
  QCOMPARE(d.result->scoreEvaluations, b.result->scoreEvaluations);
  QCOMPARE(d.result->componentNames,
           std::vector<std::string>{QString("r=1, w=%1").arg(segment).toStdString()});
}

void TestSparseVariantsProperties::mixedHeadIsItsPatternAlone_data() {
  QTest::addColumn<QString>("patterns");
  QTest::addColumn<bool>("causal");
  for (bool causal : {false, true}) {
    QTest::newRow(causal ? "default causal" : "default") << "local,strided,global,full" << causal;
    QTest::newRow(causal ? "full first causal" : "full first") << "full, local" << causal;
  }
}

void TestSparseVariantsProperties::mixedHeadIsItsPatternAlone() {
  QFETCH(QString, patterns);
  QFETCH(bool, causal);
  const int n = 37, m = 37, heads = 4, dh = 4, dvh = 3;
  const JobOutcome mixed =
      runCase({"mixed_heads", n, m, heads * dh, heads * dvh,
               QString("heads=%1;patterns=%2").arg(heads).arg(patterns), causal, 9});
  QVERIFY2(mixed.ok(), mixed.message().c_str());
  const QStringList names = patterns.split(',');
  for (int a = 0; a < heads; ++a) {
    const QString name = names[a % names.size()].trimmed();
    const QString alone = name == "local"     ? "local_window"
                          : name == "strided" ? "strided"
                          : name == "global"  ? "global_tokens"
                                              : "scaled_dot";
    auto slice = std::make_shared<Inputs>();
    slice->q = mixed.inputs->q.middleCols(a * dh, dh);
    slice->k = mixed.inputs->k.middleCols(a * dh, dh);
    slice->v = mixed.inputs->v.middleCols(a * dvh, dvh);
    const JobOutcome one = runCase({alone, n, m, dh, dvh, "", causal, 9}, slice);  // own defaults
    QVERIFY2(one.ok(), one.message().c_str());
    QCOMPARE(mixed.result->mask(a), one.result->mask(0));
    QVERIFY2(mixed.result->weights(a).isApprox(one.result->weights(0), 1e-6f), qPrintable(name));
    QVERIFY(mixed.result->output.middleCols(a * dvh, dvh).isApprox(one.result->output, 1e-6f));
  }
}

void TestSparseVariantsProperties::localWindowWorkGrowsLinearly() {
  // Exact score counts, not times: N (2w + 1) - w (w + 1) with w = 2; dense grows 4x.
  const JobOutcome small = runCase({"local_window", 256, 256, 16, 16, "", false, 1});
  const JobOutcome large = runCase({"local_window", 512, 512, 16, 16, "", false, 1});
  QVERIFY2(small.ok() && large.ok(), (small.message() + large.message()).c_str());
  QCOMPARE(small.result->scoreEvaluations, std::uint64_t(256 * 5 - 6));
  QCOMPARE(large.result->scoreEvaluations, std::uint64_t(512 * 5 - 6));
  const double ratio =
      double(large.result->scoreEvaluations) / double(small.result->scoreEvaluations);
  QVERIFY2(ratio > 1.99 && ratio < 2.01, qPrintable(QString::number(ratio)));
  const JobOutcome dense = runCase({"scaled_dot", 512, 512, 16, 16, "", false, 1});
  QCOMPARE(dense.result->scoreEvaluations, std::uint64_t(512) * 512);
}

void TestSparseVariantsProperties::bigBirdIsSeedReproducible() {
  const Case c{"bigbird", 64, 64, 8, 8, "window=1;global=1;random=3", false, 11};
  const JobOutcome a = runCase(c), b = runCase(c);
  Case other = c;
  other.seed = 12;
  // The same inputs with another parameter seed: only the random keys may change.
  const JobOutcome d = runCase(other, a.inputs);
  QVERIFY2(a.ok() && b.ok() && d.ok(), (a.message() + b.message() + d.message()).c_str());
  QCOMPARE(a.result->mask(0), b.result->mask(0));
  QCOMPARE(a.result->components(0), b.result->components(0));
  QCOMPARE(a.result->weights(0), b.result->weights(0));
  QCOMPARE(a.result->output, b.result->output);
  QVERIFY(a.result->mask(0) != d.result->mask(0));
  auto notRandom = [](std::uint8_t id) { return id == 3 ? std::uint8_t(0) : id; };
  const MaskMatrix fixedA = a.result->components(0).unaryExpr(notRandom);
  const MaskMatrix fixedD = d.result->components(0).unaryExpr(notRandom);
  QCOMPARE(fixedA, fixedD);  // local and global pairs do not depend on the seed
}

void TestSparseVariantsProperties::bigBirdRandomKeysAreUniform() {
  // No window, no global tokens, M < N: rows from M on have no diagonal key, so each holds its
  // r random keys and nothing else. Over 4000 rows every key should be drawn about N r / M times.
  const int n = 4000, m = 40, r = 4;
  const JobOutcome out =
      runCase({"bigbird", n, m, 4, 4, QString("window=0;global=0;random=%1").arg(r), false, 5});
  QVERIFY2(out.ok(), out.message().c_str());
  const MaskMatrix& mask = out.result->mask(0);
  std::vector<double> counts(m, 0);
  std::set<std::vector<int>> distinctRows;
  for (Index i = m; i < n; ++i) {
    QCOMPARE(mask.row(i).cast<int>().sum(), r);
    QVERIFY((out.result->components(0).row(i).array() == 3).count() == r);
    std::vector<int> row;
    for (Index j = 0; j < m; ++j)
      if (mask(i, j)) {
        counts[j] += 1;
        row.push_back(int(j));
      }
    distinctRows.insert(row);
  }
  const double expected = double(n - m) * r / m;
  double chi2 = 0;
  for (double k : counts) chi2 += (k - expected) * (k - expected) / expected;
  // 39 degrees of freedom: mean 39, sd 8.8; 100 is about 7 sd out.
  QVERIFY2(chi2 < 100, qPrintable(QString("chi-square %1").arg(chi2)));
  QVERIFY(distinctRows.size() > 3000);  // C(40, 4) = 91390 subsets: rows rarely repeat
}

QTEST_APPLESS_MAIN(TestSparseVariantsProperties)
#include "test_sparse_variants_properties.moc"
