// The PyTorch device server (scripts/atlas_device_torch.py) against this engine: it runs as a
// child process, RemoteDevice connects to it, and every variant its GetInfo lists must give what
// CpuDevice gives on the same EngineRequest (random, clustered and sentence inputs, several
// sizes, N != M, causal on and off, each variant's other parameters): the same weights and
// output up to float rounding, the same masks, components and records; pooled weights too. A
// wrong or missing token, an N over --max-n and malformed requests are refused with their
// sentence. Skipped when /usr/bin/python3 lacks torch or grpc.
#include "remote_compare.h"
#include "remote_torch_cases.h"
#include "torch_server.h"

#include "atlas_device.grpc.pb.h"
#include "core/device/device.h"
#include "core/remote/remote_device.h"
#include "core/variant_registry.h"
#include "engine_run.h"

#include <grpcpp/grpcpp.h>

#include <QTest>

#include <memory>
#include <set>

using namespace atlas::core;
namespace pb = atlas::device::v1;

using namespace torchcases;

class TestRemoteTorch : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void cleanupTestCase();
  void info();
  void sameAsEngine_data();
  void sameAsEngine();
  void pooled_data();
  void pooled();
  void sameRefusals_data();
  void sameRefusals();
  void outputOnly();
  void groupedQueryOnGeneratedInputs();
  void benchmark();
  void tooLargeRefused();
  void malformedRequestsRefused();
  void tokenChecked();
  void tlsServes();

 private:
  JobOutcome remoteRun(const EngineRequest& r) { return m_remote->run(r).front(); }

  torchserver::Server m_server;
  std::unique_ptr<atlas::remote::RemoteDevice> m_remote;
  DeviceInfo m_info;
  CpuDevice m_local;
};

void TestRemoteTorch::initTestCase() {
  const QString missing = torchserver::missing();
  if (!missing.isEmpty()) QSKIP(qPrintable("The PyTorch server cannot run here: " + missing));
  // Panels of a few rows: every panel boundary of the server is crossed.
  const QString failed = m_server.start({"--max-n", "512", "--panel-scores", "300"});
  QVERIFY2(failed.isEmpty(), qPrintable(failed));
  m_remote = std::make_unique<atlas::remote::RemoteDevice>(clientOptions(m_server.address()));
  m_info = m_remote->info();
}

void TestRemoteTorch::cleanupTestCase() {
  m_remote.reset();
  m_server.stop();
  QVERIFY(!m_server.running());
}

void TestRemoteTorch::info() {
  QCOMPARE(m_info.backend, std::string("torch-cpu"));
  QVERIFY(!m_info.generatesInputs);
  QCOMPARE(m_info.maxN, Index(512));
  QCOMPARE(m_info.units.size(), std::size_t(1));
  QVERIFY(!m_info.units.front().name.empty());
  // Every listed variant is one of the engine's; the dense ones without random parameters are
  // all there.
  for (const auto& [id, how] : m_info.variants) {
    QVERIFY2(findVariant(id), id.c_str());
    QVERIFY(how != Execution::Host);
  }
  for (const char* id : {"scaled_dot", "local_window", "flash", "multi_head", "distance"})
    QVERIFY2(m_info.variants.count(id), id);
  QVERIFY(!m_info.variants.count("additive"));  // its W_q, W_k, w_v come from the seed
}

void TestRemoteTorch::sameAsEngine_data() {
  QTest::addColumn<QString>("variant");
  QTest::addColumn<QString>("params");
  QTest::addColumn<QString>("source");
  QTest::addColumn<int>("n");
  QTest::addColumn<int>("m");
  const auto row = [](const std::string& id, const QString& params, const QString& source, int n,
                      int m) {
    QTest::newRow(qPrintable(QString("%1 [%2] %3 %4x%5")
                                 .arg(QString::fromStdString(id), params, source.left(9))
                                 .arg(n)
                                 .arg(m)))
        << QString::fromStdString(id) << params << source << n << m;
  };
  for (const auto& [id, how] : m_info.variants) {
    const Variant* v = findVariant(id);
    if (!v) continue;
    QStringList causal = {""};
    if (findRole(v->params(), ParamRole::Causal)) causal << "causal=1";
    for (const QString& c : causal) {
      row(id, c, "random", 37, 0);
      row(id, c, "clustered", 64, 0);
      row(id, c, "random", 24, 40);  // fewer queries than keys
      row(id, c, "random", 40, 24);  // more queries than keys
      row(id, c, QString("sentence:") + kSentence, 0, 0);
    }
    if (kExtraParams.count(id))
      for (const QString& p : kExtraParams.at(id)) {
        row(id, p, "random", 37, 0);
        row(id, p, "clustered", 48, 0);
      }
  }
}

