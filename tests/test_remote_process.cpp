// The real attention-atlas-device, started and stopped by the test: TLS with a certificate made
// now (a client without the CA fails, one with it succeeds); a server killed mid-request gives
// the client an error well within its deadline, and a restarted one is used again by the same
// client; SIGTERM stops it cleanly; the command line's --remote and device-info.
#include "remote_fixture.h"

#include "core/variant_registry.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <future>

using namespace atlas;

namespace {

core::EngineRequest request(core::Index n, int jobs = 1) {
  core::EngineRequest r;
  r.spec.n = n;
  r.spec.d = 32;
  for (int j = 0; j < jobs; ++j) {
    const core::Variant& v = core::requireVariant("scaled_dot");
    r.jobs.push_back({&v, core::defaultParams(v.params())});
  }
  return r;
}

/// attention-atlas-device with `args`; returns the port it says it listens on (0: it did not
/// start), keeping the process.
int startServer(QProcess& p, QStringList args) {
  p.setProcessChannelMode(QProcess::SeparateChannels);
  p.start(ATLAS_DEVICE_PATH, args);
  if (!p.waitForStarted(10000)) return 0;
  QString err;
  const QRegularExpression re("listening on [^ ]*:(\\d+)");
  for (int i = 0; i < 200; ++i) {
    p.waitForReadyRead(100);
    err += QString::fromUtf8(p.readAllStandardError());
    const auto m = re.match(err);
    if (m.hasMatch()) return m.captured(1).toInt();
    if (p.state() == QProcess::NotRunning) return 0;
  }
  return 0;
}

void stop(QProcess& p) {
  if (p.state() == QProcess::NotRunning) return;
  p.kill();
  p.waitForFinished(10000);
}

QString errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const core::Error& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

}  // namespace

