// How sparse variants keep their results: the weights of every pattern variant on its computed
// pairs only (core::SparseWeights), one per score evaluated, never an N x M matrix, so that a
// long sequence of a narrow pattern fits in a few megabytes. The values themselves are checked
// against the dense reference in test_sparse_variants and test_learned_variants.
#include "engine_run.h"

#include "core/engine.h"
#include "core/variant_registry.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace atlas::core;

namespace {

const QStringList kWithComponents = {"bigbird", "mixed_heads", "sparse_fixed", "dilated"};

}  // namespace

class TestSparseStorage : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void resultsKeepOnlyTheirPairs();
  void localWindowAtLongLengthFitsInLittleMemory();
};

void TestSparseStorage::resultsKeepOnlyTheirPairs() {
  // Straight from the engine (not made dense): every pattern variant stores its weights on the
  // computed pairs only, one per score evaluated, and each row's weights sum to 1.
  for (const char* id : {"block_local", "local_window", "strided", "global_tokens", "bigbird",
                         "mixed_heads", "sparse_fixed", "dilated", "lsh", "kmeans", "sinkhorn"}) {
    for (bool causal : {false, true}) {
      const Variant& v = requireVariant(id);
      const JobOutcome out =
          testrun::run(v, testrun::params(v, {}, 0, ';', causal), {"random", 96, 96, 16, 16, 0});
      QVERIFY2(out.ok(), out.message().c_str());
      const VariantResult& r = *out.result;
      QVERIFY2(r.sparse() && r.heads() > 0, id);
      std::uint64_t pairs = 0;
      for (Index a = 0; a < r.heads(); ++a) {
        const SparseWeights& w = r.sparseHead(std::size_t(a));
        QCOMPARE(w.rows(), Index(96));
        QCOMPARE(w.cols(), Index(96));
        QCOMPARE(w.values.size(), w.pattern->cols.size());
        pairs += r.pairs(a);
        for (Index i = 0; i < w.rows(); ++i) {
          double sum = 0;
          for (Index k = w.pattern->rowStart[std::size_t(i)];
               k < w.pattern->rowStart[std::size_t(i) + 1]; ++k)
            sum += w.values[std::size_t(k)];
          if (w.pattern->rowSize(i) > 0) QVERIFY2(std::abs(sum - 1.0) < 1e-5, id);
        }
      }
      QCOMPARE(pairs, r.scoreEvaluations);
      QCOMPARE(r.hasComponents(), kWithComponents.contains(id));
    }
  }
}

void TestSparseStorage::localWindowAtLongLengthFitsInLittleMemory() {
  // N = 65,536: a dense N x N result would need 21 GB; the window's pairs need a few MB, so the
  // engine's memory check (the cost model's resident bytes) lets it run under 64 MB.
  EngineRequest req;
  req.spec.n = req.spec.m = 65536;
  req.spec.d = req.spec.dv = 16;
  req.memoryLimit = 64.0 * (1 << 20);
  const Variant& v = requireVariant("local_window");
  req.jobs.push_back({&v, defaultParams(v.params())});
  const JobOutcome out = Engine().run(req).front();
  QVERIFY2(out.ok(), out.message().c_str());
  const Index w = Index(defaultParams(v.params()).integer("window"));
  QCOMPARE(out.result->scoreEvaluations, std::uint64_t(65536 * (2 * w + 1) - w * (w + 1)));
  QCOMPARE(out.result->pairs(0), out.result->scoreEvaluations);
  QVERIFY(out.result->cost.resident < 64.0 * (1 << 20));
  // Spot checks against the definition: a pair inside the window has a weight, one outside not.
  QVERIFY(out.result->computed(0, 40000, 40000 + w) &&
          !out.result->computed(0, 40000, 40000 + w + 1));
  QCOMPARE(out.result->weight(0, 40000, 40000 + w + 1), 0.0f);
}

QTEST_APPLESS_MAIN(TestSparseStorage)
#include "test_sparse_storage.moc"