void TestRemoteTorch::sameAsEngine() {
  QFETCH(QString, variant);
  QFETCH(QString, params);
  QFETCH(QString, source);
  QFETCH(int, n);
  QFETCH(int, m);
  const Variant& v = requireVariant(variant.toStdString());
  const EngineRequest r = request(v, testrun::params(v, params, 3), source, n, m);
  const JobOutcome local = m_local.run(r).front();
  const JobOutcome remote = remoteRun(r);
  const QString difference = remotecompare::compare(local, remote);
  QVERIFY2(difference.isEmpty(), qPrintable(difference));
  if (!local.ok()) qInfo("Both refuse it: %s", local.message().c_str());
}

void TestRemoteTorch::pooled_data() {
  QTest::addColumn<QString>("variant");
  QTest::addColumn<QString>("params");
  QTest::addColumn<int>("n");
  QTest::addColumn<int>("m");
  QTest::addColumn<bool>("mean");
  // The engine pools the dense softmax variants only; the others (and scaled_dot with a
  // padding mask) stay whole however small the budget.
  for (const char* id :
       {"scaled_dot", "multi_head", "grouped_query", "flash", "local_window", "linear"}) {
    if (!m_info.variants.count(id)) continue;
    for (const QString p : {"", "causal=1", "valid_keys=30"}) {
      if (p.startsWith("valid") && QString(id) != "scaled_dot") continue;
      for (const bool mean : {false, true}) {
        const QString name = QString("%1 [%2] %3").arg(id, p, mean ? "mean" : "max");
        QTest::newRow(qPrintable(name + " 50x50")) << id << p << 50 << 0 << mean;
        QTest::newRow(qPrintable(name + " 40x64")) << id << p << 40 << 64 << mean;
      }
    }
  }
}

