// The output path (Variant::computeOutput, EngineRequest::outputOnly): for every variant, on every
// instruction set this machine runs, the same output as the full computation, bit for bit; the
// variants that form matrices for display only (the implied weights of linear attention,
// Performer, Linformer, compressed attention and AFT, flash's weights and tile records) hold
// none of them, the others the same weights as before; and the memory check counts only what
// the output path holds.
#include "engine_run.h"

#include "core/simd/isa.h"
#include "core/variant_registry.h"

#include <QTest>

#include <optional>
#include <set>

using namespace atlas::core;

namespace {

/// Variants whose weights are formed for display only: their output path holds no weights.
const std::set<std::string> kDisplayOnlyWeights = {"linear",     "performer", "linformer",
                                                   "compressed", "aft",       "flash"};

/// The largest |a - b| over two matrices of one shape (inf when the shapes differ).
double maxDifference(const Matrix& a, const Matrix& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return std::numeric_limits<double>::infinity();
  return a.size() == 0 ? 0.0 : double((a - b).cwiseAbs().maxCoeff());
}

JobOutcome runJob(const Variant& v, const ParamSet& p, Index n, Index m, bool outputOnly) {
  EngineRequest req;
  req.spec.n = n;
  req.spec.m = m;
  req.spec.d = 16;
  req.spec.seed = 5;
  req.jobs.push_back({&v, p});
  req.outputOnly = outputOnly;
  return Engine().run(req).front();
}

}  // namespace

class TestOutputOnly : public QObject {
  Q_OBJECT

 private slots:
  void sameOutputWithoutDisplayMatrices_data();
  void sameOutputWithoutDisplayMatrices();
  void displayBytesArePartOfTheResult();
  void outputPathNeedsNoWeightMemory();
};

void TestOutputOnly::sameOutputWithoutDisplayMatrices_data() {
  QTest::addColumn<QString>("isa");
  QTest::addColumn<QString>("variant");
  QTest::addColumn<QString>("params");
  QTest::addColumn<int>("n");
  QTest::addColumn<int>("m");
  for (simd::Isa isa : simd::supportedIsas()) {
    auto row = [&](const std::string& id, const QString& params, int n, int m) {
      QTest::newRow(qPrintable(QString("%1 %2 %3 N=%4 M=%5")
                                   .arg(simd::isaName(isa), QString::fromStdString(id), params)
                                   .arg(n)
                                   .arg(m)))
          << QString(simd::isaName(isa)) << QString::fromStdString(id) << params << n << m;
    };
    // Every variant at its defaults, and causal where it can be.
    for (const Variant* v : allVariants()) {
      row(v->id(), "", 48, 48);
      if (findRole(v->params(), ParamRole::Causal)) row(v->id(), "causal=1", 48, 48);
    }
    // The display-only variants on other shapes: more queries than keys and fewer, flash's tile
    // shapes (whole chunks of vectors, tiles not a multiple of 16, one-key tiles, a partial last
    // chunk), AFT's band, Linformer with its own F, compressed windows that do not divide M.
    row("linear", "", 40, 24);
    row("linear", "causal=1", 24, 40);
    row("performer", "features=24", 40, 24);
    row("performer", "features=24;causal=1", 130, 130);
    row("linear", "causal=1", 130, 130);
    for (const char* tiles :
         {"tile_q=16;tile_k=64", "tile_q=7;tile_k=48", "tile_q=32;tile_k=40", "tile_q=2;tile_k=1"})
      for (const char* causal : {"", ";causal=1"}) row("flash", QString(tiles) + causal, 37, 1100);
    row("aft", "span=3", 48, 48);
    row("aft", "span=3;causal=1", 40, 48);
    row("linformer", "rank=5;share_ef=0", 48, 33);
    row("compressed", "pool=5", 48, 33);
  }
}

