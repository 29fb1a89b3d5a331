// Q, K, V from files the user opens or drops: one file is Q, K and V at once; three are told
// apart by their names (q.npy, layer3_keys.csv, ...).
#pragma once

#include "core/inputs.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace atlas::app {

/// Whether a path looks like a matrix file (.npy, .csv, .txt) worth accepting on a drop.
bool isMatrixFile(const QString& path);

/// The inputs in `paths`, checked (core::validateInputs); or one sentence in the UI language,
/// asked again on a language change, saying why not (`error` is set, the result null).
std::shared_ptr<const core::Inputs> readInputFiles(const QStringList& paths,
                                                   std::function<QString()>* error);

/// "Files q.npy, k.npy, v.npy: N = .., M = .., dq = .., dk = .., dv = ..", in the UI language.
QString describeInputFiles(const QStringList& paths, const core::Inputs& inputs);

}  // namespace atlas::app