void TestRemoteTorch::pooled() {
  QFETCH(QString, variant);
  QFETCH(QString, params);
  QFETCH(int, n);
  QFETCH(int, m);
  QFETCH(bool, mean);
  const Variant& v = requireVariant(variant.toStdString());
  EngineRequest r = request(v, testrun::params(v, params, 3), "clustered", n, m);
  r.displayBudget = 1000;  // far below the weights: pooled on both sides
  r.pool.rows = 7;
  r.pool.cols = 9;
  r.pool.mode = mean ? PoolSpec::Mode::Mean : PoolSpec::Mode::Max;
  const JobOutcome local = m_local.run(r).front();
  const JobOutcome remote = remoteRun(r);
  QVERIFY(local.ok());
  QCOMPARE(local.result->pooled(), v.canPool(r.jobs.front().params));
  if (local.result->pooled()) QCOMPARE(local.result->weightRows(), Index(7));
  // The engine counts pooled score evaluations by whole tiles of keys: not compared.
  const QString difference = remotecompare::compare(local, remote, false);
  QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void TestRemoteTorch::sameRefusals_data() {
  QTest::addColumn<QString>("variant");
  QTest::addColumn<QString>("params");
  QTest::addColumn<int>("n");
  QTest::addColumn<int>("m");
  QTest::newRow("unknown head pattern") << "mixed_heads"
                                        << "patterns=local,diagonal" << 16 << 0;
  QTest::newRow("heads do not divide d") << "multi_head"
                                         << "heads=3" << 16 << 0;
  QTest::newRow("mixed heads do not divide d") << "mixed_heads"
                                               << "heads=5" << 16 << 0;
  QTest::newRow("AFT row without keys") << "aft"
                                        << "span=2" << 40 << 24;
}

void TestRemoteTorch::sameRefusals() {
  QFETCH(QString, variant);
  QFETCH(QString, params);
  QFETCH(int, n);
  QFETCH(int, m);
  if (!m_info.variants.count(variant.toStdString())) QSKIP("Not served.");
  const Variant& v = requireVariant(variant.toStdString());
  const EngineRequest r = request(v, testrun::params(v, params, 3), "random", n, m);
  const JobOutcome local = m_local.run(r).front();
  QVERIFY(!local.ok());
  const QString difference = remotecompare::compare(local, remoteRun(r));
  QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void TestRemoteTorch::outputOnly() {
  // The output as a model runs it: the same output; the server forms and sends no weights.
  for (const auto& [id, how] : m_info.variants) {
    const Variant& v = requireVariant(id);
    EngineRequest r = request(v, testrun::params(v, "", 3), "random", 33, 0);
    r.outputOnly = true;
    const JobOutcome local = m_local.run(r).front();
    const JobOutcome remote = remoteRun(r);
    QVERIFY2(local.ok() && remote.ok(), id.c_str());
    const QString d = remotecompare::compareMatrix(
        "output", local.result->output, remote.result->output, remotecompare::kTolerance);
    QVERIFY2(d.isEmpty(), qPrintable(QString::fromStdString(id) + ": " + d));
    QCOMPARE(remote.result->heads(), Index(0));
    QVERIFY2(!remote.result->trace.tiles, id.c_str());
  }
}

void TestRemoteTorch::groupedQueryOnGeneratedInputs() {
  if (!m_info.variants.count("grouped_query")) QSKIP("The server does not list grouped_query.");
  const Variant& v = requireVariant("grouped_query");
  EngineRequest r;
  r.spec.n = 20;
  r.spec.seed = 4;
  r.jobs.push_back({&v, defaultParams(v.params())});
  const JobOutcome local = m_local.run(r).front();
  const JobOutcome remote = remoteRun(r);
  QVERIFY(local.ok());
  // The client sends such a server Q, K and V made at the variant's own shapes
  // (Variant::inputDims), one call per shape, as the engine makes them.
  QVERIFY2(remote.ok(), remote.message().c_str());
  const QString difference = remotecompare::compare(local, remote);
  QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void TestRemoteTorch::benchmark() {
  BenchSpec spec;
  spec.variants = {"scaled_dot", "flash", "additive"};
  spec.ns = {32, 64};
  spec.d = 16;
  spec.repeats = 2;
  spec.withWeights = true;
  const std::vector<BenchPoint> points = m_remote->bench(spec);
  QCOMPARE(points.size(), std::size_t(6));
  for (const BenchPoint& p : points) {
    QCOMPARE(p.error.empty(), p.variant != "additive");
    if (!p.error.empty()) continue;
    QVERIFY(p.median > 0 && p.min <= p.median && p.median <= p.max);
    QVERIFY(p.withWeightsMedian > 0);
    QCOMPARE(p.d, Index(16));
  }
  QCOMPARE(points[0].n, Index(32));
  QCOMPARE(points[5].n, Index(64));
}

void TestRemoteTorch::tooLargeRefused() {
  const Variant& v = requireVariant("scaled_dot");
  EngineRequest r = request(v, defaultParams(v.params()), "random", 600, 0);
  try {
    m_remote->run(r);
    QFAIL("N = 600 was computed by a server started with --max-n 512");
  } catch (const Error& e) {
    QCOMPARE(e.kind(), Error::Kind::TooLarge);
    QVERIFY2(std::string(e.what()).find("N = 600 is more than this server takes (--max-n 512).") !=
                 std::string::npos,
             e.what());
  }
}

void TestRemoteTorch::malformedRequestsRefused() {
  // Straight through the generated stub: requests the client would never send.
  auto stub = pb::AtlasDevice::NewStub(
      grpc::CreateChannel(m_server.address(), grpc::InsecureChannelCredentials()));
  const auto refusal = [&](const pb::ComputeRequest& req) {
    grpc::ClientContext ctx;
    auto reader = stub->Compute(&ctx, req);
    pb::ComputeChunk chunk;
    while (reader->Read(&chunk)) {
    }
    return reader->Finish();
  };
  const auto matrix = [](pb::Tensor* t, std::int64_t rows, std::int64_t cols, std::size_t bytes) {
    t->set_dtype(pb::Tensor::F32);
    t->clear_shape();
    t->add_shape(rows);
    t->add_shape(cols);
    t->set_data(std::string(bytes, '\0'));
  };
  pb::ComputeRequest good;
  matrix(good.mutable_tensors()->mutable_q(), 4, 2, 32);
  matrix(good.mutable_tensors()->mutable_k(), 4, 2, 32);
  matrix(good.mutable_tensors()->mutable_v(), 4, 2, 32);
  good.add_jobs()->set_variant("scaled_dot");
  QVERIFY(refusal(good).ok());

  struct Case {
    const char* what;
    std::function<void(pb::ComputeRequest&)> spoil;
    std::string sentence;
  };
  const std::vector<Case> cases = {
      {"bytes", [&](auto& r) { matrix(r.mutable_tensors()->mutable_k(), 4, 2, 31); },
       "The tensor 'k' holds 31 bytes, but its shape needs 32."},
      {"negative", [&](auto& r) { matrix(r.mutable_tensors()->mutable_v(), 4, -2, 0); },
       "The tensor 'v' has a negative size (-2)."},
      {"variant", [](auto& r) { r.mutable_jobs(0)->set_variant("no_such"); },
       "Unknown variant 'no_such'"},
      {"parameter",
       [](auto& r) {
         (*r.mutable_jobs(0)->mutable_params()->mutable_numbers())["valid_keys"] = -1;
       },
       "Parameter 'valid_keys' of 'scaled_dot' must be between 0 and 16777216, not -1."},
      {"no jobs", [](auto& r) { r.clear_jobs(); }, "The request asks for no variant."},
  };
  for (const Case& c : cases) {
    pb::ComputeRequest bad = good;
    c.spoil(bad);
    const grpc::Status s = refusal(bad);
    QVERIFY2(s.error_code() == grpc::StatusCode::INVALID_ARGUMENT, c.what);
    QVERIFY2(s.error_message().find(c.sentence) != std::string::npos, s.error_message().c_str());
  }
}

void TestRemoteTorch::tokenChecked() {
  torchserver::Server guarded;
  const QString tokenFile = guarded.writeFile("token", "s3cret-token\n");
  const QString failed = guarded.start({"--token-file", tokenFile});
  QVERIFY2(failed.isEmpty(), qPrintable(failed));
  const auto refused = [&](const std::string& token) {
    atlas::remote::RemoteDevice device(clientOptions(guarded.address(), token));
    try {
      device.info();
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  const std::string wrong = refused("guess"), none = refused("");
  QVERIFY2(wrong.find("refused the token: The token was refused.") != std::string::npos,
           wrong.c_str());
  QVERIFY2(none.find("refused the token: This server asks for a token; none was given.") !=
               std::string::npos,
           none.c_str());
  QCOMPARE(refused("s3cret-token"), std::string());
  // The right token computes.
  atlas::remote::RemoteDevice device(clientOptions(guarded.address(), "s3cret-token"));
  const Variant& v = requireVariant("local_window");
  const EngineRequest r = request(v, defaultParams(v.params()), "random", 12, 0);
  const QString d = remotecompare::compare(m_local.run(r).front(), device.run(r).front());
  QVERIFY2(d.isEmpty(), qPrintable(d));
  guarded.stop();
  QVERIFY(!guarded.running());
  QVERIFY2(guarded.log().contains("refused: The token was refused."), qPrintable(guarded.log()));
}

void TestRemoteTorch::tlsServes() {
  const QString openssl = QStandardPaths::findExecutable("openssl");
  if (openssl.isEmpty()) QSKIP("openssl is not installed: no certificate for the TLS test.");
  torchserver::Server secure;
  const QString cert = secure.writeFile("cert.pem", ""), key = secure.writeFile("key.pem", "");
  QProcess make;
  make.start(openssl, {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                       "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                       "-keyout", key, "-out", cert});
  QVERIFY(make.waitForFinished(60000) && make.exitCode() == 0);
  const QString failed = secure.start({"--tls-cert", cert, "--tls-key", key});
  QVERIFY2(failed.isEmpty(), qPrintable(failed));
  QFile pem(cert);
  QVERIFY(pem.open(QIODevice::ReadOnly));
  atlas::remote::RemoteOptions o = clientOptions(secure.address());
  o.tlsCaPem = pem.readAll().toStdString();
  atlas::remote::RemoteDevice device(o);
  const Variant& v = requireVariant("scaled_dot");
  const EngineRequest r = request(v, testrun::params(v, "causal=1", 3), "random", 20, 0);
  const QString d = remotecompare::compare(m_local.run(r).front(), device.run(r).front());
  QVERIFY2(d.isEmpty(), qPrintable(d));
  // Without TLS the client cannot talk to it.
  atlas::remote::RemoteOptions plain = clientOptions(secure.address());
  plain.infoSeconds = 2;
  QVERIFY_THROWS_EXCEPTION(Error, atlas::remote::RemoteDevice(plain).info());
  QVERIFY2(secure.log().contains(", TLS"), qPrintable(secure.log()));
}

QTEST_GUILESS_MAIN(TestRemoteTorch)
#include "test_remote_torch.moc"
