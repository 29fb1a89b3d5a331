#include "input_files.h"

#include "widgets/core_text.h"

#include "core/io/matrix_file.h"
#include "core/memory.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>

namespace atlas::app {
namespace {

/// 'q', 'k' or 'v' from a file name such as "q.npy", "layer3_keys.csv"; 0 when unclear.
char roleOf(const QString& path) {
  const QStringList parts = QFileInfo(path).completeBaseName().toLower().split(
      QRegularExpression("[^a-z0-9]+"), Qt::SkipEmptyParts);
  char role = 0;
  for (const QString& p : parts) {
    char r = 0;
    if (p == "q" || p == "query" || p == "queries") r = 'q';
    if (p == "k" || p == "key" || p == "keys") r = 'k';
    if (p == "v" || p == "value" || p == "values") r = 'v';
    if (r && role && r != role) return 0;
    if (r) role = r;
  }
  return role;
}

}  // namespace

bool isMatrixFile(const QString& path) {
  const QString s = QFileInfo(path).suffix().toLower();
  return s == "npy" || s == "csv" || s == "txt";
}

std::shared_ptr<const core::Inputs> readInputFiles(const QStringList& paths,
                                                   std::function<QString()>* error) {
  auto inputs = std::make_shared<core::Inputs>();
  try {
    if (paths.size() == 1) {
      const core::Matrix x = core::io::readMatrixFile(paths[0].toStdString(), "Q, K, V", false,
                                                      core::defaultMemoryLimit());
      inputs->q = inputs->k = inputs->v = x;
    } else if (paths.size() == 3) {
      QString byRole[3];
      for (const QString& p : paths) {
        const char r = roleOf(p);
        const int slot = r == 'q' ? 0 : r == 'k' ? 1 : r == 'v' ? 2 : -1;
        if (slot < 0 || !byRole[slot].isEmpty()) {
          *error = [] {
            return QCoreApplication::translate(
                "InputFiles",
                "Cannot tell which file is Q, K and V: name them q, k and v (for example q.npy, "
                "k.npy, v.npy).");
          };
          return nullptr;
        }
        byRole[slot] = p;
      }
      const double limit = core::defaultMemoryLimit();
      inputs->q = core::io::readMatrixFile(byRole[0].toStdString(), "Q", false, limit);
      inputs->k = core::io::readMatrixFile(byRole[1].toStdString(), "K", false, limit);
      inputs->v = core::io::readMatrixFile(byRole[2].toStdString(), "V", false, limit);
    } else {
      *error = [] {
        return QCoreApplication::translate(
            "InputFiles", "Give one file (used as Q, K and V) or three files named q, k and v.");
      };
      return nullptr;
    }
    core::validateInputs(*inputs);
  } catch (const core::Error& e) {
    *error = [e] { return widgets::errorText(e); };
    return nullptr;
  }
  return inputs;
}

QString describeInputFiles(const QStringList& paths, const core::Inputs& inputs) {
  QStringList names;
  for (const QString& p : paths) names << QFileInfo(p).fileName();
  const auto d = inputs.dims();
  return QCoreApplication::translate("InputFiles",
                                     "Files %1: N = %2, M = %3, dq = %4, dk = %5, dv = %6")
      .arg(names.join(", "))
      .arg(d.n)
      .arg(d.m)
      .arg(d.dq)
      .arg(d.dk)
      .arg(d.dv);
}

}  // namespace atlas::app
