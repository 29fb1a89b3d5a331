// scaled_dot's options a lesson shows: the padding mask (valid lengths, as in a masked softmax
// over a batch of sequences of different lengths) alone and with the causal mask, and unscaled
// scores, against a plain double-precision softmax that skips the masked pairs.
#include "engine_run.h"
#include "reference.h"

#include "core/variant_registry.h"

#include <QTest>

using namespace atlas::core;

class TestScaledDotOptions : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void paddingMasksTheLastKeys_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("valid");
    QTest::addColumn<bool>("causal");
    QTest::newRow("2 of 4") << 2 << 4 << 2 << false;
    QTest::newRow("3 of 10") << 7 << 10 << 3 << false;
    QTest::newRow("3 of 10 causal") << 7 << 10 << 3 << true;
    QTest::newRow("all valid (= M)") << 5 << 6 << 6 << false;
    QTest::newRow("more than M") << 5 << 6 << 9 << true;
    QTest::newRow("one key") << 4 << 8 << 1 << false;
    QTest::newRow("large, several panels") << 300 << 200 << 77 << true;
  }

  void paddingMasksTheLastKeys() {
    QFETCH(int, n);
    QFETCH(int, m);
    QFETCH(int, valid);
    QFETCH(bool, causal);
    const Variant& v = requireVariant("scaled_dot");
    const ParamSet p =
        testrun::params(v, QString("valid_keys=%1").arg(valid), 5, ';', causal ? 1 : 0);
    const JobOutcome out = testrun::run(v, p, {"random", n, m, 8, 4, 5});
    QVERIFY2(out.ok(), out.message().c_str());
    const VariantResult& r = *out.result;
    QCOMPARE(r.weightCols(), Index(m));  // the padded keys are there, with weight 0
    const auto q = ref::toMat<double>(out.inputs->q), k = ref::toMat<double>(out.inputs->k),
               vv = ref::toMat<double>(out.inputs->v);
    const auto exact = ref::scaledDot(q, k, vv, causal, std::size_t(valid));
    const auto rounded =
        ref::scaledDot(ref::toMat<float>(out.inputs->q), ref::toMat<float>(out.inputs->k),
                       ref::toMat<float>(out.inputs->v), causal, std::size_t(valid));
    const double tolerance = ref::earnedTolerance(ref::maxError<float>(r, {rounded}, {exact}));
    const double error = ref::maxError<double>(r, {}, {exact});
    QVERIFY2(error <= tolerance, qPrintable(QString("error %1 > %2").arg(error).arg(tolerance)));
    // Masked pairs are exactly 0 and not computed; every row sums to 1 over the rest.
    double pairs = 0;
    for (Index i = 0; i < n; ++i) {
      double sum = 0;
      for (Index j = 0; j < m; ++j) {
        const bool allowed = j < valid && (!causal || j <= i);
        QCOMPARE(r.computed(0, i, j), allowed);
        if (!allowed) QCOMPARE(r.weight(0, i, j), 0.0f);
        sum += r.weight(0, i, j);
        pairs += allowed;
      }
      QVERIFY2(std::abs(sum - 1.0) < 1e-5,
               qPrintable(QString("row %1 sums to %2").arg(i).arg(sum)));
    }
    // The cost counts the pairs computed, one exp each.
    QCOMPARE(r.cost.exps(), pairs);
  }

  void unscaledScoresAreTheDotProducts_data() {
    QTest::addColumn<int>("d");
    for (int d : {4, 64, 512}) QTest::newRow(qPrintable(QString("d = %1").arg(d))) << d;
  }

  void unscaledScoresAreTheDotProducts() {
    // The lesson on 1/sqrt(d): without it the scores spread as sqrt(d) and the softmax
    // saturates; with it they do not. Each against the reference at its own scale.
    QFETCH(int, d);
    const Variant& v = requireVariant("scaled_dot");
    double largest[2] = {0, 0};
    for (int scaled : {0, 1}) {
      const ParamSet p = testrun::params(v, QString("scaled=%1").arg(scaled), 1);
      const JobOutcome out = testrun::run(v, p, {"random", 12, 12, d, 4, 1});
      QVERIFY2(out.ok(), out.message().c_str());
      const auto q = ref::toMat<double>(out.inputs->q), k = ref::toMat<double>(out.inputs->k),
                 vv = ref::toMat<double>(out.inputs->v);
      const double scale = scaled ? 1.0 / std::sqrt(double(d)) : 1.0;
      const auto exact = ref::scaledDot(q, k, vv, false, std::size_t(-1), scale);
      const auto rounded =
          ref::scaledDot(ref::toMat<float>(out.inputs->q), ref::toMat<float>(out.inputs->k),
                         ref::toMat<float>(out.inputs->v), false, std::size_t(-1), float(scale));
      const double tolerance =
          ref::earnedTolerance(ref::maxError<float>(*out.result, {rounded}, {exact}));
      const double error = ref::maxError<double>(*out.result, {}, {exact});
      QVERIFY2(error <= tolerance, qPrintable(QString("error %1 > %2").arg(error).arg(tolerance)));
      for (Index i = 0; i < 12; ++i)
        for (Index j = 0; j < 12; ++j)
          largest[scaled] = std::max(largest[scaled], double(out.result->weight(0, i, j)));
    }
    // Unscaled at d = 512 every row is nearly one-hot; scaled it is not (random inputs).
    if (d == 512) {
      QVERIFY2(largest[0] > 0.99, qPrintable(QString::number(largest[0])));
      QVERIFY2(largest[1] < 0.99, qPrintable(QString::number(largest[1])));
    }
  }

  void paddingIsNotPooled() {
    // A budget the full weights exceed: without a padding mask the result is pooled, with one it
    // is computed in full (the pooled kernel has no padding mask), within the memory limit.
    const Variant& v = requireVariant("scaled_dot");
    EngineRequest req;
    req.spec.n = 300;
    req.spec.d = 8;
    req.displayBudget = 1000;
    req.jobs.push_back({&v, testrun::params(v, "", 0)});
    req.jobs.push_back({&v, testrun::params(v, "valid_keys=10", 0)});
    const auto outcomes = Engine().run(req);
    QVERIFY(outcomes[0].ok() && outcomes[1].ok());
    QVERIFY(outcomes[0].result->pooled());
    QVERIFY(!outcomes[1].result->pooled());
    QCOMPARE(outcomes[1].result->pairs(0), std::uint64_t(300 * 10));
  }
};

QTEST_GUILESS_MAIN(TestScaledDotOptions)
#include "test_scaled_dot_options.moc"
