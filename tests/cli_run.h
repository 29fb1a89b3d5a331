// What the command-line suites share: running the built attention-atlas executable (optionally
// under an address-space limit), reading a file back, and writing random float32 .npy inputs.
#pragma once

#include "reference.h"

#include "core/io/npy.h"

#include <QElapsedTimer>

#include <sys/resource.h>
#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <random>
#include <vector>

namespace clirun {

struct Run {
  int code = -1;
  bool crashed = true;
  QString out, err;
  qint64 ms = 0;
};

/// Runs the CLI. With `addressSpaceLimit` (bytes), the child may not map more than that: a
/// command that allocated an N x N matrix before refusing it would fail with "Out of memory".
inline Run run(const QStringList& args, rlim_t addressSpaceLimit = 0) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("QT_QPA_PLATFORM", "offscreen");
  p.setProcessEnvironment(env);
  if (addressSpaceLimit > 0) {
    p.setChildProcessModifier([addressSpaceLimit] {
      const rlimit limit{addressSpaceLimit, addressSpaceLimit};
      setrlimit(RLIMIT_AS, &limit);
    });
  }
  QElapsedTimer timer;
  timer.start();
  p.start(ATLAS_CLI_PATH, args);
  Run r;
  if (!p.waitForFinished(60000)) {
    p.kill();
    p.waitForFinished();
    r.err = "timed out or failed to start";
    return r;
  }
  r.ms = timer.elapsed();
  r.code = p.exitCode();
  r.crashed = p.exitStatus() != QProcess::NormalExit;
  r.out = QString::fromUtf8(p.readAllStandardOutput());
  r.err = QString::fromUtf8(p.readAllStandardError());
  return r;
}

inline QByteArray fileBytes(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Random values in [-1, 1] written as float32 .npy; returned as the doubles of those floats
/// (a 1-D shape gives a column: rows x 1, as ref::additive reads w_v).
inline ref::Mat<double> writeRandom(const QString& path, const std::vector<std::int64_t>& shape,
                                    std::mt19937& rng) {
  const std::int64_t rows = shape[0], cols = shape.size() > 1 ? shape[1] : 1;
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::int64_t count = 1;  // every entry of the shape (a 3-D fixture has more than rows x cols)
  for (std::int64_t s : shape) count *= s;
  std::vector<float> data(static_cast<std::size_t>(count));
  for (float& x : data) x = u(rng);
  atlas::core::io::writeNpy(path.toStdString(), data.data(), shape);
  ref::Mat<double> m(rows, std::vector<double>(cols));
  for (std::int64_t i = 0; i < rows; ++i)
    for (std::int64_t j = 0; j < cols; ++j) m[i][j] = data[std::size_t(i * cols + j)];
  return m;
}

}  // namespace clirun