class TestRemoteProcess : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;

  QString file(const QString& name) const { return m_dir.filePath(name); }

 private slots:
  void tls() {
    const auto makeCert = [&](const QString& stem) {
      QProcess openssl;
      openssl.setStandardOutputFile(QProcess::nullDevice());
      openssl.setStandardErrorFile(QProcess::nullDevice());
      openssl.start("openssl",
                    {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                     "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                     "-keyout", file(stem + ".key"), "-out", file(stem + ".pem")});
      return openssl.waitForFinished(60000) && openssl.exitStatus() == QProcess::NormalExit &&
             openssl.exitCode() == 0;
    };
    if (!makeCert("server") || !makeCert("other")) QSKIP("openssl is not installed");
    QProcess server;
    const int port = startServer(server, {"--listen", "127.0.0.1:0", "--tls-cert",
                                          file("server.pem"), "--tls-key", file("server.key")});
    QVERIFY(port > 0);
    const auto pem = [&](const QString& name) {
      QFile f(file(name));
      f.open(QIODevice::ReadOnly);
      return f.readAll().toStdString();
    };
    remote::RemoteOptions o;
    o.address = "localhost:" + std::to_string(port);
    o.infoSeconds = 5;
    remote::RemoteDevice plain(o);
    QVERIFY(!errorOf([&] { plain.info(); }).isEmpty());
    o.tlsCaPem = pem("other.pem");
    remote::RemoteDevice wrongCa(o);
    QVERIFY(!errorOf([&] { wrongCa.info(); }).isEmpty());
    o.tlsCaPem = pem("server.pem");
    remote::RemoteDevice trusted(o);
    QCOMPARE(trusted.info().backend, std::string("cpu"));
    QVERIFY(trusted.run(request(64)).front().ok());
    stop(server);
  }

  void killedAndRestarted() {
    QProcess server;
    int port = startServer(server, {"--listen", "127.0.0.1:0"});
    QVERIFY(port > 0);
    remote::RemoteOptions o;
    o.address = "127.0.0.1:" + std::to_string(port);
    o.callSeconds = 120;
    remote::RemoteDevice device(o);
    QVERIFY(device.run(request(32)).front().ok());
    auto call = std::async(std::launch::async, [&] {
      const auto t0 = std::chrono::steady_clock::now();
      const QString e = errorOf([&] { device.run(request(3000, 16)); });
      return std::make_pair(
          e, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    });
    QTest::qWait(300);
    stop(server);  // SIGKILL, mid-request
    const auto [error, seconds] = call.get();
    QVERIFY2(!error.isEmpty(), "a killed server gave a result");
    QVERIFY2(!error.contains("did not answer"), qPrintable(error));  // not the deadline's error
    QVERIFY(seconds < o.callSeconds);
    // A server on the same port again: the same client uses it after reconnect().
    port = startServer(server, {"--listen", QString::fromStdString(o.address)});
    QVERIFY(port > 0);
    device.reconnect();
    QVERIFY(device.run(request(32)).front().ok());
    stop(server);
  }

  void sigtermStopsCleanly() {
    QProcess server;
    const int port = startServer(server, {"--listen", "127.0.0.1:0"});
    QVERIFY(port > 0);
    remote::RemoteOptions o;
    o.address = "127.0.0.1:" + std::to_string(port);
    remote::RemoteDevice(o).info();
    ::kill(pid_t(server.processId()), SIGTERM);
    QVERIFY(server.waitForFinished(20000));
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 0);
    const QString log = QString::fromUtf8(server.readAllStandardError());
    QVERIFY2(log.contains("stopping (SIGTERM)") && log.contains("stopped: 1 request(s)"),
             qPrintable(log));
  }

  // The command line: compute --remote writes what compute writes, device-info says what the
  // server is, and a wrong token is one sentence with exit code 2.
  void commandLine() {
    QFile token(file("token"));
    QVERIFY(token.open(QIODevice::WriteOnly));
    token.write("tok-123\n");
    token.close();
    QProcess server;
    const int port =
        startServer(server, {"--listen", "127.0.0.1:0", "--token-file", file("token")});
    QVERIFY(port > 0);
    const QString address = "127.0.0.1:" + QString::number(port);
    const auto cli = [](const QStringList& args, QString* err = nullptr) {
      QProcess p;
      p.start(ATLAS_CLI_PATH, args);
      p.waitForFinished(60000);
      if (err) *err = QString::fromUtf8(p.readAllStandardError());
      return p.exitCode();
    };
    const QStringList compute = {"compute", "--variant", "bigbird", "--n", "96", "--seed", "5"};
    QCOMPARE(cli(compute + QStringList{"--out", file("local")}), 0);
    QCOMPARE(cli(compute + QStringList{"--remote", address, "--token-file", file("token"), "--out",
                                       file("remote")}),
             0);
    for (const char* f : {"weights.npy", "mask.npy", "output.npy", "components.npy"}) {
      QFile a(file("local/") + f), b(file("remote/") + f);
      QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
      QVERIFY2(a.readAll() == b.readAll(), f);
    }
    QFile meta(file("remote/meta.json"));
    QVERIFY(meta.open(QIODevice::ReadOnly));
    QVERIFY(meta.readAll().contains("\"computed_on\""));
    QString err;
    QCOMPARE(cli({"device-info", "--remote", address, "--token-file", file("token")}, &err), 0);
    QFile wrong(file("wrong"));
    QVERIFY(wrong.open(QIODevice::WriteOnly));
    wrong.write("nope\n");
    wrong.close();
    QCOMPARE(cli(compute + QStringList{"--remote", address, "--token-file", file("wrong"), "--out",
                                       file("x")},
                 &err),
             2);
    QVERIFY2(err.startsWith("error: The device at") && err.contains("refused the token") &&
                 err.count('\n') == 1,
             qPrintable(err));
    stop(server);
  }
};

QTEST_GUILESS_MAIN(TestRemoteProcess)
#include "test_remote_process.moc"
