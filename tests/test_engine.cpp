// The engine: concurrent runs equal one-by-one runs, the latest request cancels older ones,
// sizes beyond the memory limit are refused from the cost model, and the input generators
// have the structure they promise.
#include "core/engine.h"
#include "core/variant_registry.h"

#include <QTest>

#include <condition_variable>
#include <future>
#include <mutex>

using namespace atlas::core;

namespace {

EngineJob job(const char* id, std::initializer_list<std::pair<const char*, const char*>> set = {}) {
  const Variant& v = requireVariant(id);
  ParamSet p = defaultParams(v.params());
  for (auto [k, val] : set) setParam(p, v.params(), id, k, val);
  return {&v, p};
}

EngineRequest request(Index n, std::vector<EngineJob> jobs, const char* source = "random") {
  EngineRequest r;
  r.spec = parseInputSource(source);
  r.spec.n = n;
  r.spec.d = 16;
  r.jobs = std::move(jobs);
  return r;
}

/// Collects the callbacks of one submitted request.
struct Waiter {
  std::mutex mutex;
  std::condition_variable cv;
  bool done = false, cancelled = false;
  std::vector<JobOutcome> results;

  Engine::ResultFn onResult() {
    return [this](std::uint64_t, std::size_t, JobOutcome o) {
      std::lock_guard lock(mutex);
      results.push_back(std::move(o));
    };
  }
  Engine::DoneFn onDone() {
    return [this](std::uint64_t, bool c) {
      std::lock_guard lock(mutex);
      done = true;
      cancelled = c;
      cv.notify_all();
    };
  }
  bool wait(int seconds = 120) {
    std::unique_lock lock(mutex);
    return cv.wait_for(lock, std::chrono::seconds(seconds), [this] { return done; });
  }
};

/// A request that runs for seconds and says when it has started: scaled_dot at N = 32768 pooled
/// into display cells (a budget of one byte), which reports progress per finished panel.
EngineRequest heavyRequest() {
  EngineRequest r = request(32768, {job("scaled_dot")});
  r.displayBudget = 1;
  return r;
}

/// Set by the first progress report of the request it is given to.
struct Started {
  std::mutex mutex;
  std::condition_variable cv;
  bool started = false;
  Engine::JobProgressFn onProgress() {
    return [this](std::uint64_t, std::size_t, double) {
      std::lock_guard lock(mutex);
      started = true;
      cv.notify_all();
    };
  }
  bool wait(int seconds = 60) {
    std::unique_lock lock(mutex);
    return cv.wait_for(lock, std::chrono::seconds(seconds), [this] { return started; });
  }
};

}  // namespace

