// The remote path computes what this computer computes: every variant through a server on a
// loopback port equals the local engine (weights dense, pooled or sparse, masks, components,
// outputs, traces, parameters), for generated, sentence and loaded inputs, one job or many
// spread over several devices; and a stream that breaks off is never taken for a result.
#include "remote_fixture.h"

#include "core/remote/result_stream.h"
#include "core/variant_registry.h"

#include <QTest>

#include <atomic>

using namespace atlas;
using testremote::difference;
using testremote::LocalServer;

namespace {

core::EngineRequest request(const core::Variant& v, const std::string& source, core::Index n,
                            int causal = -1) {
  core::EngineRequest r;
  r.spec = core::parseInputSource(source);
  r.spec.n = n;
  r.spec.d = 16;
  r.spec.seed = 7;
  core::ParamSet p = core::defaultParams(v.params());
  p.seed = 7;
  const auto specs = v.params();
  if (causal >= 0 && core::findSpec(specs, "causal"))
    core::setParam(p, specs, v.id(), "causal", causal ? "1" : "0");
  r.jobs.push_back({&v, p});
  return r;
}

}  // namespace

class TestRemoteCompute : public QObject {
  Q_OBJECT
  std::unique_ptr<LocalServer> m_server;
  std::unique_ptr<remote::RemoteDevice> m_remote;
  core::CpuDevice m_local;

  void compare(const core::EngineRequest& r) {
    const auto local = m_local.run(r);
    const auto remote = m_remote->run(r);
    QCOMPARE(remote.size(), local.size());
    for (std::size_t i = 0; i < local.size(); ++i) {
      const QString d = difference(local[i], remote[i]);
      QVERIFY2(d.isEmpty(), qPrintable(QString::fromStdString(r.jobs[i].variant->id()) + ": " + d));
      if (remote[i].ok()) {
        QVERIFY(remote[i].result->computedOn.remote());
        QVERIFY(!local[i].result->computedOn.remote());
      }
    }
  }

 private slots:
  void initTestCase() {
    m_server = std::make_unique<LocalServer>();
    m_remote = std::make_unique<remote::RemoteDevice>(m_server->client());
  }

  void everyVariant_data() {
    QTest::addColumn<QString>("variant");
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("causal");
    for (const core::Variant* v : core::allVariants()) {
      const QString id = QString::fromStdString(v->id());
      QTest::newRow(qPrintable(id + " random")) << id << "random" << 40 << 0;
      QTest::newRow(qPrintable(id + " clustered causal")) << id << "clustered" << 33 << 1;
    }
  }
  void everyVariant() {
    QFETCH(QString, variant);
    QFETCH(QString, source);
    QFETCH(int, n);
    QFETCH(int, causal);
    compare(request(core::requireVariant(variant.toStdString()), source.toStdString(), n, causal));
  }

  // Weights over the display budget are pooled on the server: only the cells cross the network.
  void pooledWeights_data() {
    QTest::addColumn<QString>("variant");
    for (const core::Variant* v : core::allVariants())
      QTest::newRow(v->id().c_str()) << QString::fromStdString(v->id());
  }
  void pooledWeights() {
    QFETCH(QString, variant);
    core::EngineRequest r = request(core::requireVariant(variant.toStdString()), "random", 300);
    r.displayBudget = 1;
    r.pool.rows = 16;
    r.pool.cols = 24;
    compare(r);
    const auto remote = m_remote->run(r);
    if (remote.front().ok() && remote.front().result->pooled())
      QVERIFY(m_remote->lastReceivedBytes() < 300.0 * 300 * 4);
  }

  void sentenceAndLoadedInputs() {
    const core::Variant& v = core::requireVariant("multi_head");
    compare(request(v, "sentence:the cat sat on the mat because it was warm", 0));
    core::EngineRequest r = request(v, "random", 0);
    auto in = std::make_shared<core::Inputs>(
        core::generateInputs(core::parseInputSource("clustered"), {12, 12, 16, 16, 8}));
    for (int i = 0; i < 12; ++i) {
      std::string token = "t";
      token.append(std::to_string(i));
      in->queryTokens.push_back(token);
    }
    in->keyTokens = in->queryTokens;
    r.loaded = in;
    compare(r);
  }

  void outputOnly() {
    core::EngineRequest r = request(core::requireVariant("linear"), "random", 64);
    r.outputOnly = true;
    compare(r);
  }

  // A gallery's jobs are spread over the server's devices; each result arrives once.
  void galleryOverTwoDevices() {
    LocalServer two({}, 2);
    remote::RemoteDevice device(two.client());
    core::EngineRequest r = request(core::requireVariant("scaled_dot"), "random", 48);
    for (const char* id : {"local_window", "bigbird", "linformer", "flash", "lsh", "paged"}) {
      const core::Variant& v = core::requireVariant(id);
      core::ParamSet p = core::defaultParams(v.params());
      p.seed = 7;
      r.jobs.push_back({&v, p});
    }
    std::vector<std::atomic<int>> seen(r.jobs.size());
    const auto remote =
        device.run(r, {}, [&](std::uint64_t, std::size_t job, const auto&) { ++seen[job]; });
    const auto local = m_local.run(r);
    for (std::size_t i = 0; i < r.jobs.size(); ++i) {
      QCOMPARE(seen[i].load(), 1);
      const QString d = difference(local[i], remote[i]);
      QVERIFY2(d.isEmpty(), qPrintable(d));
    }
  }

  // The assembler accepts a job only when every piece it announced came, in order.
  void brokenStreamsAreRefused() {
    const core::EngineRequest r = request(core::requireVariant("scaled_dot"), "random", 64);
    const auto outcome = m_local.run(r).front();
    std::vector<remote::pb::ComputeChunk> chunks;
    remote::ResultWriter writer(
        [&](const remote::pb::ComputeChunk& c) {
          chunks.push_back(c);
          return true;
        },
        4096);
    QVERIFY(writer.write(0, outcome, {}, false));
    QVERIFY(chunks.size() > 4);
    const auto feed = [&](std::vector<remote::pb::ComputeChunk> cs) {
      remote::StreamAssembler a(r);
      for (const auto& c : cs) a.add(c);
      return a.finished();
    };
    std::vector<remote::pb::ComputeChunk> whole = chunks;
    remote::pb::ComputeChunk done;
    done.mutable_done();
    whole.push_back(done);
    QVERIFY(feed(whole));
    // A piece missing: the job's end finds an incomplete tensor.
    std::vector<remote::pb::ComputeChunk> gap = chunks;
    gap.erase(gap.begin() + 2);
    QVERIFY_THROWS_EXCEPTION(core::Error, feed(gap));
    // The stream's end before the job's.
    std::vector<remote::pb::ComputeChunk> early(chunks.begin(), chunks.end() - 1);
    early.push_back(done);
    QVERIFY_THROWS_EXCEPTION(core::Error, feed(early));
    // Bytes that disagree with the announced shape.
    std::vector<remote::pb::ComputeChunk> lying = chunks;
    lying[1].mutable_tensor()->set_total(lying[1].tensor().total() + 4);
    QVERIFY_THROWS_EXCEPTION(core::Error, feed(lying));
  }
};

QTEST_GUILESS_MAIN(TestRemoteCompute)
#include "test_remote_compute.moc"
