// The server's guards and limits, on loopback: a wrong or missing token is refused before any
// work; sizes over --max-n are refused before allocating; malformed requests get
// INVALID_ARGUMENT with a sentence; eight clients at once all get correct results; requests over
// --max-concurrent are refused as busy; a client that cancels frees the server's work; a
// shutdown lets a request in flight finish, or cancels it when there is no grace.
#include "remote_fixture.h"

#include "atlas_device.grpc.pb.h"
#include "core/remote/codec.h"
#include "core/variant_registry.h"

#include <grpcpp/grpcpp.h>

#include <QTest>

#include <future>
#include <thread>

using namespace atlas;
using testremote::difference;
using testremote::LocalServer;
namespace pb = remote::pb;

namespace {

core::EngineRequest request(const char* variant, core::Index n, int jobs = 1) {
  core::EngineRequest r;
  r.spec.n = n;
  r.spec.d = 32;
  r.spec.seed = 3;
  for (int j = 0; j < jobs; ++j) {
    const core::Variant& v = core::requireVariant(variant);
    core::ParamSet p = core::defaultParams(v.params());
    p.seed = std::uint64_t(j);
    r.jobs.push_back({&v, p});
  }
  return r;
}

/// The message of the Error `f` throws (empty when it throws none).
template <typename F>
QString errorOf(F&& f) {
  try {
    f();
  } catch (const core::Error& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

/// The status a raw Compute call gets, reading the whole stream.
grpc::Status rawCompute(const std::string& address, const pb::ComputeRequest& req) {
  auto stub =
      pb::AtlasDevice::NewStub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  auto reader = stub->Compute(&ctx, req);
  pb::ComputeChunk c;
  while (reader->Read(&c)) {
  }
  return reader->Finish();
}

}  // namespace

class TestRemoteServer : public QObject {
  Q_OBJECT

 private slots:
  void tokenIsRequired() {
    remote::ServerOptions o;
    o.token = "s3cret-token";
    LocalServer server(o);
    for (const std::string token : {"", "wrong", "s3cret-tokeN", "s3cret-token2"}) {
      remote::RemoteDevice device(server.client(token));
      QVERIFY(errorOf([&] { device.info(); }).contains("refused the token"));
      QVERIFY(errorOf([&] { device.run(request("scaled_dot", 64)); }).contains("token"));
    }
    const auto c = server.server->counters();
    QCOMPARE(c.completed, std::uint64_t(0));
    QCOMPARE(c.refused, c.requests);
    remote::RemoteDevice good(server.client("s3cret-token"));
    QCOMPARE(good.info().backend, std::string("cpu"));
    QVERIFY(good.run(request("scaled_dot", 64)).front().ok());
    // Without a token the server will not listen beyond loopback.
    remote::ServerOptions open;
    open.listen = "0.0.0.0:0";
    std::vector<std::unique_ptr<core::Device>> d;
    d.push_back(std::make_unique<core::CpuDevice>());
    remote::DeviceServer exposed(open, std::move(d));
    QVERIFY_THROWS_EXCEPTION(core::Error, exposed.start());
  }

  void sizesOverMaxNAreRefused() {
    remote::ServerOptions o;
    o.maxN = 1000;
    LocalServer server(o);
    remote::RemoteDevice device(server.client());
    // N = 2^31 would need exabytes: refused from the request alone, before anything is made.
    const QString e = errorOf([&] { device.run(request("scaled_dot", core::Index(1) << 31)); });
    QVERIFY2(e.contains("--max-n 1000"), qPrintable(e));
    QVERIFY(errorOf([&] { device.run(request("scaled_dot", 1001)); }).contains("--max-n"));
    QVERIFY(device.run(request("scaled_dot", 1000)).front().ok());
    QCOMPARE(server.server->counters().refused, std::uint64_t(2));
  }

  // The server's memory limit bounds every job, whatever the client asks for.
  void jobsOverTheServersMemoryAreRefused() {
    remote::ServerOptions o;
    o.maxMemory = 1 << 20;
    LocalServer server(o);
    remote::RemoteDevice device(server.client());
    core::EngineRequest r = request("scaled_dot", 1024);
    r.memoryLimit = 1e12;
    const core::JobOutcome out = device.run(r).front();
    QVERIFY(!out.ok());
    QCOMPARE(out.error->kind(), core::Error::Kind::TooLarge);
    QVERIFY(device.run(request("scaled_dot", 64)).front().ok());
  }

  void malformedRequests_data() {
    QTest::addColumn<int>("kind");
    QTest::newRow("negative size") << 0;
    QTest::newRow("unknown variant") << 1;
    QTest::newRow("tensor bytes disagree with its shape") << 2;
    QTest::newRow("no job") << 3;
    QTest::newRow("parameter out of range") << 4;
    QTest::newRow("K and V rows differ") << 5;
  }
  void malformedRequests() {
    QFETCH(int, kind);
    LocalServer server;
    pb::ComputeRequest req = remote::encodeRequest(request("local_window", 32));
    switch (kind) {
      case 0:
        req.mutable_spec()->set_n(-5);
        break;
      case 1:
        req.mutable_jobs(0)->set_variant("no_such_variant");
        break;
      case 2: {
        core::EngineRequest r = request("scaled_dot", 0);
        r.loaded = std::make_shared<core::Inputs>(core::generateInputs({}, {8, 8, 4, 4, 4}));
        req = remote::encodeRequest(r);
        req.mutable_tensors()->mutable_q()->mutable_data()->pop_back();
        break;
      }
      case 3:
        req.clear_jobs();
        break;
      case 4:
        (*req.mutable_jobs(0)->mutable_params()->mutable_numbers())["window"] = -3;
        break;
      case 5: {
        core::EngineRequest r = request("scaled_dot", 0);
        core::Inputs in = core::generateInputs({}, {8, 8, 4, 4, 4});
        in.v = core::Matrix::Ones(7, 4);
        r.loaded = std::make_shared<core::Inputs>(in);
        req = remote::encodeRequest(r);
        break;
      }
    }
    const grpc::Status s = rawCompute(server.address(), req);
    QCOMPARE(int(s.error_code()), int(grpc::StatusCode::INVALID_ARGUMENT));
    const QString message = QString::fromStdString(s.error_message());
    QVERIFY2(message.endsWith('.') && message.size() > 15, qPrintable(message));
    QCOMPARE(server.server->counters().completed, std::uint64_t(0));
  }

  void oversizeRequestsAreRefused() {
    remote::ServerOptions o;
    o.maxRequestBytes = 1 << 20;
    LocalServer server(o);
    core::EngineRequest r = request("scaled_dot", 0);
    r.loaded = std::make_shared<core::Inputs>(core::generateInputs({}, {4096, 4096, 32, 32, 32}));
    // The client checks the size the server announced before sending ...
    remote::RemoteDevice device(server.client());
    QVERIFY(errorOf([&] { device.run(r); }).contains("more than the device"));
    // ... and the server refuses a message over its limit whoever sends it.
    const grpc::Status s = rawCompute(server.address(), remote::encodeRequest(r));
    QCOMPARE(int(s.error_code()), int(grpc::StatusCode::RESOURCE_EXHAUSTED));
  }

  void eightClientsAtOnce() {
    remote::ServerOptions o;
    o.maxConcurrent = 8;
    LocalServer server(o);
    const char* variants[] = {"scaled_dot", "local_window", "bigbird", "linformer"};
    core::CpuDevice local;
    std::vector<core::JobOutcome> expected;
    for (const char* v : variants) expected.push_back(local.run(request(v, 48)).front());
    std::vector<std::future<int>> clients;
    for (int c = 0; c < 8; ++c)
      clients.push_back(std::async(std::launch::async, [&, c] {
        remote::RemoteDevice device(server.client());
        int correct = 0;
        for (int i = 0; i < 50; ++i) {
          const int k = (c + i) % 4;
          const auto got = device.run(request(variants[k], 48)).front();
          if (difference(expected[std::size_t(k)], got).isEmpty()) ++correct;
        }
        return correct;
      }));
    for (auto& f : clients) QCOMPARE(f.get(), 50);
    QCOMPARE(server.server->counters().completed, std::uint64_t(8 * 51));  // + each GetInfo
    QCOMPARE(server.server->counters().running, std::uint64_t(0));
  }

  void busyBeyondMaxConcurrent() {
    remote::ServerOptions o;
    o.maxConcurrent = 1;
    LocalServer server(o);
    remote::RemoteDevice first(server.client()), second(server.client());
    second.info();
    core::CancelToken cancel;
    auto heavy = std::async(std::launch::async, [&] {
      try {
        first.run(request("scaled_dot", 2048, 8), cancel);
      } catch (const core::Cancelled&) {
      }
    });
    QTRY_COMPARE_WITH_TIMEOUT(server.server->counters().running, std::uint64_t(1), 20000);
    QVERIFY(errorOf([&] { second.run(request("scaled_dot", 16)); }).contains("busy"));
    cancel.cancel();
    heavy.get();
    QTRY_COMPARE_WITH_TIMEOUT(server.server->counters().running, std::uint64_t(0), 20000);
    QVERIFY(second.run(request("scaled_dot", 16)).front().ok());
  }

  // A client that cancels mid-stream: the server stops computing and says so.
  void cancelFreesTheServer() {
    LocalServer server;
    remote::RemoteDevice device(server.client());
    core::CancelToken cancel;
    auto call = std::async(std::launch::async, [&] {
      try {
        device.run(request("scaled_dot", 2048, 12), cancel);
      } catch (const core::Cancelled&) {
        return true;
      }
      return false;
    });
    QTRY_COMPARE_WITH_TIMEOUT(server.server->counters().running, std::uint64_t(1), 20000);
    cancel.cancel();
    QVERIFY(call.get());
    QTRY_COMPARE_WITH_TIMEOUT(server.server->counters().cancelled, std::uint64_t(1), 20000);
    QCOMPARE(server.server->counters().running, std::uint64_t(0));
    bool logged = false;
    for (const auto& line : server.lines()) logged |= line.find("cancelled") != std::string::npos;
    QVERIFY(logged);
  }

  void shutdownFinishesOrCancels_data() {
    QTest::addColumn<double>("grace");
    QTest::newRow("with grace: finished") << 60.0;
    QTest::newRow("no grace: cancelled") << 0.0;
  }
  void shutdownFinishesOrCancels() {
    QFETCH(double, grace);
    LocalServer server;
    remote::RemoteDevice device(server.client());
    device.info();
    auto call = std::async(std::launch::async, [&] {
      return errorOf([&] { device.run(request("scaled_dot", 2048, 6)); });
    });
    QTRY_COMPARE_WITH_TIMEOUT(server.server->counters().running, std::uint64_t(1), 20000);
    server.server->shutdown(grace);
    const QString error = call.get();
    if (grace > 0) {
      QVERIFY2(error.isEmpty(), qPrintable(error));
      QCOMPARE(server.server->counters().completed, std::uint64_t(2));
    } else {
      QVERIFY(!error.isEmpty());
      QCOMPARE(server.server->counters().cancelled, std::uint64_t(1));
    }
  }
};

QTEST_GUILESS_MAIN(TestRemoteServer)
#include "test_remote_server.moc"
