// The PyTorch device server (scripts/atlas_device_torch.py) as a child process of a test: started
// with Debian's /usr/bin/python3 on a free loopback port read from its first line on stderr, and
// stopped (terminate, then kill) when the fixture goes.
#pragma once

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

namespace torchserver {

inline const QString kPython = QStringLiteral("/usr/bin/python3");

/// Why this machine cannot run the server (for QSKIP), or an empty string when it can.
inline QString missing() {
  if (!QFileInfo(kPython).isExecutable()) return kPython + " is not installed";
  QProcess probe;
  probe.start(kPython, {"-c", "import torch, grpc, google.protobuf"});
  if (!probe.waitForFinished(60000) || probe.exitCode() != 0)
    return kPython +
           " cannot import torch, grpc and google.protobuf (Debian: python3-torch "
           "python3-grpcio python3-protobuf)";
  if (QStandardPaths::findExecutable("protoc").isEmpty())
    return "protoc is not installed (Debian: protobuf-compiler)";
  if (!QFileInfo("/usr/bin/grpc_python_plugin").isExecutable())
    return "/usr/bin/grpc_python_plugin is not installed (Debian: protobuf-compiler-grpc)";
  return {};
}

class Server {
 public:
  ~Server() { stop(); }

  /// Starts the server with `extra` options after --listen 127.0.0.1:0; empty on success, else
  /// what went wrong with the server's own words.
  QString start(const QStringList& extra = {}) {
    if (!m_dir.isValid()) return "no temporary directory";
    // stderr goes to a file: a pipe nobody drains while a test waits on a call would fill up
    // with the server's request lines and stall it.
    m_process.setStandardErrorFile(logPath());
    m_process.setStandardOutputFile(QProcess::nullDevice());
    m_process.start(kPython,
                    QStringList{QString(ATLAS_SOURCE_DIR) + "/scripts/atlas_device_torch.py",
                                "--listen", "127.0.0.1:0"} +
                        extra);
    if (!m_process.waitForStarted(10000)) return "could not start " + kPython;
    static const QRegularExpression listening("listening on ([^ ,]+):(\\d+)");
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 60000) {
      const auto match = listening.match(log());
      if (match.hasMatch()) {
        m_address = match.captured(1) + ":" + match.captured(2);
        return {};
      }
      if (m_process.state() == QProcess::NotRunning) return "the server exited: " + log().trimmed();
      QThread::msleep(50);
    }
    return "the server did not say where it listens within 60 s: " + log().trimmed();
  }

  /// HOST:PORT it listens on.
  std::string address() const { return m_address.toStdString(); }

  /// Everything the server wrote on stderr so far.
  QString log() const {
    QFile f(logPath());
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
  }

  /// A file in the fixture's temporary directory holding `text` (a token file).
  QString writeFile(const QString& name, const QByteArray& text) const {
    QFile f(m_dir.filePath(name));
    if (f.open(QIODevice::WriteOnly)) f.write(text);
    return f.fileName();
  }

  /// SIGTERM, and SIGKILL if it has not stopped within 10 s.
  void stop() {
    if (m_process.state() == QProcess::NotRunning) return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
      m_process.kill();
      m_process.waitForFinished(5000);
    }
  }

  bool running() const { return m_process.state() != QProcess::NotRunning; }

 private:
  QString logPath() const { return m_dir.filePath("server.log"); }

  QTemporaryDir m_dir;
  QProcess m_process;
  QString m_address;
};

}  // namespace torchserver
