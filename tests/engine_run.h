// What the engine-driven test suites share: setting parameters from "name=value" lists (as the
// command line's --set does) and running one job through the engine on generated inputs.
#pragma once

#include "core/engine.h"
#include "core/params.h"
#include "core/variant_registry.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace testrun {

/// Sets each "name=value" item of `list` (items separated by `separator`) on `p`; with
/// `causal` >= 0 also the causal flag, when the variant has one.
inline void setParams(atlas::core::ParamSet& p, const atlas::core::Variant& v, const QString& list,
                      QChar separator = ';', int causal = -1) {
  const auto specs = v.params();
  if (causal >= 0 && atlas::core::findSpec(specs, "causal"))
    atlas::core::setParam(p, specs, v.id(), "causal", causal ? "1" : "0");
  for (const QString& kv : list.split(separator, Qt::SkipEmptyParts))
    atlas::core::setParam(p, specs, v.id(), kv.section('=', 0, 0).toStdString(),
                          kv.section('=', 1).toStdString());
}

/// The variant's defaults with `seed` and the items of `list` (see setParams).
inline atlas::core::ParamSet params(const atlas::core::Variant& v, const QString& list, int seed,
                                    QChar separator = ';', int causal = -1) {
  atlas::core::ParamSet p = atlas::core::defaultParams(v.params());
  p.seed = static_cast<std::uint64_t>(seed);
  setParams(p, v, list, separator, causal);
  return p;
}

/// The shapes and source of a job's generated inputs (m = 0: m = n; dv = 0: dv = d).
struct Shape {
  QString source = "random";  ///< "random", "positional", "clustered" or "sentence:TEXT"
  atlas::core::Index n = 16, m = 0, d = 16, dv = 0;
  int seed = 0;
};

/// Runs `v` with `p` through the engine on inputs generated from `shape`, or on `loaded`.
inline atlas::core::JobOutcome run(const atlas::core::Variant& v, const atlas::core::ParamSet& p,
                                   const Shape& shape,
                                   std::shared_ptr<const atlas::core::Inputs> loaded = nullptr) {
  atlas::core::EngineRequest req;
  req.spec = atlas::core::parseInputSource(shape.source.toStdString());
  req.spec.n = shape.n;
  req.spec.m = shape.m;
  req.spec.d = shape.d;
  req.spec.dv = shape.dv;
  req.spec.seed = static_cast<std::uint64_t>(shape.seed);
  req.loaded = std::move(loaded);
  req.jobs.push_back({&v, p});
  return atlas::core::Engine().run(req).front();
}

}  // namespace testrun