void TestOutputOnly::sameOutputWithoutDisplayMatrices() {
  QFETCH(QString, isa);
  QFETCH(QString, variant);
  QFETCH(QString, params);
  QFETCH(int, n);
  QFETCH(int, m);
  std::optional<simd::ScopedIsa> forced;
  for (simd::Isa i : simd::supportedIsas())
    if (isa == simd::isaName(i)) forced.emplace(i);
  QVERIFY(forced);
  const Variant& v = requireVariant(variant.toStdString());
  const ParamSet p = testrun::params(v, params, 3);
  const JobOutcome full = runJob(v, p, n, m, false), fast = runJob(v, p, n, m, true);
  QVERIFY2(full.ok(), full.message().c_str());
  QVERIFY2(fast.ok(), fast.message().c_str());
  const VariantResult &a = *full.result, &b = *fast.result;

  // The same output, bit for bit: the output path is the full computation's own.
  QCOMPARE(b.output.rows(), a.output.rows());
  QCOMPARE(b.output.cols(), a.output.cols());
  QVERIFY2(
      b.output == a.output,
      qPrintable(QString("outputs differ by up to %1").arg(maxDifference(a.output, b.output))));
  QCOMPARE(b.params.matrices.size(), a.params.matrices.size());  // every matrix it used
  QCOMPARE(b.cost.flops(), a.cost.flops());

  if (kDisplayOnlyWeights.count(v.id())) {
    QVERIFY(a.heads() > 0);
    QCOMPARE(b.heads(), Index(0));  // no N x M weights, masks or component ids
    QCOMPARE(b.weightRows(), Index(0));
    QVERIFY(!b.trace.tiles);   // flash's per-tile records
    QVERIFY(!b.trace.orders);  // the two orders of linear attention and Performer
    // Linformer and compressed attention keep P' (N x k), which their output is made from.
    QCOMPARE(b.trace.reducedWeights.has_value(), a.trace.reducedWeights.has_value());
    if (a.trace.reducedWeights) QVERIFY(*b.trace.reducedWeights == *a.trace.reducedWeights);
    QVERIFY(b.scoreEvaluations <= a.scoreEvaluations);
    return;
  }
  // Nothing to skip: the weights are part of the algorithm, and they are all there.
  QCOMPARE(b.heads(), a.heads());
  QCOMPARE(b.sparse(), a.sparse());
  QCOMPARE(b.scoreEvaluations, a.scoreEvaluations);
  for (Index h = 0; h < a.heads(); ++h) {
    QCOMPARE(b.pairs(h), a.pairs(h));
    for (Index i = 0; i < a.weightRows(); ++i)
      for (Index j = 0; j < a.weightCols(); ++j) QCOMPARE(b.weight(h, i, j), a.weight(h, i, j));
  }
}

void TestOutputOnly::displayBytesArePartOfTheResult() {
  // What computeOutput leaves out is some of what compute holds: all but the output (and
  // Performer's W, Linformer's P' and projections) for the display-only variants, nothing for
  // the others.
  for (const Variant* v : allVariants()) {
    const ParamSet p = defaultParams(v->params());
    InputSpec spec;
    spec.n = 256;
    const InputDims dims = v->inputDims(baseDims(spec), p);
    const Cost c = v->cost(dims, p);
    const std::string id = v->id();
    QVERIFY2(c.displayResident >= 0 && c.displayResident < c.resident, id.c_str());
    QVERIFY2(c.resident - c.displayResident >= 4.0 * double(dims.n) * double(dims.dv) - 1e-9 ||
                 id == "paged",  // one decoding step: a single output row
             id.c_str());
    QVERIFY2((c.displayResident >= 5.0 * 256 * 256) == (kDisplayOnlyWeights.count(id) == 1),
             id.c_str());
  }
}

void TestOutputOnly::outputPathNeedsNoWeightMemory() {
  // Linear attention at N = 65,536: its implied weights alone would take 21 GB; the output path
  // needs its inputs, phi(Q), phi(K), the state and the output, a few tens of MB.
  const Variant& v = requireVariant("linear");
  const ParamSet p = defaultParams(v.params());
  const InputDims dims{65536, 65536, 16, 16, 16};
  const double full = estimateJobBytes(v, dims, p), output = estimateJobBytes(v, dims, p, true);
  QVERIFY(full > 5.0 * 65536.0 * 65536.0);
  QVERIFY2(output < 64.0 * (1 << 20), qPrintable(QString::number(output)));
  EngineRequest req;
  req.spec.n = 65536;
  req.spec.d = 16;
  req.jobs.push_back({&v, p});
  req.memoryLimit = 64.0 * (1 << 20);
  const JobOutcome refused = Engine().run(req).front();
  QVERIFY(!refused.ok());
  QCOMPARE(refused.error->kind(), Error::Kind::TooLarge);
  req.outputOnly = true;
  const JobOutcome ran = Engine().run(req).front();
  QVERIFY2(ran.ok(), ran.message().c_str());
  QCOMPARE(ran.result->output.rows(), Index(65536));
  QCOMPARE(ran.result->heads(), Index(0));
  QVERIFY(ran.result->output.allFinite());
}

QTEST_GUILESS_MAIN(TestOutputOnly)
#include "test_output_only.moc"