class TestEngine : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void concurrentRunEqualsOneByOne() {
    std::vector<EngineJob> jobs;
    for (const Variant* v : allVariants()) jobs.push_back({v, defaultParams(v->params())});
    jobs.push_back(job("scaled_dot", {{"causal", "true"}}));
    Engine engine;
    const auto together = engine.run(request(67, jobs));
    QCOMPARE(together.size(), jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      const auto alone = engine.run(request(67, {jobs[i]})).front();
      QVERIFY2(together[i].ok() && alone.ok(), (together[i].message() + alone.message()).c_str());
      QCOMPARE(together[i].result->variant, jobs[i].variant->id());
      QCOMPARE(together[i].result->heads(), alone.result->heads());
      for (Index a = 0; a < alone.result->heads(); ++a)
        for (Index r = 0; r < alone.result->weightRows(); ++r)
          for (Index c = 0; c < alone.result->weightCols(); ++c)
            QCOMPARE(together[i].result->weight(a, r, c), alone.result->weight(a, r, c));
      QCOMPARE(together[i].result->output, alone.result->output);
      QVERIFY(together[i].result->seconds > 0);
      QVERIFY(together[i].result->cost.flops() > 0);
    }
  }

  void aNewerRequestCancelsTheRunningOne() {
    Engine engine;
    Waiter heavy, light;
    Started started;
    const auto g1 =
        engine.submit(heavyRequest(), heavy.onResult(), heavy.onDone(), started.onProgress());
    QVERIFY(started.wait());  // running now, not merely queued
    const auto g2 = engine.submit(request(32, {job("scaled_dot"), job("multi_head")}),
                                  light.onResult(), light.onDone());
    QVERIFY(g2 > g1);
    QCOMPARE(engine.latestGeneration(), g2);
    QVERIFY(heavy.wait());
    QVERIFY(heavy.cancelled);
    QVERIFY(light.wait());
    QVERIFY(!light.cancelled);
    QCOMPARE(light.results.size(), std::size_t(2));
    for (const auto& o : light.results) QVERIFY2(o.ok(), o.message().c_str());
  }

  void queuedRequestIsReplacedNotRun() {
    Engine engine;
    Waiter first, second, third;
    engine.submit(request(3000, {job("additive", {{"hidden", "64"}})}), first.onResult(),
                  first.onDone());
    engine.submit(request(3000, {job("additive", {{"hidden", "64"}})}), second.onResult(),
                  second.onDone());
    engine.submit(request(16, {job("scaled_dot")}), third.onResult(), third.onDone());
    QVERIFY(first.wait() && second.wait() && third.wait());
    QVERIFY(first.cancelled);
    QVERIFY(second.cancelled);
    QVERIFY(!third.cancelled);
    QCOMPARE(third.results.size(), std::size_t(1));
  }

  void destroyingWhileRunningDoesNotHang() {
    // The engine is destroyed while a request that would run for seconds is running: the
    // destructor cancels it and joins the worker within a deadline (a hang fails the test
    // instead of blocking the suite), and the request is reported cancelled.
    Waiter w;
    Started started;
    auto engine = std::make_unique<Engine>();
    engine->submit(heavyRequest(), w.onResult(), w.onDone(), started.onProgress());
    QVERIFY(started.wait());
    auto destroyed = std::async(std::launch::async, [&engine] { engine.reset(); });
    QVERIFY2(destroyed.wait_for(std::chrono::seconds(10)) == std::future_status::ready,
             "destroying a running engine did not return within 10 s");
    QVERIFY(w.wait(1));
    QVERIFY(w.cancelled);
    QVERIFY(w.results.empty());
  }

  void cancelledTokenThrows() {
    Engine engine;
    CancelToken token;
    token.cancel();
    QVERIFY_THROWS_EXCEPTION(Cancelled, engine.run(request(64, {job("scaled_dot")}), token));
  }

  void sizesBeyondTheLimitAreRefused_data() {
    QTest::addColumn<QString>("variant");
    QTest::addColumn<int>("n");
    QTest::addColumn<double>("limit");
    QTest::newRow("scaled_dot N=1e6 default limit") << "scaled_dot" << 1000000 << 0.0;
    QTest::newRow("multi_head N=300000 default limit") << "multi_head" << 300000 << 0.0;
    QTest::newRow("additive N=2048 1 MiB") << "additive" << 2048 << 1048576.0;
  }
  void sizesBeyondTheLimitAreRefused() {
    QFETCH(QString, variant);
    QFETCH(int, n);
    QFETCH(double, limit);
    EngineRequest r = request(n, {job(qPrintable(variant))});
    r.memoryLimit = limit > 0 ? limit : 12.0 * (1 << 30);
    Engine engine;
    const JobOutcome out = engine.run(r).front();
    QVERIFY(!out.ok());
    QCOMPARE(out.error->kind(), Error::Kind::TooLarge);
    QVERIFY2(out.message().find("memory limit") != std::string::npos, out.message().c_str());
    // The estimate is the cost model's: at least the N x M weights it would have to hold.
    const double need = estimateJobBytes(*r.jobs[0].variant, baseDims(r.spec), r.jobs[0].params);
    QVERIFY(need >= 4.0 * double(n) * double(n));
  }

  void generatorsAreSeeded_data() {
    QTest::addColumn<QString>("source");
    for (const char* s : {"random", "positional", "clustered", "sentence:the cat sat on the mat"})
      QTest::newRow(s) << s;
  }
  void generatorsAreSeeded() {
    QFETCH(QString, source);
    InputSpec spec = parseInputSource(source.toStdString());
    spec.n = 12;
    spec.d = 8;
    const InputDims dims = baseDims(spec);
    const Inputs a = generateInputs(spec, dims), b = generateInputs(spec, dims);
    QCOMPARE(a.q, b.q);
    QCOMPARE(a.v, b.v);
    spec.seed = 1;
    const Inputs c = generateInputs(spec, dims);
    QVERIFY(a.k != c.k);
    QCOMPARE(a.dims(), dims);
    QVERIFY(a.q.allFinite() && a.k.allFinite() && a.v.allFinite());
  }

  void positionalScoresDependOnDistanceOnly() {
    InputSpec spec = parseInputSource("positional");
    spec.n = 40;
    spec.d = 16;
    const Inputs in = generateInputs(spec, baseDims(spec));
    const Eigen::MatrixXd s = in.q.cast<double>() * in.k.cast<double>().transpose();
    for (Index i = 0; i + 1 < 40; ++i)
      for (Index j = 0; j + 1 < 40; ++j)
        QVERIFY2(std::abs(s(i, j) - s(i + 1, j + 1)) < 1e-3 * s.cwiseAbs().maxCoeff(),
                 qPrintable(QString("S(%1,%2) != S(%3,%4)").arg(i).arg(j).arg(i + 1).arg(j + 1)));
    // and nearer keys score higher than far ones
    QVERIFY(s(20, 20) > s(20, 21) && s(20, 21) > s(20, 35));
  }

  void clusteredAttentionFormsBlocks() {
    EngineRequest r = request(48, {job("scaled_dot")}, "clustered");
    Engine engine;
    const JobOutcome out = engine.run(r).front();
    QVERIFY(out.ok());
    const Matrix& p = out.result->weights(0);
    double inside = 0, outside = 0;
    for (Index i = 0; i < 48; ++i)
      for (Index j = 0; j < 48; ++j) (i * 4 / 48 == j * 4 / 48 ? inside : outside) += p(i, j);
    QVERIFY2(inside > 0.9 * 48, qPrintable(QString("weight inside blocks %1 of 48").arg(inside)));
  }

  void sentenceTokens() {
    QCOMPARE(tokenize("我爱 attention 机制!"),
             (std::vector<std::string>{"我", "爱", "attention", "机", "制", "!"}));
    QCOMPARE(tokenize("  Hello, world's end.  "),
             (std::vector<std::string>{"Hello", ",", "world's", "end", "."}));
    QCOMPARE(tokenize("注意力，机制。"),
             (std::vector<std::string>{"注", "意", "力", "，", "机", "制", "。"}));
    InputSpec spec = parseInputSource("sentence:the cat sat on the mat");
    spec.n = 99;  // ignored: one query per token
    const Inputs in = generateInputs(spec, baseDims(spec));
    QCOMPARE(in.q.rows(), Index(6));
    QCOMPARE(in.queryTokens.size(), std::size_t(6));
    spec.m = 4;
    QVERIFY_THROWS_EXCEPTION(Error, baseDims(spec));
    QVERIFY_THROWS_EXCEPTION(Error, baseDims(parseInputSource("sentence:   ")));
    QVERIFY_THROWS_EXCEPTION(Error, parseInputSource("poem"));
  }

  void sentenceQueriesAndKeysHaveTheirOwnProjections() {
    // Q and K come from the same token vectors through different projections: Q != K, the
    // score matrix Q K^T is not symmetric, and yet a repeated word still finds its twin: the
    // two "the" queries score the two "the" keys above the average of their row.
    InputSpec spec = parseInputSource("sentence:the cat sat on the mat");
    spec.d = 16;
    const Inputs in = generateInputs(spec, baseDims(spec));
    const Eigen::MatrixXd q = in.q.cast<double>(), k = in.k.cast<double>();
    QVERIFY((q - k).norm() > 0.1 * q.norm());
    const Eigen::MatrixXd s = q * k.transpose();
    QVERIFY((s - s.transpose()).norm() > 0.1 * s.norm());
    for (Index i : {Index(0), Index(4)}) {
      const double mean = s.row(i).mean();
      QVERIFY2(s(i, 0) > mean && s(i, 4) > mean, qPrintable(QString("row %1").arg(i)));
    }
  }

  void crossAttentionSentences() {
    // A query sentence against a key sentence: one query per token of the first, one key (and
    // value) per token of the second.
    InputSpec cross = parseInputSource("sentence:the cat sat");
    cross.keyText = "a cat on a mat";
    cross.d = 8;
    const InputDims dims = baseDims(cross);
    QCOMPARE(dims.n, Index(3));
    QCOMPARE(dims.m, Index(5));
    const Inputs in = generateInputs(cross, dims);
    QCOMPARE(in.q.rows(), Index(3));
    QCOMPARE(in.k.rows(), Index(5));
    QCOMPARE(in.v.rows(), Index(5));
    QCOMPARE(in.keyTokens, (std::vector<std::string>{"a", "cat", "on", "a", "mat"}));
    // The keys are the key sentence's own: generated alone as self-attention, the key sentence
    // gives the same K and V (same tokens, same positions, same seed).
    InputSpec alone = parseInputSource("sentence:a cat on a mat");
    alone.d = 8;
    const Inputs self = generateInputs(alone, baseDims(alone));
    QCOMPARE(in.k, self.k);
    QCOMPARE(in.v, self.v);
    // Naming the same sentence twice is self-attention, exactly.
    InputSpec twice = parseInputSource("sentence:the cat sat");
    twice.d = 8;
    const Inputs plain = generateInputs(twice, baseDims(twice));
    twice.keyText = "the cat sat";
    const Inputs named = generateInputs(twice, baseDims(twice));
    QCOMPARE(named.q, plain.q);
    QCOMPARE(named.k, plain.k);
    // M is the key sentence's; another M or an empty key sentence is refused.
    cross.m = 3;
    QVERIFY_THROWS_EXCEPTION(Error, baseDims(cross));
    cross.m = 0;
    cross.keyText = "   ";
    QVERIFY_THROWS_EXCEPTION(Error, baseDims(cross));
  }

  void labelsMustCountTheRows() {
    Inputs in;
    in.q = Matrix::Zero(3, 2);
    in.k = in.v = Matrix::Zero(2, 2);
    in.queryTokens = {"a", "b", "c"};
    in.keyTokens = {"x", "y"};
    validateInputs(in);  // one per row: fine
    in.keyTokens = {"x", "y", "z"};
    QVERIFY_THROWS_EXCEPTION(Error, validateInputs(in));
    in.keyTokens.clear();
    in.queryTokens = {"a"};
    QVERIFY_THROWS_EXCEPTION(Error, validateInputs(in));
  }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "test_engine.moc"
